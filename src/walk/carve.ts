/**
 * The signature carver (binwalk/unblob style): one DFA of every handler's magic bytes runs over
 * each object as it streams past and notes where a chunk of a known format may start. After
 * the object has been read, each candidate is validated by its handler's `detect` on the bytes
 * at that offset, and accepted chunks are opened as children; the bytes around them were
 * searched raw with the object itself.
 */
import { compileAutomaton, type Automaton } from '../match/automaton.js';
import type { Handler, Signature } from '../unpack/types.js';

/** Candidates kept per object; beyond it the carver stops looking (a `limit` problem). */
export const maxCandidatesPerObject = 100_000;

export interface SignatureEntry {
  readonly handler: Handler;
  readonly signature: Signature;
}

export interface CompiledSignatures {
  readonly automaton: Automaton;
  readonly entries: readonly SignatureEntry[];
  /** Largest `signature.offset + magic.length`: bytes before a magic's end that a chunk may start at. */
  readonly maxReach: number;
}

/** Compiles the carvable signatures (not `startOnly`) of `handlers`. */
export function compileSignatures(handlers: readonly Handler[]): CompiledSignatures {
  const entries = handlers.flatMap((handler) => handler.signatures.filter((s) => s.startOnly !== true).map((signature) => ({ handler, signature })));
  return {
    automaton: compileAutomaton(entries.map((entry) => ({ bytes: entry.signature.magic }))),
    entries,
    maxReach: Math.max(0, ...entries.map((entry) => entry.signature.offset + entry.signature.magic.length)),
  };
}

/** A candidate chunk start: `handler` may begin at `offset` of the object. */
export interface CarveCandidate {
  readonly offset: number;
  readonly handler: Handler;
}

/**
 * Streams an object's bytes through the signature DFA. The automaton folds ASCII case, so each
 * hit is checked against the exact magic before it becomes a candidate; a hit whose chunk would
 * start before the object does is dropped.
 *
 * Memory: the candidate list (bounded by `maxCandidatesPerObject`) and the last `maxReach`
 * bytes, to check magics that end in a later chunk than they start.
 */
export class SignatureScanner {
  readonly #compiled: CompiledSignatures;
  #state: number;
  #position = 0;
  #tail: Uint8Array = new Uint8Array(0);
  #previousTail: Uint8Array = new Uint8Array(0);
  #lastChunk: Uint8Array = new Uint8Array(0);
  readonly candidates: CarveCandidate[] = [];
  overflowed = false;

  constructor(compiled: CompiledSignatures) {
    this.#compiled = compiled;
    this.#state = compiled.automaton.startState;
  }

  push(chunk: Uint8Array): void {
    const { automaton, entries } = this.#compiled;
    if (entries.length === 0 || this.overflowed) return;
    const { transitions, byteClasses, firstMatchState, matchOffsets, matchIds, classCount } = automaton;
    let state = this.#state;
    for (let i = 0; i < chunk.length; i++) {
      state = transitions[state + byteClasses[chunk[i]!]!]!;
      if (state < firstMatchState) continue;
      const k = (state - firstMatchState) / classCount;
      for (let j = matchOffsets[k]!; j < matchOffsets[k + 1]!; j++) this.#accept(entries[matchIds[j]!]!, chunk, i + 1);
    }
    this.#state = state;
    this.#previousTail = this.#tail;
    this.#lastChunk = chunk;
    this.#keepTail(chunk);
    this.#position += chunk.length;
  }

  /**
   * The object's bytes from `offset` to the end of the last chunk pushed, for a spill that
   * starts at a candidate. Valid right after `push` for any candidate that push found.
   */
  bytesSince(offset: number): Uint8Array {
    const chunkStart = this.#position - this.#lastChunk.length;
    if (offset >= chunkStart) return this.#lastChunk.subarray(offset - chunkStart);
    const fromTail = chunkStart - offset;
    if (fromTail > this.#previousTail.length) throw new RangeError(`bytes at ${offset} are no longer kept`);
    const joined = new Uint8Array(fromTail + this.#lastChunk.length);
    joined.set(this.#previousTail.subarray(this.#previousTail.length - fromTail), 0);
    joined.set(this.#lastChunk, fromTail);
    return joined;
  }

  #accept(entry: SignatureEntry, chunk: Uint8Array, endInChunk: number): void {
    const magic = entry.signature.magic;
    const magicEnd = this.#position + endInChunk;
    for (let m = 0; m < magic.length; m++) {
      const at = endInChunk - magic.length + m;
      const byte = at >= 0 ? chunk[at] : this.#tail[this.#tail.length + at];
      if (byte !== magic[m]) return;
    }
    const offset = magicEnd - magic.length - entry.signature.offset;
    if (offset < 0) return;
    if (this.candidates.length >= maxCandidatesPerObject) {
      this.overflowed = true;
      return;
    }
    this.candidates.push({ offset, handler: entry.handler });
  }

  #keepTail(chunk: Uint8Array): void {
    const reach = this.#compiled.maxReach;
    if (chunk.length >= reach) {
      this.#tail = chunk.slice(chunk.length - reach);
      return;
    }
    const joined = new Uint8Array(Math.min(reach, this.#tail.length + chunk.length));
    const fromTail = joined.length - chunk.length;
    joined.set(this.#tail.subarray(this.#tail.length - fromTail), 0);
    joined.set(chunk, fromTail);
    this.#tail = joined;
  }
}
