/**
 * The HTTP/1.x message inside a WARC `response` record (RFC 9112): the status line and header
 * fields, the chunked transfer coding (§7.1) and the content codings (RFC 9110 §8.4.1: gzip,
 * deflate, br). Parsing is pure and synchronous; `ChunkedDecoder` is a push state machine, so
 * a chunk-size line or a CRLF split across input chunks decodes the same as a whole one.
 *
 * Header bytes are read as latin1 (RFC 9110 §5.5: field values are octets; the ones used here,
 * codings and lengths, are ASCII tokens).
 */
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { decompressStream } from '../compression/decompress-stream.js';
import { InputError } from '../types.js';

/** Longest status line plus header section accepted, in bytes; real responses stay under 16 KiB. */
export const maxHttpHeadBytes = 256 * 1024;
/** Longest chunk-size line (size and extensions) accepted, in bytes. */
export const maxChunkLineBytes = 4 * 1024;
/** Longest trailer section after the last chunk, in bytes. */
export const maxTrailerBytes = 64 * 1024;

export interface HttpHeader {
  /** Lowercased field name. */
  readonly name: string;
  /** Field value as latin1, surrounding whitespace removed, obs-fold continuation lines joined with a space. */
  readonly value: string;
}

export interface HttpResponseHead {
  readonly version: string;
  readonly status: number;
  readonly headers: readonly HttpHeader[];
}

const cr = 0x0d;
const lf = 0x0a;

/**
 * Where a header section ends: the offset just past the empty line (`CRLF CRLF`, or a bare
 * `LF LF` from lenient writers), or -1 when `bytes` holds no complete section.
 */
export function headEnd(bytes: Uint8Array): number {
  for (let at = bytes.indexOf(lf); at !== -1; at = bytes.indexOf(lf, at + 1)) {
    if (bytes[at + 1] === lf) return at + 2;
    if (bytes[at + 1] === cr && bytes[at + 2] === lf) return at + 3;
  }
  return -1;
}

/**
 * Splits a header section (without its empty line) into lines and `name: value` fields. A
 * line starting with space or tab continues the previous field (obs-fold, RFC 9112 §5.2).
 * Returns the first line and the fields, or a reason when a line is not a field.
 */
