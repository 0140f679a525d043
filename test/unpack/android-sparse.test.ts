import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { androidSparseHandler, chunkTypes, fillPieceBytes, maxSparseBlockBytes, parseSparseChunkHeader, parseSparseHeader } from '../../src/unpack/filesystems/android-sparse.js';
import { chunkings } from '../helpers/chunkings.js';
import { errorKinds, openChunks } from '../helpers/open-chunks.js';
import { openAlone } from '../../src/walk/alone.js';

/** The header img2simg wrote for a 16-block image of 4 chunks. */
const realHeader = Buffer.from('3aff26ed010000001c000c00001000001000000004000000' + '00000000', 'hex');

type Chunk =
  | { readonly raw: Buffer }
  | { readonly fill: Buffer; readonly blocks: number }
  | { readonly dontCare: number }
  | { readonly crc: number | 'correct' }
  | { readonly type: number; readonly blocks: number; readonly data: Buffer };

interface Sparse {
  readonly blockBytes?: number;
  readonly totalBlocks?: number;
  readonly fileHeaderBytes?: number;
  readonly imageChecksum?: number;
}

/** A sparse file of `chunks` and the image it expands to. */
function sparse(chunks: readonly Chunk[], options: Sparse = {}): { readonly file: Buffer; readonly image: Buffer } {
  const blockBytes = options.blockBytes ?? 16;
  const parts: Buffer[] = [];
  const image: Buffer[] = [];
  let blocks = 0;
  const chunkHeader = (type: number, count: number, total: number) => {
    const header = Buffer.alloc(12);
    header.writeUInt16LE(type, 0);
    header.writeUInt32LE(count, 4);
    header.writeUInt32LE(total, 8);
    return header;
  };
  for (const chunk of chunks) {
    if ('raw' in chunk) {
      parts.push(chunkHeader(chunkTypes.raw, chunk.raw.length / blockBytes, 12 + chunk.raw.length), chunk.raw);
      image.push(chunk.raw);
      blocks += chunk.raw.length / blockBytes;
    } else if ('fill' in chunk) {
      parts.push(chunkHeader(chunkTypes.fill, chunk.blocks, 16), chunk.fill);
      // The test image is only built for small fills (a fill bomb's image is never materialised).
      if (chunk.blocks * blockBytes <= 1024 * 1024) image.push(Buffer.alloc(chunk.blocks * blockBytes, chunk.fill));
      blocks += chunk.blocks;
    } else if ('dontCare' in chunk) {
      parts.push(chunkHeader(chunkTypes.dontCare, chunk.dontCare, 12));
      image.push(Buffer.alloc(chunk.dontCare * blockBytes));
      blocks += chunk.dontCare;
    } else if ('crc' in chunk) {
      const value = Buffer.alloc(4);
      value.writeUInt32LE(chunk.crc === 'correct' ? crc32(Buffer.concat(image)) >>> 0 : chunk.crc);
      parts.push(chunkHeader(chunkTypes.crc32, 0, 16), value);
    } else {
      parts.push(chunkHeader(chunk.type, chunk.blocks, 12 + chunk.data.length), chunk.data);
    }
  }
  const fileHeaderBytes = options.fileHeaderBytes ?? 28;
  const header = Buffer.alloc(fileHeaderBytes);
  header.writeUInt32LE(0xed26ff3a, 0);
  header.writeUInt16LE(1, 4);
  header.writeUInt16LE(fileHeaderBytes, 8);
  header.writeUInt16LE(12, 10);
  header.writeUInt32LE(blockBytes, 12);
  header.writeUInt32LE(options.totalBlocks ?? blocks, 16);
  header.writeUInt32LE(chunks.length, 20);
  header.writeUInt32LE(options.imageChecksum ?? 0, 24);
  return { file: Buffer.concat([header, ...parts]), image: Buffer.concat(image) };
}

describe('parseSparseHeader', () => {
  it('decodes the header img2simg writes', () => {
    expect(parseSparseHeader(realHeader)).toEqual({
      ok: true,
      header: { majorVersion: 1, minorVersion: 0, fileHeaderBytes: 28, chunkHeaderBytes: 12, blockBytes: 4096, totalBlocks: 16, totalChunks: 4, imageChecksum: 0, expandedBytes: 65536 },
    });
  });
  it.each(Array.from({ length: 28 }, (_, length) => length))('rejects a header cut to %i bytes', (length) => {
    expect(parseSparseHeader(realHeader.subarray(0, length)).ok).toBe(false);
  });
  it.each([
    ['major version 2', 4, 2, 'u16'],
    ['file_hdr_sz 27', 8, 27, 'u16'],
    ['chunk_hdr_sz 11', 10, 11, 'u16'],
    ['blk_sz 0', 12, 0, 'u32'],
    ['blk_sz 4094 (not a multiple of 4)', 12, 4094, 'u32'],
    [`blk_sz ${maxSparseBlockBytes + 4}`, 12, maxSparseBlockBytes + 4, 'u32'],
  ] as const)('rejects %s', (_name, at, value, width) => {
    const bytes = Buffer.from(realHeader);
    if (width === 'u16') bytes.writeUInt16LE(value, at);
    else bytes.writeUInt32LE(value, at);
    expect(parseSparseHeader(bytes).ok).toBe(false);
  });
  it('keeps the largest declared image an exact number', () => {
    const bytes = Buffer.from(realHeader);
    bytes.writeUInt32LE(maxSparseBlockBytes, 12);
    bytes.writeUInt32LE(0xffffffff, 16);
    const parsed = parseSparseHeader(bytes);
    expect(parsed.ok && Number.isSafeInteger(parsed.header.expandedBytes)).toBe(true);
  });
  it('decodes a chunk header and refuses a short one', () => {
    expect(parseSparseChunkHeader(Buffer.from('c2ca00000100000010000000', 'hex'))).toEqual({ type: chunkTypes.fill, blocks: 1, totalBytes: 16 });
    expect(parseSparseChunkHeader(Buffer.from('c2ca0000010000001000', 'hex'))).toBeUndefined();
  });
});

