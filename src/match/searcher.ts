/**
 * Streaming search: feeds an object's bytes through the automaton chunk by chunk and hands each
 * raw hit (a candidate) to the caller together with a window of bytes around it, so that
 * `verifyCandidate` can judge it without the rest of the object.
 *
 * Worked example (lookBehind 256, lookAhead 256, longest needle 6): 人种 in UTF-8 ends at byte
 * 1000 of the object, and chunks are 4096 bytes. The DFA state carries over between chunks, so
 * the hit is found once whichever byte a chunk boundary falls on. It is emitted as soon as bytes
 * up to 1256 are available, with the window `[738, 1256)`. A hit at 4090 waits for the next
 * chunk; meanwhile the searcher keeps the last `lookBehind + longest needle − 1 + lookAhead`
 * bytes (here 517), which is enough for the windows of every pending and future candidate.
 *
 * A verbatim child of an object searched as a stream takes, for each chunk its parent has
 * already searched, the parent's matches there (`found`, match-log.ts) instead of running the
 * automaton; everything after the matches (windows, order, candidates) is the same code.
 */
import type { Needle } from '../patterns/types.js';
import { matchIndex, type Automaton } from './automaton.js';
import type { FoundMatches, MatchLog } from './match-log.js';
import { scanChunk, type MatchList } from './scan-chunk.js';
import type { Candidate, Window } from './types.js';

export interface SearcherOptions {
  /** Bytes of context kept before each candidate's start. Default 256; costs that many bytes of tail. */
  readonly lookBehind: number;
  /** Bytes of context after each candidate's end; a candidate waits until they arrive. Default 256. */
  readonly lookAhead: number;
  /** Where this object's automaton matches are kept for its verbatim children (match-log.ts). */
  readonly log?: MatchLog;
  /** The matches a parent found in these bytes, taken instead of running the automaton where they cover a chunk. */
  readonly found?: FoundMatches;
}

export const defaultSearcherOptions: SearcherOptions = { lookBehind: 256, lookAhead: 256 };

/** Receives one candidate and its window; returning `false` stops the search. */
export type CandidateSink = (c: Candidate, w: Window) => boolean | void;

/**
 * Receives a hit of the automaton's extra pattern `index` (`compileAutomaton`'s `extraPatterns`)
 * at absolute offsets `[start, end)`, in order of end offset within a push, as soon as it is
 * found (no window, no verification).
 */
export type ExtraMatchSink = (index: number, start: number, end: number) => void;

export interface Searcher {
  /**
   * Feed the next bytes of the object. Calls `onCandidate` for every raw hit whose window is
   * complete, in order of end offset (ties by needle id). `w.bytes` may be a view of `chunk` or
   * of the searcher's own buffer: it is valid only during the call, copy it to keep it.
   * Once a sink returns `false` the searcher is stopped and later calls return at once.
   * Hits of extra patterns go to `onExtraMatch` (ignored without it).
   */
  push(chunk: Uint8Array, onCandidate: CandidateSink, onExtraMatch?: ExtraMatchSink): void;
  /**
   * Feed the next bytes of the object without looking for matches that end in them (the inside
   * of a range a child of the object has searched; the caller must not want those matches).
   * They still make windows, pending candidates still complete in them, and matches that end
   * after them are found as if they had been searched: the automaton's state is worked out
   * again from their last `maxNeedleLength - 1` bytes.
   */
  skip(chunk: Uint8Array, onCandidate: CandidateSink): void;
  /** End of object: flush pending candidates (window `atObjectEnd = true`). */
  end(onCandidate: CandidateSink): void;
  /** Bytes pushed so far (not counting chunks ignored after a stop). */
  readonly bytesSeen: number;
  /** True once a sink returned `false`. */
  readonly stopped: boolean;
}

/**
 * Creates a searcher for one object. `needles[i]` must be the needle the automaton was compiled
 * with as id `i`.
 *
 * Memory: a tail buffer of `2 × (lookBehind + maxNeedleLength − 1 + lookAhead)` bytes, plus the
 * candidates still waiting for look-ahead (at most those ending in the last `lookAhead` bytes of
 * the current chunk), plus two numbers per raw hit of the chunk being pushed (`scanChunk`'s list). The caller's chunk is never copied; windows that straddle the tail and
 * the chunk are copied (one small array per such candidate).
 * Errors: throws `RangeError` when the options are not non-negative integers or the needles do
 * not match the automaton, and `Error` for `push` after `end` (misuse).
 */
