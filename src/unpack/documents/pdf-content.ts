/**
 * The strings a content stream shows (ISO 32000-1 §9.4.3: `Tj`, `TJ`, `'` and `"`), in content
 * order, each byte with the range of stream bytes it was written as: one byte of a literal
 * string, an escape (`\202`, `\(`), or a pair of hex digits of a hex string. pdf-page-map.ts
 * matches them with the glyphs pdf.js drew, so page text maps back to these bytes.
 *
 * A forgiving tokenizer: it never throws; what it cannot read (an unterminated string, an inline
 * image's binary data) ends or skips the operand, never the stream.
 */
import { hexValue, isDelimiter, isWhite } from './pdf-bytes.js';

/**
 * The strings a stream's text-showing operations showed, flat (a `TJ` array's strings joined):
 * operation `k` showed `bytes[opStarts[k] … opStarts[k + 1])`; string byte `i` was written as
 * the stream bytes `[starts[i], ends[i])`, which are `written[writtenStarts[i] … writtenStarts[i + 1])`.
 */
export interface ShownStrings {
  readonly bytes: Uint8Array;
  readonly opStarts: Uint32Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly written: Uint8Array;
  readonly writtenStarts: Uint32Array;
}

/** String bytes kept per document (a few megabytes of index, whatever the streams hold). */
export const maxShownBytes = 512 * 1024;

/** Typed arrays that grow by doubling. */
class Grown<T extends Uint8Array | Uint32Array> {
  length = 0;
  constructor(public array: T) {}

  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = new (this.array.constructor as new (length: number) => T)(Math.max(64, this.array.length * 2));
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }

  done(): T {
    return this.array.slice(0, this.length) as T;
  }
}

/** One operand's string bytes and where each was written, up to `cap` bytes. */
class Collected {
  readonly bytes = new Grown(new Uint8Array(0));
  readonly starts = new Grown(new Uint32Array(0));
  readonly ends = new Grown(new Uint32Array(0));

  constructor(readonly cap: number) {}

  add(byte: number, start: number, end: number): void {
    if (this.bytes.length >= this.cap) return;
    this.bytes.push(byte);
    this.starts.push(start);
    this.ends.push(end);
  }

  append(other: Collected): void {
    for (let i = 0; i < other.bytes.length; i++) this.add(other.bytes.array[i]!, other.starts.array[i]!, other.ends.array[i]!);
  }
}

type Operand = { readonly kind: 'string'; readonly value: Collected } | { readonly kind: 'array'; readonly value: Collected } | { readonly kind: 'other' };
const otherOperand: Operand = { kind: 'other' };

export function shownStrings(stream: Uint8Array, maxBytes = maxShownBytes): ShownStrings {
  const bytes = new Grown(new Uint8Array(0));
  const opStarts = new Grown(new Uint32Array(0));
  const starts = new Grown(new Uint32Array(0));
  const ends = new Grown(new Uint32Array(0));
  const written = new Grown(new Uint8Array(0));
  const writtenStarts = new Grown(new Uint32Array(0));
  const show = (value: Collected) => {
    opStarts.push(bytes.length);
    for (let i = 0; i < value.bytes.length; i++) {
      const start = value.starts.array[i]!;
      const end = value.ends.array[i]!;
      bytes.push(value.bytes.array[i]!);
      starts.push(start);
      ends.push(end);
      writtenStarts.push(written.length);
      for (let at = start; at < end; at++) written.push(stream[at]!);
    }
  };
  // Only the operand just before an operator matters (the string a text operator shows).
  let last: Operand | undefined;
  let array: Collected | undefined;
  let at = 0;
  while (at < stream.length && bytes.length < maxBytes) {
    const byte = stream[at]!;
    if (isWhite(byte)) {
      at++;
    } else if (byte === 0x25) {
      while (at < stream.length && stream[at] !== 0x0a && stream[at] !== 0x0d) at++;
    } else if (byte === 0x28 || (byte === 0x3c && stream[at + 1] !== 0x3c)) {
      const value = new Collected(maxBytes - bytes.length);
      at = byte === 0x28 ? literalString(stream, at, value) : hexString(stream, at, value);
      if (array !== undefined) array.append(value);
      else last = { kind: 'string', value };
    } else if (byte === 0x5b) {
      array = new Collected(maxBytes - bytes.length);
      at++;
    } else if (byte === 0x5d) {
      if (array !== undefined) last = { kind: 'array', value: array };
      array = undefined;
      at++;
    } else if (isDelimiter(byte)) {
      // `<<`, `>>`, `{`, `}`, a stray `)` or `>`, or a name's slash: skip the delimiter (a name's characters follow as a token).
      at += byte === 0x3c || byte === 0x3e ? 2 : 1;
    } else {
      const start = at;
      while (at < stream.length && !isWhite(stream[at]!) && !isDelimiter(stream[at]!)) at++;
      if (array !== undefined) continue;
      const token = Buffer.from(stream.buffer, stream.byteOffset + start, at - start).toString('latin1');
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) || token === 'true' || token === 'false' || token === 'null') {
        last = otherOperand;
        continue;
      }
      const showsString = token === 'Tj' || token === "'" || token === '"';
      if ((showsString && last?.kind === 'string') || (token === 'TJ' && last?.kind === 'array')) show((last as { value: Collected }).value);
      if (token === 'BI') at = skipInlineImage(stream, at);
      last = undefined;
    }
  }
  opStarts.push(bytes.length);
  writtenStarts.push(written.length);
  return { bytes: bytes.done(), opStarts: opStarts.done(), starts: starts.done(), ends: ends.done(), written: written.done(), writtenStarts: writtenStarts.done() };
}

