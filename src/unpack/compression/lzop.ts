/**
 * lzop files (lzop 1.04 `src/lzop.c`: `p_header`, `x_decompress`; no published spec). A fixed
 * magic, a header with its own Adler-32 (or CRC-32), then blocks until a zero length:
 *
 *   00000000: 894c 5a4f 000d 0a1a 0a | 10 40 | 20 a0 | 09 40 | 01 | 05 | 0300 0001
 *             magic                     version lib     needed  method level flags (OS 3, F_ADLER32_D)
 *             0000 81a4 | 6b0c 644f | 0000 0000 | 05 "a.txt" | 4b5a 05a7
 *             mode        mtime low   mtime high  name          header checksum
 *   block:    0000 0018 | 0000 0018 | 714c 08cf | 24 data bytes    ...  0000 0000 (end)
 *             dst_len     src_len     Adler-32 of the uncompressed data
 *
 * `src_len == dst_len` means the block is stored; a compressed checksum follows the data
 * checksum only for compressed blocks. All integers are big-endian. The header's file name is
 * not used for the chain (it is whatever the packer chose).
 */
import { adler32, crc32Standard } from '../codecs/checksums.js';
import { lzo1xDecompress } from '../codecs/lzo.js';
import { ByteReader } from '../byte-reader.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

/** 89 'L' 'Z' 'O' 00 0D 0A 1A 0A: the PNG-style magic that catches text-mode transfers. */
const lzopMagic = Uint8Array.of(0x89, 0x4c, 0x5a, 0x4f, 0x00, 0x0d, 0x0a, 0x1a, 0x0a);
/** lzop's MAX_BLOCK_SIZE: a larger block length is corrupt input, never an allocation. */
export const maxLzopBlockBytes = 64 * 1024 * 1024;
/** Longest header: fixed fields (34 bytes with filter), a 255-byte name and the checksum. */
const maxHeaderBytes = lzopMagic.length + 34 + 255 + 4;

const flags = {
  adler32Data: 0x0001,
  adler32Compressed: 0x0002,
  extraField: 0x0040,
  crc32Data: 0x0100,
  crc32Compressed: 0x0200,
  filter: 0x0800,
  crc32Header: 0x1000,
} as const;

/** LZO1X_1, LZO1X_1_15, LZO1X_999: one bitstream, one decoder. */
const lzo1xMethods = new Set([1, 2, 3]);

export interface LzopHeader {
  readonly version: number;
  readonly method: number;
  readonly flags: number;
  /** Header length in bytes, magic and checksum included (where the extra field or the first block starts). */
  readonly length: number;
  readonly checksumValid: boolean;
}

