// Decompression bombs (test/fixtures/build/bombs.sh): every limit stops the scan with a
// `limit` problem on the right chain, the input is partial, and nothing crashes or hangs.
import { describe, expect, it } from 'vitest';
import { scan, validateReport } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

const fixture = (name: string) => new URL(`../fixtures/unpack/bombs/${name}`, import.meta.url).pathname;

describe('decompression bombs', () => {
  it.each(['gzip--gzip-of-4g-zeros.gz.gz', 'zip--42-style.zip'])('stops %s at the expansion limit relative to its size (floor 256 MiB), with defaults', async (name) => {
    const report = await scan([fixture(name)]);
    expect(validateReport(report)).toEqual([]);
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    expect(input.problems).toEqual([expect.objectContaining({ kind: 'limit', message: expect.stringMatching(/^expansion limit reached: \d+ bytes produced below this input, more than 64 × its size \(floor 268435456\)/) })]);
    expect(input.coverage.bytesScanned).toBeLessThan(300 * 1024 * 1024);
  });

  it('stops a gzip stream at the expansion-ratio limit', async () => {
    const report = await scan([fixture('gzip--32m-zeros.gz')], { maxExpansionRatio: 100 });
    expect(validateReport(report)).toEqual([]);
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    expect(input.problems).toEqual([expect.objectContaining({ kind: 'limit', chain: [{ format: 'gzip', offset: 0 }], message: expect.stringContaining('expansion ratio') })]);
  });

  it('opens the same stream completely under the default ratio (about 1000:1)', async () => {
    const report = await scan([fixture('gzip--32m-zeros.gz')]);
    expect(report.inputs[0]!.status).toBe('complete');
  });

  it('stops a zip of zips at the expanded-bytes limit and reports what it found before', async () => {
    const report = await scan([fixture('nested--zip-of-zips.zip')], { maxExpandedBytes: 20 * 1024 * 1024 });
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    expect(input.problems.some((problem) => problem.kind === 'limit' && problem.message.includes('expanded bytes limit'))).toBe(true);
    expect(report.findings.filter((f) => f.term.text === 'EM_NATION_TYPE_UYGUR').length).toBeGreaterThanOrEqual(1);
  });

  it('opens every nested member when the limits allow it', async () => {
    const report = await scan([fixture('nested--zip-of-zips.zip')]);
    expect(report.inputs[0]!.status).toBe('complete');
    const members = new Set(report.findings.filter((f) => f.term.text === 'EM_NATION_TYPE_UYGUR').map((f) => f.location.chain.map((link) => link.path).join('/')));
    expect(members.size).toBe(9);
  });

  it('stops at the nesting depth limit with a limit problem', async () => {
    const report = await scan([fixture('nested--zip-of-zips.zip')], { maxDepth: 1 });
    expect(report.inputs[0]!.problems.some((problem) => problem.kind === 'limit' && problem.message.includes('nesting depth'))).toBe(true);
  });

  it('takes the limits from the command line and exits 2 for the partial scan', async () => {
    const run = await runCli('scan', fixture('gzip--32m-zeros.gz'), '--max-ratio', '100', '-q', '--no-progress');
    expect(run.code).toBe(2);
    const allowed = await runCli('scan', fixture('gzip--32m-zeros.gz'), '--max-ratio', '100', '-q', '--allow-partial');
    expect(allowed.code).toBe(0);
  });
});
