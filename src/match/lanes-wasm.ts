/**
 * The four-lane walk of `scanChunk` in WebAssembly (`lanes.wat`): same lanes, same matches in
 * the same order, without the bounds checks V8 puts on every typed-array load of the
 * JavaScript walk (measurements in scan-chunk.ts).
 *
 * Each automaton gets its own instance and memory, built from its tables on first use and
 * kept while the automaton lives. Memory (byte addresses, see lanes.wat for the encoding):
 *   0          byte → class (256 bytes), then the four lane records at 256
 *   1024       the piece of the chunk being walked (`pieceBytes`)
 *   then       each lane's output: one 8-byte slot per byte of its range, at most
 *   then       dense rows (state `s` stored as `rows + 4 s`), sparse edge starts, failure
 *              links, edge targets, edge classes
 * About `4 × transitions + 9 × pieceBytes` bytes plus the sparse tables: 5.7 MiB for the
 * shipped packs, of which the output slots (2 MiB) are touched only as far as matches fill them.
 * First use costs a copy of the tables (about 20 ms for the shipped packs on a loaded machine,
 * mostly first-touch page faults), so chunks under `minWasmBytes` (scan-chunk.ts; a tiny input)
 * never create an instance.
 */
import type { Automaton } from './automaton.js';
import { lanesWasmBase64 } from './lanes-wasm-binary.js';

/** A chunk walked by the module is copied into its memory in pieces of at most this many bytes (or 8 shortest lanes). */
const defaultPieceBytes = 256 * 1024;
const laneRecords = 256;
const laneRecordBytes = 32;
const chunkAddress = 1024;
const wasmPageBytes = 65536;

/** Walks chunks with the automaton it was made for: in four lanes when each gets `minLaneBytes(a)`, else in one. */
export interface WasmLanes {
  /**
   * Same contract as `scanChunk` (same matches, same order): appends the matches (chunk
   * offsets, state ids) to `out` and returns the state after the chunk. The chunk is copied in
   * and walked in equal pieces of at most `pieceBytes`, each cut into four lanes (a chunk
   * too short for that is one piece, walked in one lane).
   */
  scan(chunk: Uint8Array, state: number, out: { ends: number[]; states: number[] }): number;
}

interface Instance {
  readonly walk: () => void;
  readonly encode: (address: number, count: number, rows: number) => void;
}

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: object };
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Global: new (descriptor: { value: 'i32' }, value: number) => object;
}
declare const wasmModuleBrand: unique symbol;
type WasmModule = { readonly [wasmModuleBrand]: true };

/** Absent under `node --jitless`. */
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;
const instances = new WeakMap<Automaton, WasmLanes | null>();

/**
 * The WebAssembly walker for `a`, or `undefined` when WebAssembly is unavailable (`node
 * --jitless`) or its memory cannot be had; callers then walk in JavaScript. `shortestLane` is
 * the fewest bytes a lane may have (`minLaneBytes`).
 */
export function wasmLanes(a: Automaton, shortestLane: number): WasmLanes | undefined {
  let lanes = instances.get(a);
  if (lanes === undefined) {
    lanes = instantiate(a, Math.max(defaultPieceBytes, 8 * shortestLane), shortestLane);
    instances.set(a, lanes);
  }
  return lanes ?? undefined;
}

function lanesModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      compiled = wasm === undefined ? null : new wasm.Module(Buffer.from(lanesWasmBase64, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

function instantiate(a: Automaton, pieceBytes: number, shortestLane: number): WasmLanes | null {
  const module = lanesModule();
  if (module === null || wasm === undefined) return null;
  const sparseCount = a.sparseFail.length;
  const edgeCount = a.sparseEdgeTarget.length;
  const outputBytes = (Math.floor(pieceBytes / 4) + 4) * 8;
  const outputs = align8(chunkAddress + pieceBytes);
  const rows = outputs + 4 * outputBytes;
  const edgeStart = rows + 4 * a.transitions.length;
  const fail = edgeStart + 4 * (sparseCount + 1);
  const edgeTarget = fail + 4 * sparseCount;
  const edgeClass = edgeTarget + 4 * edgeCount;
  const total = edgeClass + edgeCount;
  // States are encoded as byte addresses compared as signed numbers (lanes.wat).
  if (rows + 4 * (a.sparseBase + sparseCount) >= 2 ** 31) return null;
  let memory: { readonly buffer: ArrayBuffer };
  let instance: Instance;
  const encode = (id: number): number => rows + 4 * id;
  try {
    memory = new wasm.Memory({ initial: Math.ceil(total / wasmPageBytes) });
    const env = {
      memory,
      special: new wasm.Global({ value: 'i32' }, encode(a.firstSpecialState)),
      sparse: new wasm.Global({ value: 'i32' }, encode(a.sparseBase)),
      sparseMatch: new wasm.Global({ value: 'i32' }, encode(a.firstSparseMatch)),
      edgeStart: new wasm.Global({ value: 'i32' }, edgeStart),
      fail: new wasm.Global({ value: 'i32' }, fail),
      edgeClass: new wasm.Global({ value: 'i32' }, edgeClass),
      edgeTarget: new wasm.Global({ value: 'i32' }, edgeTarget),
    };
    instance = new wasm.Instance(module, { env }).exports as Instance;
  } catch {
    return null;
  }
  const bytes = new Uint8Array(memory.buffer);
  const words = new Int32Array(memory.buffer);
  bytes.set(a.byteClasses, 0);
  words.set(a.transitions, rows / 4);
  words.set(a.sparseEdgeStart, edgeStart / 4);
  words.set(a.sparseFail, fail / 4);
  words.set(a.sparseEdgeTarget, edgeTarget / 4);
  instance.encode(rows, a.transitions.length, rows);
  instance.encode(fail, sparseCount, rows);
  instance.encode(edgeTarget, edgeCount, rows);
  bytes.set(a.sparseEdgeClass, edgeClass);
  const warmUp = Math.max(0, a.maxNeedleLength - 1);

  /**
   * Walks one piece (already in memory at `chunkAddress`) from `state`; returns the state after
   * it. A piece too short for four lanes (only a whole chunk shorter than four shortest lanes,
   * so under half of `pieceBytes`) is walked by lane 0 alone: lanes 1–3 are empty, and lane 0's
   * matches may run on into their unused output slots.
   */
  const walkPiece = (n: number, offset: number, state: number, out: { ends: number[]; states: number[] }): number => {
    const lanes = Math.floor(n / 4) >= shortestLane ? 4 : 1;
    const laneBytes = Math.floor(n / lanes);
    for (let k = 0; k < 4; k++) {
      const from = k < lanes ? k * laneBytes : n;
      const record = (laneRecords + k * laneRecordBytes) / 4;
      words[record] = encode(k === 0 ? state : a.startState);
      words[record + 1] = chunkAddress + (k === 0 || k >= lanes ? from : from - warmUp);
      words[record + 2] = chunkAddress + (k >= lanes - 1 ? n : from + laneBytes);
      words[record + 3] = chunkAddress + from;
      words[record + 4] = outputs + k * outputBytes;
    }
    instance.walk();
    for (let k = 0; k < lanes; k++) {
      const next = words[(laneRecords + k * laneRecordBytes) / 4 + 4]!;
      for (let slot = (outputs + k * outputBytes) / 4; slot < next / 4; slot += 2) {
        out.ends.push(words[slot]! - chunkAddress + offset);
        out.states.push((words[slot + 1]! - rows) / 4);
      }
    }
    return (words[(laneRecords + (lanes - 1) * laneRecordBytes) / 4]! - rows) / 4;
  };

  return {
    scan(chunk, state, out) {
      const n = chunk.length;
      // Equal pieces, each at least half of `pieceBytes`, so every lane keeps its shortest length.
      const pieces = Math.ceil(n / pieceBytes);
      for (let p = 0; p < pieces; p++) {
        const from = Math.floor((p * n) / pieces);
        const to = Math.floor(((p + 1) * n) / pieces);
        bytes.set(chunk.subarray(from, to), chunkAddress);
        state = walkPiece(to - from, from, state, out);
      }
      return state;
    },
  };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
