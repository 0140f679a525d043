/**
 * Zstandard (RFC 8878), decoded by fzstd, with the frame structure walked here first:
 *
 *   Frame:  28 b5 2f fd | FHD | [window descriptor] | [dictionary id] | [content size] | blocks | [checksum]
 *   Block:  3-byte LE header: bit 0 last, bits 1-2 type (raw, RLE, compressed, reserved), bits 3-23 size
 *   Skippable frame: 5? 2a 4d 18 | u32 size | size bytes
 *
 * The walk gives, without decoding, each frame's exact end (for stream handlers' `setLength`)
 * and an upper bound of its output: a raw or RLE block states its size, a compressed block
 * decodes to at most Block_Maximum_Size = min(window, 128 KiB) (§3.1.1.2.4). A frame whose
 * declared content size or bound passes `maxOutputBytes` is refused before decoding, and the
 * decoder's output is counted as it comes (fzstd is not trusted to stop). fzstd allocates the
 * frame's window from the header; a window larger than the frame's output bound (or than the
 * output still allowed) is lowered to it in a copy of the header, since no match can reach
 * farther back than the frame's own output: a hostile window descriptor costs nothing. fzstd skips
 * the content checksum: it is checked here (XXH64, low 32 bits).
 */
import { Decompress } from 'fzstd';
import { InputError } from '../types.js';
import { checkMaxOutputBytes, concatBytes, corrupt, outputLimit } from './limits.js';
import { XxHash64 } from './xxhash64.js';

export const zstdMagic = 0xfd2fb528;
const skippableMask = 0xfffffff0;
const skippableMagic = 0x184d2a50;
const maxBlockBytes = 128 * 1024;

export interface ZstdFrame {
  readonly start: number;
  /** Offset just past the frame (its checksum included). */
  readonly end: number;
  readonly skippable: boolean;
  /** Frame_Content_Size when the header states it. */
  readonly contentSize?: number;
  /** Most bytes the frame can decode to (its content size when declared). */
  readonly outputBound: number;
  readonly windowBytes: number;
  readonly dictionaryId: number;
  readonly checksum: boolean;
  /** Offset of the window descriptor byte, when the frame has one. */
  readonly windowDescriptorAt?: number;
}

const u32le = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;

export function isZstdMagic(value: number): boolean {
  return value === zstdMagic || (value & skippableMask) >>> 0 === skippableMagic;
}

/**
 * Walks the frame at `offset` (a zstd or skippable frame) without decoding it. Throws
 * `InputError('corrupt')` when it is malformed or runs past the end of `input`.
 */
export function parseZstdFrame(input: Uint8Array, offset: number): ZstdFrame {
  const need = (at: number, count: number, what: string) => {
    if (at + count > input.length) throw corrupt('zstd', `input ends inside the ${what}`, at);
  };
  need(offset, 4, 'frame magic');
  const magic = u32le(input, offset);
  if ((magic & skippableMask) >>> 0 === skippableMagic) {
    need(offset + 4, 4, 'skippable frame size');
    const end = offset + 8 + u32le(input, offset + 4);
    need(offset + 8, end - offset - 8, 'skippable frame');
    return { start: offset, end, skippable: true, outputBound: 0, windowBytes: 0, dictionaryId: 0, checksum: false };
  }
  if (magic !== zstdMagic) throw corrupt('zstd', `no frame magic at ${offset} (0x${magic.toString(16)})`, offset);
  need(offset + 4, 1, 'frame header');
  const fhd = input[offset + 4]!;
  if (fhd & 0x08) throw corrupt('zstd', 'reserved frame header bit set', offset + 4);
  const singleSegment = (fhd & 0x20) !== 0;
  const checksum = (fhd & 0x04) !== 0;
  const dictionaryBytes = [0, 1, 2, 4][fhd & 3]!;
  const fcsFlag = fhd >> 6;
  const contentBytes = fcsFlag === 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag;
  let at = offset + 5;
  const headerBytes = (singleSegment ? 0 : 1) + dictionaryBytes + contentBytes;
  need(at, headerBytes, 'frame header');
  const windowDescriptorAt = singleSegment ? undefined : at;
  let windowBytes = 0;
  if (!singleSegment) {
    const descriptor = input[at++]!;
    const base = 2 ** (10 + (descriptor >> 3));
    windowBytes = base + (base / 8) * (descriptor & 7);
  }
  let dictionaryId = 0;
  for (let i = 0; i < dictionaryBytes; i++) dictionaryId += input[at + i]! * 2 ** (8 * i);
  at += dictionaryBytes;
  let contentSize: number | undefined;
  if (contentBytes > 0) {
    let size = 0;
    for (let i = 0; i < contentBytes; i++) size += input[at + i]! * 2 ** (8 * i);
    if (contentBytes === 2) size += 256;
    contentSize = size; // an 8-byte size above 2^53 loses precision but still compares as huge
    at += contentBytes;
  }
  if (singleSegment) windowBytes = contentSize!;
  const blockMax = Math.min(windowBytes, maxBlockBytes);
  let bound = 0;
  for (let last = false; !last; ) {
    need(at, 3, 'block header');
    const header = input[at]! | (input[at + 1]! << 8) | (input[at + 2]! << 16);
    last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    at += 3;
    if (type === 3) throw corrupt('zstd', 'reserved block type', at - 3);
    if (size > blockMax) throw corrupt('zstd', `block of ${size} bytes exceeds the ${blockMax}-byte block maximum`, at - 3);
    const stored = type === 1 ? 1 : size;
    need(at, stored, 'block');
    at += stored;
    bound += type === 2 ? blockMax : size;
  }
  if (checksum) {
    need(at, 4, 'content checksum');
    at += 4;
  }
  const outputBound = contentSize === undefined ? bound : contentSize;
  return {
    start: offset,
    end: at,
    skippable: false,
    ...(contentSize === undefined ? {} : { contentSize }),
    outputBound,
    windowBytes,
    dictionaryId,
    checksum,
    ...(windowDescriptorAt === undefined ? {} : { windowDescriptorAt }),
  };
}

