/**
 * LZ4 frames (lz4 `doc/lz4_Frame_format.md`), and the legacy frame the kernel's `lz4 -l`
 * writes, decoded block by block by `Lz4FrameDecoder` (codecs/lz4.ts):
 *
 *   00000000: 0422 4d18 | 64 | 40 | a7 | ...   magic (LE 0x184D2204), FLG (version 01, independent
 *             blocks, content checksum), BD (64 KiB blocks), header checksum (xxh32 >> 8)
 *   00000000: 0221 4c18 | 2a00 0000 | ...      legacy: magic, then (LE u32 size, block) until EOF
 *
 * Frames back to back (and skippable frames between them) are one stream, as `lz4 -d` reads
 * them; the decoder says where they end, for the carver.
 */
import { Lz4FrameDecoder } from '../codecs/lz4.js';
import { xxh32 } from '../codecs/xxhash32.js';
import { ByteReader } from '../byte-reader.js';
import { defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

/** 04 22 4D 18: frame magic 0x184D2204 (little-endian). */
const frameMagic = Uint8Array.of(0x04, 0x22, 0x4d, 0x18);
/** 02 21 4C 18: legacy frame magic 0x184C2102. */
const legacyMagic = Uint8Array.of(0x02, 0x21, 0x4c, 0x18);
/**
 * Input handed to the decoder at a time. A compressed block decodes to at most 255 times its
 * size (and at most 4 MiB, legacy 8 MiB), so 16 KiB of input bounds one step's output.
 */
const feedBytes = 16 * 1024;
/** Largest legacy block: LZ4_compressBound(8 MiB). */
const maxLegacyBlockBytes = 8 * 1024 * 1024 + Math.floor((8 * 1024 * 1024) / 255) + 16;

/** Checks a frame descriptor at `head[4..]`: version 01, reserved bits clear, a block size code 4..7, the header checksum. */
export function checkLz4FrameHeader(head: Uint8Array): string | undefined {
  if (head.length < 7) return 'LZ4 frame header truncated';
  const flags = head[4]!;
  const bd = head[5]!;
  if ((flags & 0xc0) !== 0x40) return 'LZ4 frame version is not 01';
  if ((flags & 0x02) !== 0 || (bd & 0x8f) !== 0) return 'reserved LZ4 descriptor bits are set';
  if (((bd >> 4) & 7) < 4) return 'invalid LZ4 block maximum size code';
  const length = 2 + ((flags & 0x08) !== 0 ? 8 : 0) + ((flags & 0x01) !== 0 ? 4 : 0);
  if (head.length < 4 + length + 1) return 'LZ4 frame header truncated';
  if (((xxh32(head.subarray(4, 4 + length)) >>> 8) & 0xff) !== head[4 + length]) return 'LZ4 frame header checksum mismatch';
  return undefined;
}

export const lz4Handler = defineHandler({
  id: 'lz4',
  kind: 'compression',
  doc: {
    name: 'LZ4 frame stream (and legacy frames)',
    references: ['https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md'],
    limitations: [
      'Frames that need an external dictionary are reported unsupported.',
      'A legacy frame has no end mark: it ends at the first block size that is zero, too large or a frame magic.',
    ],
  },
  signatures: [
    { magic: frameMagic, offset: 0 },
    { magic: legacyMagic, offset: 0 },
  ],
  headLength: 4 + 2 + 8 + 4 + 1,
  detect(head) {
    if (head.length >= 8 && legacyMagic.every((byte, i) => head[i] === byte)) {
      const size = (head[4]! | (head[5]! << 8) | (head[6]! << 16) | (head[7]! << 24)) >>> 0;
      return size > 0 && size <= maxLegacyBlockBytes ? { ok: true } : { ok: false, reason: 'LZ4 legacy frame with an impossible first block size' };
    }
    if (head.length < 4 || !frameMagic.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no LZ4 frame magic 04 22 4d 18' };
    const problem = checkLz4FrameHeader(head);
    return problem === undefined ? { ok: true } : { ok: false, reason: problem };
  },
  async *open(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
    yield { link: { format: 'lz4', offset: 0 }, stream: decode(new ByteReader(input.stream), ctx) };
  },
});

async function* decode(reader: ByteReader, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  // The driver's expanded-bytes limit bounds the output; the decoder's own bound is not needed.
  const decoder = new Lz4FrameDecoder({ maxOutputBytes: Number.MAX_SAFE_INTEGER });
  while (!decoder.done) {
    const chunk = await reader.readUpTo(feedBytes);
    // Blocks decoded in the same step before a damaged one are lost with it (a step is 16 KiB of input).
    for (const block of chunk.length === 0 ? decoder.end() : decoder.push(chunk)) yield block;
    if (chunk.length === 0) break;
  }
  ctx.setLength(decoder.consumed);
}
