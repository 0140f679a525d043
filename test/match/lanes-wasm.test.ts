// The WebAssembly lanes (lanes.wat) against the JavaScript lanes and a plain one-state-at-a-time
// walk: same matches, same order, same final state, on the shipped needles over random bytes
// with planted needles and needle prefixes, through chunkings that put chunk, piece and lane
// boundaries inside needles (chunks too short for four lanes walk one), and on an automaton
// that is nearly all sparse states.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateLanesModule, moduleFile } from '../../scripts/lanes-wasm.mjs';
import { compileAutomaton, isMatchState, step, type Automaton } from '../../src/match/automaton.js';
import { wasmLanes } from '../../src/match/lanes-wasm.js';
import { laneCount, minLaneBytes, scanChunk, scanChunkInJs, type MatchList } from '../../src/match/scan-chunk.js';
import { loadPacks, shippedPackPaths } from '../../src/patterns/load.js';
import { expandTerms } from '../../src/patterns/needles.js';
import type { Needle } from '../../src/patterns/types.js';
import { chunkings } from '../helpers/chunkings.js';

const { packs } = await loadPacks(shippedPackPaths());
const needles = expandTerms(packs.flatMap((p) => p.terms)).needles;
const shipped = compileAutomaton(needles);

interface Walk extends MatchList {
  readonly final: number;
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Random bytes with a needle or a needle's proper prefix (a sparse excursion that fails) every
 * few hundred bytes, and a needle at each offset of `across` (where a test puts boundaries).
 */
function plantedData(size: number, list: readonly Needle[], seed: number, across: readonly number[]): Uint8Array {
  const random = mulberry32(seed);
  const bytes = new Uint8Array(size).map(() => Math.floor(random() * 256));
  const pick = () => list[Math.floor(random() * list.length)]!.bytes;
  for (let at = 0; at < size - 300; at += 100 + Math.floor(random() * 400)) {
    const needle = pick();
    bytes.set(random() < 0.5 ? needle : needle.subarray(0, Math.max(1, needle.length - 1)), at);
  }
  across.forEach((boundary, k) => {
    // Alternately a needle that ends exactly at the boundary and one cut in half by it.
    const needle = pick();
    const at = boundary - (k % 2 === 0 ? needle.length : Math.ceil(needle.length / 2));
    if (at >= 0 && at + needle.length <= size) bytes.set(needle, at);
  });
  return bytes;
}

/** One state at a time, every state through `step`: the reference. */
function referenceWalk(a: Automaton, bytes: Uint8Array): Walk & { readonly sparseVisits: number } {
  const out: Walk & { sparseVisits: number } = { ends: [], states: [], final: a.startState, sparseVisits: 0 };
  let s = a.startState;
  for (let i = 0; i < bytes.length; i++) {
    s = step(a, s, a.byteClasses[bytes[i]!]!);
    if (s >= a.sparseBase) out.sparseVisits++;
    if (isMatchState(a, s)) {
      out.ends.push(i + 1);
      out.states.push(s);
    }
  }
  return { ...out, final: s };
}

function walkChunks(a: Automaton, chunks: readonly Uint8Array[], scan: typeof scanChunk): Walk {
  const ends: number[] = [];
  const states: number[] = [];
  const out: MatchList = { ends: [], states: [] };
  let s = a.startState;
  let base = 0;
  for (const chunk of chunks) {
    s = scan(a, chunk, s, out);
    for (let k = 0; k < out.ends.length; k++) {
      ends.push(base + out.ends[k]!);
      states.push(out.states[k]!);
    }
    out.ends.length = 0;
    out.states.length = 0;
    base += chunk.length;
  }
  return { ends, states, final: s };
}

function fixedChunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** Where scanChunk cuts a chunk of `n` bytes into pieces (lanes-wasm.ts) and each piece into lanes. */
function innerBoundaries(n: number, pieceBytes = 256 * 1024): number[] {
  const pieces = Math.ceil(n / pieceBytes);
  const cuts: number[] = [];
  for (let p = 0; p < pieces; p++) {
    const from = Math.floor((p * n) / pieces);
    const length = Math.floor(((p + 1) * n) / pieces) - from;
    for (let k = 0; k < laneCount; k++) cuts.push(from + k * Math.floor(length / laneCount));
  }
  return cuts.filter((cut) => cut > 0);
}

/** Every offset where one of the chunkings cuts an input of `size` bytes: chunk, piece and lane starts. */
function cutsOf(size: number, chunkSizes: readonly number[]): number[] {
  const cuts = new Set<number>();
  for (const chunk of chunkSizes) {
    for (let at = 0; at < size; at += chunk) {
      cuts.add(at);
      for (const cut of innerBoundaries(Math.min(chunk, size - at))) cuts.add(at + cut);
    }
  }
  return [...cuts];
}

function expectSameWalks(a: Automaton, bytes: Uint8Array, chunkSizes: readonly number[]): void {
  const reference = referenceWalk(a, bytes);
  expect(reference.ends.length).toBeGreaterThan(100);
  for (const size of chunkSizes) {
    const chunks = fixedChunks(bytes, size);
    const label = `${size}-byte chunks`;
    const inWasm = walkChunks(a, chunks, scanChunk);
    expect(inWasm.final, label).toBe(reference.final);
    expect(inWasm.ends, label).toEqual(reference.ends);
    expect(inWasm.states, label).toEqual(reference.states);
    expect(walkChunks(a, chunks, scanChunkInJs), label).toEqual(inWasm);
  }
}

describe('WebAssembly lanes', () => {
  it('are available on this Node, so the comparisons below exercise them', () => {
    expect(wasmLanes(shipped, minLaneBytes(shipped))).toBeDefined();
  });

  it('find the same matches as the JavaScript lanes and the reference walk with the shipped needles', () => {
    const size = 600_000;
    const laneChunk = laneCount * minLaneBytes(shipped);
    // laneChunk − 1 down to 4,096 bytes: one WebAssembly lane; 4,095: the JavaScript single walk.
    const sizes = [size, 262_145, 100_003, laneChunk, laneChunk - 1, 65_536, 4_096, 4_095];
    const bytes = plantedData(size, needles, 0x1a9e5, cutsOf(size, sizes));
    const reference = referenceWalk(shipped, bytes);
    expect(reference.sparseVisits).toBeGreaterThan(1000);
    expect(reference.states.some((s) => s >= shipped.firstSparseMatch)).toBe(true);
    expectSameWalks(shipped, bytes, sizes);
  });

  it('find the same matches through the shared chunkings (only the whole input takes four lanes)', () => {
    const size = laneCount * minLaneBytes(shipped) + 1000;
    const bytes = plantedData(size, needles, 0x5eed, innerBoundaries(size));
    const reference = referenceWalk(shipped, bytes);
    for (const { label, chunks } of chunkings(bytes)) {
      const walk = walkChunks(shipped, chunks, scanChunk);
      expect(walk.ends, label).toEqual(reference.ends);
      expect(walk.states, label).toEqual(reference.states);
      expect(walk.final, label).toBe(reference.final);
    }
  });

  it('follow sparse edges and failure links when nearly every state is sparse', () => {
    const some = needles.filter((_, id) => id % 7 === 0).map((n, id) => ({ ...n, id }));
    const sparse = compileAutomaton(some, { denseDepth: 1 });
    expect(sparse.denseStateCount).toBeLessThan(sparse.stateCount / 10);
    const size = 300_000;
    const bytes = plantedData(size, some, 0xfa11, innerBoundaries(size));
    expect(referenceWalk(sparse, bytes).sparseVisits).toBeGreaterThan(10_000);
    expectSameWalks(sparse, bytes, [size, 65_537]);
  });

  describe('without WebAssembly (node --jitless)', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.resetModules();
    });

    it('scanChunk walks the lanes in JavaScript and finds the same matches', async () => {
      vi.stubGlobal('WebAssembly', undefined);
      vi.resetModules();
      const fresh = await import('../../src/match/scan-chunk.js');
      const { wasmLanes: freshLanes } = await import('../../src/match/lanes-wasm.js');
      expect(freshLanes(shipped, minLaneBytes(shipped))).toBeUndefined();
      const size = 2 * laneCount * minLaneBytes(shipped);
      const bytes = plantedData(size, needles, 0x0ff, innerBoundaries(size));
      const reference = referenceWalk(shipped, bytes);
      const walk = walkChunks(shipped, [bytes], fresh.scanChunk);
      expect(walk).toEqual({ ends: reference.ends, states: reference.states, final: reference.final });
    });
  });

  it('run the committed module, which is lanes.wat assembled', async () => {
    const committed = readFileSync(new URL(`../../${moduleFile}`, import.meta.url), 'utf8');
    expect(committed).toBe(await generateLanesModule());
  });
});
