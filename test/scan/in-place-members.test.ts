// A parent streams each member's bytes too: a tar as the member is read, a zip read in place
// after its members were searched (the bytes no handler read are drained). It skips the inside
// of each member's range (`ObjectSearch.owned`): the member's rejected candidates are counted
// once, its hits are reported once under the member, and a term across the member's first byte
// (the end of its file name and the start of its data) is still the parent's own finding. A
// container replayed from the run's memo skips the same bytes as one walked.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import type { Report } from '../../src/report/types.js';
import { SubtreeMemo } from '../../src/walk/memo-store.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs('fwsift-in-place-');

/** About 800 KiB (a temporary file): a rejected candidate every line (a case-sensitive identifier in the wrong case), two hits inside. */
function memberText(): string {
  const lines = ['UYGUR = 1;'];
  for (let k = 0; k < 12000; k++) {
    lines.push(`entry ${k}: em_race_yellow value ${k * 7919} padding padding padding`);
    if (k === 6000) lines.push('alarm=人种检测');
  }
  lines.push('typedef enum { EM_NATION_TYPE_UYGUR } nation;');
  return `${lines.join('\n')}\n`;
}

describe('a zip read in place', () => {
  // Read sizes well under the zip's size: the first read (up to 1 MiB by default) is searched
  // before the zip is opened, so a zip this small would be searched whole before its members.
  it.each([4096, 65536])('searches its stored member once, and still finds a term across the member\'s edge (reads of %i bytes)', async (readChunkBytes) => {
    const dir = tempDir();
    // The member's name ends where its data starts: EM_NATION_TYPE_ + UYGUR.
    const name = 'EM_NATION_TYPE_';
    writeFileSync(join(dir, name), memberText());
    execFileSync('zip', ['-0', '-X', '-q', 'stored.zip', name], { cwd: dir });
    const zip = join(dir, 'stored.zip');
    const member = join(dir, name);

    const [zipped, alone] = [await scan([zip], { readChunkBytes }), await scan([member], { readChunkBytes })];
    const inZip = zipped.findings.filter((finding) => finding.location.chain.length > 0);
    const own = zipped.findings.filter((finding) => finding.location.chain.length === 0);
    const where = (finding: (typeof zipped.findings)[number]) => [finding.term.id, finding.location.offset, finding.match.hex];
    expect(inZip.map(where)).toEqual(alone.findings.map(where));
    expect(alone.findings.length).toBeGreaterThanOrEqual(2);

    // The zip's own: the term across the member's first byte, and the type name alone in the central directory's copy of the name.
    const dataStart = readFileSync(zip).indexOf('UYGUR = 1;');
    const centralName = readFileSync(zip).lastIndexOf(name);
    expect(own.map((finding) => [finding.match.variant, finding.location.offset])).toEqual([
      ['EM_NATION_TYPE_UYGUR', dataStart - name.length],
      ['EM_NATION_TYPE', centralName],
    ]);

    // The member's rejected candidates are counted once (as when it is scanned alone), and once
    // more only where the zip searched the member's bytes itself: in what it read before it was
    // opened (its head: a read or two) and near the member's edges. Searched twice, the count
    // was twice the member's own.
    const rejectedAlone = alone.inputs[0]!.coverage.hitCandidatesRejected ?? 0;
    expect(rejectedAlone).toBeGreaterThanOrEqual(12000);
    const bytes = readFileSync(zip);
    const rejectedIn = (from: number, to: number) => bytes.subarray(from, to).toString('latin1').split('em_race_yellow').length - 1;
    const nearEdges = rejectedIn(0, 2 * readChunkBytes + 8192) + rejectedIn(centralName - 8192, centralName);
    const extra = (zipped.inputs[0]!.coverage.hitCandidatesRejected ?? 0) - rejectedAlone;
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(nearEdges);
    expect(nearEdges).toBeLessThan(rejectedAlone / 2);
  });

  it('skips the same bytes when a copy of an inner zip is replayed from the memo', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'member.txt'), memberText());
    execFileSync('zip', ['-0', '-X', '-q', 'inner.zip', 'member.txt'], { cwd: dir });
    for (const copy of ['a', 'b']) {
      mkdirSync(join(dir, copy));
      execFileSync('cp', ['inner.zip', join(copy, 'inner.zip')], { cwd: dir });
    }
    execFileSync('zip', ['-0', '-X', '-q', 'outer.zip', 'a/inner.zip', 'b/inner.zip'], { cwd: dir });
    const timeless = (report: Report) => JSON.stringify({ ...report, run: { ...report.run, startedAt: '', finishedAt: '' }, summary: { ...report.summary, durationMs: 0 } });
    const options = { readChunkBytes: 65536 };
    const memo = new SubtreeMemo();
    const withMemo = await scan([join(dir, 'outer.zip')], options, {}, undefined, memo);
    const without = await scan([join(dir, 'outer.zip')], options, {}, undefined, false);
    expect(memo.stats.replayed).toBe(1);
    expect(timeless(withMemo)).toBe(timeless(without));
    const alone = await scan([join(dir, 'member.txt')], options);
    // Two copies of the member, each counted once (not three or four times: by the inner zip and the outer zip too).
    expect(withMemo.inputs[0]!.coverage.hitCandidatesRejected).toBeLessThan(2.5 * (alone.inputs[0]!.coverage.hitCandidatesRejected ?? 0));
  });

  it('a tar read as a stream searches its member once too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'member.txt'), memberText());
    execFileSync('tar', ['--format=ustar', '-cf', 'member.tar', 'member.txt'], { cwd: dir });
    const options = { readChunkBytes: 65536 };
    const [tarred, alone] = [await scan([join(dir, 'member.tar')], options), await scan([join(dir, 'member.txt')], options)];
    const where = (finding: Report['findings'][number]) => [finding.term.id, finding.location.offset, finding.match.hex];
    expect(tarred.findings.map(where)).toEqual(alone.findings.map(where));
    const rejectedAlone = alone.inputs[0]!.coverage.hitCandidatesRejected ?? 0;
    const extra = (tarred.inputs[0]!.coverage.hitCandidatesRejected ?? 0) - rejectedAlone;
    // Only the tar's first read and the member's edges are searched by the tar as well.
    expect(extra).toBeGreaterThanOrEqual(0);
    expect(extra).toBeLessThan(rejectedAlone / 4);
  });
});
