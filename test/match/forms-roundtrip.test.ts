// Every needle round-trips (R4, R5, R7): a term is expanded, each needle is planted in the host
// text its form lives in (raw bytes amid text in the same encoding, escapes in a string literal,
// base64 as a real base64 encoding of data holding the term at the needle's byte phase), and the
// full matcher (all needles of the terms, one automaton, the streaming searcher, the verifier)
// finds it exactly once, verified, labelled with its form, encoding and syntax, whatever the
// chunking.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { compileAutomaton } from '../../src/match/automaton.js';
import { createSearcher } from '../../src/match/searcher.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { verifyCandidate } from '../../src/match/verify.js';
import { base64Phase } from '../../src/patterns/escapes.js';
import { encodeText, expandTerms } from '../../src/patterns/needles.js';
import type { Needle, Term } from '../../src/patterns/types.js';
import { chunkings } from '../helpers/chunkings.js';
import { makeTerm } from '../helpers/terms.js';

const terms: readonly Term[] = [
  makeTerm('人种', { id: 'renzhong', variants: ['人種'] }),
  makeTerm('肤色', { id: 'fuse', variants: ['膚色'] }),
  makeTerm('维族(新疆)', { id: 'weizu-xinjiang' }),
  makeTerm('EM_NATION_TYPE_UYGUR', { id: 'uygur', boundary: 'identifier' }),
  makeTerm('Uyghur alarm', { id: 'alarm', case: 'insensitive', boundary: 'word' }),
];
const { needles } = expandTerms(terms);
const automaton = compileAutomaton(needles);

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** The needle in its natural host, and the offset of the needle's first byte. */
function plant(needle: Needle): { haystack: Uint8Array; at: number } {
  if (needle.syntax === 'raw') {
    const text = (t: string) => encodeText(t, needle.encoding)!;
    const before = text('attr = '); // a neutral ASCII context, encoded like the needle
    return { haystack: concat(before, needle.bytes, text(';\n')), at: before.length };
  }
  if (needle.form === 'base64') {
    // Data holding the term at the needle's phase; the needle is the stable middle of its base64.
    const phase = base64Phase(needle.syntax);
    const data = concat(new Uint8Array(3 + phase).fill(0x20), needle.encoded, Buffer.from('  x'));
    const text = Buffer.from(data).toString('base64');
    const haystack = new Uint8Array(Buffer.from(`{"blob":"${text}"}`, 'latin1'));
    return { haystack, at: Buffer.from(haystack).indexOf(needle.bytes) };
  }
  const before = Buffer.from('{"k":"', 'latin1');
  return { haystack: concat(before, needle.bytes, Buffer.from('"}', 'latin1')), at: before.length };
}

interface Found {
  readonly needle: Needle;
  readonly start: number;
}

function verifiedHits(haystack: Uint8Array, chunks: readonly Uint8Array[]): Found[] {
  const found: Found[] = [];
  const searcher = createSearcher(automaton, needles, { lookBehind: 64, lookAhead: 64 });
  const sink = (c: Candidate, w: Window) => {
    if (verifyCandidate(c, w).ok) found.push({ needle: c.needle, start: c.start });
  };
  for (const chunk of chunks) searcher.push(chunk, sink);
  searcher.end(sink);
  return found;
}

const label = (n: Needle) => `${n.term.id} ${n.variant} ${n.encoding}/${n.form}/${n.syntax}`;

describe('every needle round-trips through the matcher', () => {
  it('plants every needle where the needle bytes are', () => {
    for (const needle of needles) expect(plant(needle).at, label(needle)).toBeGreaterThanOrEqual(0);
  });

  it.each(needles.map((n) => [label(n), n] as const))('%s', (_label, needle) => {
    const { haystack, at } = plant(needle);
    for (const { label: chunking, chunks } of chunkings(haystack)) {
      if (!['whole', '1-byte', '7-byte'].includes(chunking) && !(chunking.startsWith('split@') && Number(chunking.slice(6)) % 5 === 0)) continue;
      const hits = verifiedHits(haystack, chunks);
      const mine = hits.filter((h) => h.needle.id === needle.id);
      expect(mine.map((h) => h.start), chunking).toEqual([at]);
      // Escaped and base64 plants are not also reported in another form.
      if (needle.syntax !== 'raw') {
        const others = hits.filter((h) => h.needle.form !== needle.form && h.needle.term === needle.term);
        expect(others.map((h) => label(h.needle)), chunking).toEqual([]);
      }
    }
  });
});

describe('R5: EM_NATION_TYPE_UYGUR base64-encoded at byte phases 0, 1 and 2', () => {
  it.each([0, 1, 2])('is found at phase %i', (phase) => {
    const data = Buffer.concat([Buffer.alloc(phase, 0x20), Buffer.from('EM_NATION_TYPE_UYGUR = 1;')]);
    const haystack = new Uint8Array(Buffer.from(`cfg=${data.toString('base64')}\n`, 'latin1'));
    const hits = verifiedHits(haystack, [haystack]).map((h) => `${h.needle.term.id} ${h.needle.encoding}/${h.needle.syntax}`);
    expect(hits).toEqual([`uygur utf-8/base64-phase${phase}`]);
  });
});

describe('base64 keeps the identifier boundary of the decoded bytes', () => {
  it('rejects EM_NATION_TYPE_UYGUR glued to a letter before it (phase 1)', () => {
    const data = Buffer.from('AEM_NATION_TYPE_UYGUR = 1;');
    const haystack = new Uint8Array(Buffer.from(`cfg=${data.toString('base64')}\n`, 'latin1'));
    expect(verifiedHits(haystack, [haystack])).toEqual([]);
  });
});
