/**
 * PDF stream filters (ISO 32000-1 §7.4) that can hide text: FlateDecode, LZWDecode,
 * ASCIIHexDecode, ASCII85Decode, RunLengthDecode. Image codecs (DCT, JPX, CCITT fax, JBIG2)
 * are recognised and not decoded: they hold pixels, not text. Every decoder stops at
 * `maxOutputBytes` and keeps what it produced before damage, because a PDF writer's slightly
 * broken stream still holds readable text up to the damage.
 *
 * Predictors (`/DecodeParms /Predictor`) are not undone: they are used for images and
 * cross-reference streams, where the bytes between the per-row tags are unchanged anyway.
 */
import { constants, createInflate, createInflateRaw } from 'node:zlib';
import { decompressStream } from '../compression/decompress-stream.js';
import { InputError } from '../types.js';
import { hexValue, isWhite } from './pdf-bytes.js';

/** What a filter name means here (abbreviations from §8.9.7, inline images, accepted too). */
export type FilterKind = 'flate' | 'lzw' | 'ascii-hex' | 'ascii85' | 'run-length' | 'image' | 'unsupported';

const filterKinds: Readonly<Record<string, FilterKind>> = {
  FlateDecode: 'flate',
  Fl: 'flate',
  LZWDecode: 'lzw',
  LZW: 'lzw',
  ASCIIHexDecode: 'ascii-hex',
  AHx: 'ascii-hex',
  ASCII85Decode: 'ascii85',
  A85: 'ascii85',
  RunLengthDecode: 'run-length',
  RL: 'run-length',
  DCTDecode: 'image',
  DCT: 'image',
  JPXDecode: 'image',
  CCITTFaxDecode: 'image',
  CCF: 'image',
  JBIG2Decode: 'image',
};

export function filterKind(name: string): FilterKind {
  return Object.hasOwn(filterKinds, name) ? filterKinds[name]! : 'unsupported';
}

/** The result of one filter: the bytes produced, and why it stopped early, if it did. */
export interface Decoded {
  readonly bytes: Uint8Array;
  /** Set when the data was damaged or truncated (`bytes` holds what came before). */
  readonly damage?: string;
  /** Set when the output reached `maxOutputBytes` (`bytes` holds the first `maxOutputBytes`). */
  readonly limited?: boolean;
}

export interface FilterParams {
  /** LZWDecode `/EarlyChange` (default 1). */
  readonly earlyChange?: number;
}

/** Applies one filter. Async only because Flate goes through node:zlib's streaming inflater. */
export async function applyFilter(kind: Exclude<FilterKind, 'image' | 'unsupported'>, input: Uint8Array, maxOutputBytes: number, params: FilterParams = {}): Promise<Decoded> {
  switch (kind) {
    case 'flate':
      return inflateLenient(input, maxOutputBytes);
    case 'lzw':
      return lzwDecode(input, maxOutputBytes, params.earlyChange ?? 1);
    case 'ascii-hex':
      return asciiHexDecode(input, maxOutputBytes);
    case 'ascii85':
      return ascii85Decode(input, maxOutputBytes);
    case 'run-length':
      return runLengthDecode(input, maxOutputBytes);
    default: {
      const never: never = kind;
      throw new Error(`unreachable filter ${String(never)}`);
    }
  }
}

/** Collects output pieces up to a bound. */
class Output {
  readonly #pieces: Uint8Array[] = [];
  #total = 0;
  limited = false;
  constructor(readonly max: number) {}

  /** Adds `bytes`, cut at the bound; false once the bound is reached. */
  add(bytes: Uint8Array): boolean {
    const room = this.max - this.#total;
    if (bytes.length > room) {
      this.limited = true;
      if (room > 0) this.#pieces.push(bytes.slice(0, room));
      this.#total = this.max;
      return false;
    }
    this.#pieces.push(bytes);
    this.#total += bytes.length;
    return true;
  }

