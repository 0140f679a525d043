/**
 * bzip2 streams (the handler; the block decoder is src/unpack/codecs/bzip2.ts, fwsift's own, see
 * its header for why). The compressed bits come from our own reader, so the end of the stream
 * (after the 48-bit end-of-stream marker and the combined CRC, byte-aligned) is known exactly.
 *
 *   00000000: 425a 68 39 | 3141 5926 5359 | ...     "BZh", block size digit '9' (900 kB),
 *             block magic (BCD pi), block CRC, ...; end: 1772 4538 5090 (sqrt pi) + combined CRC
 *
 * Blocks are bit-aligned, not byte-aligned. Concatenated streams (pbzip2, `cat a.bz2 b.bz2`)
 * are one stream, as `bzip2 -d` reads them. Each block's compressed bits are buffered whole
 * (at most `maxCompressedBlockBytes`); its output is checked against the block CRC before any
 * of it is handed on, in 64 KiB pieces: kept from the checking walk when it is at most 4 MiB
 * (text and binaries: about the 900 kB block), else produced by a second walk, so no byte of a
 * damaged block is passed on and a block of long runs (up to 46 MiB) is never held at once.
 */
import { blockOutput, BitReader, combineCrc, decodeBlock, maxBlockBytes, NeedMoreInput, type DecodedBlock } from '../codecs/bzip2.js';
import { ByteReader } from '../byte-reader.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput, type Signature } from '../types.js';

/** 31 41 59 26 53 59: the block header magic (BCD digits of pi). */
const blockMagic = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59] as const;
/** 17 72 45 38 50 90: the end-of-stream marker (BCD digits of sqrt(pi)). */
const endMagic = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90] as const;
/**
 * Compressed bytes buffered before a block is decoded: the reference encoder's blocks of level
 * n are rarely over 25,000 + 100,000 × n bytes. A block still unfinished at that point gets
 * more input, doubling, up to `maxCompressedBlockBytes`.
 */
const blockReadAheadBytes = (level: number) => 25_000 + 100_000 * level;
/** Beyond any block the reference encoder writes (900 kB × 20-bit codes ≈ 2.25 MB): corrupt. */
export const maxCompressedBlockBytes = 3 * 1024 * 1024;
/** Output pieces handed on. */
const outputPieceBytes = 64 * 1024;
/** A block's output kept from the CRC walk to be handed on; a block that expands further is walked twice. */
const maxHeldOutputBytes = 4 * 1024 * 1024;
/** "BZh" + level digit + block magic: one signature per level, 10 bytes each. */
const signatures: Signature[] = Array.from({ length: 9 }, (_, i) => ({ magic: Uint8Array.of(0x42, 0x5a, 0x68, 0x31 + i, ...blockMagic), offset: 0 }));

