// Images and documents cut short are `partial` with a `corrupt` problem saying where the data
// ends, never `complete` (the committed fixtures, truncated here: malformed input).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, validateReport } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsift-cut-'));

/** The fixture's first `length` bytes, as a file. */
function cut(fixture: string, length: number): string {
  const bytes = readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url));
  const path = join(dir, `${fixture.replaceAll('/', '_')}-${length}`);
  writeFileSync(path, bytes.subarray(0, length));
  return path;
}

/** Findings counted with the shorter terms listed inside them (one finding per place). */
async function problemsOf(path: string): Promise<{ status: string; messages: string[]; findings: number }> {
  const report = await scan([path]);
  expect(validateReport(report)).toEqual([]);
  const input = report.inputs[0]!;
  expect(input.problems.filter((problem) => problem.kind === 'internal')).toEqual([]);
  return { status: input.status, messages: input.problems.filter((problem) => problem.kind === 'corrupt').map((problem) => problem.message), findings: report.findings.reduce((sum, finding) => sum + 1 + (finding.contains?.length ?? 0), 0) };
}

describe('a UBI image cut short (ubinize, 13 PEBs of 16 KiB)', () => {
  it.each([
    [12_528, /only one of the layout volume's two copies is present; the image ends at byte 12528/],
    [100_231, /ubi: the image ends at byte 100231, 1927 bytes into PEB 6 of 16384 bytes/],
    [98_304, /ubifs: the data ends at byte 65024 \(LEB 4\), before the index root the master node places at LEB 10/],
    [200_463, /ubi: the image ends at byte 200463, 3855 bytes into PEB 12/],
  ])('at %i bytes: partial, the end named', async (length, message) => {
    const result = await problemsOf(cut('unpack/ubi/ubifs-lzo.ubi', length));
    expect(result.status).toBe('partial');
    expect(result.messages.some((text) => message.test(text))).toBe(true);
  });

  it('whole: complete, no problem', async () => {
    const bytes = readFileSync(new URL('../fixtures/unpack/ubi/ubifs-lzo.ubi', import.meta.url));
    const result = await problemsOf(cut('unpack/ubi/ubifs-lzo.ubi', bytes.length));
    expect(result).toMatchObject({ status: 'complete', messages: [] });
    // 13 planted occurrences; contained terms are listed inside the longer finding at the same place.
    expect(result.findings).toBeGreaterThanOrEqual(13);
  });
});

describe('an MHTML file cut short', () => {
  it.each([
    ['documents/mhtml--python-email-qp-base64.mhtml', 1_912],
    ['documents/mhtml--chromium-blink.mhtml', 2_136],
    ['documents/mhtml--chromium-blink.mhtml', 3_418],
  ])('%s at %i bytes: partial, the end named', async (fixture, length) => {
    const result = await problemsOf(cut(fixture, length));
    expect(result.status).toBe('partial');
    expect(result.messages).toContain(`mhtml: the message ends at byte ${length} without its closing delimiter: cut short`);
  });

  it.each(['documents/mhtml--python-email-qp-base64.mhtml', 'documents/mhtml--chromium-blink.mhtml'])('%s whole: complete', async (fixture) => {
    const bytes = readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url));
    const result = await problemsOf(cut(fixture, bytes.length));
    expect(result.status).toBe('complete');
  });
});
