import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAutomaton, foldByte, type AutomatonOptions } from '../../src/match/automaton.js';
import { createSearcher } from '../../src/match/searcher.js';
import { laneCount, minLaneBytes } from '../../src/match/scan-chunk.js';
import type { Needle } from '../../src/patterns/types.js';
import { chunkings, forEachChunking } from '../helpers/chunkings.js';
import { rawNeedle } from '../helpers/needles.js';
import { makeTerm } from '../helpers/terms.js';

/** Text is UTF-8; `hex:` prefixes raw bytes written as hex. */
type Bytes = string;
type Triple = readonly [needle: number, start: number, end: number];
interface Case {
  readonly name: string;
  readonly needles: readonly Bytes[];
  readonly haystack: Bytes;
  readonly expected: readonly Triple[];
}

const bytesOf = (s: Bytes): Uint8Array =>
  s.startsWith('hex:') ? new Uint8Array(Buffer.from(s.slice(4).replace(/\s/g, ''), 'hex')) : new TextEncoder().encode(s);

function needlesOf(list: readonly (Bytes | Uint8Array)[]): Needle[] {
  const term = makeTerm('automaton-test');
  return list.map((n, id) => {
    const bytes = typeof n === 'string' ? bytesOf(n) : n;
    return rawNeedle(term, 'utf-8', bytes, id);
  });
}

/** Every raw hit, in emission order, for one chunking. */
function search(needles: readonly Needle[], chunks: readonly Uint8Array[], lookAhead = 0, options: Partial<AutomatonOptions> = {}): Triple[] {
  const searcher = createSearcher(compileAutomaton(needles, options), needles, { lookBehind: 0, lookAhead });
  const hits: Triple[] = [];
  const sink = (c: { needle: Needle; start: number; end: number }) => void hits.push([c.needle.id, c.start, c.end]);
  for (const chunk of chunks) searcher.push(chunk, sink);
  searcher.end(sink);
  return hits;
}

const BASICS: readonly Case[] = [
  { name: 'basic-one', needles: ['abc'], haystack: 'xxabcxx', expected: [[0, 2, 5]] },
  { name: 'basic-none', needles: ['abc'], haystack: 'abxbcabd', expected: [] },
  { name: 'basic-empty-haystack', needles: ['abc'], haystack: '', expected: [] },
  { name: 'basic-start-and-end', needles: ['ab'], haystack: 'abxxab', expected: [[0, 0, 2], [0, 4, 6]] },
  { name: 'basic-whole-haystack', needles: ['abc'], haystack: 'abc', expected: [[0, 0, 3]] },
  { name: 'basic-two-needles', needles: ['foo', 'bar'], haystack: 'barfoo', expected: [[1, 0, 3], [0, 3, 6]] },
  { name: 'basic-single-byte', needles: ['hex:00'], haystack: 'hex:ff 00 ff 00', expected: [[0, 1, 2], [0, 3, 4]] },
  { name: 'basic-high-bytes', needles: ['hex:ff fe'], haystack: 'hex:fe ff fe ff fe', expected: [[0, 1, 3], [0, 3, 5]] },
  { name: 'basic-utf8-cjk', needles: ['维族'], haystack: '是否是维族', expected: [[0, 9, 15]] },
  { name: 'basic-gb18030', needles: ['hex:c8cbd6d6'], haystack: 'hex:41 c8cbd6d6 42', expected: [[0, 1, 5]] },
];

const OVERLAP: readonly Case[] = [
  {
    name: 'overlap-weizu-inside-alert', // two pieces of evidence; verification decides
    needles: ['维族人员实时预警', '维族'],
    haystack: '是否维族人员实时预警',
    expected: [[1, 6, 12], [0, 6, 30]],
  },
  { name: 'overlap-suffixes', needles: ['abcd', 'bcd', 'cd', 'd'], haystack: 'abcd', expected: [[0, 0, 4], [1, 1, 4], [2, 2, 4], [3, 3, 4]] },
  { name: 'overlap-self', needles: ['aa'], haystack: 'aaaa', expected: [[0, 0, 2], [0, 1, 3], [0, 2, 4]] },
  { name: 'overlap-identical-needles', needles: ['xy', 'xy'], haystack: 'xyxy', expected: [[0, 0, 2], [1, 0, 2], [0, 2, 4], [1, 2, 4]] },
  { name: 'overlap-ushers', needles: ['he', 'she', 'his', 'hers'], haystack: 'ushers', expected: [[0, 2, 4], [1, 1, 4], [3, 2, 6]] },
  { name: 'overlap-prefix', needles: ['ab', 'abcd'], haystack: 'abcd', expected: [[0, 0, 2], [1, 0, 4]] },
  { name: 'overlap-failure-chain', needles: ['abcx', 'bcy', 'cz'], haystack: 'abcyabcz', expected: [[1, 1, 4], [2, 6, 8]] },
];