/** The smallest window descriptor whose window is at least `bytes` (§3.1.1.1.2). */
function windowDescriptorFor(bytes: number): number {
  for (let exponent = 0; exponent < 32; exponent++) {
    const base = 2 ** (10 + exponent);
    for (let mantissa = 0; mantissa < 8; mantissa++) if (base + (base / 8) * mantissa >= bytes) return (exponent << 3) | mantissa;
  }
  return 0xff;
}

/**
 * Decodes the zstd and skippable frames that fill `input` exactly (bytes after the last frame
 * are `corrupt`). Throws `InputError('corrupt')` for malformed data or a checksum or content
 * size mismatch, `InputError('limit')` past `maxOutputBytes`, `InputError('unsupported')` for
 * frames that need a dictionary. Memory: the output plus one frame's window (at most the
 * frame's output bound).
 */
export function zstdDecompress(input: Uint8Array, maxOutputBytes: number): Uint8Array {
  checkMaxOutputBytes(maxOutputBytes);
  if (input.length === 0) throw corrupt('zstd', 'empty input', 0);
  const pieces: Uint8Array[] = [];
  let produced = 0;
  for (let offset = 0; offset < input.length; ) {
    const frame = parseZstdFrame(input, offset);
    offset = frame.end;
    if (frame.skippable) continue;
    if (frame.dictionaryId !== 0) throw new InputError('unsupported', `zstd: frame needs dictionary ${frame.dictionaryId}`, frame.start);
    const room = maxOutputBytes - produced;
    if (frame.contentSize !== undefined && frame.contentSize > room) throw outputLimit('zstd', maxOutputBytes, frame.start);
    const output = decodeFrame(input, frame, room, maxOutputBytes);
    pieces.push(...output.pieces);
    produced += output.length;
  }
  return concatBytes(pieces, produced);
}

function decodeFrame(input: Uint8Array, frame: ZstdFrame, room: number, maxOutputBytes: number): { pieces: Uint8Array[]; length: number } {
  let bytes = input.subarray(frame.start, frame.end);
  // No match can reach farther back than the bytes this frame may still produce, so a window
  // above that is never needed: lower it in a copy of the header (fzstd allocates it whole).
  const needed = Math.max(1024, Math.min(frame.outputBound, room));
  const lowered = frame.windowDescriptorAt !== undefined && frame.windowBytes > needed;
  if (lowered) {
    bytes = bytes.slice();
    bytes[frame.windowDescriptorAt! - frame.start] = windowDescriptorFor(needed);
  }
  const pieces: Uint8Array[] = [];
  let length = 0;
  const hash = frame.checksum ? new XxHash64() : undefined;
  const decoder = new Decompress((chunk) => {
    if (chunk.length === 0) return;
    length += chunk.length;
    if (length > room) throw outputLimit('zstd', maxOutputBytes, frame.start);
    const copy = chunk.slice();
    hash?.update(copy);
    pieces.push(copy);
  });
  try {
    decoder.push(bytes, true);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: number }).code;
    // With the window lowered to the room left, a match past it means the output would be too.
    if (code === 1 || (lowered && room < frame.outputBound && code === 4)) throw outputLimit('zstd', maxOutputBytes, frame.start);
    throw corrupt('zstd', `${(error as Error).message} (frame at ${frame.start})`, frame.start);
  }
  if (frame.contentSize !== undefined && frame.contentSize !== length) {
    throw corrupt('zstd', `frame at ${frame.start} declares ${frame.contentSize} bytes and decodes to ${length}`, frame.start);
  }
  if (hash !== undefined) {
    const stored = u32le(input, frame.end - 4);
    const computed = hash.digest()[1];
    if (computed !== stored) throw corrupt('zstd', `content checksum mismatch in the frame at ${frame.start}`, frame.end - 4);
  }
  return { pieces, length };
}
