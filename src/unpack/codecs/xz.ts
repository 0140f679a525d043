/**
 * Whole-block xz (https://tukaani.org/xz/xz-file-format-1.2.0.txt) and LZMA-alone (`.lzma`, the
 * LZMA SDK header), for squashfs's xz and lzma compressors: the same LZMA/LZMA2 decoders as the
 * streaming handlers (lzma.ts, lzma2.ts), so the project has one LZMA stack. Measured on a
 * 1 MiB xz block of source text (116,768 bytes packed), same run, 2 loaded cores: the native
 * @napi-rs/lzma (lzma-rs) 90.6 ms, ours 263.6 ms. We keep ours anyway: the streaming handlers
 * need it (lzma-rs decodes whole buffers with no output bound), one decoder means one set of
 * bugs, and the package then needs no platform binary; the native one stays as a test oracle.
 *
 * xz: the container is walked here, so every size is known before anything is decoded:
 *
 *   Stream:  fd 37 7a 58 5a 00 | flags (00, check) | CRC32 || blocks || index || CRC32 | backward size | flags | "YZ"
 *   Block:   header ((b+1)×4 bytes: flags, sizes, filter chain, CRC32) | LZMA2 chunks | padding | check
 *   LZMA2:   each chunk header states its unpacked size (≤ 2 MiB) and packed size (≤ 64 KiB)
 *
 * Summing the LZMA2 chunk headers gives a block's exact output, so a bomb is refused before
 * one byte is decoded. Each block's LZMA2 data is decoded by `Lzma2Decoder`; the filters before
 * LZMA2 (BCJ, delta: xz-filters.ts), the check (CRC32, CRC64, SHA-256), the index and the footer
 * are done here. Exported walkers give stream ends without decoding.
 *
 * LZMA-alone: 13-byte header (properties, dictionary size, uncompressed size or all ones).
 * With a stated size (squashfs's `lzma` compressor always states it) the size is checked
 * against the bound first. With an unknown size lzma-rs would decode without limit, so the
 * header is given a size of `maxOutputBytes + 1` in a copy: lzma-rs then stops there, and a
 * stream that ends earlier at its end marker is reported by lzma-rs with its true size
 * ("Expected unpacked size of N but decompressed to M"), and decoded once more with size M.
 */
import { createHash } from 'node:crypto';
import { decodePropertiesByte, defaultMaxDictionaryBytes, LzmaStreamDecoder } from './lzma.js';
import { Lzma2Decoder, lzma2DictionarySize } from './lzma2.js';
import { InputError } from '../types.js';
import { crc32Standard, crc64Xz } from './checksums.js';
import { checkMaxOutputBytes, concatBytes, corrupt, outputLimit } from './limits.js';
import { checkXzFilter, undoXzFilter, xzFilterIds, type XzFilter } from './xz-filters.js';

export const xzMagic = Uint8Array.of(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00);
const footerMagic = [0x59, 0x5a] as const;
const checkNames: Readonly<Record<number, string>> = { 0: 'none', 1: 'CRC32', 4: 'CRC64', 10: 'SHA-256' };

export interface XzBlock {
  readonly start: number;
  readonly headerBytes: number;
  readonly dataStart: number;
  /** End of the LZMA2 data (before padding). */
  readonly dataEnd: number;
  readonly checkStart: number;
  readonly end: number;
  readonly filters: readonly XzFilter[];
  readonly uncompressedBytes: number;
}

export interface XzStream {
  readonly start: number;
  /** Offset just past the stream footer (stream padding not included). */
  readonly end: number;
  readonly checkType: number;
  readonly blocks: readonly XzBlock[];
  readonly uncompressedBytes: number;
}

const checkSize = (type: number) => (type === 0 ? 0 : 4 << Math.floor((type - 1) / 3));
const le32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const be16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;

/** A cursor over `input` whose reads are bounds-checked (a read past `limit` is `corrupt`). */
class Cursor {
  constructor(
    readonly input: Uint8Array,
    public at: number,
    readonly limit = input.length,
  ) {}