const CASE_FOLD: readonly Case[] = [
  { name: 'fold-upper-haystack', needles: ['race'], haystack: 'RACE Race rAcE', expected: [[0, 0, 4], [0, 5, 9], [0, 10, 14]] },
  { name: 'fold-upper-needle', needles: ['EM_RACE'], haystack: 'em_race', expected: [[0, 0, 7]] },
  { name: 'fold-inside-cjk-bytes', needles: ['hex:ba4e'], haystack: 'hex:ba6e ba4e', expected: [[0, 0, 2], [0, 2, 4]] },
  { name: 'fold-not-punctuation', needles: ['@[\\]^'], haystack: '`{|}~ @[\\]^', expected: [[0, 6, 11]] },
  { name: 'fold-not-high-bytes', needles: ['hex:c1'], haystack: 'hex:e1 c1', expected: [[0, 1, 2]] },
];

const REGRESSION: readonly Case[] = [
  {
    name: 'regress-misaligned-raw-hit-reported', // 叭酥帧: the automaton reports it, verify rejects it
    needles: ['hex:c8cbd6d6'],
    haystack: 'hex:b0c8cbd6d6a1',
    expected: [[0, 1, 5]],
  },
  {
    name: 'regress-needle-longer-than-chunk',
    needles: ['EM_NATION_TYPE_UYGUR'],
    haystack: 'x EM_NATION_TYPE_UYGUR y',
    expected: [[0, 2, 22]],
  },
  { name: 'regress-restart-after-partial', needles: ['aab'], haystack: 'aaab', expected: [[0, 1, 4]] },
];

const groups = { BASICS, OVERLAP, CASE_FOLD, REGRESSION };
const allCases = Object.values(groups).flat();

describe('automaton', () => {
  it('has unique case names', () => {
    expect(new Set(allCases.map((c) => c.name)).size).toBe(allCases.length);
  });

  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const needles = needlesOf(c.needles);
        forEachChunking(bytesOf(c.haystack), (chunks, label) => {
          expect(search(needles, chunks), label).toEqual(c.expected);
          expect(search(needles, chunks, 5), `${label}, lookAhead 5`).toEqual(c.expected);
          // Only the start state dense: every other step goes through sparse edges and failure links.
          expect(search(needles, chunks, 0, { denseDepth: 0 }), `${label}, denseDepth 0`).toEqual(c.expected);
        });
      });
    });
  }

  it('reports its size', () => {
    const a = compileAutomaton(needlesOf(['abc', 'abd', 'Xyz']));
    expect(a.stateCount).toBe(8); // root, a, ab, abc, abd, x, xy, xyz
    expect(a.denseStateCount).toBe(8); // small: a full DFA
    expect(a.classCount).toBe(1 + 7); // class 0 for unused bytes, then a b c d x y z
    expect(a.maxNeedleLength).toBe(3);
    expect(a.memoryUsage).toBeGreaterThanOrEqual(a.stateCount * a.classCount * 4);
    expect(a.byteClasses[0x58]).toBe(a.byteClasses[0x78]);
  });

  it('compiles an empty needle list into an automaton that never matches', () => {
    const a = compileAutomaton([]);
    expect(a.maxNeedleLength).toBe(0);
    expect(search([], [bytesOf('anything')])).toEqual([]);
  });

  it('keeps only shallow states dense when asked, and says so', () => {
    const a = compileAutomaton(needlesOf(['abc', 'abd', 'Xyz']), { denseDepth: 1 });
    expect(a.denseStateCount).toBe(3); // root, a, x
    expect(a.stateCount).toBe(8);
    expect(a.memoryUsage).toBeLessThan(compileAutomaton(needlesOf(['abc', 'abd', 'Xyz'])).memoryUsage);
  });

  it('rejects an empty needle and a bad denseDepth as misuse', () => {
    expect(() => compileAutomaton([{ bytes: new Uint8Array(0) }])).toThrow(RangeError);
    expect(() => compileAutomaton(needlesOf(['a']), { denseDepth: -1 })).toThrow(RangeError);
    expect(() => compileAutomaton(needlesOf(['a']), { denseDepth: 1.5 })).toThrow(RangeError);
  });
});

