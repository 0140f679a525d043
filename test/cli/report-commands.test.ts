// The report side of the CLI: `scan --format/-o extension/--redact/--baseline/--ignore/--category`,
// `render` and `verify`, with their exit codes.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNdjson, validateReport, type Report } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { richReport } from '../helpers/reports.js';

const fixtures = new URL('../fixtures/unpack/', import.meta.url).pathname;
const temp = () => mkdtempSync(join(tmpdir(), 'fwsift-cli-report-'));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;

/** A private copy of a fixture, so verify tests can change it. */
function copy(name: string): { dir: string; path: string } {
  const dir = temp();
  const path = join(dir, name.split('/').at(-1)!);
  copyFileSync(join(fixtures, name), path);
  return { dir, path };
}

describe('fwsift scan output formats', () => {
  it('picks the format from the -o extension: .sarif, .md, .html, .ndjson, .json', async () => {
    const dir = temp();
    const input = join(fixtures, 'zip/basic.zip');
    for (const [file, check] of [
      ['r.sarif', (text: string) => expect(JSON.parse(text)).toMatchObject({ version: '2.1.0' })],
      ['r.md', (text: string) => expect(text.startsWith('# fwsift evidence report')).toBe(true)],
      ['r.html', (text: string) => expect(text.startsWith('<!DOCTYPE html>')).toBe(true)],
      ['r.ndjson', (text: string) => expect(validateReport(parseNdjson(text))).toEqual([])],
      ['r.json', (text: string) => expect(validateReport(JSON.parse(text))).toEqual([])],
    ] as const) {
      const run = await runCli('scan', input, '-o', join(dir, file), '--fail-on', 'none');
      expect(run.code, run.stderr).toBe(0);
      check(readFileSync(join(dir, file), 'utf8'));
      expect(run.stdout).toContain(`report written to ${join(dir, file)}`);
    }
  });

  it('writes --format without -o to standard output and the summary to standard error', async () => {
    const run = await runCli('scan', join(fixtures, 'zip/basic.zip'), '--format', 'sarif', '--category', 'firmware', '--fail-on', 'none');
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout) as { runs: { automationDetails: unknown }[] };
    expect(log.runs[0]!.automationDetails).toEqual({ id: 'firmware/' });
    expect(run.stderr).toMatch(/findings?:/);
  });

  it('streams NDJSON that ends with a summary line matching the JSON report', async () => {
    const dir = temp();
    const run = await runCli('scan', join(fixtures, 'tar/ustar.tar'), join(fixtures, 'gzip/basic.txt.gz'), '-o', join(dir, 'r.ndjson'), '--fail-on', 'none', '-q');
    expect(run.code).toBe(0);
    const lines = readFileSync(join(dir, 'r.ndjson'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'summary' });
    expect(lines.every((line) => ['input', 'finding', 'summary'].includes((JSON.parse(line) as { type: string }).type))).toBe(true);
  });

  it('rejects an unknown --format with exit 2', async () => {
    const run = await runCli('scan', join(fixtures, 'zip/basic.zip'), '--format', 'xml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'xml' is invalid");
  });

  it('--redact leaves contexts out and keeps ids', async () => {
    const dir = temp();
    await runCli('scan', join(fixtures, 'zip/basic.zip'), '-o', join(dir, 'plain.json'), '--fail-on', 'none', '-q');
    await runCli('scan', join(fixtures, 'zip/basic.zip'), '-o', join(dir, 'redacted.json'), '--redact', '--fail-on', 'none', '-q');
    const plain = readJson(join(dir, 'plain.json'));
    const redacted = readJson(join(dir, 'redacted.json'));
    expect(redacted.findings.map((finding) => finding.id)).toEqual(plain.findings.map((finding) => finding.id));
    expect(redacted.findings.every((finding) => finding.context.redacted === true)).toBe(true);
  });

  it('--baseline: a rescan against its own report has no new finding and exits 0', async () => {
    const dir = temp();
    const input = join(fixtures, 'zip/basic.zip');
    const first = await runCli('scan', input, '-o', join(dir, 'base.json'), '--fail-on', 'low', '-q');
    expect(first.code).toBe(1);
    const second = await runCli('scan', input, '-o', join(dir, 'again.json'), '--baseline', join(dir, 'base.json'), '--fail-on', 'low', '-q');
    expect(second.code).toBe(0);
    const again = readJson(join(dir, 'again.json'));
    expect(again.summary.baseline).toMatchObject({ new: 0, absent: [] });
    expect(again.findings.every((finding) => finding.baselineState === 'unchanged')).toBe(true);
  });

  it('--ignore suppresses with a reason, reports unused entries, and exits 0 when everything is suppressed', async () => {
    const dir = temp();
    const ignore = join(dir, 'ignore.json');
    // `basic.zip*` takes the `!` that ends the segment; `/**` is every member below, or none (the file itself).
    // (`**/basic.zip**` no longer does: `**` inside a segment is one `*`, as in .gitignore.)
    writeFileSync(ignore, JSON.stringify({ ignore: [{ path: '**/basic.zip*/**', reason: 'test fixture' }, { id: 'f'.repeat(32), reason: 'stale' }] }));
    const run = await runCli('scan', join(fixtures, 'zip/basic.zip'), '-o', join(dir, 'r.json'), '--ignore', ignore, '--fail-on', 'low', '-q');
    expect(run.code).toBe(0);
    const report = readJson(join(dir, 'r.json'));
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding) => finding.suppression?.reason === 'test fixture')).toBe(true);
    expect(report.summary.ignore?.unused).toEqual([{ entry: 'f'.repeat(32), reason: 'stale', expired: false }]);
  });

  it('stops with exit 2 before scanning when the baseline or ignore file is bad', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'bad.json'), '{"reportSchemaVersion":"1.0.0"}');
    writeFileSync(join(dir, 'ignore.json'), '{"ignore":[{"path":"x"}]}');
    const baseline = await runCli('scan', join(fixtures, 'zip/basic.zip'), '--baseline', join(dir, 'bad.json'));
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain('--baseline: ');
    expect(baseline.stderr).toContain("does not match the fwsift report schema:\n  /: must have required property 'tool'");
    expect(baseline.stderr).toContain('nothing was scanned');
    const ignore = await runCli('scan', join(fixtures, 'zip/basic.zip'), '--ignore', join(dir, 'ignore.json'));
    expect(ignore.code).toBe(2);
    expect(ignore.stderr).toContain('is not a valid ignore file:\n  /ignore/0: "reason" is required');
  });
});