  need(count: number, what: string): void {
    if (count > this.limit - this.at) throw corrupt('xz', `input ends inside the ${what}`, this.at);
  }

  byte(what: string): number {
    this.need(1, what);
    return this.input[this.at++]!;
  }

  /** A variable-length integer (§1.2): at most 9 bytes, no redundant trailing zero byte. */
  vli(what: string): number {
    let value = 0;
    for (let i = 0; i < 9; i++) {
      const byte = this.byte(what);
      value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) {
        if (i > 0 && byte === 0) throw corrupt('xz', `non-minimal ${what}`, this.at - 1);
        if (!Number.isSafeInteger(value)) throw corrupt('xz', `${what} too large`, this.at);
        return value;
      }
    }
    throw corrupt('xz', `${what} longer than 9 bytes`, this.at);
  }
}

function checkCrc32(input: Uint8Array, start: number, end: number, stored: number, what: string): void {
  if (crc32Standard(input.subarray(start, end)) !== stored) throw corrupt('xz', `${what} CRC32 mismatch`, start);
}

/**
 * Walks the xz stream at `offset` without decoding it: header, block headers and LZMA2 chunk
 * headers, index (cross-checked with the blocks) and footer. Throws `InputError('corrupt')`
 * for malformed or truncated streams, `InputError('unsupported')` for unknown check types or
 * filters. Memory: one record per block.
 */
export function parseXzStream(input: Uint8Array, offset: number): XzStream {
  const c = new Cursor(input, offset);
  c.need(12, 'stream header');
  for (let i = 0; i < xzMagic.length; i++) if (input[offset + i] !== xzMagic[i]) throw corrupt('xz', 'no stream header magic', offset);
  const flags = input.subarray(offset + 6, offset + 8);
  checkCrc32(input, offset + 6, offset + 8, le32(input, offset + 8), 'stream header');
  if (flags[0] !== 0 || (flags[1]! & 0xf0) !== 0) throw new InputError('unsupported', 'xz: unknown stream flags', offset + 6);
  const checkType = flags[1]! & 0x0f;
  c.at = offset + 12;
  const blocks: XzBlock[] = [];
  let uncompressed = 0;
  while (c.byte('block header or index') !== 0) {
    c.at--;
    const block = parseBlock(c, checkType);
    blocks.push(block);
    uncompressed += block.uncompressedBytes;
  }
  // Index (§4): indicator 00 (read above), record count, records, padding, CRC32.
  const indexStart = c.at - 1;
  const count = c.vli('index record count');
  if (count !== blocks.length) throw corrupt('xz', `index lists ${count} blocks, the stream has ${blocks.length}`, c.at);
  for (const block of blocks) {
    const unpadded = c.vli('index record');
    const size = c.vli('index record');
    if (unpadded !== block.dataEnd - block.start + checkSize(checkType) || size !== block.uncompressedBytes) {
      throw corrupt('xz', `index record for the block at ${block.start} does not match the block`, c.at);
    }
  }
  while ((c.at - indexStart) % 4 !== 0) if (c.byte('index padding') !== 0) throw corrupt('xz', 'non-zero index padding', c.at - 1);
  c.need(4, 'index CRC32');
  checkCrc32(input, indexStart, c.at, le32(input, c.at), 'index');
  c.at += 4;
  const indexBytes = c.at - indexStart;
  // Stream footer (§2.1.2).
  c.need(12, 'stream footer');
  const footer = c.at;
  checkCrc32(input, footer + 4, footer + 10, le32(input, footer), 'stream footer');
  if ((le32(input, footer + 4) + 1) * 4 !== indexBytes) throw corrupt('xz', 'footer backward size does not match the index', footer + 4);
  if (input[footer + 8] !== flags[0] || input[footer + 9] !== flags[1]) throw corrupt('xz', 'footer flags differ from the header flags', footer + 8);
  if (input[footer + 10] !== footerMagic[0] || input[footer + 11] !== footerMagic[1]) throw corrupt('xz', 'no stream footer magic', footer + 10);
  return { start: offset, end: footer + 12, checkType, blocks, uncompressedBytes: uncompressed };
}