  result(damage?: string): Decoded {
    const bytes = Buffer.concat(this.#pieces, this.#total);
    return { bytes, ...(damage === undefined ? {} : { damage }), ...(this.limited ? { limited: true } : {}) };
  }
}

/**
 * zlib (RFC 1950) as §7.4.4 specifies, or raw deflate when the two header bytes are not a
 * zlib header (some writers omit it). A missing Adler-32 or a truncated stream keeps what was
 * inflated (`finishFlush: Z_SYNC_FLUSH` makes zlib return it instead of failing); damage
 * further in keeps what came before it (the input is fed in steps).
 */
export async function inflateLenient(input: Uint8Array, maxOutputBytes: number): Promise<Decoded> {
  const zlibHeader = input.length >= 2 && (input[0]! & 0x0f) === 8 && ((input[0]! << 8) | input[1]!) % 31 === 0;
  const options = { finishFlush: constants.Z_SYNC_FLUSH };
  const output = new Output(maxOutputBytes);
  try {
    for await (const chunk of decompressStream([input], zlibHeader ? createInflate(options) : createInflateRaw(options), 'FlateDecode')) {
      if (!output.add(chunk)) break;
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return output.result(error.message);
  }
  return output.result();
}

/** ASCIIHexDecode (§7.4.2): pairs of hex digits, white space ignored, `>` ends the data; an odd last digit is followed by 0. */
export function asciiHexDecode(input: Uint8Array, maxOutputBytes: number): Decoded {
  const out = new Uint8Array(Math.min(Math.ceil(input.length / 2), maxOutputBytes));
  let length = 0;
  let high = -1;
  for (let at = 0; at < input.length; at++) {
    const byte = input[at]!;
    if (byte === 0x3e) break;
    if (isWhite(byte)) continue;
    const digit = hexValue(byte);
    if (digit < 0) return { bytes: out.subarray(0, length), damage: `ASCIIHexDecode: byte 0x${byte.toString(16)} at ${at} is not a hex digit` };
    if (high < 0) {
      high = digit;
      continue;
    }
    if (length === maxOutputBytes) return { bytes: out.subarray(0, length), limited: true };
    out[length++] = (high << 4) | digit;
    high = -1;
  }
  if (high >= 0) {
    if (length === maxOutputBytes) return { bytes: out.subarray(0, length), limited: true };
    out[length++] = high << 4;
  }
  return { bytes: out.subarray(0, length) };
}

/** ASCII85Decode (§7.4.3): base-85 groups of five characters `!`..`u`, `z` for four zeros, `~>` ends the data. */
export function ascii85Decode(input: Uint8Array, maxOutputBytes: number): Decoded {
  const output = new Output(maxOutputBytes);
  const group: number[] = [];
  const flush = (count: number): boolean => {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84);
    if (value > 0xffffffff) return false;
    const bytes = Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
    output.add(bytes.subarray(0, count));
    group.length = 0;
    return true;
  };
  let at = input[0] === 0x3c && input[1] === 0x7e ? 2 : 0;
  for (; at < input.length && !output.limited; at++) {
    const byte = input[at]!;
    if (byte === 0x7e) break;
    if (isWhite(byte)) continue;
    if (byte === 0x7a && group.length === 0) {
      output.add(new Uint8Array(4));
      continue;
    }
    if (byte < 0x21 || byte > 0x75) return output.result(`ASCII85Decode: byte 0x${byte.toString(16)} at ${at} is not base-85`);
    group.push(byte - 0x21);
    if (group.length === 5 && !flush(4)) return output.result(`ASCII85Decode: group ending at ${at} exceeds 2^32`);
  }
  if (group.length === 1) return output.result('ASCII85Decode: a final group of one character');
  if (group.length > 1 && !flush(group.length - 1)) return output.result('ASCII85Decode: the final group exceeds 2^32');
  return output.result();
}

/** RunLengthDecode (§7.4.5): length byte 0..127 = copy n+1 bytes, 129..255 = repeat the next byte 257-n times, 128 = end. */
export function runLengthDecode(input: Uint8Array, maxOutputBytes: number): Decoded {
  const output = new Output(maxOutputBytes);
  let at = 0;
  while (at < input.length && !output.limited) {
    const length = input[at++]!;
    if (length === 128) return output.result();
    if (length < 128) {
      const end = at + length + 1;
      if (end > input.length) return output.result(`RunLengthDecode: literal run of ${length + 1} bytes at ${at - 1} is cut short`);
      output.add(input.subarray(at, end));
      at = end;
    } else {
      if (at >= input.length) return output.result(`RunLengthDecode: repeat run at ${at - 1} has no byte`);
      output.add(new Uint8Array(257 - length).fill(input[at++]!));
    }
  }
  return output.result();
}

/**
 * LZWDecode (§7.4.4.2): variable-width codes from 9 to 12 bits, MSB first; 256 clears the
 * table, 257 ends the data. With EarlyChange 1 (the default) the width grows one code early.
 */
export function lzwDecode(input: Uint8Array, maxOutputBytes: number, earlyChange: number): Decoded {
  const output = new Output(maxOutputBytes);
  const early = earlyChange === 0 ? 0 : 1;
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const lengths = new Uint16Array(4096);
  for (let code = 0; code < 256; code++) {
    suffix[code] = code;
    lengths[code] = 1;
  }
  let next = 258;
  let width = 9;
  let previous = -1;
  let bits = 0;
  let bitCount = 0;
  const entry = (code: number): Uint8Array => {
    const bytes = new Uint8Array(lengths[code]!);
    for (let at = bytes.length - 1, c = code; at >= 0; at--, c = prefix[c]!) bytes[at] = suffix[c]!;
    return bytes;
  };
  for (let at = 0; at < input.length && !output.limited; ) {
    while (bitCount < width && at < input.length) {
      bits = ((bits << 8) | input[at++]!) & 0xffffff;
      bitCount += 8;
    }
    if (bitCount < width) break;
    const code = (bits >>> (bitCount - width)) & ((1 << width) - 1);
    bitCount -= width;
    if (code === 256) {
      next = 258;
      width = 9;
      previous = -1;
      continue;
    }
    if (code === 257) return output.result();
    let bytes: Uint8Array;
    if (code < next && (code < 256 || code >= 258)) bytes = entry(code);
    else if (code === next && previous >= 0) {
      const head = entry(previous);
      bytes = new Uint8Array(head.length + 1);
      bytes.set(head);
      bytes[head.length] = head[0]!;
    } else return output.result(`LZWDecode: code ${code} at byte ${at} is not in the table`);
    output.add(bytes);
    if (previous >= 0 && next < 4096) {
      prefix[next] = previous;
      suffix[next] = bytes[0]!;
      lengths[next] = Math.min(lengths[previous]! + 1, 0xffff);
      next++;
    }
    previous = code;
    if (next + early >= 1 << width && width < 12) width++;
  }
  return output.result();
}