export function parseFieldLines(section: Uint8Array): { readonly first: string; readonly fields: readonly HttpHeader[] } | { readonly error: string } {
  const lines = Buffer.from(section.buffer, section.byteOffset, section.byteLength).toString('latin1').split('\n').map((line) => line.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const first = lines.shift() ?? '';
  const fields: { name: string; value: string }[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      const previous = fields[fields.length - 1];
      if (previous === undefined) return { error: `continuation line before any field: ${JSON.stringify(line.slice(0, 40))}` };
      previous.value = trimOws(`${previous.value} ${trimOws(line)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(line.slice(0, colon))) return { error: `not a header field: ${JSON.stringify(line.slice(0, 40))}` };
    fields.push({ name: line.slice(0, colon).toLowerCase(), value: trimOws(line.slice(colon + 1)) });
  }
  return { first, fields };
}

/**
 * Removes optional whitespace (space, tab) around a field value. Not `String.prototype.trim`:
 * it would also remove U+00A0 and U+0085, which are the bytes a0 and 85 in a latin1 string,
 * and those end many UTF-8 characters of a URI.
 */
export function trimOws(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Parses `HTTP/1.1 200 OK` plus header fields (the section before the empty line). */
export function parseHttpResponseHead(section: Uint8Array): HttpResponseHead | { readonly error: string } {
  const parsed = parseFieldLines(section);
  if ('error' in parsed) return parsed;
  const status = /^(HTTP\/\d(?:\.\d)?) +(\d{3})(?: .*)?$/.exec(parsed.first);
  if (status === null) return { error: `not an HTTP status line: ${JSON.stringify(parsed.first.slice(0, 40))}` };
  return { version: status[1]!, status: Number(status[2]), headers: parsed.fields };
}

/** The codings a list-valued field names, in the order they were applied, `identity` dropped (all fields of that name combined). */
export function codingsOf(headers: readonly HttpHeader[], name: 'transfer-encoding' | 'content-encoding'): string[] {
  return headers
    .filter((header) => header.name === name)
    .flatMap((header) => header.value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/** The `charset=` parameter of the Content-Type header, when there is one (handed to the text view). */
export function charsetOf(headers: readonly HttpHeader[]): string | undefined {
  const type = headers.find((header) => header.name === 'content-type')?.value;
  const charset = type === undefined ? undefined : /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1];
  return charset === undefined || charset === '' ? undefined : charset;
}

type ChunkedState = 'size' | 'data' | 'data-cr' | 'data-lf' | 'trailer' | 'done';

/**
 * Decodes `Transfer-Encoding: chunked` (RFC 9112 §7.1) as bytes are pushed. `push` returns
 * views of its input holding chunk data; `end` throws when the body stopped before its last
 * chunk. Lenient where writers are: a bare LF ends a line. Throws `InputError('corrupt')` at
 * the first framing error, naming the chunk. Memory: one chunk-size or trailer line.
 */
export class ChunkedDecoder {
  #state: ChunkedState = 'size';
  #line: number[] = [];
  #trailerBytes = 0;
  #remaining = 0;
  #chunk = 0;
  #chunkSize = 0;
  #decoded = 0;
  #pushed = 0;
  /** Bytes after the end of the chunked body (ignored). */
  extraBytes = 0;

  /** `onData(start, end)`: each run of chunk data, in offsets of the chunked body. */
  constructor(private readonly onData?: (start: number, end: number) => void) {}

  /** Payload bytes produced so far. */
  get decodedBytes(): number {
    return this.#decoded;
  }

  get done(): boolean {
    return this.#state === 'done';
  }

  push(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let at = 0;
    while (at < bytes.length) {
      switch (this.#state) {
        case 'size':
        case 'trailer': {
          const byte = bytes[at++]!;
          if (byte !== lf) {
            this.#line.push(byte);
            const bound = this.#state === 'size' ? maxChunkLineBytes : maxTrailerBytes - this.#trailerBytes;
            if (this.#line.length > bound) throw this.#error(this.#state === 'size' ? `chunk-size line longer than ${maxChunkLineBytes} bytes` : `trailer section longer than ${maxTrailerBytes} bytes`);
            continue;
          }
          if (this.#line[this.#line.length - 1] === cr) this.#line.pop();
          const line = Buffer.from(this.#line).toString('latin1');
          this.#line = [];
          if (this.#state === 'size') this.#sizeLine(line);
          else if (line === '') this.#state = 'done';
          else this.#trailerBytes += line.length + 2;
          break;
        }
        case 'data': {
          const take = Math.min(this.#remaining, bytes.length - at);
          out.push(bytes.subarray(at, at + take));
          this.onData?.(this.#pushed + at, this.#pushed + at + take);
          at += take;
          this.#remaining -= take;
          this.#decoded += take;
          if (this.#remaining === 0) this.#state = 'data-cr';
          break;
        }
        case 'data-cr': {
          const byte = bytes[at++]!;
          if (byte === cr) this.#state = 'data-lf';
          else if (byte === lf) this.#endChunk();
          else throw this.#error(`chunk ${this.#chunk} (${this.#chunkSize} bytes) is not followed by CRLF`);
          break;
        }
        case 'data-lf': {
          if (bytes[at++] !== lf) throw this.#error(`chunk ${this.#chunk} (${this.#chunkSize} bytes) is followed by CR without LF`);
          this.#endChunk();
          break;
        }
        case 'done':
          this.extraBytes += bytes.length - at;
          at = bytes.length;
          break;
        default: {
          const never: never = this.#state;
          throw new Error(`unreachable chunked state ${String(never)}`);
        }
      }
    }
    this.#pushed += bytes.length;
    return out;
  }

  /** Checks the body was complete; throws `InputError('corrupt')` saying where it stopped. */
  end(): void {
    if (this.#state === 'done') return;
    // A body that ends right after its last chunk's CRLF, without the final empty line, lost only its (empty) trailer.
    if (this.#state === 'trailer' && this.#line.length === 0) return;
    const where =
      this.#state === 'data' ? `inside chunk ${this.#chunk} (${this.#chunkSize - this.#remaining} of ${this.#chunkSize} bytes)` : this.#state === 'trailer' ? 'inside the trailer section' : `after chunk ${this.#chunk}, before the last chunk`;
    throw this.#error(`chunked body ends ${where}`);
  }

  #sizeLine(line: string): void {
    const size = /^([0-9A-Fa-f]+)[ \t]*(?:;.*)?$/.exec(line);
    if (size === null) throw this.#error(`bad chunk-size line ${JSON.stringify(line.slice(0, 40))} for chunk ${this.#chunk + 1}`);
    const digits = size[1]!.replace(/^0+(?=.)/, '');
    if (digits.length > 13) throw this.#error(`chunk ${this.#chunk + 1} declares ${digits.length} hex digits of size`);
    this.#chunk++;
    this.#chunkSize = Number.parseInt(digits, 16);
    this.#remaining = this.#chunkSize;
    this.#state = this.#chunkSize === 0 ? 'trailer' : 'data';
  }

  #endChunk(): void {
    this.#state = 'size';
  }

  #error(message: string): InputError {
    return new InputError('corrupt', `HTTP chunked: ${message} (after ${this.#decoded} payload bytes)`);
  }
}

