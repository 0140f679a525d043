/**
 * Android sparse image (`simg`): AOSP `system/core/libsparse/sparse_format.h` and
 * `sparse_read.cpp`. A 28-byte little-endian file header, then chunks, each a 12-byte header
 * and its data. A real header (`img2simg`, 4096-byte blocks):
 *
 *   00000000: 3aff 26ed 0100 0000 1c00 0c00 0010 0000   magic ed26ff3a, major 1, minor 0, file_hdr_sz 28, chunk_hdr_sz 12, blk_sz 4096
 *   00000010: 1000 0000 0400 0000 0000 0000 c2ca 0000   total_blks 16, total_chunks 4, image_checksum 0 | chunk: FILL (cac2), reserved
 *   00000020: 0100 0000 1000 0000 0000 0000 c1ca 0000   chunk_sz 1 block, total_sz 16, fill value 0 | next: RAW (cac1)
 *
 * Chunk types: RAW (cac1) data follows; FILL (cac2) a 4-byte value repeated over chunk_sz
 * blocks; DONT_CARE (cac3) blocks with no data (expanded as zeros, as simg2img writes them);
 * CRC32 (cac4) the CRC-32 of the expanded image so far, checked here. The one child is the
 * expanded image, streamed: FILL and DONT_CARE never allocate more than one 64 KiB piece,
 * however many blocks they declare, and the driver's expanded-bytes limit stops a fill bomb.
 */
import { crc32 } from 'node:zlib';
import { ByteReader, MemberBody } from '../byte-reader.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

export const sparseFileHeaderBytes = 28;
export const sparseChunkHeaderBytes = 12;
/**
 * Largest block size accepted (real images use 4096). With total_blks a uint32 this bounds the
 * expanded image to 2^52 bytes, so every size here is an exact JavaScript number.
 */
export const maxSparseBlockBytes = 1024 * 1024;
/** Largest header sizes accepted (libsparse writes 28 and 12; larger ones carry fields it skips). */
const maxFileHeaderBytes = 1024;
const maxChunkHeaderBytes = 1024;
/** Piece size of expanded FILL and DONT_CARE output: the most these ever hold in memory. */
export const fillPieceBytes = 64 * 1024;

/** 3a ff 26 ed: SPARSE_HEADER_MAGIC 0xed26ff3a, little-endian. */
const sparseMagic = Uint8Array.of(0x3a, 0xff, 0x26, 0xed);

export const chunkTypes = { raw: 0xcac1, fill: 0xcac2, dontCare: 0xcac3, crc32: 0xcac4 } as const;

export interface SparseHeader {
  readonly majorVersion: number;
  readonly minorVersion: number;
  readonly fileHeaderBytes: number;
  readonly chunkHeaderBytes: number;
  readonly blockBytes: number;
  readonly totalBlocks: number;
  readonly totalChunks: number;
  readonly imageChecksum: number;
  /** blockBytes × totalBlocks: the expanded image size (at most 2^52). */
  readonly expandedBytes: number;
}

export type SparseParse = { readonly ok: true; readonly header: SparseHeader } | { readonly ok: false; readonly reason: string };