export const bzip2Handler = defineHandler({
  id: 'bzip2',
  kind: 'compression',
  doc: {
    name: 'bzip2 stream',
    references: ['https://sourceware.org/bzip2/', 'https://github.com/dsnet/compress/blob/master/doc/bzip2-format.pdf'],
    limitations: [
      'A stream holding only the end-of-stream marker (an empty file) is not recognised.',
      'Randomised blocks (bzip2 0.9.0 and older) are reported `unsupported`.',
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

async function* decodeStreams(reader: ByteReader, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  const bits = new BitReader();
  let ended = false;
  /** Buffers at least `count` unread bytes (fewer at the end of the input). */
  const fill = async (count: number) => {
    while (!ended && bits.buffered < count) {
      const chunk = await reader.readUpTo(Math.max(count - bits.buffered, 64 * 1024));
      if (chunk.length === 0) ended = true;
      else bits.append(chunk);
    }
  };
  let tt: Int32Array | undefined;
  for (let streamIndex = 0; ; streamIndex++) {
    await fill(10);
    if (streamIndex > 0 && !isStreamStart(bits.peek(10))) break;
    const streamStart = bits.position;
    // "BZh" and the level digit; isStreamStart (or detect, for the first) checked them.
    const level = bits.peek(4)[3]! - 0x30;
    if (level < 1 || level > 9) throw new InputError('corrupt', `bzip2 stream at ${streamStart}: block size digit is not 1-9`, streamStart);
    bits.read(16);
    bits.read(16);
    const blockBytes = 100_000 * level;
    tt ??= new Int32Array(maxBlockBytes);
    let streamCrc = 0;
    for (let block = 0; ; block++) {
      const blockStart = bits.position;
      let want = blockReadAheadBytes(level);
      let decoded: DecodedBlock | 'end';
      for (;;) {
        await fill(want);
        const mark = bits.mark();
        try {
          decoded = readBlock(bits, tt, blockBytes, streamCrc);
          break;
        } catch (error) {
          if (!(error instanceof NeedMoreInput)) throw located(error, `block ${block} at ${blockStart} (stream ${streamIndex})`, blockStart);
          if (ended) throw new InputError('corrupt', `bzip2 block ${block} at ${blockStart}: truncated (input ends inside the block)`, blockStart);
          if (bits.buffered >= maxCompressedBlockBytes) throw new InputError('corrupt', `bzip2 block ${block} at ${blockStart}: longer than ${maxCompressedBlockBytes} bytes`, blockStart);
          // Back to the block's first bit before buffering more (appending drops bytes before the read position).
          bits.reset(mark);
          want = Math.min(want * 2, maxCompressedBlockBytes);
        }
      }
      if (decoded === 'end') break;
      // First walk: the CRC, keeping the output while it stays small (most blocks: about 1 MB).
      let held: Uint8Array[] | undefined = [];
      let heldBytes = 0;
      const walk = blockOutput(decoded, tt, outputPieceBytes);
      let step = walk.next();
      for (; step.done !== true; step = walk.next()) {
        if (held === undefined) continue;
        heldBytes += step.value.length;
        if (heldBytes <= maxHeldOutputBytes) held.push(step.value);
        else held = undefined;
      }
      if (step.value !== decoded.crc) {
        throw new InputError('corrupt', `bzip2 block ${block} at ${blockStart} (stream ${streamIndex}): CRC mismatch (block says ${hex(decoded.crc)}, data gives ${hex(step.value)})`, blockStart);
      }
      // A block of long runs (up to 46 MiB of output): walked again rather than held.
      yield* held ?? blockOutput(decoded, tt, outputPieceBytes);
      streamCrc = combineCrc(streamCrc, decoded.crc);
    }
  }
  ctx.setLength(bits.position);
}

/**
 * The next block, or 'end' after the end-of-stream marker and a matching stream CRC (then the
 * reader is byte-aligned). Throws `NeedMoreInput` or `InputError`.
 */
function readBlock(bits: BitReader, tt: Int32Array, blockBytes: number, streamCrc: number): DecodedBlock | 'end' {
  const high = bits.read(24);
  const low = bits.read(24);
  if (high === 0x314159 && low === 0x265359) return decodeBlock(bits, tt, blockBytes);
  if (high !== 0x177245 || low !== 0x385090) throw new InputError('corrupt', 'bzip2: neither a block magic nor the end-of-stream marker');
  const stored = ((bits.read(16) << 16) | bits.read(16)) >>> 0;
  if (stored !== streamCrc) throw new InputError('corrupt', `bzip2: stream CRC mismatch (stream says ${hex(stored)}, blocks give ${hex(streamCrc)})`);
  bits.alignToByte();
  return 'end';
}

/** The codec's error with where it happened; anything else is a bug and goes on unchanged. */
function located(error: unknown, where: string, offset: number): unknown {
  if (!(error instanceof InputError)) return error;
  return new InputError(error.kind, error.message.replace(/^bzip2: /, `bzip2 ${where}: `), offset);
}

const hex = (value: number) => `0x${value.toString(16).padStart(8, '0')}`;

/** "BZh" + digit, then a block magic or the end-of-stream marker (an empty stream). */
function isStreamStart(bytes: Uint8Array): boolean {
  if (bytes.length < 10 || bytes[0] !== 0x42 || bytes[1] !== 0x5a || bytes[2] !== 0x68 || bytes[3]! < 0x31 || bytes[3]! > 0x39) return false;
  return blockMagic.every((byte, i) => bytes[4 + i] === byte) || endMagic.every((byte, i) => bytes[4 + i] === byte);
}
