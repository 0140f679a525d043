// Issue 15 point 2: objects met again in a run are opened once and reported under every chain
// they appear in. Each case scans real images (test/fixtures/build/shared-objects.sh) with the
// run's memo and without it: the two reports must be the same, byte for byte apart from times.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { resolveScanOptions, type ScanOptions } from '../../src/scan/options.js';
import { preparePatterns, scan } from '../../src/scan/scan.js';
import { verify } from '../../src/scan/verify.js';
import { SubtreeMemo } from '../../src/walk/memo-store.js';

const shared = new URL('../fixtures/shared/', import.meta.url).pathname;
const fixture = (name: string) => `${shared}${name}`;
const prepared = preparePatterns(resolveScanOptions());

/** The report without what changes from run to run (times). */
function timeless(report: Report): string {
  return JSON.stringify({ ...report, run: { ...report.run, startedAt: '', finishedAt: '' }, summary: { ...report.summary, durationMs: 0 } });
}

async function bothWays(names: readonly string[], options: Partial<ScanOptions> = {}): Promise<{ readonly memo: SubtreeMemo; readonly withMemo: Report }> {
  const memo = new SubtreeMemo();
  const paths = names.map(fixture);
  const withMemo = await scan(paths, options, {}, await prepared, memo);
  const without = await scan(paths, options, {}, await prepared, false);
  expect(timeless(withMemo)).toBe(timeless(without));
  return { memo, withMemo };
}

describe('a container met again in a run is replayed, and the report is the one a full walk gives', () => {
  it('the same SDK zip deflated in two images: spilled, hashed, opened once', async () => {
    const { memo, withMemo } = await bothWays(['image-1.zip', 'image-2.zip', 'sdk.zip']);
    // image-2's sdk.zip is replayed; sdk.zip as an input is read from its file at depth 0 (never hashed first).
    expect(memo.stats.replayed).toBe(1);
    expect(memo.stats.objectsReplayed).toBe(3);
    const chains = withMemo.findings.filter((finding) => finding.term.id === withMemo.findings[0]!.term.id).map((finding) => [finding.location.input, ...finding.location.chain.map((link) => link.path)].join('!/'));
    expect(chains.some((chain) => chain.includes('image-1.zip!/sdk.zip!/'))).toBe(true);
    expect(chains.some((chain) => chain.includes('image-2.zip!/sdk.zip!/'))).toBe(true);
    expect(new Set(withMemo.findings.map((finding) => finding.id)).size).toBe(withMemo.findings.length);
  });

  it('stored members (slices of the image file) are hashed from the file before they are opened', async () => {
    const { memo } = await bothWays(['image-stored.zip', 'image-stored.zip', 'image-1.zip']);
    // Second input: sdk.tar.gz and sdk.zip; image-1's sdk.zip is a stream, keyed apart from a file slice.
    expect(memo.stats.replayed).toBe(2);
  });

  it('the same squashfs twice inside one tar.gz', async () => {
    const { memo, withMemo } = await bothWays(['squashfs-twice.tar.gz']);
    expect(memo.stats.replayed).toBe(1);
    const members = withMemo.findings.map((finding) => finding.location.chain.flatMap((link) => link.path ?? []).join('/'));
    expect(members.filter((member) => member.startsWith('rootfs-a.sqsh/')).length).toBeGreaterThan(0);
    expect(members.filter((member) => member.startsWith('rootfs-b.sqsh/')).length).toBe(members.filter((member) => member.startsWith('rootfs-a.sqsh/')).length);
  });

  it('the same squashfs carved twice from a blob: layers land at each copy\'s offset', async () => {
    const { memo, withMemo } = await bothWays(['squashfs-carved.bin']);
    expect(memo.stats.replayed).toBe(1);
    expect(withMemo.inputs[0]!.layers.filter((layer) => layer.format === 'squashfs')).toHaveLength(2);
  });

  it('a damaged container is walked afresh every time: its problems are never replayed', async () => {
    const { memo, withMemo } = await bothWays(['corrupt-twice.zip', 'corrupt-twice.zip']);
    expect(withMemo.inputs[0]!.problems.length).toBeGreaterThan(0);
    expect(memo.stats.replayed).toBe(0);
  });

  it('a copy deeper down meets the depth limit exactly where a fresh walk does', async () => {
    // image-deep's sdk.zip is at depth 5, its members at 6; image-1's copy was recorded at depth 1.
    const replayed: number[] = [];
    for (const maxDepth of [4, 5, 6, 7]) {
      const { memo, withMemo } = await bothWays(['image-1.zip', 'image-deep.tar.gz', 'image-2.zip'], { maxDepth });
      expect(withMemo.inputs[1]!.problems.some((problem) => problem.kind === 'limit')).toBe(maxDepth <= 5);
      replayed.push(memo.stats.replayed);
    }
    // Only from 7 on is the deep copy's subtree (one level below it) sure to stay within the limit.
    expect(replayed).toEqual([1, 1, 1, 2]);
  });

  it('a container recorded while one inside it was replayed is replayed whole, within the depth limit', async () => {
    const replayed: number[] = [];
    for (const maxDepth of [2, 3, 4, 5, 16]) {
      const { memo } = await bothWays(['image-1.zip', 'bundle.tar.gz', 'bundle.zip'], { maxDepth });
      replayed.push(memo.stats.replayed);
    }
    // bundle.tar.gz's image-2.zip (depth 2) replays its sdk.zip (depth 3); bundle.zip's image-2.zip (depth 1) is replayed whole.
    expect(replayed.at(-1)).toBe(2);
  });

  it('a copy that would cross the expansion or temporary-space limit is walked afresh, and stops where a fresh walk stops', async () => {
    // squashfs-twice.tar.gz expands to about 13 KB and spills two 5 KB squashfs images.
    for (const maxExpandedBytes of [6000, 9000, 11000, 12000, 13000, 20000]) await bothWays(['squashfs-twice.tar.gz'], { maxExpandedBytes });
    for (const maxTempBytes of [3000, 6000, 9000, 10500, 12000]) await bothWays(['squashfs-twice.tar.gz'], { maxTempBytes });
  });

  it('does not depend on the read size', async () => {
    for (const readChunkBytes of [3, 4096]) await bothWays(['squashfs-twice.tar.gz', 'image-stored.zip', 'image-1.zip', 'image-2.zip'], { readChunkBytes });
  });

  it('the same findings cap applies to replayed hits', async () => {
    await bothWays(['image-1.zip', 'image-2.zip', 'squashfs-twice.tar.gz'], { maxFindingsPerTerm: 1 });
  });

  it('verify re-reads every chain of a report made with the memo', async () => {
    const { withMemo } = await bothWays(['image-1.zip', 'image-2.zip', 'image-stored.zip', 'squashfs-twice.tar.gz', 'squashfs-carved.bin']);
    const verified = await verify(withMemo);
    expect(verified.results.filter((result) => result.status === 'failed')).toEqual([]);
    expect(verified.results.filter((result) => result.kind === 'finding').length).toBe(withMemo.findings.length);
  });
});
