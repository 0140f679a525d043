/**
 * LZMA-alone (`.lzma`, LZMA SDK / xz-utils `--format=lzma`): a 13-byte header, then the range
 * coder's bytes, decoded while they stream by codecs/lzma.ts.
 *
 *   00000000: 5d | 0000 8000 | ffff ffff ffff ffff | 00 ...
 *             properties (lc 3, lp 0, pb 2), dictionary 8 MiB (LE), uncompressed size (LE,
 *             all ones = unknown: the stream ends with an end marker), first range-coder byte
 *
 * The header has no magic, so detection is strict, as xz's own "picky" .lzma detection
 * (liblzma alone_decoder.c): properties byte ≤ 224 with lc + lp ≤ 4, a dictionary of 2^n or
 * 2^n + 2^(n-1) bytes (at least 4 KiB), a size that is unknown or below 2^38, and a zero first
 * range-coder byte. The carver looks only for the common property/dictionary pairs.
 */
import { decodedBeforeError, decodePropertiesByte, LzmaStreamDecoder } from '../codecs/lzma.js';
import { ByteReader } from '../byte-reader.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput, type Signature } from '../types.js';

const headerBytes = 13;
const feedBytes = 64 * 1024;
/** xz's picky limit on a declared size (alone_decoder.c): 256 GiB. */
const maxDeclaredSize = 2 ** 38;

export interface LzmaAloneHeader {
  readonly lc: number;
  readonly lp: number;
  readonly pb: number;
  readonly dictionarySize: number;
  /** Undefined when the header says "unknown" (all ones). */
  readonly uncompressedSize?: number;
}

/** Parses and validates the header (and the first range-coder byte, when present). */
export function parseLzmaAloneHeader(bytes: Uint8Array): LzmaAloneHeader | string {
  if (bytes.length < headerBytes + 1) return 'shorter than an LZMA header';
  const properties = decodePropertiesByte(bytes[0]!);
  if (properties === undefined || properties.lc + properties.lp > 4) return 'invalid lc/lp/pb properties byte';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dictionarySize = view.getUint32(1, true);
  if (!isPickyDictionarySize(dictionarySize)) return `dictionary size ${dictionarySize} is not 2^n or 2^n + 2^(n-1)`;
  const low = view.getUint32(5, true);
  const high = view.getUint32(9, true);
  const unknown = low === 0xffffffff && high === 0xffffffff;
  const size = high * 2 ** 32 + low;
  if (!unknown && size >= maxDeclaredSize) return 'declared size is implausibly large';
  if (bytes[headerBytes] !== 0) return 'first range-coder byte is not zero';
  return { ...properties, dictionarySize, ...(unknown ? {} : { uncompressedSize: size }) };
}

function isPickyDictionarySize(size: number): boolean {
  if (size < 4096) return false;
  const power = 2 ** Math.floor(Math.log2(size));
  return size === power || size === power + power / 2;
}

/** Properties 0x5D (lc 3, lp 0, pb 2: every preset) and 0x6D (lc 1, lp 2, pb 2: some router kernels), dictionaries 64 KiB..64 MiB. */
const signatures: Signature[] = [0x5d, 0x6d].flatMap((properties) =>
  Array.from({ length: 11 }, (_, i) => {
    const magic = new Uint8Array(5);
    magic[0] = properties;
    new DataView(magic.buffer).setUint32(1, 2 ** (16 + i), true);
    return { magic, offset: 0 };
  }),
);

export const lzmaHandler = defineHandler({
  id: 'lzma',
  kind: 'compression',
  doc: {
    name: 'LZMA-alone stream (.lzma)',
    references: ['LZMA SDK DOC/lzma-specification.txt', 'xz-utils src/liblzma/common/alone_decoder.c'],
    limitations: [
      'Headers with lc + lp > 4 or an unusual dictionary size (not 2^n or 2^n + 2^(n-1)) are not recognised, as with xz.',
      'Carved only for properties 0x5D/0x6D with 64 KiB..64 MiB dictionaries; other headers are recognised at the start of an object only.',
      'Dictionaries above 64 MiB (with an unknown or larger size) are a limit problem.',
    ],
  },
  signatures,
  headLength: headerBytes + 1,
  detect(head) {
    const header = parseLzmaAloneHeader(head);
    return typeof header === 'string' ? { ok: false, reason: header } : { ok: true };
  },
  async *open(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
    const reader = new ByteReader(input.stream);
    const header = parseLzmaAloneHeader(await reader.peek(headerBytes + 1));
    if (typeof header === 'string') throw new InputError('corrupt', `lzma: ${header}`, 0);
    await reader.skipExactly(headerBytes, 'lzma header');
    yield { link: { format: 'lzma', offset: 0 }, stream: decode(reader, header, ctx), ...(header.uncompressedSize === undefined ? {} : { size: header.uncompressedSize }) };
  },
});

async function* decode(reader: ByteReader, header: LzmaAloneHeader, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  const decoder = new LzmaStreamDecoder(header, header.uncompressedSize);
  for (;;) {
    let piece: Uint8Array | undefined;
    try {
      piece = decoder.next();
    } catch (error) {
      for (const decoded of decodedBeforeError(error)) yield decoded;
      throw error instanceof InputError ? new InputError(error.kind, `lzma: ${error.message}`, headerBytes + (error.offset ?? 0)) : error;
    }
    if (piece !== undefined) {
      yield piece;
      continue;
    }
    if (decoder.finished) break;
    const chunk = await reader.readUpTo(feedBytes);
    decoder.feed(chunk, chunk.length === 0);
  }
  reader.unread(decoder.trailing);
  ctx.setLength(headerBytes + decoder.consumed);
}