export function createSearcher(automaton: Automaton, needles: readonly Needle[], options?: Partial<SearcherOptions>): Searcher {
  const { lookBehind, lookAhead, log, found } = { ...defaultSearcherOptions, ...options };
  for (const [name, v] of [['lookBehind', lookBehind], ['lookAhead', lookAhead]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  if (checkedNeedles.get(automaton) !== needles) {
    checkNeedles(automaton, needles);
    checkedNeedles.set(automaton, needles);
  }
  return new StreamSearcher(automaton, needles, lookBehind, lookAhead, log, found);
}

/**
 * The needle list each automaton was last checked against: a scan creates a searcher per object
 * (thousands in a firmware image) with the same pair, and checking the shipped packs' needles
 * took longer than searching a small file.
 */
const checkedNeedles = new WeakMap<Automaton, readonly Needle[]>();

function checkNeedles(automaton: Automaton, needles: readonly Needle[]): void {
  if (needles.length !== automaton.needleCount) {
    throw new RangeError(`automaton has ${automaton.needleCount} needles, got ${needles.length}`);
  }
  needles.forEach((n, i) => {
    if (n.id !== i || n.bytes.length !== automaton.needleLengths[i]) {
      throw new RangeError(`needle ${i} does not match the automaton (id ${n.id}, ${n.bytes.length} bytes)`);
    }
  });
}

class StreamSearcher implements Searcher {
  readonly #a: Automaton;
  readonly #needles: readonly Needle[];
  readonly #lookBehind: number;
  readonly #lookAhead: number;
  /** Bytes kept after each push: enough for pending and future windows. */
  readonly #keep: number;
  readonly #tail: Uint8Array;
  #tailLength = 0;
  #state: number;
  /** Matches of the chunk being pushed; emptied after each push. */
  readonly #matches: MatchList = { ends: [], states: [] };
  #seen = 0;
  #ended = false;
  #stopped = false;
  // Candidates waiting for look-ahead, FIFO: needle id and absolute end offset.
  #pendingIds: number[] = [];
  #pendingEnds: number[] = [];
  #pendingHead = 0;
  // The chunk being pushed, and where it starts in the object.
  #chunk: Uint8Array = new Uint8Array(0);
  #chunkStart = 0;
  readonly #log: MatchLog | undefined;
  readonly #found: FoundMatches | undefined;
  /** False once a chunk was taken from `#found` or skipped: `#state` must be worked out again before the automaton runs. */
  #stateCurrent = true;

  constructor(a: Automaton, needles: readonly Needle[], lookBehind: number, lookAhead: number, log: MatchLog | undefined, found: FoundMatches | undefined) {
    this.#a = a;
    this.#needles = needles;
    this.#lookBehind = lookBehind;
    this.#lookAhead = lookAhead;
    this.#log = log;
    this.#found = found;
    this.#keep = lookBehind + Math.max(0, a.maxNeedleLength - 1) + lookAhead;
    this.#tail = new Uint8Array(2 * this.#keep);
    this.#state = a.startState;
  }

  get bytesSeen(): number {
    return this.#seen;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  push(chunk: Uint8Array, onCandidate: CandidateSink, onExtraMatch?: ExtraMatchSink): void {
    if (!this.#take(chunk, onCandidate, 'push')) return;
    const { ends, states } = this.#matches;
    if (this.#found?.covers(this.#chunkStart, this.#seen) === true) {
      this.#found.forEach(this.#chunkStart, this.#seen, (end, state) => {
        ends.push(end - this.#chunkStart);
        states.push(state);
      });
      this.#stateCurrent = false;
    } else {
      if (!this.#stateCurrent) this.#resumeState();
      this.#state = scanChunk(this.#a, chunk, this.#state, this.#matches);
    }
    this.#log?.add(this.#chunkStart, chunk.length, ends, states);
    for (let k = 0; k < ends.length && !this.#stopped; k++) {
      this.#record(states[k]!, this.#chunkStart + ends[k]!, onExtraMatch);
      this.#drain(onCandidate, false);
    }
    ends.length = 0;
    states.length = 0;
    this.#done(chunk);
  }

  skip(chunk: Uint8Array, onCandidate: CandidateSink): void {
    if (!this.#take(chunk, onCandidate, 'skip')) return;
    this.#log?.skip(this.#seen);
    this.#stateCurrent = false;
    this.#done(chunk);
  }

  /** Makes `chunk` the current one and emits the candidates whose look-ahead it completes; false when there is nothing to do. */
  #take(chunk: Uint8Array, onCandidate: CandidateSink, caller: 'push' | 'skip'): boolean {
    if (this.#ended) throw new Error(`Searcher.${caller}() called after end()`);
    if (this.#stopped || chunk.length === 0) return false;
    this.#chunk = chunk;
    this.#chunkStart = this.#seen;
    this.#seen += chunk.length;
    this.#drain(onCandidate, false);
    return true;
  }

  /** Keeps the end of the chunk for later windows and lets go of the chunk itself. */
  #done(chunk: Uint8Array): void {
    if (!this.#stopped) this.#retain(chunk);
    this.#chunk = new Uint8Array(0);
  }

  end(onCandidate: CandidateSink): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#chunkStart = this.#seen;
    if (!this.#stopped) this.#drain(onCandidate, true);
  }

  /**
   * The automaton's state at the end of the bytes seen, worked out again from their last
   * `maxNeedleLength - 1` bytes (kept in the tail): every needle that ends later starts inside
   * them, as `scanChunk`'s lanes warm up.
   */
  #resumeState(): void {
    const warmUp = Math.min(this.#tailLength, Math.max(0, this.#a.maxNeedleLength - 1));
    this.#state = scanChunk(this.#a, this.#tail.subarray(this.#tailLength - warmUp, this.#tailLength), this.#a.startState, { ends: [], states: [] });
    this.#stateCurrent = true;
  }

  #record(state: number, end: number, onExtraMatch: ExtraMatchSink | undefined): void {
    const { matchOffsets, matchIds, needleCount, needleLengths } = this.#a;
    const k = matchIndex(this.#a, state);
    for (let j = matchOffsets[k]!; j < matchOffsets[k + 1]!; j++) {
      const id = matchIds[j]!;
      // A state found in a parent's bytes also names needles that start before this object.
      if (end < needleLengths[id]!) continue;
      if (id < needleCount) {
        this.#pendingIds.push(id);
        this.#pendingEnds.push(end);
      } else {
        onExtraMatch?.(id - needleCount, end - needleLengths[id]!, end);
      }
    }
  }

  /** Emits every pending candidate whose look-ahead has arrived (all of them at the end). */
  #drain(onCandidate: CandidateSink, atEnd: boolean): void {
    const available = this.#seen;
    while (this.#pendingHead < this.#pendingIds.length) {
      const end = this.#pendingEnds[this.#pendingHead]!;
      if (!atEnd && end + this.#lookAhead > available) break;
      const needle = this.#needles[this.#pendingIds[this.#pendingHead]!]!;
      this.#pendingHead++;
      const start = end - needle.bytes.length;
      const windowStart = Math.max(0, start - this.#lookBehind);
      const windowEnd = Math.min(available, end + this.#lookAhead);
      const w: Window = {
        bytes: this.#slice(windowStart, windowEnd),
        windowStart,
        atObjectStart: windowStart === 0,
        atObjectEnd: atEnd && windowEnd === available,
      };
      if (onCandidate({ needle, start, end }, w) === false) {
        this.#stopped = true;
        break;
      }
    }
    if (this.#stopped || this.#pendingHead === this.#pendingIds.length) {
      this.#pendingIds = [];
      this.#pendingEnds = [];
      this.#pendingHead = 0;
    } else if (this.#pendingHead >= 1024 && 2 * this.#pendingHead >= this.#pendingIds.length) {
      // A dense run of hits may never empty the queue: drop the emitted prefix now and then.
      this.#pendingIds.splice(0, this.#pendingHead);
      this.#pendingEnds.splice(0, this.#pendingHead);
      this.#pendingHead = 0;
    }
  }

  /** Bytes `[from, to)` of the object, from the tail and the current chunk. */
  #slice(from: number, to: number): Uint8Array {
    const tailStart = this.#chunkStart - this.#tailLength;
    if (from >= this.#chunkStart) return this.#chunk.subarray(from - this.#chunkStart, to - this.#chunkStart);
    const tail = this.#tail.subarray(0, this.#tailLength);
    if (to <= this.#chunkStart) return tail.subarray(from - tailStart, to - tailStart);
    const out = new Uint8Array(to - from);
    out.set(tail.subarray(from - tailStart));
    out.set(this.#chunk.subarray(0, to - this.#chunkStart), this.#chunkStart - from);
    return out;
  }

  /** Keeps the last `#keep` bytes seen; compacts only when the double-size buffer is full. */
  #retain(chunk: Uint8Array): void {
    const keep = this.#keep;
    if (chunk.length >= keep) {
      this.#tail.set(chunk.subarray(chunk.length - keep));
      this.#tailLength = keep;
      return;
    }
    if (this.#tailLength + chunk.length > this.#tail.length) {
      const k = Math.min(this.#tailLength, keep - chunk.length);
      this.#tail.copyWithin(0, this.#tailLength - k, this.#tailLength);
      this.#tailLength = k;
    }
    this.#tail.set(chunk, this.#tailLength);
    this.#tailLength += chunk.length;
  }
}
