/**
 * The signature carver (binwalk/unblob style): one DFA of every handler's magic bytes runs over
 * each object as it streams past and notes where a chunk of a known format may start. After
 * the object has been read, each candidate is validated by its handler's `detect` on the bytes
 * at that offset, and accepted chunks are opened as children; the bytes around them were
 * searched raw with the object itself.
 *
 * One pass per byte: when the visitor's own automaton carries the same signatures as extra
 * patterns (the scan's does, see `signaturePatterns`), the visit hands over their hits
 * (`SignatureFeed`) and the carver's DFA does not run; verify and walks without such a visitor
 * run it. Both give the same candidates in the same order: an Aho-Corasick automaton reports
 * every occurrence of every pattern whatever else it holds, in end order, ids ascending.
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

/**
 * Compiles the carvable signatures (not `startOnly`) of `handlers`. The automaton is compiled on
 * first use: a scan, whose visitor carries the signatures (`SignatureFeed`), never needs it, and
 * it is built at module load for the registry.
 */
export function compileSignatures(handlers: readonly Handler[]): CompiledSignatures {
  const entries = handlers.flatMap((handler) => handler.signatures.filter((s) => s.startOnly !== true).map((signature) => ({ handler, signature })));
  let automaton: Automaton | undefined;
  const compiled: CompiledSignatures = {
    get automaton() {
      return (automaton ??= compileAutomaton(signaturePatterns(compiled)));
    },
    entries,
    maxReach: Math.max(0, ...entries.map((entry) => entry.signature.offset + entry.signature.magic.length)),
  };
  return compiled;
}

/** The signatures as extra patterns of another automaton (`compileAutomaton`'s `extraPatterns`), index for index. */
export function signaturePatterns(signatures: CompiledSignatures): { readonly bytes: Uint8Array }[] {
  return signatures.entries.map((entry) => ({ bytes: entry.signature.magic }));
}

/**
 * A visit whose own pass over the object's bytes finds the carver's signatures: after each
 * `bytes(chunk)` it has the hits that end in that chunk.
 */
export interface SignatureFeed {
  /** The signatures its automaton carries as extra patterns, in order. */
  readonly signatures: CompiledSignatures;
  /** Hits since the last call, flattened: index into `signatures.entries`, then absolute end offset; ascending end offsets. Empties the list. */
  takeSignatureHits(): number[];
}

/** The visit's signature feed, when it looks for exactly the walk's signatures (same handlers and magics, same order). */
export function signatureFeedOf(visit: object, signatures: CompiledSignatures): SignatureFeed | undefined {
  const feed = visit as Partial<SignatureFeed>;
  if (feed.signatures === undefined || feed.takeSignatureHits === undefined) return undefined;
  const theirs = feed.signatures.entries;
  const ours = signatures.entries;
  const same = theirs === ours || (theirs.length === ours.length && theirs.every((entry, i) => entry.handler === ours[i]!.handler && entry.signature === ours[i]!.signature));
  return same ? (feed as SignatureFeed) : undefined;
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
  /** Set by the first `push`: a scan's visit finds the signatures itself, and reading the start state would compile the automaton (3-5 ms of every start). */
  #state: number | undefined;
  #position = 0;
  #tail: Uint8Array = new Uint8Array(0);
  #previousTail: Uint8Array = new Uint8Array(0);
  #lastChunk: Uint8Array = new Uint8Array(0);
  readonly candidates: CarveCandidate[] = [];
  overflowed = false;

  constructor(compiled: CompiledSignatures) {
    this.#compiled = compiled;
  }

  push(chunk: Uint8Array): void {
    const { automaton, entries } = this.#compiled;
    if (entries.length === 0 || this.overflowed) return;
    const { transitions, byteClasses, firstMatchState, matchOffsets, matchIds, classCount } = automaton;
    let state = this.#state ?? automaton.startState;
    for (let i = 0; i < chunk.length; i++) {
      state = transitions[state + byteClasses[chunk[i]!]!]!;
      if (state < firstMatchState) continue;
      const k = (state - firstMatchState) / classCount;
      for (let j = matchOffsets[k]!; j < matchOffsets[k + 1]!; j++) this.#accept(entries[matchIds[j]!]!, chunk, i + 1);
    }
    this.#state = state;
    this.#advance(chunk);
  }

  /**
   * Like `push`, with the signature hits of `chunk` already found by another pass (a
   * `SignatureFeed`: entry index and absolute end offset, flattened, in end order).
   */
  pushFound(chunk: Uint8Array, hits: readonly number[]): void {
    const { entries } = this.#compiled;
    if (entries.length === 0 || this.overflowed) return;
    for (let k = 0; k < hits.length; k += 2) this.#accept(entries[hits[k]!]!, chunk, hits[k + 1]! - this.#position);
    this.#advance(chunk);
  }

  #advance(chunk: Uint8Array): void {
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
      // A copy (a Buffer's `slice` is a view): the chunk's buffer may be read into again (tap.ts).
      this.#tail = new Uint8Array(chunk.subarray(chunk.length - reach));
      return;
    }
    const joined = new Uint8Array(Math.min(reach, this.#tail.length + chunk.length));
    const fromTail = joined.length - chunk.length;
    joined.set(this.#tail.subarray(this.#tail.length - fromTail), 0);
    joined.set(chunk, fromTail);
    this.#tail = joined;
  }
}
