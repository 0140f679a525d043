// A verbatim child of an object searched as a stream takes the automaton's matches its parent
// found in its bytes (match-log.ts) instead of running the automaton again: its candidates,
// windows and extra-pattern hits are those of its own search, whatever the chunking, whether
// the parent is ahead of it or not, and whichever needles straddle its edges.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileAutomaton } from '../../src/match/automaton.js';
import { MatchLog, type FoundMatches } from '../../src/match/match-log.js';
import { createSearcher } from '../../src/match/searcher.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { expandTerms } from '../../src/patterns/needles.js';
import { scan } from '../../src/index.js';
import { fixedChunkSizes } from '../helpers/chunkings.js';
import { makeTerm } from '../helpers/terms.js';

// EM_RACE_TYPE holds RACE and TYPE; 人种 is multi-byte; `hsqs` is an extra pattern (a carve signature).
const { needles } = expandTerms([makeTerm('人种'), makeTerm('EM_RACE_TYPE'), makeTerm('RACE'), makeTerm('TYPE')]);
const automaton = compileAutomaton(needles, { extraPatterns: [{ bytes: new TextEncoder().encode('hsqs') }] });
const options = { lookBehind: 16, lookAhead: 16 };
const realAt = MatchLog.prototype.at;

/** A parent whose child `[childStart, childEnd)` starts inside one EM_RACE_TYPE and ends inside another. */
const text = 'head EM_RACE_TYPE hsqs 人种 pad EM_RACE_TYPE mid 人种 RACE hsqs TYPE EM_RACE_TYPE tail 人种';
const parent = new TextEncoder().encode(text);
const childStart = parent.indexOf(0x52); // the R of the first EM_RACE_TYPE
const childEnd = parent.lastIndexOf(0x52) + 2; // inside the last EM_RACE_TYPE
const child = parent.subarray(childStart, childEnd);

interface Seen {
  readonly what: string;
}

function sink(seen: Seen[]) {
  return {
    candidate: (c: Candidate, w: Window) => void seen.push({ what: `${c.needle.id}@${c.start}-${c.end} [${w.windowStart} ${Buffer.from(w.bytes).toString('hex')} ${w.atObjectStart} ${w.atObjectEnd}]` }),
    extra: (index: number, start: number, end: number) => void seen.push({ what: `extra ${index}@${start}-${end}` }),
  };
}

/** The child searched on its own, in `chunks`. */
function alone(chunks: readonly Uint8Array[]): Seen[] {
  const seen: Seen[] = [];
  const { candidate, extra } = sink(seen);
  const searcher = createSearcher(automaton, needles, options);
  for (const chunk of chunks) searcher.push(chunk, candidate, extra);
  searcher.end(candidate);
  return seen;
}

/** Splits `bytes` into chunks of `size`. */
function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/**
 * The parent searched in `size`-byte chunks with a log, the child fed from it: each child chunk
 * is the part of a parent chunk inside it, pushed after the parent's chunk (as a stream parent's
 * tap does) unless `childFirst(k)` says the child gets its k-th chunk first (a parent behind).
 */
function fed(size: number, childFirst: (k: number) => boolean = () => false): { readonly seen: Seen[]; readonly taken: number } {
  const log = new MatchLog();
  const parentSearch = createSearcher(automaton, needles, { ...options, log });
  let taken = 0;
  const logView = log.at(childStart);
  const found: FoundMatches = {
    covers: (from, to) => logView.covers(from, to),
    forEach: (from, to, each) => {
      taken++;
      logView.forEach(from, to, each);
    },
  };
  const seen: Seen[] = [];
  const { candidate, extra } = sink(seen);
  const childSearch = createSearcher(automaton, needles, { ...options, found });
  const childChunks = chunked(parent, size).map((chunk, k) => ({ chunk, start: k * size }));
  let k = 0;
  for (const { chunk, start } of childChunks) {
    const inChild = parent.subarray(Math.max(start, childStart), Math.min(start + chunk.length, childEnd));
    const pushParent = () => parentSearch.push(chunk, () => {});
    if (inChild.length > 0 && childFirst(k)) {
      childSearch.push(inChild, candidate, extra);
      pushParent();
    } else {
      pushParent();
      if (inChild.length > 0) childSearch.push(inChild, candidate, extra);
    }
    if (inChild.length > 0) k++;
  }
  childSearch.end(candidate);
  return { seen, taken };
}

