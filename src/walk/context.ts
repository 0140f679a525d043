/**
 * The state one input's walk shares between its parts: the visitor, the limits, the temporary
 * directory, the registry it detects with, and what it accumulates for the report.
 */
import type { ChainLink, FileWindow, Problem, ProblemKind, TextSources } from '../core/types.js';
import { InputError, messageOf } from '../core/types.js';
import type { Handler } from '../unpack/types.js';
import type { BlockDecoder } from '../unpack/codecs/block-decoder.js';
import type { Bounds } from './bounds.js';
import type { CompiledSignatures } from './carve.js';
import type { SubtreeMemo } from './memo-store.js';
import type { TempDir } from './temp.js';
import type { ByteRange, Identity, Layer, Note, VerbatimSlice, Visitor, WalkProgress } from './types.js';

export interface Walk {
  readonly visitor: Visitor;
  readonly bounds: Bounds;
  readonly temp: TempDir;
  /** Decodes filesystems' compressed blocks (in this thread unless the walk was given a pool). */
  readonly blocks: BlockDecoder;
  readonly handlers: readonly Handler[];
  /** Bytes of an object's start peeked before detection: what every handler and view needs, and the visitor's head. */
  readonly peekBytes: number;
  readonly signatures: CompiledSignatures;
  readonly problems: Problem[];
  /** Facts about objects that cost no bytes (a mislabelled charset read in the one that decodes). */
  readonly notes: Note[];
  readonly layers: Layer[];
  readonly counts: { objects: number; bytesScanned: number; bytesRead: number; inputBytes: number; carvedChunks: number; rejectedCarves: number };
  readonly progress?: (progress: WalkProgress) => void;
  /** Time of the last chunk or child, for the watchdog. */
  lastMove: number;
  /** What is being read now, for the watchdog's message. */
  current: { chain: readonly ChainLink[]; format: string };
  /** Set once the walk was given up (stuck): late callbacks then change nothing. */
  abandoned: boolean;
  /** What the input's outermost self-describing layer records about itself. */
  identity?: Identity;
  /** The input's hash of the bytes read so far (set by the input's reader). */
  rootDigest?: () => string;
  /** The run's record of containers already opened (subtree-memo.ts), when the run keeps one. */
  readonly memo?: SubtreeMemo;
  /** Depth of the deepest object entered so far (a subtree's height is measured with it). */
  deepest: number;
  /** Walks a child object (object.ts; passed in so that containers and carving need not import it). */
  readonly walkObject: (source: AsyncIterable<Uint8Array>, place: Place, walk: Walk) => Promise<ObjectResult>;
}

/** Where an object sits and how the walker must treat its bytes. */
export interface Place {
  readonly chain: readonly ChainLink[];
  readonly depth: number;
  /** The object's bytes as a file window, when it is a slice of the input or of a spill. */
  readonly backing?: FileWindow;
  /** Its start in the input file, when known (for the layer map). */
  readonly inputOffset?: number;
  /** A carved chunk of unknown length: its bytes are the parent's; it is only opened. */
  readonly borrowed?: boolean;
  /** Walked only to learn where it ends (a borrowed chunk the visitor skipped): children are drained, not visited. */
  readonly measuring?: boolean;
  /** The charset its container declared for it, for its text view. */
  readonly charset?: string;
  /** Decoded text of its parent (PDF page text): searched, never opened as a container. */
  readonly derived?: boolean;
  /** For derived text: the sibling bytes that drew it. */
  readonly sources?: TextSources;
  /** Its parent may hold encrypted members: if nothing recognises it and its entropy is high, it is reported `encrypted`. */
  readonly opaqueMeansEncrypted?: { readonly parent: string };
  /** For a decompressor's output: compressed bytes read so far, for the ratio limit. */
  readonly compressedBytes?: () => number;
  /** A verbatim slice of its parent (`WalkObject.within`). */
  readonly within?: VerbatimSlice;
}

export interface ObjectResult {
  readonly sha256: string;
  readonly length: number;
  readonly owned: readonly ByteRange[];
  /** The visitor skipped it: nothing was read. */
  readonly skipped: boolean;
  /** A borrowed chunk whose handler failed before producing anything: a false signature. */
  readonly rejected: boolean;
  /** Its stream ended with an error (counts as a fault of the container that produced it). */
  readonly failed: boolean;
}

export function addProblem(walk: Walk, kind: ProblemKind, chain: readonly ChainLink[], message: string, offset?: number): void {
  if (walk.abandoned) return;
  walk.problems.push({ kind, chain, message, ...(offset === undefined ? {} : { offset }) });
}

/** A spill that could not be written: only the chunks carved from it are lost, its bytes were searched raw. */
export function addSpillProblem(walk: Walk, chain: readonly ChainLink[], error: unknown, offset: number): void {
  addProblem(walk, 'io', chain, `temporary file: ${messageOf(error)}; chunks embedded in this object were not opened (its bytes were still searched raw)`, offset);
}

/** Input errors keep their kind, system I/O errors (they carry an errno `code`) are `io`, anything else is a bug. */
export function errorKind(error: unknown): ProblemKind {
  if (error instanceof InputError) return error.kind;
  return typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string' && (error as NodeJS.ErrnoException).syscall !== undefined ? 'io' : 'internal';
}

export function errorOffset(error: unknown): number | undefined {
  return error instanceof InputError ? error.offset : undefined;
}

/** Counts a stream's bytes without keeping them; an error ends it. */
export async function drainCount(stream: AsyncIterable<Uint8Array>): Promise<{ readonly length: number; readonly failed: boolean }> {
  let length = 0;
  try {
    for await (const chunk of stream) length += chunk.length;
    return { length, failed: false };
  } catch {
    return { length, failed: true };
  }
}
