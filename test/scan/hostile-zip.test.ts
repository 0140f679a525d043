// Hostile zips (hand-built from a real one, as malformed input): central-directory entries that
// overlap each other never crash or hang the scan; the damage is a problem on the input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, validateReport } from '../../src/index.js';

const centralHeader = 0x02014b50;

/** basic.zip with every central-directory entry pointing at the first local header (all members overlap). */
function overlapping(): string {
  const bytes = Buffer.from(readFileSync(new URL('../fixtures/unpack/zip/basic.zip', import.meta.url)));
  let first: number | undefined;
  for (let at = bytes.indexOf('PK\u0001\u0002', 0, 'latin1'); at !== -1; at = bytes.indexOf('PK\u0001\u0002', at + 1, 'latin1')) {
    if (bytes.readUInt32LE(at) !== centralHeader) continue;
    first ??= bytes.readUInt32LE(at + 42);
    bytes.writeUInt32LE(first, at + 42);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'fwsift-zip-')), 'overlapping.zip');
  writeFileSync(path, bytes);
  return path;
}

describe('a zip whose central directory entries overlap', () => {
  it('is scanned without crashing: raw hits kept, the mismatch reported, the input partial', async () => {
    const report = await scan([overlapping()]);
    expect(validateReport(report)).toEqual([]);
    const input = report.inputs[0]!;
    expect(input.problems.filter((problem) => problem.kind === 'internal')).toEqual([]);
    expect(input.status).toBe('partial');
    expect(input.problems.some((problem) => problem.kind === 'corrupt')).toBe(true);
    // The stored member's bytes are still visible raw in the archive.
    expect(report.findings.some((finding) => finding.term.text === 'EM_NATION_TYPE_UYGUR')).toBe(true);
  });
});