/** mulberry32: a small seeded PRNG, so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Naive oracle: every (overlapping) occurrence of every needle, ASCII case folded, via indexOf. */
function oracle(needles: readonly Uint8Array[], haystack: Uint8Array): Triple[] {
  const fold = (b: Uint8Array) => Buffer.from(b.map(foldByte));
  const hay = fold(haystack);
  const hits: Triple[] = [];
  needles.forEach((n, id) => {
    const folded = fold(n);
    for (let at = hay.indexOf(folded); at !== -1; at = hay.indexOf(folded, at + 1)) hits.push([id, at, at + n.length]);
  });
  return hits.sort((x, y) => x[2] - y[2] || x[0] - y[0]);
}

describe('automaton property: agrees with an indexOf oracle', () => {
  // A small alphabet (with both cases of two letters) makes overlaps and near-misses common.
  const alphabet = [0x00, 0x41, 0x61, 0x42, 0x62, 0x7e, 0x81, 0xc8, 0xcb, 0xff];
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i', (seed) => {
    const random = prng(seed);
    const pick = () => alphabet[Math.floor(random() * alphabet.length)]!;
    const needleBytes = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
      Uint8Array.from({ length: 1 + Math.floor(random() * 6) }, pick),
    );
    const length = seed % 4 === 0 ? 3000 : 300;
    const haystack = Uint8Array.from({ length }, pick);
    for (const n of needleBytes) haystack.set(n, Math.floor(random() * (length - n.length)));
    const expected = oracle(needleBytes, haystack);
    const needles = needlesOf(needleBytes);
    for (const { label, chunks } of chunkings(haystack)) {
      if (label.startsWith('split@') && Number(label.slice(6)) % 17 !== 0) continue; // a sample keeps it fast
      expect(search(needles, chunks, 3), label).toEqual(expected);
    }
  });
});