function parseBlock(c: Cursor, checkType: number): XzBlock {
  const start = c.at;
  const headerBytes = (c.byte('block header') + 1) * 4;
  c.need(headerBytes - 1, 'block header');
  const h = new Cursor(c.input, start + 1, start + headerBytes - 4);
  const flags = h.byte('block flags');
  if (flags & 0x3c) throw new InputError('unsupported', 'xz: reserved block flags set', start + 1);
  const compressedSize = flags & 0x40 ? h.vli('compressed size') : undefined;
  const declaredSize = flags & 0x80 ? h.vli('uncompressed size') : undefined;
  const filters: XzFilter[] = [];
  const filterCount = (flags & 3) + 1;
  for (let i = 0; i < filterCount; i++) {
    const id = h.vli('filter id');
    const propertiesSize = h.vli('filter properties size');
    h.need(propertiesSize, 'filter properties');
    filters.push({ id, properties: c.input.subarray(h.at, h.at + propertiesSize) });
    h.at += propertiesSize;
  }
  while (h.at < h.limit) if (c.input[h.at++] !== 0) throw corrupt('xz', 'non-zero block header padding', h.at - 1);
  checkCrc32(c.input, start, start + headerBytes - 4, le32(c.input, start + headerBytes - 4), 'block header');
  const last = filters[filters.length - 1]!;
  if (last.id !== xzFilterIds.lzma2 || last.properties.length !== 1 || last.properties[0]! > 40) {
    throw new InputError('unsupported', 'xz: the block does not end with an LZMA2 filter', start);
  }
  for (const filter of filters.slice(0, -1)) {
    if (filter.id === xzFilterIds.lzma2) throw corrupt('xz', 'LZMA2 before the end of the filter chain', start);
    checkXzFilter(filter, start);
  }
  const dataStart = start + headerBytes;
  const limit = compressedSize === undefined ? c.input.length : dataStart + compressedSize;
  if (limit > c.input.length) throw corrupt('xz', 'input ends inside the block data', c.input.length);
  const { end: dataEnd, unpacked } = walkLzma2(c.input, dataStart, limit);
  if (compressedSize !== undefined && dataEnd !== limit) throw corrupt('xz', 'block compressed size does not match its LZMA2 data', dataStart);
  if (declaredSize !== undefined && declaredSize !== unpacked) throw corrupt('xz', 'block uncompressed size does not match its LZMA2 data', dataStart);
  c.at = dataEnd;
  while ((c.at - start) % 4 !== 0) if (c.byte('block padding') !== 0) throw corrupt('xz', 'non-zero block padding', c.at - 1);
  const checkStart = c.at;
  const size = checkSize(checkType);
  c.need(size, 'block check');
  c.at += size;
  return { start, headerBytes, dataStart, dataEnd, checkStart, end: c.at, filters, uncompressedBytes: unpacked };
}

/**
 * Walks LZMA2 chunk headers from `start` to the end marker (00), before `limit`: the data's
 * end and its exact unpacked size. Throws `corrupt` for an invalid control byte or overrun.
 */
export function walkLzma2(input: Uint8Array, start: number, limit: number): { readonly end: number; readonly unpacked: number } {
  let at = start;
  let unpacked = 0;
  for (;;) {
    if (at >= limit) throw corrupt('xz', 'LZMA2 data ends without an end marker', at);
    const control = input[at]!;
    if (control === 0) return { end: at + 1, unpacked };
    if (control === 1 || control === 2) {
      if (at + 3 > limit) throw corrupt('xz', 'input ends inside an LZMA2 chunk header', at);
      const size = be16(input, at + 1) + 1;
      at += 3 + size;
      unpacked += size;
    } else if (control >= 0x80) {
      const headerBytes = control >= 0xc0 ? 6 : 5;
      if (at + headerBytes > limit) throw corrupt('xz', 'input ends inside an LZMA2 chunk header', at);
      unpacked += (control & 0x1f) * 0x10000 + be16(input, at + 1) + 1;
      at += headerBytes + be16(input, at + 3) + 1;
    } else {
      throw corrupt('xz', `invalid LZMA2 control byte 0x${control.toString(16)}`, at);
    }
    if (at > limit) throw corrupt('xz', 'input ends inside an LZMA2 chunk', limit);
  }
}

