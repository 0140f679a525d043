/**
 * bzip2 streams, decoded block by block with the block decoder of unbzip2-stream
 * (`lib/bzip2.js`). Its stream wrapper is not used: it cannot say where a stream ends, fails on
 * any trailing bytes, and collects a block's output as an array of numbers (8 bytes per byte).
 * Here the compressed bits come from our own reader, so the end of the stream (after the
 * 48-bit end-of-stream marker and the combined CRC, byte-aligned) is known exactly.
 *
 *   00000000: 425a 68 39 | 3141 5926 5359 | ...     "BZh", block size digit '9' (900 kB),
 *             block magic (BCD pi), block CRC, ...; end: 1772 4538 5090 (sqrt pi) + combined CRC
 *
 * Blocks are bit-aligned, not byte-aligned. Concatenated streams (pbzip2, `cat a.bz2 b.bz2`)
 * are one stream, as `bzip2 -d` reads them. Block and stream CRCs are checked by the decoder.
 */
import bzip2 from 'unbzip2-stream/lib/bzip2.js';
import { messageOf } from '../streams.js';
import { ByteReader } from '../byte-reader.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput, type Signature } from '../types.js';

/** 31 41 59 26 53 59: the block header magic (BCD digits of pi). */
const blockMagic = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] as const;
/** 17 72 45 38 50 90: the end-of-stream marker (BCD digits of sqrt(pi)). */
const endMagic = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90] as const;
/**
 * Compressed bytes buffered before a block is decoded: unbzip2-stream's own estimate of the
 * largest block (25,000 + 100,000 per block-size step). A block still unfinished at that point
 * gets more input, up to `maxCompressedBlockBytes`.
 */
const blockReadAheadBytes = (level: number) => 25_000 + 100_000 * level;
/** Beyond any block the reference encoder writes (900 kB × 20-bit codes ≈ 2.25 MB): corrupt. */
export const maxCompressedBlockBytes = 3 * 1024 * 1024;
/** Output pieces handed on, so one block's output is not one allocation. */
const outputPieceBytes = 64 * 1024;

/** "BZh" + level digit + block magic: one signature per level, 10 bytes each. */
const signatures: Signature[] = Array.from({ length: 9 }, (_, i) => ({ magic: Uint8Array.of(0x42, 0x5a, 0x68, 0x31 + i, ...blockMagic), offset: 0 }));

export const bzip2Handler = defineHandler({
  id: 'bzip2',
  kind: 'compression',
  doc: {
    name: 'bzip2 stream',
    references: ['https://sourceware.org/bzip2/', 'https://github.com/regular/unbzip2-stream (lib/bzip2.js)'],
    limitations: [
      "One block's output is held at once before it is handed on: at most about 46 MiB (900 kB of run-length-encoded data expanding 51-fold).",
      'A stream holding only the end-of-stream marker (an empty file) is not recognised.',
    ],
  },
  signatures,
  headLength: 10,
  detect(head) {
    if (head.length < 10 || head[0] !== 0x42 || head[1] !== 0x5a || head[2] !== 0x68) return { ok: false, reason: 'no bzip2 magic "BZh"' };
    if (head[3]! < 0x31 || head[3]! > 0x39) return { ok: false, reason: 'bzip2 block size digit is not 1-9' };
    if (!blockMagic.every((byte, i) => head[4 + i] === byte)) return { ok: false, reason: 'no bzip2 block magic after the header' };
    return { ok: true };
  },
  async *open(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
    yield { link: { format: 'bzip2', offset: 0 }, stream: decodeStreams(new ByteReader(input.stream), ctx) };
  },
});

/** Thrown by the bit reader when the buffered bytes run out inside a block. */
const needMoreInput = new Error('bzip2: needs more input');

/** MSB-first bits over a growing byte buffer, as `lib/bzip2.js` reads them. */
class BitBuffer {
  bytes: Uint8Array = new Uint8Array(0);
  /** Bytes dropped from the front of `bytes` so far (for stream positions). */
  dropped = 0;
  byte = 0;
  bit = 0;