/** Decodes and checks the file header. Pure; never throws. */
export function parseSparseHeader(bytes: Uint8Array): SparseParse {
  if (bytes.length < sparseFileHeaderBytes) return { ok: false, reason: `sparse header needs ${sparseFileHeaderBytes} bytes, got ${bytes.length}` };
  if (!sparseMagic.every((byte, i) => bytes[i] === byte)) return { ok: false, reason: 'no sparse magic 3a ff 26 ed' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, sparseFileHeaderBytes);
  const header = {
    majorVersion: view.getUint16(4, true),
    minorVersion: view.getUint16(6, true),
    fileHeaderBytes: view.getUint16(8, true),
    chunkHeaderBytes: view.getUint16(10, true),
    blockBytes: view.getUint32(12, true),
    totalBlocks: view.getUint32(16, true),
    totalChunks: view.getUint32(20, true),
    imageChecksum: view.getUint32(24, true),
  };
  if (header.majorVersion !== 1) return { ok: false, reason: `sparse major version ${header.majorVersion} (only 1 exists)` };
  if (header.fileHeaderBytes < sparseFileHeaderBytes || header.fileHeaderBytes > maxFileHeaderBytes) return { ok: false, reason: `sparse file_hdr_sz ${header.fileHeaderBytes}` };
  if (header.chunkHeaderBytes < sparseChunkHeaderBytes || header.chunkHeaderBytes > maxChunkHeaderBytes) return { ok: false, reason: `sparse chunk_hdr_sz ${header.chunkHeaderBytes}` };
  if (header.blockBytes === 0 || header.blockBytes % 4 !== 0 || header.blockBytes > maxSparseBlockBytes) return { ok: false, reason: `sparse blk_sz ${header.blockBytes} (a multiple of 4, at most ${maxSparseBlockBytes})` };
  return { ok: true, header: { ...header, expandedBytes: header.blockBytes * header.totalBlocks } };
}

export interface SparseChunkHeader {
  readonly type: number;
  /** Output blocks this chunk covers. */
  readonly blocks: number;
  /** Input bytes of the chunk, header included. */
  readonly totalBytes: number;
}

/** Decodes a chunk header (the first 12 bytes; larger chunk headers carry fields after them). Pure. */
export function parseSparseChunkHeader(bytes: Uint8Array): SparseChunkHeader | undefined {
  if (bytes.length < sparseChunkHeaderBytes) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, sparseChunkHeaderBytes);
  return { type: view.getUint16(0, true), blocks: view.getUint32(4, true), totalBytes: view.getUint32(8, true) };
}

/** Input data bytes a chunk must carry after its header, or a reason it is malformed. */
export function chunkDataBytes(chunk: SparseChunkHeader, header: SparseHeader): number | string {
  const data = chunk.totalBytes - header.chunkHeaderBytes;
  switch (chunk.type) {
    case chunkTypes.raw:
      return data === chunk.blocks * header.blockBytes ? data : `RAW chunk of ${chunk.blocks} blocks has ${data} data bytes`;
    case chunkTypes.fill:
    case chunkTypes.crc32:
      return data === 4 ? 4 : `chunk type 0x${chunk.type.toString(16)} has ${data} data bytes, not 4`;
    case chunkTypes.dontCare:
      return data === 0 ? 0 : `DONT_CARE chunk has ${data} data bytes`;
    default:
      return `unknown chunk type 0x${chunk.type.toString(16)}`;
  }
}

export const androidSparseHandler = defineHandler({
  id: 'android-sparse',
  kind: 'filesystem',
  doc: {
    name: 'Android sparse image',
    references: [
      'https://android.googlesource.com/platform/system/core/+/refs/heads/main/libsparse/sparse_format.h',
      'https://android.googlesource.com/platform/system/core/+/refs/heads/main/libsparse/sparse_read.cpp',
    ],
    limitations: [
      `Block sizes above ${maxSparseBlockBytes} bytes are not accepted (real images use 4096).`,
      'DONT_CARE blocks are expanded as zeros (as simg2img writes them), so the expanded image is one contiguous child; their zeros count against the expanded-bytes limit.',
      'Text inside RAW chunks is visible both in the sparse file and in the expanded image; both are reported.',
      'Stops at the first malformed chunk (a `corrupt` problem on the expanded image); the rest of the file is scanned raw.',
    ],
  },
  signatures: [{ magic: sparseMagic, offset: 0 }],
  headLength: sparseFileHeaderBytes,
  detect(head) {
    const parsed = parseSparseHeader(head);
    return parsed.ok ? { ok: true } : parsed;
  },
  open: openSparse,
});

async function* openSparse(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new ByteReader(input.stream);
  const parsed = parseSparseHeader(await reader.read(sparseFileHeaderBytes));
  if (!parsed.ok) throw new InputError('corrupt', `android-sparse: ${parsed.reason}`, 0);
  const header = parsed.header;
  const extra = header.fileHeaderBytes - sparseFileHeaderBytes;
  if ((await reader.skip(extra)) < extra) throw new InputError('corrupt', 'android-sparse: file ends inside the file header', 0);
  yield { link: { format: 'android-sparse', offset: 0 }, stream: expand(reader, header, ctx), size: header.expandedBytes };
}

