/**
 * Zstandard frames (RFC 8878), decoded by fzstd's streaming `Decompress`. The frames are
 * walked here, block header by block header, so the stream's end is known exactly (trailing
 * bytes stay the parent's) and each block reaches fzstd whole:
 *
 *   00000000: 28b5 2ffd | 24 | 18 | 1800 00 ...   magic (LE 0xFD2FB528), frame header descriptor,
 *             (FHD 0x24: single segment, checksum), frame content size 0x18, first block header
 *   block header (3 bytes LE): bit 0 last, bits 1-2 type (raw, RLE, compressed, reserved), bits 3-23 size
 *
 * Concatenated frames and skippable frames (magic 0x184D2A50..5F, RFC 8878 §3.1.2) between
 * them are one stream, as `zstd -d` reads them. The content checksum (low 32 bits of XXH64)
 * is verified here: fzstd does not, and a flipped literal bit would otherwise pass as clean.
 */
import { Decompress } from 'fzstd';
import { XxHash64 } from '../codecs/xxhash64.js';
import { ByteReader } from '../byte-reader.js';
import { messageOf } from '../streams.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

/** 28 B5 2F FD: Magic_Number 0xFD2FB528, little-endian (RFC 8878 §3.1.1). */
const zstdMagic = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd);
/**
 * Largest window fzstd may allocate (it allocates the whole window, or the whole content for
 * single-segment frames, up front). 128 MiB is the reference decoder's own default limit
 * (ZSTD_WINDOWLOG_LIMIT_DEFAULT 27); larger frames are a `limit` problem.
 */
export const maxZstdWindowBytes = 128 * 1024 * 1024;
/** Block_Maximum_Size (RFC 8878 §3.1.1.2.3). */
const maxBlockBytes = 128 * 1024;
/** Magic, descriptor, window descriptor, 4-byte dictionary id, 8-byte content size. */
const maxFrameHeaderBytes = 4 + 1 + 1 + 4 + 8;

export interface ZstdFrameHeader {
  /** Bytes from the magic to the first block header. */
  readonly length: number;
  readonly windowSize: number;
  readonly contentSize?: number;
  readonly dictionaryId: number;
  readonly checksum: boolean;
}

