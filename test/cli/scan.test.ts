import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport, type Report } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

const samples = new URL('../../samples/', import.meta.url).pathname;
const temp = () => mkdtempSync(join(tmpdir(), 'fwsift-cli-'));

describe('fwsift scan', () => {
  it('scans the bundled samples, writes a schema-valid report with -o and prints a summary', async () => {
    const out = join(temp(), 'report.json');
    const run = await runCli('scan', samples, '-o', out, '--fail-on', 'none');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(run.stdout).toContain(`${report.summary.findings} findings`);
    expect(run.stdout).toContain('dahua-style-firmware.bin!/romfs.tar.gz!/<gzip>!/usr/include/face_attr.h');
    expect(report.summary.byCategory['region-targeting']).toBeGreaterThan(0);
  });

  it('finds every planted layer of the Dahua-style firmware sample', async () => {
    const run = await runCli('scan', join(samples, 'dahua-style-firmware.bin'), '-o', '-', '-q');
    const report = JSON.parse(run.stdout) as Report;
    const members = new Set(report.findings.map((f) => f.location.chain.map((link) => `${link.format}:${typeof link.path === 'string' ? link.path : ''}`).join('>')));
    expect([...members]).toEqual(
      expect.arrayContaining([
        'dahua-zip:romfs.tar.gz>gzip:>tar:usr/include/face_attr.h',
        'dahua-zip:romfs.tar.gz>gzip:>tar:etc/web/lang/zh-CN.xml',
        'dahua-zip:romfs.tar.gz>gzip:>tar:usr/lib/libface_attr.so',
      ]),
    );
    expect(report.findings.some((f) => f.term.text === 'EM_NATION_TYPE_UYGUR' && f.confidence === 'high')).toBe(true);
    expect(report.findings.some((f) => f.match.encoding === 'gb18030' && f.term.text === '维族(新疆)')).toBe(true);
    expect(report.findings.some((f) => f.match.encoding === 'utf-16le' && f.term.text === '疆藏(需定制支持)')).toBe(true);
  });

  it('exits 1 on findings at the default --fail-on medium, 0 with --fail-on none', async () => {
    expect((await runCli('scan', join(samples, 'product-page-gb2312.html'), '-q')).code).toBe(1);
    expect((await runCli('scan', join(samples, 'product-page-gb2312.html'), '-q', '--fail-on', 'none')).code).toBe(0);
  });

  it('reports nothing for the clean samples and exits 0', async () => {
    const run = await runCli('scan', join(samples, 'clean'), '-o', '-', '-q');
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(0);
    expect(report.findings.filter((f) => f.confidence !== 'low')).toEqual([]);
    expect(report.inputs.every((input) => input.status === 'complete')).toBe(true);
  });

  it('refuses a missing path with exit 2, naming it, and scans nothing', async () => {
    const out = join(temp(), 'report.json');
    const run = await runCli('scan', samples, 'no/such/file.bin', '-o', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"no/such/file.bin"');
    expect(run.stderr).toContain('nothing was scanned');
    expect(() => readFileSync(out)).toThrow();
  });

  it('exits 2 for a partial scan unless --allow-partial', async () => {
    const truncated = new URL('../fixtures/unpack/gzip/truncated--stream.gz', import.meta.url).pathname;
    expect((await runCli('scan', truncated, '-q', '--fail-on', 'none')).code).toBe(2);
    expect((await runCli('scan', truncated, '-q', '--fail-on', 'none', '--allow-partial')).code).toBe(0);
  });

  it('treats empty files and empty directories as clean, complete inputs', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'empty-dir'));
    writeFileSync(join(dir, 'empty.bin'), '');
    const run = await runCli('scan', dir, '-o', '-', '-q');
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(0);
    expect(report.inputs).toEqual([expect.objectContaining({ size: 0, status: 'complete' })]);
  });

  it('lists symbolic links as skipped without following them, in byte order of names', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'b.txt'), 'EM_NATION_TYPE_UYGUR');
    writeFileSync(join(dir, 'a.txt'), 'nothing here');
    symlinkSync(join(dir, 'b.txt'), join(dir, 'c-link.txt'));
    const run = await runCli('scan', dir, '-o', '-', '-q', '--fail-on', 'none');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.inputs.map((input) => [String(input.path).slice(dir.length + 1), input.status])).toEqual([
      ['a.txt', 'complete'],
      ['b.txt', 'complete'],
      ['c-link.txt', 'skipped'],
    ]);
    expect(report.findings.filter((f) => f.term.text === 'EM_NATION_TYPE_UYGUR')).toHaveLength(1);
  });

  it('keeps a file name that is not UTF-8 losslessly', async () => {
    const dir = temp();
    const name = Buffer.concat([Buffer.from(dir + '/'), Buffer.from([0x66, 0xff, 0x2e, 0x68])]);
    writeFileSync(name, 'EM_NATION_TYPE_UYGUR');
    const run = await runCli('scan', dir, '-o', '-', '-q');
    const report = JSON.parse(run.stdout) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.path).toEqual({ base64: name.toString('base64') });
    expect(report.findings[0]!.location.input).toEqual({ base64: name.toString('base64') });
  });

  it('rejects a broken pattern pack with exit 2 before scanning', async () => {
    const pack = join(temp(), 'bad.json');
    writeFileSync(pack, JSON.stringify({ id: 'bad', version: '1.0.0', description: 'x', terms: [{ id: 'x', text: 'x', colour: 1 }] }));
    const run = await runCli('scan', samples, '--patterns', pack);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.json');
    expect(run.stderr).toContain('nothing was scanned');
  });

  it('produces the same findings twice (determinism)', async () => {
    const first = JSON.parse((await runCli('scan', samples, '-o', '-', '-q')).stdout) as Report;
    const second = JSON.parse((await runCli('scan', samples, '-o', '-', '-q')).stdout) as Report;
    expect(second.findings).toEqual(first.findings);
    expect(second.inputs).toEqual(first.inputs);
  });
});