/** The expanded image, chunk by chunk; a malformed or truncated chunk ends it with an `InputError` after what it produced. */
async function* expand(reader: ByteReader, header: SparseHeader, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  let crc = 0;
  let blocks = 0;
  const emit = (piece: Uint8Array) => {
    crc = crc32(piece, crc);
    return piece;
  };
  for (let index = 0; index < header.totalChunks; index++) {
    const start = reader.position;
    const chunkBytes = await reader.read(header.chunkHeaderBytes);
    const chunk = parseSparseChunkHeader(chunkBytes);
    if (chunk === undefined || chunkBytes.length < header.chunkHeaderBytes) throw new InputError('corrupt', `android-sparse: file ends inside chunk ${index} header at ${start}`, start);
    const data = chunkDataBytes(chunk, header);
    if (typeof data === 'string') throw new InputError('corrupt', `android-sparse: chunk ${index} at ${start}: ${data}`, start);
    if (chunk.type !== chunkTypes.crc32 && chunk.blocks > header.totalBlocks - blocks) {
      throw new InputError('corrupt', `android-sparse: chunk ${index} at ${start} covers ${chunk.blocks} blocks, past the image's ${header.totalBlocks}`, start);
    }
    const outputBytes = chunk.blocks * header.blockBytes;
    switch (chunk.type) {
      case chunkTypes.raw: {
        const body = new MemberBody(reader, data, (got) => new InputError('corrupt', `android-sparse: RAW chunk ${index} ends after ${got} of ${data} bytes`, start + header.chunkHeaderBytes + got));
        for await (const piece of body.stream) yield emit(piece);
        break;
      }
      case chunkTypes.fill: {
        const value = await readValue(reader, index, start);
        yield* repeat(value, outputBytes, emit);
        break;
      }
      case chunkTypes.dontCare:
        yield* repeat(Uint8Array.of(0, 0, 0, 0), outputBytes, emit);
        break;
      case chunkTypes.crc32: {
        const stored = new DataView(Uint8Array.from(await readValue(reader, index, start)).buffer).getUint32(0, true);
        if (stored !== crc >>> 0) ctx.problem('corrupt', `android-sparse: CRC32 chunk ${index} at ${start} says ${hex32(stored)}, the image so far is ${hex32(crc)}`, start);
        break;
      }
    }
    if (chunk.type !== chunkTypes.crc32) blocks += chunk.blocks;
  }
  ctx.setLength(reader.position);
  if (blocks !== header.totalBlocks) ctx.problem('corrupt', `android-sparse: chunks cover ${blocks} blocks, the header says ${header.totalBlocks}`, 16);
  if (header.imageChecksum !== 0 && header.imageChecksum !== crc >>> 0) {
    ctx.problem('corrupt', `android-sparse: image_checksum ${hex32(header.imageChecksum)} does not match the expanded image (${hex32(crc)})`, 24);
  }
}

async function readValue(reader: ByteReader, index: number, start: number): Promise<Uint8Array> {
  const value = await reader.read(4);
  if (value.length < 4) throw new InputError('corrupt', `android-sparse: file ends inside chunk ${index} at ${start}`, start);
  return value;
}

/**
 * `total` bytes of a 4-byte pattern in pieces of at most `fillPieceBytes`. One piece is built and
 * yielded again and again (its content never changes, and every piece starts on a pattern
 * boundary since block sizes are multiples of 4).
 */
function* repeat(value: Uint8Array, total: number, emit: (piece: Uint8Array) => Uint8Array): Generator<Uint8Array> {
  if (total === 0) return;
  const piece = new Uint8Array(Math.min(fillPieceBytes, total));
  for (let i = 0; i < piece.length; i += 4) piece.set(value, i);
  for (let left = total; left > 0; left -= piece.length) yield emit(left >= piece.length ? piece : piece.subarray(0, left));
}

function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
