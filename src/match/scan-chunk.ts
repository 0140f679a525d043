/**
 * The hot loop: runs an automaton over one chunk and lists every match (end offset and matching
 * state), in order of end offset.
 *
 * Why lanes: a DFA walk is one dependent chain of table loads (the next state needs the
 * previous one), so a single walk waits on memory latency at every byte. A chunk of at least
 * `laneCount × minLaneBytes` bytes is cut into four lanes walked in lock step, four independent
 * chains the CPU overlaps. Lane k > 0 starts `maxNeedleLength − 1` bytes before its own range,
 * in the start state: by the time it reaches its range its state is the exact one (an
 * automaton state is the longest suffix of the bytes read that is a needle prefix, and no prefix
 * is longer than the longest needle), and it records only matches ending inside its range, so
 * every match is found once, whatever the chunking. Same matches, same order as a single walk
 * (the bench compares both on the whole corpus).
 *
 * Measured on a 64 MiB bench corpus, shipped packs, best CPU time of three on the shared
 * 2-core EPYC (load 15–20, so ±30%):
 *   single walk, classes + premultiplied Int32 rows, depth-4 dense      305 MB/s
 *   same, dense depth 5 (127,000 instead of 300,000 sparse excursions)   373 MB/s
 *   256-wide rows, no byte-class load                                    228 MB/s (rows miss L2)
 *   16-bit rows (state index × classes, one more multiply per byte)      slower than Int32
 *   lock-step loop alone (no excursions), two lanes, depth 5             653 MB/s
 *   lock-step loop alone, four lanes, depth 5 (kept)                     743 MB/s
 *   whole scanChunk, four lanes (kept) vs eight lanes, interleaved in one
 *   process, best of 8 each, load 18 (2026-12-07)                        577 vs 576 MB/s
 * In the recorded 256 MiB run (docs/benchmarks.md, load 28) the searcher with four lanes took
 * 0.87 s of CPU against 1.40 s for the single walk (bench/reference-walk.js): 308 vs 191 MB/s.
 * A root-state skip table does not pay here: at the start state a skip test is the same one
 * load per byte as the DFA step, and half the bytes of binary data start some needle in some
 * encoding (UTF-16LE low bytes, GB18030 lead bytes, base64 letters).
 *
 * WebAssembly (lanes.wat, lanes-wasm.ts): the same four lanes without V8's bounds check on
 * every typed-array load. Chunks long enough for lanes take it whenever WebAssembly is there;
 * `scanChunkInJs` is the fallback (`node --jitless` has no WebAssembly, or its memory cannot
 * be had). Measured 2026-12-07 on the 64 MiB corpus in 1 MiB chunks, best CPU time of 10–12
 * runs interleaved in one process, load 7–10 on the 2-core EPYC:
 *   JS lanes vs WebAssembly lanes (bench "matcher core" rows)           542–669 vs 859–1,172 MB/s
 *   automaton + searcher (the bench's "matcher alone"), before vs after  462 vs 769 MB/s
 *   WebAssembly, four lanes (kept) vs eight (spills registers)          1,063 vs 841 MB/s
 *   first special state at a power of two, one OR test for all lanes     +1%, within noise: not kept
 *   sparse state records holding their first edge (one cache line)       −1%, within noise: not kept
 *   state ids instead of byte addresses (no table conversion, but a shift
 *   on the chain from one state to the next): the walk is latency-bound   −12%: not kept
 *   copying the chunk into WebAssembly memory                            20 GB/s, about 5% of the walk
 *   lock-step loop alone (no excursions, load 4): four lanes 1,420 MB/s; eight lanes reading
 *   at constant offsets from one shared pointer 1,650 MB/s. Not built: lanes on one pointer
 *   cannot drift apart to walk an excursion alone, so all eight would take a slow generic
 *   step while any is out (about 6% of iterations), which would eat most of the 16%.
 * A Teddy-style SIMD prefilter on needle prefixes cannot pay with these needles: on the bench
 * corpus 59.6% of positions start with a first byte of a needle (90 byte values, 116 with
 * ASCII case), 21.9% with one of its 425 two-byte prefixes and 9.6% with one of 819 three-byte
 * prefixes, so it would hand the DFA a candidate every few bytes; the walk sits at the start
 * state on 40% of bytes and leaves it on 40% of those.
 */
import { isMatchState, step, type Automaton } from './automaton.js';
import { wasmLanes } from './lanes-wasm.js';

/** Matches found in one chunk: match `k` ends at `ends[k]` (index after its last byte) in state `states[k]`. */
export interface MatchList {
  readonly ends: number[];
  readonly states: number[];
}

export const laneCount = 4;

/**
 * Shortest chunk walked in WebAssembly, in one lane when too short for four: a tar member or a
 * gzip chunk (64 KiB) is far shorter than four lanes of the shipped packs (35 KiB with their
 * 280-byte needles), and the JavaScript single walk took 0.3 s of 2.4 s on 200 small images.
 * Shorter chunks (and a tiny input) never pay for the instance (its tables are copied once).
 */
const minWasmBytes = 4096;

/** Shortest lane worth its warm-up: below `laneCount ×` this many bytes a chunk is one walk. */
export function minLaneBytes(a: Automaton): number {
  return Math.max(4096, 32 * a.maxNeedleLength);
}

/**
 * Walks `chunk` from `state` (the state the previous chunk ended in; `a.startState` for the
 * first) and appends its matches to `out`. Returns the state to carry into the next chunk.
 * Memory: three small lists for lanes 1–3 when the chunk is split, nothing otherwise.
 */