describe('fwsift render', () => {
  const saved = () => {
    const dir = temp();
    const path = join(dir, 'report.json');
    writeFileSync(path, `${JSON.stringify(richReport(), null, 2)}\n`);
    return { dir, path };
  };

  it('renders a saved report in each format, to standard output or -o', async () => {
    const { dir, path } = saved();
    const md = await runCli('render', path, '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith('# fwsift evidence report')).toBe(true);
    const html = await runCli('render', path, '-o', join(dir, 'out.html'));
    expect(html.code).toBe(0);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toContain('<section class="finding" id="f-4">');
    const sarif = await runCli('render', path, '--format', 'sarif', '--category', 'x');
    expect(JSON.parse(sarif.stdout)).toMatchObject({ runs: [{ automationDetails: { id: 'x/' } }] });
  });

  it('round-trips JSON → NDJSON → JSON', async () => {
    const { dir, path } = saved();
    await runCli('render', path, '-o', join(dir, 'r.ndjson'));
    const back = await runCli('render', join(dir, 'r.ndjson'), '--format', 'json');
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toEqual(richReport());
  });

  it('--redact removes contexts while rendering', async () => {
    const { path } = saved();
    const run = await runCli('render', path, '--format', 'json', '--redact');
    expect((JSON.parse(run.stdout) as Report).findings.every((finding) => finding.context.redacted === true)).toBe(true);
  });

  it('refuses a report that does not match the schema, with exit 2 and the problems', async () => {
    const { dir } = saved();
    const bad = JSON.parse(JSON.stringify(richReport())) as { findings: { confidence: string }[] };
    bad.findings[0]!.confidence = 'certain';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const run = await runCli('render', join(dir, 'bad.json'), '--format', 'md');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`fwsift: ${join(dir, 'bad.json')} does not match the fwsift report schema:\n  /findings/0/confidence: must be equal to one of the allowed values\n`);
    expect(run.stdout).toBe('');
  });

  it('refuses a file that is not JSON, a missing file, and a missing format', async () => {
    const { dir, path } = saved();
    writeFileSync(join(dir, 'text.json'), 'hello');
    expect((await runCli('render', join(dir, 'text.json'), '--format', 'md')).stderr).toMatch(/is not a fwsift report \(JSON or NDJSON\)/);
    expect((await runCli('render', join(dir, 'none.json'), '--format', 'md')).code).toBe(2);
    const noFormat = await runCli('render', path);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain('render needs --format, or -o FILE with an extension');
  });
});

describe('fwsift verify', () => {
  it('prints OK per input and finding and exits 0 for an untouched report', async () => {
    const { dir, path } = copy('zip/nested--targz-in-zip.zip');
    await runCli('scan', path, '-o', join(dir, 'r.json'), '--fail-on', 'none', '-q');
    const run = await runCli('verify', join(dir, 'r.json'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^input .*nested--targz-in-zip\.zip: OK\n/);
    expect(run.stdout).toMatch(/\nfinding [0-9a-f]{32} 人种 at .*!\/rootfs\.tar\.gz!\/<gzip>!\/a\/b\/term-utf16le\.txt @ 0xbc: OK\n/);
    expect(run.stdout).toMatch(/\nverified: (\d+) of \1 checks OK\n$/);
  });

  it('prints FAILED with the reason and exits 1 when the input changed', async () => {
    const { dir, path } = copy('tar/ustar.tar');
    await runCli('scan', path, '-o', join(dir, 'r.json'), '--fail-on', 'none', '-q');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01; // the end-of-archive padding: only the input hash changes
    writeFileSync(path, bytes);
    const run = await runCli('verify', join(dir, 'r.json'), '-q');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^input .*ustar\.tar: FAILED: sha256 is [0-9a-f]{64}, the report says [0-9a-f]{64}\nFAILED: 1 of \d+ checks failed\n$/);
  });

  it('exits 2 for a report that is not valid', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'r.json'), '{}');
    const run = await runCli('verify', join(dir, 'r.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not match the fwsift report schema');
  });
});