/**
 * Decodes the xz streams that fill `input` (with stream padding between and after them: zero
 * bytes in multiples of four). Throws `InputError('corrupt')` for malformed data, a check
 * mismatch or trailing bytes, `InputError('limit')` past `maxOutputBytes` (before decoding),
 * `InputError('unsupported')` for filters or checks not handled. Memory: the output and one
 * block's decoded copy.
 */
export function xzDecompress(input: Uint8Array, maxOutputBytes: number): Uint8Array {
  checkMaxOutputBytes(maxOutputBytes);
  const streams: XzStream[] = [];
  let total = 0;
  let at = 0;
  do {
    const stream = parseXzStream(input, at);
    total += stream.uncompressedBytes;
    if (total > maxOutputBytes) throw outputLimit('xz', maxOutputBytes, at);
    if (checkNames[stream.checkType] === undefined) throw new InputError('unsupported', `xz: check type ${stream.checkType} is not supported`, at + 7);
    streams.push(stream);
    at = stream.end;
    const padding = at;
    while (at < input.length && input[at] === 0) at++;
    if ((at - padding) % 4 !== 0) throw corrupt('xz', 'stream padding is not a multiple of four bytes', padding);
  } while (at < input.length);
  const pieces: Uint8Array[] = [];
  for (const stream of streams) for (const block of stream.blocks) pieces.push(decodeBlock(input, block, stream.checkType));
  return concatBytes(pieces, total);
}

function decodeBlock(input: Uint8Array, block: XzBlock, checkType: number): Uint8Array {
  let data: Uint8Array;
  if (block.uncompressedBytes === 0) {
    data = new Uint8Array(0);
  } else {
    try {
      data = decodeLzma2(input.subarray(block.dataStart, block.dataEnd), block);
    } catch (error) {
      throw corrupt('xz', `block at ${block.start}: ${(error as Error).message}`, block.start);
    }
  }
  if (data.length !== block.uncompressedBytes) throw corrupt('xz', `block at ${block.start} decodes to ${data.length} bytes, its chunks state ${block.uncompressedBytes}`, block.start);
  for (let i = block.filters.length - 2; i >= 0; i--) undoXzFilter(block.filters[i]!, data);
  const stored = input.subarray(block.checkStart, block.end);
  let computed: Uint8Array | undefined;
  if (checkType === 1) computed = Uint8Array.of(...le32Bytes(crc32Standard(data)));
  else if (checkType === 4) computed = crc64Xz(data);
  else if (checkType === 10) computed = createHash('sha256').update(data).digest();
  if (computed !== undefined && !computed.every((byte, i) => byte === stored[i])) {
    throw corrupt('xz', `${checkNames[checkType]} check mismatch in the block at ${block.start}`, block.checkStart);
  }
  return data;
}

/** The block's LZMA2 data, whose chunk headers stated `uncompressedBytes` in all (no more is decoded). */
function decodeLzma2(data: Uint8Array, block: XzBlock): Uint8Array {
  const property = block.filters.at(-1)?.properties[0] ?? 0;
  const dictionary = lzma2DictionarySize(property);
  if (dictionary === undefined) throw new Error(`LZMA2 dictionary property ${property}`);
  // No match reaches further back than the block's own output; a window that holds all of it
  // is allocated once and handed out without copies (squashfs decodes a block at a time).
  const wholeOutput = dictionary >= block.uncompressedBytes;
  const decoder = new Lzma2Decoder(Math.min(dictionary, Math.max(block.uncompressedBytes, 1)), defaultMaxDictionaryBytes, wholeOutput);
  decoder.feed(data, true);
  return collect(decoder, block.uncompressedBytes);
}