  readonly read = (n: number | null): number => {
    if (n === null) {
      if (this.bit !== 0) {
        this.bit = 0;
        this.byte++;
      }
      return 0;
    }
    let result = 0;
    let left = n;
    while (left > 0) {
      if (this.byte >= this.bytes.length) throw needMoreInput;
      const available = 8 - this.bit;
      const take = Math.min(available, left);
      const value = (this.bytes[this.byte]! >> (available - take)) & ((1 << take) - 1);
      result = (result << take) | value;
      left -= take;
      this.bit += take;
      if (this.bit === 8) {
        this.bit = 0;
        this.byte++;
      }
    }
    return result;
  };

  get buffered(): number {
    return this.bytes.length - this.byte;
  }

  /** Position of the next unread byte in the stream (the current byte if mid-byte). */
  get position(): number {
    return this.dropped + this.byte;
  }

  append(chunk: Uint8Array): void {
    // Keep only unread bytes: one block's worth at most.
    const keep = this.bytes.subarray(this.byte);
    const joined = new Uint8Array(keep.length + chunk.length);
    joined.set(keep);
    joined.set(chunk, keep.length);
    this.dropped += this.byte;
    this.byte = 0;
    this.bytes = joined;
  }
}

async function* decodeStreams(reader: ByteReader, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  const bits = new BitBuffer();
  let ended = false;
  /** Buffers at least `count` unread bytes (fewer at the end of the input). */
  const fill = async (count: number) => {
    while (!ended && bits.buffered < count) {
      const chunk = await reader.readUpTo(Math.max(count - bits.buffered, 64 * 1024));
      if (chunk.length === 0) ended = true;
      else bits.append(chunk);
    }
  };
  let workspace: Int32Array | undefined;
  for (let streamIndex = 0; ; streamIndex++) {
    await fill(10);
    const next = bits.bytes.subarray(bits.byte, bits.byte + 10);
    if (streamIndex > 0 && !isStreamStart(next)) break;
    const streamStart = bits.position;
    let level: number;
    try {
      level = bzip2.header(bits.read);
    } catch (error) {
      throw new InputError('corrupt', `bzip2 stream at ${streamStart}: ${messageOf(error)}`, streamStart);
    }
    const blockBytes = 100_000 * level;
    if (workspace === undefined || workspace.length < blockBytes) workspace = new Int32Array(blockBytes);
    let streamCrc = 0;
    let streamEnded = false;
    for (let block = 0; !streamEnded; block++) {
      const blockStart = bits.position;
      let want = blockReadAheadBytes(level);
      for (;;) {
        await fill(want);
        const saved = { byte: bits.byte, bit: bits.bit };
        const pieces: Uint8Array[] = [];
        let piece = new Uint8Array(outputPieceBytes);
        let filled = 0;
        const emit = (byte: number) => {
          if (filled === piece.length) {
            pieces.push(piece);
            piece = new Uint8Array(outputPieceBytes);
            filled = 0;
          }
          piece[filled++] = byte;
        };
        try {
          const combined = bzip2.decompress(bits.read, emit, workspace, blockBytes, streamCrc);
          if (combined === null) streamEnded = true;
          else streamCrc = combined;
        } catch (error) {
          if (error !== needMoreInput) {
            throw new InputError('corrupt', `bzip2 block ${block} at ${blockStart} (stream ${streamIndex}): ${messageOf(error)}`, blockStart);
          }
          if (ended) throw new InputError('corrupt', `bzip2 block ${block} at ${blockStart}: truncated (input ends inside the block)`, blockStart);
          // Back to the block's first bit before buffering more (appending drops bytes before the read position).
          bits.byte = saved.byte;
          bits.bit = saved.bit;
          if (bits.buffered >= maxCompressedBlockBytes) throw new InputError('corrupt', `bzip2 block ${block} at ${blockStart}: longer than ${maxCompressedBlockBytes} bytes`, blockStart);
          want = Math.min(want * 2, maxCompressedBlockBytes);
          continue;
        }
        for (const full of pieces) yield full;
        if (filled > 0) yield piece.subarray(0, filled);
        break;
      }
    }
  }
  ctx.setLength(bits.position);
}

/** "BZh" + digit, then a block magic or the end-of-stream marker (an empty stream). */
function isStreamStart(bytes: Uint8Array): boolean {
  if (bytes.length < 10 || bytes[0] !== 0x42 || bytes[1] !== 0x5a || bytes[2] !== 0x68 || bytes[3]! < 0x31 || bytes[3]! > 0x39) return false;
  return blockMagic.every((byte, i) => bytes[4 + i] === byte) || endMagic.every((byte, i) => bytes[4 + i] === byte);
}
