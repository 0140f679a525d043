// Property: the matcher (automaton + streaming searcher + verification) finds exactly what a naive
// reference finds (Buffer.indexOf per needle over ASCII-folded bytes, then the same verification on
// a window of the same size), on random needle sets and haystacks, through every chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAutomaton } from '../../src/match/automaton.js';
import { createSearcher, defaultSearcherOptions } from '../../src/match/searcher.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { verifyCandidate } from '../../src/match/verify.js';
import { expandTerms } from '../../src/patterns/needles.js';
import type { Needle } from '../../src/patterns/types.js';
import { chunkings } from '../helpers/chunkings.js';
import { makeTerm } from '../helpers/terms.js';

/** One found occurrence and its verdict, comparable across the two searches. */
type Row = string;

const row = (c: Candidate, w: Window): Row => {
  const verdict = verifyCandidate(c, w);
  return `${c.needle.id}@${c.start}-${c.end}:${verdict.ok ? `ok/${verdict.alignment}/${verdict.notes.join(',')}` : verdict.reason}`;
};

/** ASCII letters folded to lower case (the automaton folds every ASCII letter; verification checks case). */
function fold(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.map((byte) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte)));
}

function reference(needles: readonly Needle[], haystack: Uint8Array): Row[] {
  const { lookBehind, lookAhead } = defaultSearcherOptions;
  const folded = fold(haystack);
  const rows: { end: number; id: number; row: Row }[] = [];
  for (const needle of needles) {
    const pattern = fold(needle.bytes);
    for (let at = folded.indexOf(pattern); at !== -1; at = folded.indexOf(pattern, at + 1)) {
      const end = at + needle.bytes.length;
      const windowStart = Math.max(0, at - lookBehind);
      const windowEnd = Math.min(haystack.length, end + lookAhead);
      const window: Window = { bytes: haystack.subarray(windowStart, windowEnd), windowStart, atObjectStart: windowStart === 0, atObjectEnd: windowEnd === haystack.length };
      rows.push({ end, id: needle.id, row: row({ needle, start: at, end }, window) });
    }
  }
  return rows.sort((a, b) => a.end - b.end || a.id - b.id).map((entry) => entry.row);
}

function streamed(needles: readonly Needle[], chunks: readonly Uint8Array[]): Row[] {
  const searcher = createSearcher(compileAutomaton(needles), needles);
  const rows: Row[] = [];
  const sink = (c: Candidate, w: Window) => {
    rows.push(row(c, w));
  };
  for (const chunk of chunks) searcher.push(chunk, sink);
  searcher.end(sink);
  return rows;
}

// Few distinct characters, so needles overlap and share prefixes, and haystacks hit them often.
const spellingCharacters = ['a', 'b', 'A', '_', '人', '种', '族', '維', '\u00e9'];
const spelling = fc.array(fc.constantFrom(...spellingCharacters), { minLength: 2, maxLength: 5 }).map((characters) => characters.join(''));
const termSet = fc.uniqueArray(fc.record({ text: spelling, insensitive: fc.boolean(), boundary: fc.constantFrom('none', 'identifier', 'word') as fc.Arbitrary<'none' | 'identifier' | 'word'> }), { minLength: 1, maxLength: 4, selector: (term) => term.text });

describe('matcher against a naive reference search', () => {
  it('finds and judges the same occurrences, through every chunking', () => {
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(termSet, fc.array(fc.oneof(fc.uint8Array({ maxLength: 24 }), fc.nat(40)), { maxLength: 24 }), (terms, pieces) => {
        const needles = expandTerms(terms.map((term, i) => makeTerm(term.text, { id: `t${i}`, case: term.insensitive ? 'insensitive' : 'sensitive', boundary: term.boundary }))).needles;
        fc.pre(needles.length > 0);
        // A haystack of random bytes and whole needles (a number picks one), so hits are frequent.
        const haystack = new Uint8Array(Buffer.concat(pieces.map((piece) => (typeof piece === 'number' ? needles[piece % needles.length]!.bytes : piece))));
        const expected = reference(needles, haystack);
        for (const entry of expected) seen[entry.includes(':ok/') ? 'accepted' : 'rejected']++;
        for (const { label, chunks } of chunkings(haystack).slice(0, 6)) {
          expect(streamed(needles, chunks), label).toEqual(expected);
        }
      }),
      { seed: 20261207, numRuns: 100 },
    );
    // The random sets really exercise both paths of verification.
    expect(seen.accepted).toBeGreaterThan(100);
    expect(seen.rejected).toBeGreaterThan(100);
  });
});