describe('android-sparse open', () => {
  const raw = Buffer.from('RAW block one 人种 / second RAW block!').subarray(0, 32);
  const { file, image } = sparse([{ raw }, { fill: Buffer.from('deadbeef', 'hex'), blocks: 3 }, { dontCare: 2 }, { crc: 'correct' }, { raw: Buffer.alloc(16, 0x41) }]);

  it('expands RAW, FILL and DONT_CARE into one child, verifies CRC32 chunks, for every chunking', async () => {
    for (const { label, chunks } of chunkings(file)) {
      expect(await openChunks(androidSparseHandler, chunks), label).toEqual({
        children: [{ path: undefined, offset: 0, bytes: image, size: image.length }],
        problems: [],
        length: file.length,
      });
    }
  });

  it('reports a CRC32 chunk that does not match the image so far, and goes on', async () => {
    const bad = sparse([{ raw }, { crc: 0x12345678 }, { dontCare: 1 }]);
    const result = await openChunks(androidSparseHandler, [bad.file]);
    expect(result.children[0]!.bytes).toEqual(bad.image);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('CRC32 chunk 1') }]);
  });

  it('checks a non-zero image_checksum against the whole expanded image', async () => {
    const good = sparse([{ raw }], { imageChecksum: crc32(raw) >>> 0 });
    expect((await openChunks(androidSparseHandler, [good.file])).problems).toEqual([]);
    const bad = sparse([{ raw }], { imageChecksum: 1 });
    expect((await openChunks(androidSparseHandler, [bad.file])).problems.map((p) => p.kind)).toEqual(['corrupt']);
  });

  it('skips a longer file header', async () => {
    const long = sparse([{ raw }], { fileHeaderBytes: 40 });
    expect((await openChunks(androidSparseHandler, [long.file])).children[0]!.bytes).toEqual(raw);
  });

  it('reports chunks that cover fewer blocks than the header says', async () => {
    const short = sparse([{ raw }], { totalBlocks: 5 });
    expect((await openChunks(androidSparseHandler, [short.file])).problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('cover 2 blocks, the header says 5') }]);
  });

  it.each([
    ['an unknown chunk type', [{ raw }, { type: 0xcac9, blocks: 1, data: Buffer.alloc(0) }], 'unknown chunk type'],
    ['a RAW chunk whose total_sz disagrees with its blocks', [{ type: chunkTypes.raw, blocks: 2, data: Buffer.alloc(16) }], 'RAW chunk of 2 blocks'],
    ['a FILL chunk with 8 data bytes', [{ type: chunkTypes.fill, blocks: 1, data: Buffer.alloc(8) }], 'not 4'],
  ] as const)('ends the image with a corrupt error at %s', async (_name, chunks, message) => {
    const result = await openChunks(androidSparseHandler, [sparse(chunks as readonly Chunk[]).file]);
    expect(result.children[0]!.error).toEqual({ kind: 'corrupt', message: expect.stringContaining(message) });
  });

  it('refuses a chunk that covers blocks past total_blks', async () => {
    const over = sparse([{ fill: Buffer.from('00000000', 'hex'), blocks: 10 }], { totalBlocks: 4 });
    expect((await openChunks(androidSparseHandler, [over.file])).children[0]!.error?.message).toContain('past the image');
  });

  it('streams a fill of 2^32-1 blocks in bounded pieces until the consumer stops (a fill bomb)', async () => {
    const bomb = sparse([{ raw: Buffer.alloc(4096, 0x52) }, { fill: Buffer.from('AAAA'), blocks: 0xfffffffe }], { blockBytes: 4096, totalBlocks: 0xffffffff });
    const opened = openAlone(androidSparseHandler, (async function* () { yield bomb.file; })());
    let total = 0;
    let largest = 0;
    for await (const child of opened.children) {
      for await (const piece of child.stream) {
        total += piece.length;
        largest = Math.max(largest, piece.length);
        if (total >= 64 * 1024 * 1024) break;
      }
      expect(child.size).toBe(0xffffffff * 4096);
    }
    expect(total).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    expect(largest).toBeLessThanOrEqual(fillPieceBytes);
  });

  it('yields what exists and a corrupt error wherever the file is cut', async () => {
    for (let cut = 0; cut < file.length; cut++) {
      const result = await openChunks(androidSparseHandler, [file.subarray(0, cut)]);
      expect(errorKinds(result), `cut ${cut}`).toEqual(['corrupt']);
      const produced = result.children[0]?.bytes ?? Buffer.alloc(0);
      expect(image.subarray(0, produced.length).equals(produced), `cut ${cut}`).toBe(true);
    }
  });
});