/** Streams `source` through a chunked decoder; `onData` hears where each run of chunk data lies in `source`. */
export async function* dechunk(source: AsyncIterable<Uint8Array>, onData?: (start: number, end: number) => void): AsyncGenerator<Uint8Array> {
  const decoder = new ChunkedDecoder(onData);
  for await (const chunk of source) {
    if (decoder.done) {
      decoder.push(chunk);
      continue;
    }
    yield* decoder.push(chunk);
  }
  decoder.end();
}

/** Content and transfer codings decoded here; `zstd` is left to the zstd handler (the driver opens the payload it leaves encoded). */
export const decodedCodings = ['gzip', 'x-gzip', 'deflate', 'br'] as const;
export type DecodedCoding = (typeof decodedCodings)[number];

export function isDecodedCoding(coding: string): coding is DecodedCoding {
  return (decodedCodings as readonly string[]).includes(coding);
}

/**
 * Undoes one content coding, streaming through node:zlib. `deflate` is the zlib format (RFC
 * 9110 §8.4.1.2), but some servers send raw deflate: the first two bytes decide (a zlib header
 * has CM 8 and a check value that makes it a multiple of 31). Errors are `InputError('corrupt')`.
 */
export async function* decodeCoding(source: AsyncIterable<Uint8Array>, coding: DecodedCoding): AsyncGenerator<Uint8Array> {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      yield* decompressStream(source, createGunzip(), `HTTP ${coding}`);
      return;
    case 'br':
      yield* decompressStream(source, createBrotliDecompress(), 'HTTP br');
      return;
    case 'deflate': {
      const { head, rest } = await peekBytes(source, 2);
      const zlibHeader = head.length === 2 && (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0;
      yield* decompressStream(rest, zlibHeader ? createInflate() : createInflateRaw(), 'HTTP deflate');
      return;
    }
    default: {
      const never: never = coding;
      throw new Error(`unreachable coding ${String(never)}`);
    }
  }
}

/** The first `length` bytes of `source` (fewer if it is shorter), and a stream of all of it. */
async function peekBytes(source: AsyncIterable<Uint8Array>, length: number): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let total = 0;
  while (total < length) {
    const next = await iterator.next();
    if (next.done === true) break;
    taken.push(next.value);
    total += next.value.length;
  }
  const head = Buffer.concat(taken).subarray(0, length);
  const rest = (async function* () {
    yield* taken;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  })();
  return { head, rest };
}
