import { describe, expect, it } from 'vitest';
import { compileAutomaton } from '../../src/match/automaton.js';
import { createSearcher, type SearcherOptions } from '../../src/match/searcher.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { expandTerms } from '../../src/patterns/needles.js';
import type { Needle } from '../../src/patterns/types.js';
import { forEachChunking } from '../helpers/chunkings.js';
import { makeTerm } from '../helpers/terms.js';

interface Seen {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly windowStart: number;
  readonly bytes: Uint8Array;
  readonly atObjectStart: boolean;
  readonly atObjectEnd: boolean;
}

const { needles } = expandTerms([makeTerm('人种'), makeTerm('EM_RACE_TYPE')]);
const automaton = compileAutomaton(needles);
const utf8 = (s: string) => new TextEncoder().encode(s);

function run(chunks: readonly Uint8Array[], options?: Partial<SearcherOptions>, list: readonly Needle[] = needles): Seen[] {
  const searcher = createSearcher(list === needles ? automaton : compileAutomaton(list), list, options);
  const seen: Seen[] = [];
  // Windows may be views of the searcher's buffer: copy them while the callback runs.
  const sink = (c: Candidate, w: Window) =>
    void seen.push({ id: c.needle.id, start: c.start, end: c.end, ...w, bytes: w.bytes.slice() });
  for (const chunk of chunks) searcher.push(chunk, sink);
  searcher.end(sink);
  return seen;
}

/** Checks every window against the whole object. */
function expectWindows(seen: readonly Seen[], object: Uint8Array, lookBehind: number, lookAhead: number, label: string): void {
  for (const s of seen) {
    const windowStart = Math.max(0, s.start - lookBehind);
    const windowEnd = Math.min(object.length, s.end + lookAhead);
    expect(s.windowStart, label).toBe(windowStart);
    expect(s.bytes, label).toEqual(object.subarray(windowStart, windowEnd));
    expect(s.atObjectStart, label).toBe(windowStart === 0);
    expect(s.atObjectEnd, label).toBe(s.end + lookAhead > object.length);
  }
}

describe('createSearcher', () => {
  it('reports a needle split at every possible chunk boundary exactly once, at the right offsets', () => {
    const object = utf8('0123456789人种0123456789');
    forEachChunking(object, (chunks, label) => {
      const seen = run(chunks, { lookBehind: 4, lookAhead: 4 });
      expect(seen.map((s) => [s.id, s.start, s.end]), label).toEqual([[0, 10, 16]]);
      expectWindows(seen, object, 4, 4, label);
    });
  });

  it('reports a needle cut into three chunks at every pair of offsets exactly once', () => {
    const object = utf8('ab EM_RACE_TYPE cd');
    for (let i = 1; i < object.length; i++) {
      for (let j = i + 1; j < object.length; j++) {
        const chunks = [object.subarray(0, i), object.subarray(i, j), object.subarray(j)];
        expect(run(chunks, { lookBehind: 2, lookAhead: 2 }).map((s) => [s.start, s.end]), `${i},${j}`).toEqual([[3, 15]]);
      }
    }
  });

  it('gives short windows at the object start and end, and full ones in between', () => {
    const object = utf8('人种 middle 人种 EM_RACE_TYPE 人种');
    for (const [lookBehind, lookAhead] of [[0, 0], [3, 3], [8, 2], [256, 256]] as const) {
      forEachChunking(object, (chunks, label) => {
        const seen = run(chunks, { lookBehind, lookAhead });
        expect(seen.map((s) => s.start), label).toEqual([0, 14, 21, 34]);
        expectWindows(seen, object, lookBehind, lookAhead, `${label} ${lookBehind}/${lookAhead}`);
      });
    }
  });

  it('emits candidates in order of end offset, ties by needle id', () => {
    const list = expandTerms([makeTerm('维族人员实时预警'), makeTerm('维族'), makeTerm('族人')]).needles;
    const object = utf8('维族人员实时预警 维族');
    forEachChunking(object, (chunks, label) => {
      const seen = run(chunks, { lookBehind: 1, lookAhead: 30 }, list);
      const ends = seen.map((s) => s.end);
      expect(ends, label).toEqual([...ends].sort((a, b) => a - b));
      expect(seen.map((s) => list[s.id]!.variant), label).toEqual(['维族', '族人', '维族人员实时预警', '维族']);
    });
  });

  it('stops when a callback returns false, and ignores later pushes', () => {
    const object = utf8('人种 人种 人种');
    forEachChunking(object, (chunks, label) => {
      const searcher = createSearcher(automaton, needles, { lookBehind: 0, lookAhead: 2 });
      let calls = 0;
      const sink = () => (++calls === 2 ? false : undefined);
      for (const chunk of chunks) searcher.push(chunk, sink);
      searcher.end(sink);
      expect(calls, label).toBe(2);
      expect(searcher.stopped, label).toBe(true);
    });
  });

  it('stops on the lane path too: a chunk walked as four lanes emits nothing after the stop', () => {
    // 64 KiB is four lanes of at least minLaneBytes for the test needles; hits in every lane.
    const object = new Uint8Array(64 * 1024).fill(0x20);
    const hit = utf8('人种');
    for (let k = 0; k < 8; k++) object.set(hit, k * 8192 + 100);
    const all = run([object], { lookBehind: 0, lookAhead: 2 });
    expect(all.map((c) => c.start)).toEqual(Array.from({ length: 8 }, (_, k) => k * 8192 + 100));
    const searcher = createSearcher(automaton, needles, { lookBehind: 0, lookAhead: 2 });
    const starts: number[] = [];
    const sink = (c: Candidate) => (starts.push(c.start), starts.length === 5 ? false : undefined);
    searcher.push(object, sink);
    searcher.push(object, sink);
    searcher.end(sink);
    expect(starts).toEqual(all.slice(0, 5).map((c) => c.start));
  });

  it('counts bytes seen', () => {
    const searcher = createSearcher(automaton, needles);
    searcher.push(new Uint8Array(10), () => undefined);
    searcher.push(new Uint8Array(0), () => undefined);
    searcher.push(new Uint8Array(5), () => undefined);
    expect(searcher.bytesSeen).toBe(15);
  });

  it('finds needles in large chunks with dense hits and keeps windows bounded', () => {
    const object = utf8('人种'.repeat(5000));
    const searcher = createSearcher(automaton, needles, { lookBehind: 16, lookAhead: 16 });
    let count = 0;
    let widest = 0;
    const sink = (_c: Candidate, w: Window) => {
      count++;
      widest = Math.max(widest, w.bytes.length);
    };
    for (let at = 0; at < object.length; at += 4096) searcher.push(object.subarray(at, at + 4096), sink);
    searcher.end(sink);
    expect(count).toBe(5000);
    expect(widest).toBe(16 + 6 + 16);
  });

  it('rejects misuse', () => {
    expect(() => createSearcher(automaton, needles, { lookBehind: -1 })).toThrow(RangeError);
    expect(() => createSearcher(automaton, needles, { lookAhead: 1.5 })).toThrow(RangeError);
    expect(() => createSearcher(automaton, needles.slice(1))).toThrow(RangeError);
    const searcher = createSearcher(automaton, needles);
    searcher.end(() => undefined);
    expect(() => searcher.push(new Uint8Array(1), () => undefined)).toThrow(/after end/);
  });
});
