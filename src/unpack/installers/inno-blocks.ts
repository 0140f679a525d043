/**
 * Inno Setup's framing (learned from innoextract's src/stream/block.cpp, chunk.cpp and
 * setup/data.cpp). Pure functions over bytes already read.
 *
 * A header block (Inno Setup 4.0.9 and later): u32 CRC32 of the next five bytes, u32 stored
 * size, u8 compressed; then the stored bytes as pieces of up to 4096 bytes, each after the
 * CRC32 of that piece. Joined, the pieces are LZMA1 (4.1.6 and later: five property bytes, then
 * a raw stream whose size is not recorded) or zlib (4.0.9 to 4.1.5), or plain when not
 * compressed. The installer data holds two: the setup header (texts, messages, entry lists)
 * and the data entries, which say where each file lies in the compressed chunks that follow.
 */
import { inflateSync } from 'node:zlib';
import { crc32Standard } from '../codecs/checksums.js';
import { decodedBeforeError, decodePropertiesByte, LzmaStreamDecoder } from '../codecs/lzma.js';
import { InputError } from '../types.js';

export const blockHeaderBytes = 9;
const pieceBytes = 4096;

/** The stored size and whether the block is compressed, from its nine header bytes. */
export function parseBlockHeader(head: Uint8Array, at: number): { readonly storedSize: number; readonly compressed: boolean } {
  const view = new DataView(head.buffer, head.byteOffset, blockHeaderBytes);
  if (crc32Standard(head.subarray(4, blockHeaderBytes)) !== view.getUint32(0, true)) throw new InputError('corrupt', `inno: the block header at ${at} fails its CRC32`, at);
  return { storedSize: view.getUint32(4, true), compressed: head[8] !== 0 };
}

/** The payload of a block's stored bytes: every 4 KiB piece's CRC32 checked, the CRCs removed. */
export function joinPieces(stored: Uint8Array, at: number): Uint8Array {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const out = new Uint8Array(Math.max(0, stored.length - 4 * Math.ceil(stored.length / (pieceBytes + 4))));
  let written = 0;
  for (let offset = 0; offset < stored.length; ) {
    if (offset + 4 >= stored.length) throw new InputError('corrupt', `inno: the block at ${at} ends inside a piece's CRC32`, at + offset);
    const piece = stored.subarray(offset + 4, Math.min(stored.length, offset + 4 + pieceBytes));
    if (crc32Standard(piece) !== view.getUint32(offset, true)) throw new InputError('corrupt', `inno: piece ${Math.floor(offset / (pieceBytes + 4))} of the block at ${at} fails its CRC32`, at + offset);
    out.set(piece, written);
    written += piece.length;
    offset += 4 + piece.length;
  }
  return out.subarray(0, written);
}

/**
 * A block's payload decompressed: LZMA1 or zlib by version, at most `maxBytes`. Inno records
 * no decompressed size for a block, so an LZMA stream without an end marker ends with its
 * (CRC-checked) input.
 */
export function decompressBlock(payload: Uint8Array, lzma: boolean, maxBytes: number, at: number): Uint8Array {
  if (!lzma) {
    try {
      return inflateSync(payload, { maxOutputLength: maxBytes });
    } catch (error) {
      const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new InputError(tooLarge ? 'limit' : 'corrupt', tooLarge ? `inno: the block at ${at} inflates past ${maxBytes} bytes` : `inno: the zlib block at ${at} does not inflate: ${(error as Error).message}`, at);
    }
  }
  const pieces: Uint8Array[] = [];
  let total = 0;
  const decoder = new LzmaStreamDecoder(lzmaProperties(payload, at), undefined);
  decoder.feed(payload.subarray(5), true);
  const keep = (piece: Uint8Array) => {
    total += piece.length;
    if (total > maxBytes) throw new InputError('limit', `inno: the block at ${at} decompresses past ${maxBytes} bytes`, at);
    pieces.push(piece);
  };
  try {
    for (let piece = decoder.next(); piece !== undefined; piece = decoder.next()) keep(piece);
  } catch (error) {
    if (!(error instanceof InputError) || !/ends before the end of the stream/.test(error.message)) throw error instanceof InputError ? new InputError(error.kind, `inno: the block at ${at}: ${error.message}`, at) : error;
    decodedBeforeError(error).forEach(keep);
  }
  return Buffer.concat(pieces, total);
}

/** The five LZMA1 property bytes Inno writes before a stream (lc/lp/pb byte, u32 dictionary size). */
export function lzmaProperties(bytes: Uint8Array, at: number): { lc: number; lp: number; pb: number; dictionarySize: number } {
  const byte = decodePropertiesByte(bytes[0] ?? 0xff);
  if (bytes.length < 5 || byte === undefined) throw new InputError('corrupt', `inno: LZMA properties at ${at} are invalid`, at);
  return { ...byte, dictionarySize: new DataView(bytes.buffer, bytes.byteOffset, 5).getUint32(1, true) };
}

/** Where one file lies: its chunk (offset from the data start, compressed size) and its place in the decompressed chunk. */
export interface DataEntry {
  readonly chunkOffset: number;
  readonly chunkSize: number;
  readonly fileOffset: number;
  readonly fileSize: number;
  readonly compressed: boolean;
  readonly encrypted: boolean;
}

/** Data entry size and flag bits for Inno Setup 5.5.7 to 6.2.x (SHA-1 checksums, eleven flags in two bytes). */
const entryBytes = 74;
const chunkCompressedFlag = 1 << 7;
const chunkEncryptedFlag = 1 << 6;

/** Negative, zero or positive as version `a` (major, minor, patch) is before, equal to or after `b`. */
export function compareVersion(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) - b[i]!;
  return 0;
}

/** True for the versions whose data entries `readDataEntries` knows ("5.5.7" to "6.2.x"). */
export function knowsDataEntries(version: readonly number[]): boolean {
  return compareVersion(version, [5, 5, 7]) >= 0 && compareVersion(version, [6, 3, 0]) < 0;
}

/** The data entries block: fixed-size records (first/last slice, chunk offset, file offset and size, chunk size, SHA-1, time, version, flags). */
export function readDataEntries(payload: Uint8Array): DataEntry[] {
  if (payload.length % entryBytes !== 0) throw new InputError('corrupt', `inno: the data entries block holds ${payload.length} bytes, not a whole number of ${entryBytes}-byte entries`);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const entries: DataEntry[] = [];
  for (let at = 0; at < payload.length; at += entryBytes) {
    const u64 = (offset: number) => Number(view.getBigUint64(at + offset, true));
    const flags = view.getUint16(at + 72, true);
    entries.push({ chunkOffset: view.getUint32(at + 8, true), fileOffset: u64(12), fileSize: u64(20), chunkSize: u64(28), compressed: (flags & chunkCompressedFlag) !== 0, encrypted: (flags & chunkEncryptedFlag) !== 0 });
  }
  return entries;
}