/** Parses the header at the start of `bytes`; `undefined` when it is incomplete or not lzop. */
export function parseLzopHeader(bytes: Uint8Array): LzopHeader | undefined {
  if (bytes.length < lzopMagic.length || !lzopMagic.every((byte, i) => bytes[i] === byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = lzopMagic.length;
  const need = (count: number) => at + count <= bytes.length;
  if (!need(6)) return undefined;
  const version = view.getUint16(at);
  at += 4; // version, library version
  // lzop 1.04 refuses versions below 0x0900 and above its own; 0x1040 is 1.04.
  if (version < 0x0900) return undefined;
  if (version >= 0x0940) at += 2; // version needed to extract
  if (!need(1)) return undefined;
  const method = bytes[at++]!;
  if (version >= 0x0940) at += 1; // level
  if (!need(4)) return undefined;
  const headerFlags = view.getUint32(at);
  at += 4;
  if ((headerFlags & flags.filter) !== 0) at += 4;
  at += 8; // mode, mtime low
  if (version >= 0x0940) at += 4; // mtime high
  if (!need(1)) return undefined;
  const nameLength = bytes[at++]!;
  at += nameLength;
  if (!need(4)) return undefined;
  const stored = view.getUint32(at);
  const covered = bytes.subarray(lzopMagic.length, at);
  const computed = (headerFlags & flags.crc32Header) !== 0 ? crc32Standard(covered) : adler32(covered);
  return { version, method, flags: headerFlags, length: at + 4, checksumValid: stored === computed };
}

export const lzopHandler = defineHandler({
  id: 'lzop',
  kind: 'compression',
  doc: {
    name: 'lzop file (LZO1X)',
    references: ['https://www.lzop.org/', 'lzop 1.04 src/lzop.c (p_header, x_decompress)'],
    limitations: [
      'Only the LZO1X methods (1, 2, 3) that lzop writes; NRV and zlib methods are reported unsupported.',
      'A block is decoded whole: at most 64 MiB (lzop MAX_BLOCK_SIZE) is held per block.',
      'Multi-part archives are read as one stream; the stored file name and mode are ignored.',
    ],
  },
  signatures: [{ magic: lzopMagic, offset: 0 }],
  headLength: maxHeaderBytes,
  detect(head) {
    const header = parseLzopHeader(head);
    if (header === undefined) return { ok: false, reason: 'no lzop magic or an incomplete header' };
    if (!header.checksumValid) return { ok: false, reason: 'lzop header checksum mismatch' };
    return { ok: true };
  },
  open: openLzop,
});

async function* openLzop(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new ByteReader(input.stream);
  const header = parseLzopHeader(await reader.peek(maxHeaderBytes));
  if (header === undefined) throw new InputError('corrupt', 'lzop: header incomplete');
  if (!lzo1xMethods.has(header.method)) throw new InputError('unsupported', `lzop: compression method ${header.method} (only LZO1X methods 1-3 are supported)`);
  await reader.skipExactly(header.length, 'lzop header');
  if ((header.flags & flags.extraField) !== 0) {
    const extraLength = readU32(await reader.readExactly(4, 'lzop extra field'));
    if (extraLength > maxLzopBlockBytes) throw new InputError('corrupt', `lzop: extra field of ${extraLength} bytes`);
    await reader.skipExactly(extraLength + 4, 'lzop extra field');
  }
  yield { link: { format: 'lzop', offset: 0 }, stream: blocks(reader, header.flags, ctx) };
}

async function* blocks(reader: ByteReader, headerFlags: number, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  const has = (flag: number) => (headerFlags & flag) !== 0;
  for (let index = 0; ; index++) {
    const blockStart = reader.position;
    const dstLength = readU32(await reader.readExactly(4, 'lzop block header'));
    if (dstLength === 0) {
      ctx.setLength(reader.position);
      return;
    }
    const srcLength = readU32(await reader.readExactly(4, 'lzop block header'));
    if (dstLength > maxLzopBlockBytes || srcLength > dstLength || srcLength === 0) {
      throw new InputError('corrupt', `lzop: block ${index} at ${blockStart} has impossible lengths (${srcLength} -> ${dstLength} bytes)`, blockStart);
    }
    const dataAdler = has(flags.adler32Data) ? readU32(await reader.readExactly(4, 'lzop block checksum')) : undefined;
    const dataCrc = has(flags.crc32Data) ? readU32(await reader.readExactly(4, 'lzop block checksum')) : undefined;
    const compressed = srcLength < dstLength;
    const packedAdler = compressed && has(flags.adler32Compressed) ? readU32(await reader.readExactly(4, 'lzop block checksum')) : undefined;
    const packedCrc = compressed && has(flags.crc32Compressed) ? readU32(await reader.readExactly(4, 'lzop block checksum')) : undefined;
    const data = await reader.readExactly(srcLength, `lzop block ${index}`);
    if ((packedAdler !== undefined && adler32(data) !== packedAdler) || (packedCrc !== undefined && crc32Standard(data) !== packedCrc)) {
      throw new InputError('corrupt', `lzop: block ${index} at ${blockStart}: checksum of the compressed data does not match`, blockStart);
    }
    const output = compressed ? lzo1xDecompress(data, dstLength) : data;
    if (output.length !== dstLength) {
      throw new InputError('corrupt', `lzop: block ${index} at ${blockStart} decodes to ${output.length} bytes, header says ${dstLength}`, blockStart);
    }
    yield output;
    // Reported after the bytes were yielded: they are what the file holds, and are scanned.
    if ((dataAdler !== undefined && adler32(output) !== dataAdler) || (dataCrc !== undefined && crc32Standard(output) !== dataCrc)) {
      ctx.problem('corrupt', `lzop: block ${index} at ${blockStart}: checksum of the decompressed data does not match`, blockStart);
    }
  }
}

function readU32(bytes: Uint8Array): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}
