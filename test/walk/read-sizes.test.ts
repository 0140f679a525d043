// Issue 10: the walker reads chunk-equivalently (as htmlparser2 and ripgrep test): the same
// report, findings, problems, layers and coverage, whatever the size of the reads from the input.
import { describe, expect, it } from 'vitest';
import { scan, type Report } from '../../src/index.js';
import { fixturesRoot } from '../helpers/manifest.js';

const nested = ['zip/nested--targz-in-zip.zip', 'carve/flash--gzip-zip-tar.bin', 'acceptance/dahua--uimage-squashfs-xz.bin', 'mixed/term-everywhere.bin'];
const readSizes = [1, 7, 4096, 1024 * 1024];

/** Everything but timings and the options that name the read size. */
function comparable(report: Report): unknown {
  return { inputs: report.inputs, findings: report.findings, needles: report.run.needles };
}

describe.each(nested)('%s', (fixture) => {
  it.each(readSizes)('gives the same report with %i-byte reads', async (readChunkBytes) => {
    const path = new URL(fixture, fixturesRoot).pathname;
    const reference = comparable(await scan([path], { readChunkBytes: 1024 * 1024 }));
    expect(comparable(await scan([path], { readChunkBytes }))).toEqual(reference);
  });
});