describe("a verbatim child fed with its parent's matches", () => {
  const sizes = [...fixedChunkSizes, parent.length];

  it.each(sizes)('finds what its own search finds, in %i-byte chunks, without running the automaton', (size) => {
    const { seen, taken } = fed(size);
    const childChunks = chunked(parent, size).map((chunk, k) => parent.subarray(Math.max(k * size, childStart), Math.min(k * size + chunk.length, childEnd))).filter((chunk) => chunk.length > 0);
    const own = alone(childChunks);
    expect(seen).toEqual(own);
    // Every chunk came after its parent's: each took the parent's matches.
    expect(taken).toBe(childChunks.length);
    // Both signatures lie inside the child.
    expect(own.filter((s) => s.what.startsWith('extra'))).toHaveLength(2);
  });

  it.each(sizes)('finds the same when the parent is behind for every other chunk (%i bytes): the automaton resumes from the tail', (size) => {
    const own = alone(chunked(parent, size).map((chunk, k) => parent.subarray(Math.max(k * size, childStart), Math.min(k * size + chunk.length, childEnd))).filter((chunk) => chunk.length > 0));
    expect(fed(size, (k) => k % 2 === 1).seen).toEqual(own);
    expect(fed(size, (k) => k % 3 !== 0).seen).toEqual(own);
  });

  it("drops the needles its parent's state names that start before it", () => {
    const log = new MatchLog();
    createSearcher(automaton, needles, { ...options, log }).push(parent, () => {});
    const emRaceType = needles.find((n) => n.term.text === 'EM_RACE_TYPE' && n.encoding === 'utf-8' && n.form === 'raw')!;
    // The parent found EM_RACE_TYPE ending 9 bytes into the child: it starts 3 bytes (EM_) before it.
    const ends: number[] = [];
    log.at(childStart).forEach(0, child.length, (end) => ends.push(end));
    expect(ends).toContain(emRaceType.bytes.length - 3);
    const { seen } = fed(parent.length);
    expect(seen.some((s) => s.what.startsWith(`${emRaceType.id}@-`))).toBe(false);
    expect(seen.filter((s) => /^\d+@0-4 /.test(s.what))).toHaveLength(1);
  });
});

describe('MatchLog', () => {
  it('covers what the parent has searched, from its first byte until a flood of matches drops the oldest', () => {
    const log = new MatchLog();
    const parentSearch = createSearcher(automaton, needles, { ...options, log });
    const view = log.at(100);
    parentSearch.push(new Uint8Array(1000), () => {});
    expect(view.covers(0, 900)).toBe(true);
    expect(view.covers(0, 901)).toBe(false);
    // Bytes without a match cost the log nothing: a chunk carved far into the object is still covered.
    parentSearch.push(new Uint8Array(5 * 1024 * 1024), () => {});
    expect(view.covers(0, 900)).toBe(true);
    // 300,000 matches of RACE: more than the log keeps (2^18), so the oldest go and with them the cover of the start.
    const flood = new TextEncoder().encode('RACE '.repeat(300_000));
    parentSearch.push(flood, () => {});
    const end = 1000 + 5 * 1024 * 1024 + flood.length;
    expect(view.covers(0, 900)).toBe(false);
    expect(view.covers(end - 100 - 1000, end - 100)).toBe(true);
  });
});

describe('scanning a tar read as a stream', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("feeds its members with the tar's matches", async () => {
    const covered: boolean[] = [];
    vi.spyOn(MatchLog.prototype, 'at').mockImplementation(function (this: MatchLog, offset: number) {
      const view = realAt.call(this, offset);
      return {
        covers: (from: number, to: number) => {
          covered.push(view.covers(from, to));
          return covered.at(-1)!;
        },
        forEach: (from: number, to: number, each: (end: number, state: number) => void) => view.forEach(from, to, each),
      };
    });
    await scan([new URL('../fixtures/unpack/tar/gnu-longname.tar', import.meta.url).pathname]);
    expect(covered).toContain(true);
  });
});

describe('scanning a flash dump with chunks carved from it', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // A carved chunk is walked after its parent's whole pass: the log covers it from the parent's first byte.
  it("feeds each carved chunk of a known length with the dump's matches", async () => {
    const covered: [number, boolean][] = [];
    vi.spyOn(MatchLog.prototype, 'at').mockImplementation(function (this: MatchLog, offset: number) {
      const view = realAt.call(this, offset);
      return {
        covers: (from: number, to: number) => {
          covered.push([offset, view.covers(from, to)]);
          return covered.at(-1)![1];
        },
        forEach: (from: number, to: number, each: (end: number, state: number) => void) => view.forEach(from, to, each),
      };
    });
    // A flash dump (test/fixtures/build/acceptance.sh): uImage at 0, squashfs carved at 0x10000 (its length from its superblock), JFFS2 at 0x20000.
    const report = await scan([new URL('../fixtures/unpack/acceptance/flash--uimage-squashfs-jffs2.bin', import.meta.url).pathname]);
    const squashfs = covered.filter(([offset]) => offset === 0x10000);
    expect(squashfs.length).toBeGreaterThan(0);
    expect(squashfs.every(([, covers]) => covers)).toBe(true);
    expect(report.findings.some((finding) => finding.location.chain[0]?.offset === 0x10000)).toBe(true);
  });
});
