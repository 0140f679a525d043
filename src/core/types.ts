/**
 * The ground floor: types that more than one layer needs (DESIGN "The shape"). Nothing here
 * imports anything; every other folder may import from here.
 */

/** Text that may not be valid UTF-8: a plain string when it is, else the bytes in base64. */
export type LosslessText = string | { readonly base64: string };

export type Confidence = 'high' | 'medium' | 'low';

export type ProblemKind = 'limit' | 'corrupt' | 'encrypted' | 'unsupported' | 'io' | 'internal';

/** Encodings a term is expanded into (UTF-32 is Linux `wchar_t`). */
export const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be', 'gb18030', 'big5'] as const;
export type Encoding = (typeof encodings)[number];

/** One layer of a finding's container chain. `path` stays bytes: member names are evidence, not paths. */
export interface ChainLink {
  /** Id of the handler that produced the object (`zip`, `tar`, `gzip`…), or `carve`. */
  readonly format: string;
  readonly path?: Uint8Array;
  /** Offset of the object's data (or its header, when the data is not a verbatim slice) in the parent. */
  readonly offset: number;
}

export interface Problem {
  readonly kind: ProblemKind;
  readonly chain: readonly ChainLink[];
  readonly offset?: number;
  readonly message: string;
}

/**
 * A failure caused by the input (corrupt, truncated, encrypted…). Handlers and views throw it
 * out of their iterators or child streams; the walker turns it into a `Problem` and goes on.
 * Any other exception escaping a handler is a bug and is recorded as `internal`.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly kind: Exclude<ProblemKind, 'internal'>,
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

/**
 * What a format's `detect` says of an object's first bytes. `length`: the chunk's total size
 * when its header states it (uImage: 64 + data size; squashfs: bytes_used); absent when only
 * decoding can tell. `detect` never trusts a length beyond what the header's checks support.
 */
export type Detection =
  | { readonly ok: true; readonly length?: number; readonly reasons?: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/**
 * What an image says about itself in its own header (uImage name and timestamp, FIT
 * description, digicap.dav header fields, DH-zip version strings): facts read, never guessed.
 * Strings are as recorded, with control characters removed; dates are RFC 3339 UTC.
 */
export interface IdentityFacts {
  /** Handler id of the format that recorded the facts (`uimage`, `fit`, `hikvision-dav`, `dahua-zip`). */
  readonly format: string;
  /** The vendor whose own container format this is (`Hikvision`, `Dahua`), absent for generic formats. */
  readonly vendor?: string;
  /** Image or product name as recorded (`IPC_V5.5.0_build240101`). */
  readonly name?: string;
  readonly model?: string;
  /** Version string as recorded (`V5.5.0`, `2.800.0000000.25.R`). */
  readonly version?: string;
  /** Build or image creation time recorded by the format. */
  readonly buildDate?: string;
  readonly arch?: string;
  readonly os?: string;
  /** Other header fields as recorded, by the format's own field names (digicap `oem_code`, `language`…). */
  readonly details?: Readonly<Record<string, string>>;
}

/** Text a format records (names, versions): UTF-8 where valid, else Latin-1; control characters dropped; undefined when empty. */
export function recordedText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = Buffer.from(bytes).toString('latin1');
  }
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return clean === '' ? undefined : clean;
}

/** Seconds since the epoch as RFC 3339 UTC without milliseconds; undefined for 0 (not recorded). */
export function recordedTime(seconds: number): string | undefined {
  return seconds > 0 ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : undefined;
}

/** Peak memory of one worker thread's isolate, sampled while it worked. */
export interface WorkerMemory {
  /** Highest V8 heap in use, bytes. */
  readonly peakHeapBytes: number;
  /** Highest memory outside the heap held by this thread's objects (Buffers, ArrayBuffers), bytes. */
  readonly peakExternalBytes: number;
}

/** `size` bytes of the file at `path`, starting at `offset`: an object's bytes, for random access. */
export interface FileWindow {
  readonly path: string | Buffer;
  readonly offset: number;
  readonly size: number;
}

/** Documentation every format (handler or text view) carries. */
export interface FormatDoc {
  readonly name: string;
  readonly references: readonly string[];
  readonly limitations: readonly string[];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Where derived text came from (PDF page text): per mapped stretch `i` of the text, its UTF-8
 * bytes `[textStarts[i], textEnds[i])` were drawn by the bytes `[starts[i], ends[i])` of the
 * sibling object `links[objects[i]]` (a content stream, under the same parent), which are
 * `pieces[i]`. Stretches are in text order; text not covered has no known source.
 */
export interface TextSources {
  readonly links: readonly ChainLink[];
  readonly textStarts: Int32Array;
  readonly textEnds: Int32Array;
  readonly objects: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly pieces: readonly Uint8Array[];
}