/** Reads `( … )` from `at` (the parenthesis); returns the offset after it. */
function literalString(stream: Uint8Array, at: number, out: Collected): number {
  let depth = 0;
  let i = at;
  while (i < stream.length) {
    const byte = stream[i]!;
    if (byte === 0x28) {
      if (depth++ > 0) out.add(byte, i, i + 1);
      i++;
    } else if (byte === 0x29) {
      if (--depth === 0) return i + 1;
      out.add(byte, i, i + 1);
      i++;
    } else if (byte === 0x5c) {
      i = escape(stream, i, out);
    } else if (byte === 0x0d) {
      // An end of line inside a string is one line feed, whichever way it was written.
      const end = stream[i + 1] === 0x0a ? i + 2 : i + 1;
      out.add(0x0a, i, end);
      i = end;
    } else {
      out.add(byte, i, i + 1);
      i++;
    }
  }
  return i;
}

const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

function escape(stream: Uint8Array, at: number, out: Collected): number {
  const next = stream[at + 1];
  if (next === undefined) return at + 1;
  if (next >= 0x30 && next <= 0x37) {
    let end = at + 1;
    let value = 0;
    while (end < stream.length && end < at + 4 && stream[end]! >= 0x30 && stream[end]! <= 0x37) value = value * 8 + stream[end++]! - 0x30;
    out.add(value & 0xff, at, end);
    return end;
  }
  // A backslash before an end of line continues the string on the next line.
  if (next === 0x0d) return stream[at + 2] === 0x0a ? at + 3 : at + 2;
  if (next === 0x0a) return at + 2;
  out.add(escapes[next] ?? next, at, at + 2);
  return at + 2;
}

/** Reads `< … >` from `at`; a final odd digit counts as followed by 0 (§7.3.4.3). */
function hexString(stream: Uint8Array, at: number, out: Collected): number {
  let i = at + 1;
  let high = -1;
  let highAt = 0;
  while (i < stream.length && stream[i] !== 0x3e) {
    const digit = hexValue(stream[i]!);
    if (digit >= 0) {
      if (high < 0) {
        high = digit;
        highAt = i;
      } else {
        out.add(high * 16 + digit, highAt, i + 1);
        high = -1;
      }
    }
    i++;
  }
  if (high >= 0) out.add(high * 16, highAt, highAt + 1);
  return i + 1;
}

/** Skips an inline image's dictionary and binary data: to `EI` between white space, after `ID`. */
function skipInlineImage(stream: Uint8Array, at: number): number {
  const text = Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength);
  const data = text.indexOf('ID', at, 'latin1');
  if (data < 0) return stream.length;
  for (let end = text.indexOf('EI', data + 3, 'latin1'); end >= 0; end = text.indexOf('EI', end + 1, 'latin1')) {
    if (isWhite(stream[end - 1]!) && (end + 2 >= stream.length || isWhite(stream[end + 2]!))) return end + 2;
  }
  return stream.length;
}
