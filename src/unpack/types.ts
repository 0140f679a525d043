/**
 * The shape every format handler shares (one file per format, unblob-style). A handler
 * never sees a term or a report: it turns a node's bytes into child nodes and problems.
 */
import type { ChainLink, Detection, FileWindow, FormatDoc, IdentityFacts, ProblemKind, TextSources } from '../core/types.js';
import type { BlockDecoder } from './codecs/block-decoder.js';

export type { ChainLink, Detection, FileWindow, IdentityFacts, ProblemKind, Problem, TextSources } from '../core/types.js';
export { InputError } from '../core/types.js';
export type HandlerDoc = FormatDoc;

/** A child object yielded by `open`. Its `stream` must be read to the end or abandoned before the next child is requested. */
export interface Child {
  readonly link: ChainLink;
  readonly stream: AsyncIterable<Uint8Array>;
  /** Declared size, when the container states it (checked by the driver, never trusted for allocation). */
  readonly size?: number;
  /**
   * Set when the child's bytes are a verbatim slice `[start, end)` of the parent (stored tar or
   * zip members): the parent's raw hits inside it are the child's hits and are not reported twice.
   */
  readonly verbatim?: { readonly start: number; readonly end: number };
  /**
   * Ranges of the parent that the child reproduces byte for byte without being one slice (an
   * uncompressed chunked WARC payload): the parent's raw hits there are the child's. The handler
   * may fill the array while the child's stream is read; the walker reads it once the child ends.
   */
  readonly owns?: readonly { readonly start: number; readonly end: number }[];
  /** The charset its container declares for it (an MHTML part's or an HTTP response's `charset=`), for the text view. */
  readonly charset?: string;
  /** The child is text decoded from the parent (PDF page text): searched, never opened as a container. */
  readonly derived?: boolean;
  /** For derived text: which bytes of which sibling drew each stretch of it. */
  readonly sources?: TextSources;
  /** The container may hold encrypted members: if nothing recognises this one and it looks random, the walker reports it `encrypted`. */
  readonly opaqueMeansEncrypted?: boolean;
}

/** The bytes of the node being opened. */
export interface OpenInput {
  /** The node's bytes from offset 0, each byte delivered once. Read this or call `file()`, not both. */
  readonly stream: AsyncIterable<Uint8Array>;
  /**
   * The node's bytes as a file window, for random-access formats: a slice of the input file
   * itself, or a private spill of the stream (which then consumes `stream`).
   */
  file(): Promise<FileWindow>;
  /**
   * The node's bytes in memory when there are at most `limit` of them, else its file window as
   * `file()` gives it (consuming `stream` the same way). A small random-access container met
   * inside a stream (a kernel DTB: an installer holds hundreds) then costs no temp file.
   */
  whole(limit: number): Promise<Uint8Array | FileWindow>;
  /** True when `file()` is the object's own window (no spill): a handler may then also read `stream`. */
  readonly randomAccess: boolean;
}

export interface OpenContext {
  /** Records a problem on this node without stopping it (a bad member, a checksum mismatch). */
  problem(kind: Exclude<ProblemKind, 'internal'>, message: string, offset?: number): void;
  /**
   * Reports where the format's data ends, when only decoding tells (a gzip or xz stream's
   * compressed length). The carver skips signatures inside `[0, length)` of this chunk.
   */
  setLength(length: number): void;
  /** Aborted when a limit stops the whole input. */
  readonly signal: AbortSignal;
  /** Decodes a filesystem's compressed blocks, in this thread or on worker threads (codecs/block-decoder.ts). */
  readonly blocks: BlockDecoder;
}

/** Magic bytes the carver searches for in any blob. */
export interface Signature {
  readonly magic: Uint8Array;
  /** Offset of the magic from the start of the chunk (tar's "ustar" sits at 257). */
  readonly offset: number;
  /** A weak magic, trusted only at offset 0 of an object, never carved from the middle of a blob. */
  readonly startOnly?: boolean;
}

export interface Handler {
  readonly id: string;
  readonly kind: 'archive' | 'compression' | 'filesystem' | 'firmware' | 'document';
  readonly doc: HandlerDoc;
  /** What the carver looks for; an empty list means the format is detected only at offset 0 of an object. */
  readonly signatures: readonly Signature[];
  /** Bytes of the node's start that `detect` needs. */
  readonly headLength: number;
  /** Pure; never throws on bad input. `head` may be shorter than `headLength` for small nodes. */
  detect(head: Uint8Array): Detection;
  open(input: OpenInput, ctx: OpenContext): AsyncIterable<Child>;
  /**
   * What the image says about itself, read from the same `head` that `detect` accepted (name,
   * version, build date…); undefined when the header records nothing. Pure; never throws.
   */
  identify?(head: Uint8Array): IdentityFacts | undefined;
}

/** Identity helper: gives every handler the same checked shape. */
export function defineHandler(handler: Handler): Handler {
  return handler;
}
