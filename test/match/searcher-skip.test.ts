// A parent read in place streams its members' bytes after they were searched as the members;
// it skips the inside of each member's range (`Searcher.skip`). Its candidates are then those of
// a full search minus exactly the ones that end in the skipped bytes (which lie inside the
// member), with the same windows, whatever the chunking, and the needles across either edge of
// the range are still found.
import { describe, expect, it } from 'vitest';
import { compileAutomaton } from '../../src/match/automaton.js';
import { MatchLog } from '../../src/match/match-log.js';
import { createSearcher } from '../../src/match/searcher.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { expandTerms } from '../../src/patterns/needles.js';
import { chunkings } from '../helpers/chunkings.js';
import { makeTerm } from '../helpers/terms.js';

// EM_RACE_TYPE holds RACE and TYPE; 人种 is multi-byte; `hsqs` is an extra pattern (a carve signature).
const { needles } = expandTerms([makeTerm('人种'), makeTerm('EM_RACE_TYPE'), makeTerm('RACE'), makeTerm('TYPE')]);
const automaton = compileAutomaton(needles, { extraPatterns: [{ bytes: new TextEncoder().encode('hsqs') }] });
const margin = automaton.maxNeedleLength - 1;
const options = { lookBehind: 16, lookAhead: 16 };

/** A member `[memberStart, memberEnd)` that starts inside one EM_RACE_TYPE and ends inside another, with hits all through it. */
const filler = (n: number) => Array.from({ length: n }, (_, k) => `line ${k} 人种 RACE hsqs TYPE`).join(' ');
const text = `head EM_RACE_TYPE ${filler(Math.ceil(margin / 5))} EM_RACE_TYPE tail 人种`;
const parent = new TextEncoder().encode(text);
const memberStart = parent.indexOf(0x52); // the R of the first EM_RACE_TYPE
const memberEnd = parent.lastIndexOf(0x52) + 2; // inside the last EM_RACE_TYPE
const skipped = { start: memberStart + margin, end: memberEnd - margin };

function searched(chunks: readonly Uint8Array[], skip: { start: number; end: number } | undefined): string[] {
  const seen: string[] = [];
  const onCandidate = (c: Candidate, w: Window) => void seen.push(`${c.needle.id}@${c.start}-${c.end} [${w.windowStart} ${Buffer.from(w.bytes).toString('hex')} ${w.atObjectStart} ${w.atObjectEnd}]`);
  const onExtra = (index: number, start: number, end: number) => void seen.push(`extra ${index}@${start}-${end}`);
  const log = new MatchLog();
  const searcher = createSearcher(automaton, needles, { ...options, log });
  let position = 0;
  // As `ObjectSearch.bytes` does: each chunk is split where the skipped range starts and ends.
  for (const chunk of chunks) {
    const cuts = [0, chunk.length];
    if (skip !== undefined) for (const at of [skip.start, skip.end]) if (at > position && at < position + chunk.length) cuts.push(at - position);
    cuts.sort((a, b) => a - b);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const piece = chunk.subarray(cuts[k], cuts[k + 1]);
      const inside = skip !== undefined && position + cuts[k]! >= skip.start && position + cuts[k]! < skip.end;
      if (inside) searcher.skip(piece, onCandidate);
      else searcher.push(piece, onCandidate, onExtra);
    }
    position += chunk.length;
  }
  searcher.end(onCandidate);
  return seen;
}

const startOf = (line: string) => Number(/@(\d+)-/.exec(line)![1]);
const endOf = (line: string) => Number(/@\d+-(\d+)/.exec(line)![1]);

describe('Searcher.skip', () => {
  it('has a member whose inside is longer than the margins, and needles across both of its edges', () => {
    expect(skipped.end - skipped.start).toBeGreaterThan(100);
    const full = searched([parent], undefined);
    const across = (edge: number) => full.filter((line) => !line.startsWith('extra') && startOf(line) < edge && endOf(line) > edge);
    expect(across(memberStart)).not.toEqual([]);
    expect(across(memberEnd)).not.toEqual([]);
  });

  for (const { label, chunks } of chunkings(parent)) {
    it(`finds what a full search finds outside the skipped bytes, with the same windows (${label})`, () => {
      const full = searched(chunks, undefined);
      const expected = full.filter((line) => endOf(line) <= skipped.start || endOf(line) > skipped.end);
      expect(expected.length).toBeLessThan(full.length);
      // What is left out ends in the skipped bytes, so it lies inside the member.
      for (const line of full.filter((line) => !expected.includes(line))) {
        expect(startOf(line)).toBeGreaterThanOrEqual(memberStart);
        expect(endOf(line)).toBeLessThanOrEqual(memberEnd);
      }
      expect(searched(chunks, skipped)).toEqual(expected);
    });
  }

  it('leaves nothing in the match log before the skipped bytes (a verbatim child must not take them)', () => {
    const log = new MatchLog();
    const searcher = createSearcher(automaton, needles, { ...options, log });
    searcher.push(parent.subarray(0, skipped.start), () => {});
    expect(log.at(0).covers(0, skipped.start)).toBe(true);
    searcher.skip(parent.subarray(skipped.start, skipped.end), () => {});
    expect(log.at(0).covers(0, skipped.start)).toBe(false);
    expect(log.at(0).covers(skipped.start, skipped.end)).toBe(false);
    searcher.push(parent.subarray(skipped.end), () => {});
    expect(log.at(0).covers(skipped.end, parent.length)).toBe(true);
  });

  it('throws after end, as push does', () => {
    const searcher = createSearcher(automaton, needles, options);
    searcher.end(() => {});
    expect(() => searcher.skip(parent, () => {})).toThrow(/after end/);
  });
});
