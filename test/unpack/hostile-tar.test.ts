// A tar directory entry whose header declares a size (fixtures from test/fixtures/build/hostile.py):
// tar-stream never ends such an entry's stream, so the scan must not wait for it, alone or
// inside gzip and zip; the member after it is still opened and the odd header is a problem.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, validateReport } from '../../src/index.js';

const fixture = (name: string): string => new URL(`../fixtures/hostile/${name}`, import.meta.url).pathname;

describe('a tar directory entry with a non-zero size', () => {
  it.each([
    ['tar-dir-with-size.tar', ['tar']],
    ['tar-dir-with-size.tar.gz', ['gzip', 'tar']],
    ['tar-dir-with-size.zip', ['zip', 'tar']],
  ])('%s: scanned to the end, the member after it opened, the size reported', async (name, formats) => {
    const report = await scan([fixture(name)]);
    expect(validateReport(report)).toEqual([]);
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    const problem = input.problems.find((candidate) => candidate.message.includes('declares 2048 bytes'));
    expect(problem?.kind).toBe('corrupt');
    expect(problem?.message).toContain('tar: directory entry at 0');
    const member = report.findings.find((finding) => finding.term.text === '人种' && finding.location.chain.at(-1)?.format === 'tar');
    expect(member?.location.chain.map((link) => link.format)).toEqual(formats);
  });

  it('with 2,048 data bytes really stored after it: a corrupt header problem, the bytes still searched raw', async () => {
    const tar = readFileSync(fixture('tar-dir-with-size.tar'));
    const filler = Buffer.from('人种 '.repeat(200).slice(0, 2048 / 2), 'utf8').subarray(0, 2048);
    const path = join(mkdtempSync(join(tmpdir(), 'fwsift-tar-')), 'stored.tar');
    writeFileSync(path, Buffer.concat([tar.subarray(0, 512), filler, tar.subarray(512)]));
    const report = await scan([path]);
    expect(validateReport(report)).toEqual([]);
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    expect(input.problems.some((problem) => problem.kind === 'corrupt')).toBe(true);
    expect(input.problems.filter((problem) => problem.kind === 'internal')).toEqual([]);
    expect(report.findings.some((finding) => finding.location.chain.length === 0 && finding.location.offset >= 512 && finding.location.offset < 512 + 2048)).toBe(true);
  });
});