export function scanChunk(a: Automaton, chunk: Uint8Array, state: number, out: MatchList): number {
  if (chunk.length >= minWasmBytes) {
    const wasm = wasmLanes(a, minLaneBytes(a));
    if (wasm !== undefined) return wasm.scan(chunk, state, out);
  }
  return scanChunkInJs(a, chunk, state, out);
}

/** `scanChunk` without WebAssembly: its fallback, and what the tests compare it with. */
export function scanChunkInJs(a: Automaton, chunk: Uint8Array, state: number, out: MatchList): number {
  const n = chunk.length;
  const laneBytes = Math.floor(n / laneCount);
  if (laneBytes < minLaneBytes(a)) return scanRange(a, chunk, { state, at: 0 }, n, 0, out);
  const warmUp = Math.max(0, a.maxNeedleLength - 1);
  const lanes: Lane[] = [];
  for (let k = 0; k < laneCount; k++) {
    const from = k * laneBytes;
    lanes.push({
      state: k === 0 ? state : a.startState,
      at: k === 0 ? 0 : from - warmUp,
      end: k === laneCount - 1 ? n : from + laneBytes,
      recordAfter: from,
      out: k === 0 ? out : { ends: [], states: [] },
    });
  }
  walkLanes(a, chunk, lanes as [Lane, Lane, Lane, Lane]);
  for (const lane of lanes.slice(1)) {
    for (let j = 0; j < lane.out.ends.length; j++) {
      out.ends.push(lane.out.ends[j]!);
      out.states.push(lane.out.states[j]!);
    }
  }
  return lanes[laneCount - 1]!.state;
}

interface Lane {
  state: number;
  /** Index of the next byte to read. */
  at: number;
  readonly end: number;
  /** Matches ending at or before this offset belong to the previous lane (this one is warming up). */
  readonly recordAfter: number;
  readonly out: MatchList;
}

/**
 * Four lanes in lock step while all are in dense non-matching states (one class load and one
 * table load per lane and byte, and one test for all four); a lane that leaves them is walked
 * alone until it is back. Lanes that run out first are finished alone.
 */
function walkLanes(a: Automaton, chunk: Uint8Array, lanes: readonly [Lane, Lane, Lane, Lane]): void {
  const table = a.transitions;
  const classes = a.byteClasses;
  const special = a.firstSpecialState;
  const [l0, l1, l2, l3] = lanes;
  for (const lane of lanes) settle(a, chunk, lane);
  for (;;) {
    const steps = Math.min(l0.end - l0.at, l1.end - l1.at, l2.end - l2.at, l3.end - l3.at);
    if (steps === 0) break;
    let s0 = l0.state;
    let s1 = l1.state;
    let s2 = l2.state;
    let s3 = l3.state;
    const i0 = l0.at;
    const i1 = l1.at;
    const i2 = l2.at;
    const i3 = l3.at;
    let k = 0;
    while (k < steps) {
      s0 = table[s0 + classes[chunk[i0 + k]!]!]!;
      s1 = table[s1 + classes[chunk[i1 + k]!]!]!;
      s2 = table[s2 + classes[chunk[i2 + k]!]!]!;
      s3 = table[s3 + classes[chunk[i3 + k]!]!]!;
      k++;
      // The sign bit survives the AND only if every lane is below `special`.
      if (((s0 - special) & (s1 - special) & (s2 - special) & (s3 - special)) >= 0) break;
    }
    l0.state = s0;
    l1.state = s1;
    l2.state = s2;
    l3.state = s3;
    l0.at = i0 + k;
    l1.at = i1 + k;
    l2.at = i2 + k;
    l3.at = i3 + k;
    for (const lane of lanes) {
      if (lane.state >= special) {
        record(a, lane, lane.at);
        settle(a, chunk, lane);
      }
    }
  }
  for (const lane of lanes) lane.state = scanRange(a, chunk, lane, lane.end, lane.recordAfter, lane.out);
}

/** Walks one lane alone while it is in a matching or sparse state (and has bytes left). */
function settle(a: Automaton, chunk: Uint8Array, lane: Lane): void {
  const special = a.firstSpecialState;
  while (lane.state >= special && lane.at < lane.end) {
    lane.state = step(a, lane.state, a.byteClasses[chunk[lane.at]!]!);
    lane.at++;
    record(a, lane, lane.at);
  }
}

function record(a: Automaton, lane: Lane, end: number): void {
  if (end > lane.recordAfter && isMatchState(a, lane.state)) {
    lane.out.ends.push(end);
    lane.out.states.push(lane.state);
  }
}

/**
 * One walk over `chunk[cursor.at, end)` from `cursor.state`; appends matches ending after
 * `recordAfter`. Returns the final state. Dense non-matching states take the tight inner loop.
 */
function scanRange(a: Automaton, chunk: Uint8Array, cursor: { state: number; at: number }, end: number, recordAfter: number, out: MatchList): number {
  const table = a.transitions;
  const classes = a.byteClasses;
  const special = a.firstSpecialState;
  let s = cursor.state;
  let i = cursor.at;
  while (i < end) {
    if (s < special) {
      for (; i < end; i++) {
        s = table[s + classes[chunk[i]!]!]!;
        if (s >= special) break;
      }
      if (i === end) break;
    } else {
      s = step(a, s, classes[chunk[i]!]!);
    }
    i++;
    if (i > recordAfter && isMatchState(a, s)) {
      out.ends.push(i);
      out.states.push(s);
    }
  }
  return s;
}