/** Parses a frame header at the start of `bytes`; a string says why it is not one. */
export function parseZstdFrameHeader(bytes: Uint8Array): ZstdFrameHeader | string {
  if (bytes.length < 5 || !zstdMagic.every((byte, i) => bytes[i] === byte)) return 'no zstd frame magic 28 b5 2f fd';
  const descriptor = bytes[4]!;
  if ((descriptor & 0x08) !== 0) return 'reserved bit of the frame header descriptor is set';
  const singleSegment = (descriptor & 0x20) !== 0;
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
  const contentFlag = descriptor >> 6;
  const contentBytes = contentFlag === 0 ? (singleSegment ? 1 : 0) : 1 << contentFlag;
  let at = 5;
  let windowSize = 0;
  if (!singleSegment) {
    if (bytes.length < 6) return 'frame header truncated';
    const exponent = bytes[5]! >> 3;
    const base = 2 ** (10 + exponent);
    windowSize = base + (base / 8) * (bytes[5]! & 7);
    at = 6;
  }
  const length = at + dictionaryBytes + contentBytes;
  if (bytes.length < length) return 'frame header truncated';
  let dictionaryId = 0;
  for (let i = dictionaryBytes - 1; i >= 0; i--) dictionaryId = dictionaryId * 256 + bytes[at + i]!;
  at += dictionaryBytes;
  let contentSize: number | undefined;
  if (contentBytes > 0) {
    contentSize = 0;
    for (let i = contentBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + bytes[at + i]!;
    if (contentBytes === 2) contentSize += 256;
  }
  if (singleSegment) windowSize = contentSize ?? 0;
  return { length, windowSize, dictionaryId, checksum: (descriptor & 0x04) !== 0, ...(contentSize === undefined ? {} : { contentSize }) };
}

export const zstdHandler = defineHandler({
  id: 'zstd',
  kind: 'compression',
  doc: {
    name: 'Zstandard stream',
    references: ['https://www.rfc-editor.org/rfc/rfc8878', 'https://github.com/101arrowz/fzstd'],
    limitations: [
      `Frames whose window (or single-segment content) exceeds ${maxZstdWindowBytes / 1024 / 1024} MiB are not decoded (limit).`,
      'Frames that need a dictionary are not decoded (unsupported).',
      'A stream that starts with a skippable frame is not recognised at offset 0 (only after a zstd frame).',
    ],
  },
  signatures: [{ magic: zstdMagic, offset: 0 }],
  headLength: maxFrameHeaderBytes + 3,
  detect(head) {
    const header = parseZstdFrameHeader(head);
    if (typeof header === 'string') return { ok: false, reason: header };
    if (head.length >= header.length + 3) {
      const word = head[header.length]! | (head[header.length + 1]! << 8) | (head[header.length + 2]! << 16);
      if (((word >> 1) & 3) === 3) return { ok: false, reason: 'first block has the reserved type 3' };
      // Block_Maximum_Size (RFC 8878 §3.1.1.2.3): a 4-byte magic needs this much more to be trusted.
      if (word >>> 3 > Math.min(maxBlockBytes, Math.max(header.windowSize, 1))) return { ok: false, reason: 'first block larger than the frame allows' };
    }
    return { ok: true };
  },
  async *open(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
    yield { link: { format: 'zstd', offset: 0 }, stream: frames(new ByteReader(input.stream), ctx) };
  },
});

async function* frames(reader: ByteReader, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  for (let index = 0; ; index++) {
    if (index > 0) {
      const next = await reader.peek(4);
      if (next.length < 4) break;
      const magic = (next[0]! | (next[1]! << 8) | (next[2]! << 16) | (next[3]! << 24)) >>> 0;
      if ((magic & 0xfffffff0) === 0x184d2a50) {
        const skippable = await reader.readExactly(8, 'zstd skippable frame');
        const size = (skippable[4]! | (skippable[5]! << 8) | (skippable[6]! << 16) | (skippable[7]! << 24)) >>> 0;
        await reader.skipExactly(size, 'zstd skippable frame');
        continue;
      }
      if (magic !== 0xfd2fb528) break;
    }
    yield* frame(reader, index);
  }
  ctx.setLength(reader.position);
}

async function* frame(reader: ByteReader, index: number): AsyncGenerator<Uint8Array> {
  const frameStart = reader.position;
  const header = parseZstdFrameHeader(await reader.peek(maxFrameHeaderBytes));
  if (typeof header === 'string') throw new InputError('corrupt', `zstd frame ${index} at ${frameStart}: ${header}`, frameStart);
  if (header.dictionaryId !== 0) throw new InputError('unsupported', `zstd frame ${index} at ${frameStart} needs dictionary ${header.dictionaryId}`, frameStart);
  if (header.windowSize > maxZstdWindowBytes) {
    throw new InputError('limit', `zstd frame ${index} at ${frameStart}: window of ${header.windowSize} bytes exceeds the ${maxZstdWindowBytes}-byte limit`, frameStart);
  }
  const output: Uint8Array[] = [];
  const decoder = new Decompress((chunk) => {
    if (chunk.length > 0) output.push(chunk);
  });
  const push = (bytes: Uint8Array, final: boolean) => {
    try {
      decoder.push(bytes, final);
    } catch (error) {
      throw new InputError('corrupt', `zstd frame ${index} at ${frameStart}: ${messageOf(error)}`, reader.position);
    }
  };
  push(await reader.readExactly(header.length, 'zstd frame header'), false);
  const hash = header.checksum ? new XxHash64() : undefined;
  const blockLimit = Math.min(maxBlockBytes, Math.max(header.windowSize, 1));
  let produced = 0;
  for (let last = false; !last; ) {
    const blockStart = reader.position;
    const blockHeader = await reader.readExactly(3, 'zstd block header');
    const word = blockHeader[0]! | (blockHeader[1]! << 8) | (blockHeader[2]! << 16);
    last = (word & 1) === 1;
    const type = (word >> 1) & 3;
    const size = word >>> 3;
    if (type === 3) throw new InputError('corrupt', `zstd block at ${blockStart} has the reserved type 3`, blockStart);
    if (size > blockLimit) throw new InputError('corrupt', `zstd block at ${blockStart} is ${size} bytes, more than the ${blockLimit}-byte maximum`, blockStart);
    const body = await reader.readExactly(type === 1 ? 1 : size, 'zstd block');
    const checksum = last && header.checksum ? await reader.readExactly(4, 'zstd content checksum') : undefined;
    push(blockHeader, false);
    // The last block goes in with `final` (fzstd waits for 18 bytes otherwise), and with the
    // checksum bytes it expects to skip.
    push(checksum === undefined ? body : concat(body, checksum), last);
    for (const chunk of output.splice(0)) {
      produced += chunk.length;
      hash?.update(chunk);
      yield chunk;
    }
    if (checksum !== undefined && hash !== undefined) {
      const stored = (checksum[0]! | (checksum[1]! << 8) | (checksum[2]! << 16) | (checksum[3]! << 24)) >>> 0;
      if (hash.digest()[1] !== stored) throw new InputError('corrupt', `zstd frame ${index} at ${frameStart}: content checksum does not match`, reader.position - 4);
    }
  }
  if (header.contentSize !== undefined && produced !== header.contentSize) {
    throw new InputError('corrupt', `zstd frame ${index} at ${frameStart} decodes to ${produced} bytes, its header says ${header.contentSize}`, frameStart);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