describe('automaton property (fast-check): every layout agrees with the indexOf oracle across chunkings', () => {
  const alphabet = [0x00, 0x41, 0x61, 0x42, 0x62, 0x5c, 0x75, 0x81, 0xc8, 0xff];
  const byte = fc.constantFrom(...alphabet);
  const bytes = (min: number, max: number) => fc.array(byte, { minLength: min, maxLength: max }).map((a) => Uint8Array.from(a));
  it('finds every overlapping occurrence exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(bytes(1, 7), { minLength: 1, maxLength: 14 }),
        bytes(0, 400),
        fc.array(fc.nat(400), { maxLength: 6 }),
        fc.constantFrom<AutomatonOptions['denseDepth']>(0, 1, 2, 'auto', Infinity),
        fc.nat(),
        (needleBytes, noise, cuts, denseDepth, plantSeed) => {
          // Plant some needles so that matches (and near-misses) are common.
          const haystack = Uint8Array.from(noise);
          needleBytes.forEach((n, i) => {
            if (haystack.length > n.length && (plantSeed >> i) % 2 === 0) haystack.set(n, (plantSeed * (i + 7)) % (haystack.length - n.length));
          });
          const points = [...new Set(cuts.map((c) => c % (haystack.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((from, k) => haystack.subarray(from, k < points.length ? points[k] : haystack.length));
          expect(search(needlesOf(needleBytes), chunks, 3, { denseDepth })).toEqual(oracle(needleBytes, haystack));
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('lanes: chunks long enough to be walked as four lanes give the single walk\'s matches', () => {
  // minLaneBytes is 4096 for short needles, so a chunk of 16 KiB or more takes the lane path.
  const alphabet = [0x00, 0x41, 0x61, 0x42, 0x62, 0x5c, 0x81, 0xc8, 0xff];
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i', (seed) => {
    const random = prng(1000 + seed);
    const pick = () => alphabet[Math.floor(random() * alphabet.length)]!;
    const needleBytes = Array.from({ length: 1 + Math.floor(random() * 10) }, () =>
      Uint8Array.from({ length: 1 + Math.floor(random() * (seed % 3 === 0 ? 40 : 6)) }, pick),
    );
    const length = 4 * minLaneBytes(compileAutomaton(needlesOf(needleBytes))) + Math.floor(random() * 9000);
    const haystack = Uint8Array.from({ length }, pick);
    // Needles straddling and touching every lane boundary, and in every warm-up stretch.
    const laneBytes = Math.floor(length / laneCount);
    for (let k = 1; k < laneCount; k++) {
      for (const [i, n] of needleBytes.entries()) haystack.set(n, k * laneBytes - n.length + ((i + seed) % (n.length + 1)));
    }
    const expected = oracle(needleBytes, haystack);
    const needles = needlesOf(needleBytes);
    for (const denseDepth of ['auto', 1] as const) {
      expect(search(needles, [haystack], 3, { denseDepth }), `whole, denseDepth ${denseDepth}`).toEqual(expected);
      const cut = laneBytes + 5;
      expect(search(needles, [haystack.subarray(0, cut), haystack.subarray(cut)], 3, { denseDepth }), `split@${cut}`).toEqual(expected);
    }
  });

  it('finds a needle ending on the first byte of each lane, and one carried across chunks into lane 0', () => {
    const needle = bytesOf('hex:0102030405');
    const haystack = new Uint8Array(4 * 4096 + 3);
    const laneBytes = Math.floor(haystack.length / laneCount);
    for (let k = 1; k < laneCount; k++) haystack.set(needle, k * laneBytes - 4);
    haystack.set(needle, 0);
    const expected = oracle([needle], haystack);
    expect(expected).toHaveLength(4);
    expect(search(needlesOf([needle]), [haystack])).toEqual(expected);
    // Three bytes in a short chunk, the rest (still four lanes long) in the next one.
    expect(search(needlesOf([needle]), [haystack.subarray(0, 3), haystack.subarray(3)])).toEqual(expected);
  });
});

describe('extra patterns: a carver\'s signatures in the same pass', () => {
  const needles = needlesOf(['hsqs-name', 'abc']);
  const extraPatterns = [{ bytes: bytesOf('hsqs') }, { bytes: bytesOf('hex:1f8b08') }];

  function searchWithExtras(chunks: readonly Uint8Array[]): { hits: Triple[]; extras: Triple[] } {
    const a = compileAutomaton(needles, { extraPatterns });
    const searcher = createSearcher(a, needles, { lookBehind: 0, lookAhead: 0 });
    const hits: Triple[] = [];
    const extras: Triple[] = [];
    const sink = (c: { needle: Needle; start: number; end: number }) => void hits.push([c.needle.id, c.start, c.end]);
    for (const chunk of chunks) searcher.push(chunk, sink, (index, start, end) => void extras.push([index, start, end]));
    searcher.end(sink);
    return { hits, extras };
  }

  it('reports extra patterns to their own callback and needles as candidates, in every chunking', () => {
    const haystack = Uint8Array.from([...bytesOf('xxhsqs-name abc '), 0x1f, 0x8b, 0x08, ...bytesOf(' HSQS')]);
    forEachChunking(haystack, (chunks, label) => {
      expect(searchWithExtras(chunks), label).toEqual({
        hits: [[0, 2, 11], [1, 12, 15]],
        extras: [[0, 2, 6], [1, 16, 19], [0, 20, 24]], // folded like needles: the carver checks exact bytes
      });
    });
  });

  it('finds extra patterns on the lane path too', () => {
    const haystack = new Uint8Array(5 * 4096);
    haystack.set([0x1f, 0x8b, 0x08], 2 * 4096 + 1000 - 1);
    haystack.set(bytesOf('hsqs'), 4 * 4096 - 2);
    expect(searchWithExtras([haystack]).extras).toEqual([[1, 2 * 4096 + 999, 2 * 4096 + 1002], [0, 4 * 4096 - 2, 4 * 4096 + 2]]);
  });

  it('keeps ids apart: needles first, extras after, and says how many of each', () => {
    const a = compileAutomaton(needles, { extraPatterns });
    expect([a.needleCount, a.extraPatternCount]).toEqual([2, 2]);
    expect(Array.from(a.needleLengths)).toEqual([9, 3, 4, 3]);
    expect(() => compileAutomaton(needles, { extraPatterns: [{ bytes: new Uint8Array(0) }] })).toThrow('extra pattern 0 is empty');
  });
});