/** The decoder's output, at most `maxBytes` (one more byte proves it went past). */
function collect(decoder: { next(): Uint8Array | undefined }, maxBytes: number): Uint8Array {
  const pieces: Uint8Array[] = [];
  let total = 0;
  for (let piece = decoder.next(); piece !== undefined; piece = decoder.next()) {
    pieces.push(piece);
    total += piece.length;
    if (total > maxBytes) break;
  }
  return concatBytes(pieces, total);
}

function le32Bytes(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
}

// ---------------------------------------------------------------------------------------
// LZMA-alone
// ---------------------------------------------------------------------------------------

export const lzmaAloneHeaderBytes = 13;

export interface LzmaAloneHeader {
  /** lc + lp × 9 + pb × 45; valid below 225. */
  readonly properties: number;
  readonly dictionaryBytes: number;
  /** Undefined when the header says "unknown" (all ones): the stream ends with an end marker. */
  readonly uncompressedBytes?: number;
}

/** Parses and sanity-checks an LZMA-alone header; `undefined` with a reason when it is not one. */
export function parseLzmaAloneHeader(bytes: Uint8Array): { readonly header: LzmaAloneHeader } | { readonly reason: string } {
  if (bytes.length < lzmaAloneHeaderBytes) return { reason: 'shorter than the 13-byte LZMA header' };
  const properties = bytes[0]!;
  if (properties >= 225) return { reason: `properties byte ${properties} ≥ 225` };
  const dictionaryBytes = le32(bytes, 1);
  const size = new DataView(bytes.buffer, bytes.byteOffset + 5, 8).getBigUint64(0, true);
  if (size === 0xffffffffffffffffn) return { header: { properties, dictionaryBytes } };
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) return { reason: `uncompressed size ${size} above 2^53` };
  return { header: { properties, dictionaryBytes, uncompressedBytes: Number(size) } };
}

/**
 * Decodes one LZMA-alone stream that fills `input` (squashfs `lzma` blocks, `.lzma` files).
 * Throws `InputError('corrupt')` for a bad header, malformed or truncated data, `InputError('limit')`
 * past `maxOutputBytes`. Memory: the output (at most `maxOutputBytes` + one piece) and the
 * window (at most the dictionary, capped by a stated size).
 */
export function lzmaAloneDecompress(input: Uint8Array, maxOutputBytes: number): Uint8Array {
  checkMaxOutputBytes(maxOutputBytes);
  const parsed = parseLzmaAloneHeader(input);
  if ('reason' in parsed) throw corrupt('lzma', parsed.reason, 0);
  const { properties, dictionaryBytes, uncompressedBytes: declared } = parsed.header;
  if (declared !== undefined && declared > maxOutputBytes) throw outputLimit('lzma', maxOutputBytes, 5);
  const split = decodePropertiesByte(properties)!;
  let out: Uint8Array;
  try {
    const decoder = new LzmaStreamDecoder({ ...split, dictionarySize: Math.min(dictionaryBytes, maxOutputBytes) }, declared);
    const data = input.subarray(lzmaAloneHeaderBytes);
    decoder.feed(data, true);
    out = collect(decoder, maxOutputBytes);
    if (out.length > maxOutputBytes) throw outputLimit('lzma', maxOutputBytes, 0);
    if (!decoder.finished) throw corrupt('lzma', `the data ends after ${data.length} bytes, before the stream does`, input.length);
    if (declared === undefined && decoder.consumed !== data.length) throw corrupt('lzma', `${data.length - decoder.consumed} bytes follow the end of the stream`, lzmaAloneHeaderBytes + decoder.consumed);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw corrupt('lzma', (error as Error).message, 0);
  }
  if (declared !== undefined && out.length !== declared) throw corrupt('lzma', `decoded ${out.length} bytes, the header states ${declared}`, 0);
  return out;
}
