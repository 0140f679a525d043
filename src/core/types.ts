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
