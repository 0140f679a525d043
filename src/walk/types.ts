/**
 * What the walker tells its visitors. The walker alone peeks, detects, opens, spills, carves,
 * enforces limits and decides which object owns which bytes; a visitor only watches objects go
 * by: their bytes as they stream, their text view, and their end. Scan is the visitor that
 * searches; verify is the visitor that hashes and compares, skipping what it does not need.
 */
import type { ChainLink, Encoding, IdentityFacts, Problem, TextSources } from '../core/types.js';
import type { TextChunk } from '../text/types.js';

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface WalkObject {
  readonly chain: readonly ChainLink[];
  readonly depth: number;
  /**
   * A carved chunk whose end only its handler can tell: its bytes are its parent's (already
   * seen there), so it gets no `bytes` calls and has no hash; it is only opened.
   */
  readonly borrowed: boolean;
  /** For derived text (PDF page text): the sibling bytes that drew each stretch of it. */
  readonly sources?: TextSources;
  /** A verbatim slice of its parent: the parent's visit, and where the slice starts in the parent. */
  readonly within?: VerbatimSlice;
}

export interface VerbatimSlice {
  readonly visit: ObjectVisit;
  readonly offset: number;
}

export interface ViewInfo {
  readonly id: string;
  /** The document's charset as the view has decided it so far. */
  readonly charset: Encoding;
}

export interface ObjectVisit {
  /** Every byte of the object once, in order (never for a borrowed object). `chunk` is valid only during the call (the walker may reuse its buffer): copy what you keep. */
  bytes?(chunk: Uint8Array): void;
  /** The object's text, when a text view recognises it (only objects no handler opens). */
  text?(chunk: TextChunk, view: ViewInfo): void;
  /**
   * Ranges a child owns (`ObjectEnd.owned`, before carving), as soon as the walker knows them:
   * each child's before it is walked, and all of them again before the bytes no handler read
   * are drained (a subtree replayed from the memo walks no child). Hits wholly inside them are
   * not this object's, whether its bytes there stream past before or after the child's.
   */
  owned?(ranges: readonly ByteRange[]): void;
  /** False: do not open or carve this object (its bytes still stream). Default true. */
  readonly descend?: boolean;
  /** Called once the object, its children and its carved chunks are done. */
  end?(object: ObjectEnd): void;
}

export interface ObjectEnd {
  /** Hex sha256 of the object's bytes ('' for a borrowed object). */
  readonly sha256: string;
  readonly length: number;
  /** The handler that opened it, the text view that rendered it, or `raw`. */
  readonly format: string;
  /** Ranges of this object that a child reproduces byte for byte: hits there are the child's. */
  readonly owned: readonly ByteRange[];
  /** Why the object's stream ended early (a decoding error), when it did. */
  readonly damage?: string;
  /** The first bytes of the object (up to 4 KiB). */
  readonly head: Uint8Array;
}

export interface Visitor {
  /** An object begins; `undefined` skips it (and everything in it). */
  enter(object: WalkObject): ObjectVisit | undefined;
  /** How to record and replay what the visitor kept of a subtree; without it the walker never replays one (subtree-memo.ts). */
  readonly recorder?: VisitorRecorder;
}

/**
 * What a visitor kept from the objects that ended between `mark()` and `since()`, with chains
 * made relative to a subtree's root (`prefixLength` links dropped), and put back under a new
 * root by `replay`, in the order a fresh walk would have added it.
 */
export interface VisitorRecorder {
  mark(): unknown;
  /** The recorded part, or `undefined` when it must not be replayed (the visitor met a limit there). */
  since(mark: unknown, prefixLength: number): unknown;
  replay(recorded: unknown, prefix: readonly ChainLink[]): void;
  /** Rough bytes the recorded part holds, for the memo's size cap. */
  cost(recorded: unknown): number;
}

/** A span of the input that was one object, in input coordinates (the report's layer map). */
export interface Layer {
  readonly chain: readonly ChainLink[];
  readonly format: string;
  readonly start: number;
  readonly end: number;
}

export interface WalkProgress {
  /** Bytes of the input file read so far. */
  readonly inputBytes: number;
  /** Bytes of all objects read so far (the input and everything produced below it). */
  readonly bytesRead: number;
  readonly objects: number;
  /** The object being read. */
  readonly chain: readonly ChainLink[];
}

/** Identity facts and the chain of the object that recorded them. */
export interface Identity extends IdentityFacts {
  readonly chain: readonly ChainLink[];
}

/** A fact about an object that does not make its input partial. */
export interface Note {
  readonly chain: readonly ChainLink[];
  readonly message: string;
  readonly offset?: number;
}

export interface WalkResult {
  readonly sha256: string;
  /** Bytes of the input read. */
  readonly length: number;
  readonly problems: readonly Problem[];
  readonly notes: readonly Note[];
  readonly identity?: Identity;
  readonly layers: readonly Layer[];
  /** Objects entered (skipped ones not counted). */
  readonly objects: number;
  /** Bytes of objects streamed to visitors (borrowed chunks not counted twice). */
  readonly bytesScanned: number;
  readonly carvedChunks: number;
  /** Signature candidates whose handler rejected the bytes there. */
  readonly rejectedCarves: number;
}
