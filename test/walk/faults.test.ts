// Issue 11, the walker's part: a handler that stops moving ends its input as partial (never the
// run), an interrupted scan says what it did not reach, floods of one term stay bounded, an
// unusable temporary directory loses only the spill, and a symbolic link named by the user is
// followed.
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { scan, validateReport } from '../../src/index.js';
import { defineHandler } from '../../src/unpack/types.js';
import type { Visitor } from '../../src/walk/types.js';
import { walkInput } from '../../src/walk/walker.js';

const temp = () => mkdtempSync(join(tmpdir(), 'fwsift-faults-'));
const fixture = (path: string) => new URL(`../fixtures/unpack/${path}`, import.meta.url).pathname;
const countingVisitor = (): Visitor & { objects: number } => ({ objects: 0, enter() { this.objects++; return {}; } });

async function* bytesOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describe('the watchdog', () => {
  it('ends an input whose handler waits forever as partial with an internal problem naming the handler', async () => {
    const stuck = defineHandler({
      id: 'stuck',
      kind: 'archive',
      doc: { name: 'a handler that never answers', references: [], limitations: [] },
      signatures: [],
      headLength: 5,
      detect: (head) => (Buffer.from(head).toString('latin1') === 'STUCK' ? { ok: true } : { ok: false, reason: 'not STUCK' }),
      open: async function* () {
        await new Promise(() => undefined);
      },
    });
    const bytes = Buffer.from('STUCK');
    const result = await walkInput(bytesOf(bytes), { path: '/dev/null', offset: 0, size: bytes.length }, countingVisitor(), { handlers: [stuck], limits: { stallSeconds: 1 } });
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'internal', chain: [], message: expect.stringContaining('no progress for 1 s while stuck was being read') })]);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('an interrupted scan', () => {
  it('marks the report interrupted and the inputs it did not reach skipped', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), 'EM_NATION_TYPE_UYGUR');
    writeFileSync(join(dir, 'b.txt'), 'EM_NATION_TYPE_UYGUR');
    const controller = new AbortController();
    const report = await scan([dir], { signal: controller.signal }, { onInput: () => controller.abort() });
    expect(validateReport(report)).toEqual([]);
    expect(report.run.interrupted).toBe(true);
    expect(report.inputs.map((input) => [input.status, input.skipReason])).toEqual([['complete', undefined], ['skipped', 'interrupted']]);
  });
});

describe('a flood of one term', () => {
  it('keeps the first hits per object and term in full and lists the rest by offset', async () => {
    const dir = temp();
    const line = 'EM_NATION_TYPE_UYGUR\n';
    writeFileSync(join(dir, 'flood.txt'), line.repeat(5000));
    const report = await scan([join(dir, 'flood.txt')], { maxFindingsPerTerm: 50 });
    expect(validateReport(report)).toEqual([]);
    const flood = report.findings.filter((finding) => finding.term.text === 'EM_NATION_TYPE_UYGUR');
    expect(flood).toHaveLength(50);
    const more = flood.find((finding) => finding.more !== undefined)!.more!;
    expect(more.count).toBe(4950);
    expect(more.offsets.slice(0, 2)).toEqual([50 * line.length, 51 * line.length]);
  });
});

describe('an unusable temporary directory', () => {
  const saved = process.env['TMPDIR'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  });

  it('loses only the spill: the zip inside a gzip is not opened (an io problem) but its bytes are searched raw', async () => {
    const dir = temp();
    const path = join(dir, 'zip-in-gzip.gz');
    writeFileSync(path, gzipSync(readFileSync(fixture('zip/basic.zip'))));
    const opened = await scan([path]);
    process.env['TMPDIR'] = join(dir, 'missing');
    const report = await scan([path]);
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.status).toBe('partial');
    const problems = report.inputs[0]!.problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.kind === 'io' && problem.message.includes('mkdtemp'))).toBe(true);
    // What the opened zip reported in its stored member is now found raw in the gzip's output.
    const stored = opened.findings.filter((finding) => finding.location.chain.length === 2 && finding.match.form === 'raw' && JSON.stringify(finding.location.chain[1]!.path).includes('stored'));
    expect(stored.length).toBeGreaterThan(0);
    const rawHex = report.findings.filter((finding) => finding.location.chain.length === 1).map((finding) => finding.match.hex);
    for (const finding of stored) expect(rawHex).toContain(finding.match.hex);
  });
});

describe('paths named by the user', () => {
  it('follows a symbolic link named on the command line', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'target.txt'), 'EM_NATION_TYPE_UYGUR');
    symlinkSync(join(dir, 'target.txt'), join(dir, 'link.txt'));
    const report = await scan([join(dir, 'link.txt')]);
    expect(report.inputs.map((input) => input.status)).toEqual(['complete']);
    expect(report.findings.map((finding) => finding.term.text)).toContain('EM_NATION_TYPE_UYGUR');
  });
});
