/**
 * .xz streams (The .xz File Format 1.2.1, https://tukaani.org/xz/xz-file-format.txt), decoded
 * while they stream with our LZMA2 decoder (codecs/lzma2.ts):
 *
 *   00000000: fd37 7a58 5a00 | 0004 | e6d6 b446     magic, stream flags (check 0x04 CRC-64), CRC-32 of the flags
 *   0000000c: 02 00 21 01 16 00 0000 | crc32 | LZMA2 data | padding | check   block 0 (header size (2+1)*4)
 *             index (00, record count, unpadded/uncompressed sizes), footer: crc32, backward size, flags, "YZ"
 *
 * The stream is walked field by field: every block header's CRC-32, every block's check
 * (CRC-32, CRC-64 or SHA-256 of its output), the index (rebuilt from the blocks and compared
 * byte for byte) and the footer are verified, and the end is known exactly (stream padding and
 * concatenated streams included), so trailing bytes stay the parent's.
 *
 * @napi-rs/lzma is not used: it decodes whole buffers with no output bound (see codecs/lzma.ts).
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Crc64, crc32Standard } from '../codecs/checksums.js';
import { decodedBeforeError, defaultMaxDictionaryBytes } from '../codecs/lzma.js';
import { Lzma2Decoder, lzma2DictionarySize } from '../codecs/lzma2.js';
import { checkXzFilter, undoXzFilter, xzFilterName } from '../codecs/xz-filters.js';
import { ByteReader } from '../byte-reader.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

/** FD '7' 'z' 'X' 'Z' 00 (§2.1.1.1). */
const xzMagic = Uint8Array.of(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00);
const headerBytes = 12;
/** Compressed bytes handed to the decoder at a time. */
const feedBytes = 64 * 1024;
/** Stream padding (zero bytes between concatenated streams) looked at before giving up. */
const maxStreamPaddingBytes = 4096;
/**
 * A block whose chain has a BCJ or delta filter before LZMA2 is held whole to undo the filter
 * (codecs/xz-filters.ts works on whole blocks). Beyond this, the rest of the block is handed on
 * with the filter not undone (text is almost never touched by a branch filter) and a `limit`
 * problem says so.
 */
export const maxFilteredBlockBytes = 64 * 1024 * 1024;
const lzma2FilterId = 0x21;

/** Size of the check field for each check id (§3.4: ids 1-3 → 4 bytes, 4-6 → 8, 7-9 → 16, 10-12 → 32, 13-15 → 64). */
function checkSize(checkType: number): number {
  return checkType === 0 ? 0 : 4 << Math.floor((checkType - 1) / 3);
}

/** Parses the 12-byte stream header; a string says why it is not one. */
export function parseXzStreamHeader(bytes: Uint8Array): { readonly checkType: number } | string {
  if (bytes.length < headerBytes || !xzMagic.every((byte, i) => bytes[i] === byte)) return 'no xz magic fd 37 7a 58 5a 00';
  if (bytes[6] !== 0 || (bytes[7]! & 0xf0) !== 0) return 'reserved stream flag bits are set';
  if (crc32Standard(bytes.subarray(6, 8)) !== readU32(bytes, 8)) return 'stream header CRC-32 mismatch';
  return { checkType: bytes[7]! };
}

export const xzHandler = defineHandler({
  id: 'xz',
  kind: 'compression',
  doc: {
    name: 'xz stream',
    references: ['https://tukaani.org/xz/xz-file-format.txt', 'xz-utils src/liblzma/lzma/lzma2_decoder.c'],
    limitations: [
      `A block with a BCJ (x86, ARM, ARM-Thumb, ARM64, PowerPC, SPARC) or delta filter is held whole to undo it; past ${maxFilteredBlockBytes / 1024 / 1024} MiB the rest is handed on unfiltered (a limit problem). IA-64 and RISC-V filters are unsupported.`,
      `Dictionaries above ${defaultMaxDictionaryBytes / 1024 / 1024} MiB (beyond xz -9) are a limit problem.`,
      'Check types other than none, CRC-32, CRC-64 and SHA-256 (reserved ids) are skipped unverified.',
    ],
  },
  signatures: [{ magic: xzMagic, offset: 0 }],
  headLength: headerBytes,
  detect(head) {
    const header = parseXzStreamHeader(head);
    return typeof header === 'string' ? { ok: false, reason: header } : { ok: true };
  },
  async *open(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
    yield { link: { format: 'xz', offset: 0 }, stream: decodeStreams(new ByteReader(input.stream), ctx) };
  },
});

async function* decodeStreams(reader: ByteReader, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  for (let index = 0; ; index++) {
    if (index > 0) {
      // Stream padding: zero bytes, a multiple of four, then another stream (§2.2).
      const ahead = await reader.peek(maxStreamPaddingBytes + headerBytes);
      let zeros = 0;
      while (zeros < ahead.length && ahead[zeros] === 0) zeros++;
      zeros -= zeros % 4;
      if (typeof parseXzStreamHeader(ahead.subarray(zeros)) === 'string') break;
      await reader.skipExactly(zeros, 'xz stream padding');
    }
    yield* decodeStream(reader, index, ctx);
  }
  ctx.setLength(reader.position);
}

interface BlockRecord {
  readonly unpadded: number;
  readonly uncompressed: number;
}

async function* decodeStream(reader: ByteReader, streamIndex: number, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  const streamStart = reader.position;
  const header = await reader.readExactly(headerBytes, 'xz stream header');
  const parsed = parseXzStreamHeader(header);
  if (typeof parsed === 'string') throw new InputError('corrupt', `xz stream ${streamIndex} at ${streamStart}: ${parsed}`, streamStart);
  const records: BlockRecord[] = [];
  for (;;) {
    const blockStart = reader.position;
    const first = (await reader.readExactly(1, 'xz block header or index'))[0]!;
    if (first === 0x00) break;
    reader.unread(Uint8Array.of(first));
    const record = yield* decodeBlock(reader, parsed.checkType, records.length, blockStart, ctx);
    records.push(record);
  }
  const indexStart = reader.position - 1;
  const expectedIndex = encodeIndex(records);
  const storedIndex = concat(Uint8Array.of(0), await reader.readExactly(expectedIndex.length - 1, 'xz index'));
  if (!expectedIndex.every((byte, i) => storedIndex[i] === byte)) {
    throw new InputError('corrupt', `xz stream ${streamIndex}: the index at ${indexStart} does not match the ${records.length} blocks decoded (or its CRC-32 is wrong)`, indexStart);
  }
  const footerStart = reader.position;
  const footer = await reader.readExactly(headerBytes, 'xz stream footer');
  const backwardSize = (readU32(footer, 4) + 1) * 4;
  if (
    crc32Standard(footer.subarray(4, 10)) !== readU32(footer, 0) ||
    backwardSize !== expectedIndex.length ||
    footer[8] !== header[6] ||
    footer[9] !== header[7] ||
    footer[10] !== 0x59 ||
    footer[11] !== 0x5a
  ) {
    throw new InputError('corrupt', `xz stream ${streamIndex}: invalid stream footer at ${footerStart}`, footerStart);
  }
}

async function* decodeBlock(reader: ByteReader, checkType: number, blockIndex: number, blockStart: number, ctx: OpenContext): AsyncGenerator<Uint8Array, BlockRecord> {
  const sizeByte = (await reader.peek(1))[0]!;
  const headerSize = (sizeByte + 1) * 4;
  const blockHeader = await reader.readExactly(headerSize, 'xz block header');
  const where = `xz block ${blockIndex} at ${blockStart}`;
  const parsed = parseBlockHeader(blockHeader);
  if (typeof parsed === 'string') throw new InputError('corrupt', `${where}: ${parsed}`, blockStart);
  const lzma2 = parsed.filters[parsed.filters.length - 1]!;
  const filters = parsed.filters.slice(0, -1);
  if (lzma2.id !== lzma2FilterId) {
    throw new InputError('unsupported', `${where}: filter chain ${parsed.filters.map((f) => xzFilterName(f.id)).join(' + ')} does not end in LZMA2`, blockStart);
  }
  for (const filter of filters) checkXzFilter(filter, blockStart);
  const dictionary = lzma2.properties.length === 1 ? lzma2DictionarySize(lzma2.properties[0]!) : undefined;
  if (dictionary === undefined) throw new InputError('corrupt', `${where}: invalid LZMA2 properties`, blockStart);
  // A declared size caps the window: no match reaches further back than the block's output.
  const decoder = new Lzma2Decoder(parsed.uncompressedSize === undefined ? dictionary : Math.min(dictionary, Math.max(parsed.uncompressedSize, 1)));
  const check = newCheck(checkType);
  let produced = 0;
  /** Output held to undo a filter; undefined when there is none, or once the block outgrew the bound. */
  let held: Uint8Array[] | undefined = filters.length > 0 ? [] : undefined;
  let unfiltered = false;
  for (;;) {
    let piece: Uint8Array | undefined;
    try {
      piece = decoder.next();
    } catch (error) {
      for (const decoded of [...(held ?? []), ...decodedBeforeError(error)]) yield decoded;
      if (error instanceof InputError) throw new InputError(error.kind, `${where}: ${error.message}`, blockStart);
      throw error;
    }
    if (piece !== undefined) {
      produced += piece.length;
      if (held === undefined) {
        check?.update(piece);
        yield piece;
      } else if (produced <= maxFilteredBlockBytes) {
        held.push(piece);
      } else {
        ctx.problem('limit', `${where}: block larger than ${maxFilteredBlockBytes} bytes: its ${filters.map((f) => xzFilterName(f.id)).join(' + ')} filter was not undone (bytes handed on as decoded by LZMA2)`, blockStart);
        for (const kept of held) yield kept;
        yield piece;
        held = undefined;
        unfiltered = true;
      }
      continue;
    }
    if (decoder.finished) break;
    const chunk = await reader.readUpTo(feedBytes);
    decoder.feed(chunk, chunk.length === 0);
  }
  if (held !== undefined) {
    const block = new Uint8Array(Buffer.concat(held));
    held = undefined;
    for (let i = filters.length - 1; i >= 0; i--) undoXzFilter(filters[i]!, block);
    check?.update(block);
    yield block;
  }
  reader.unread(decoder.trailing);
  const compressed = decoder.consumed;
  if ((parsed.compressedSize !== undefined && parsed.compressedSize !== compressed) || (parsed.uncompressedSize !== undefined && parsed.uncompressedSize !== produced)) {
    throw new InputError('corrupt', `${where}: sizes differ from the block header (${compressed} -> ${produced} bytes)`, blockStart);
  }
  const padding = await reader.readExactly((4 - (compressed % 4)) % 4, 'xz block padding');
  if (padding.some((byte) => byte !== 0)) throw new InputError('corrupt', `${where}: non-zero block padding`, blockStart);
  const stored = await reader.readExactly(checkSize(checkType), 'xz block check');
  // The check covers the filtered output: it cannot be verified when the filter was not undone.
  const computed = unfiltered ? undefined : check?.digest();
  if (computed !== undefined && !computed.every((byte, i) => stored[i] === byte)) {
    throw new InputError('corrupt', `${where}: check (type ${checkType}) of the decompressed data does not match`, blockStart);
  }
  return { unpadded: headerSize + compressed + stored.length, uncompressed: produced };
}

interface BlockHeader {
  readonly compressedSize?: number;
  readonly uncompressedSize?: number;
  readonly filters: readonly { readonly id: number; readonly properties: Uint8Array }[];
}

/** Parses a block header (§3.1) whose size byte says `bytes.length`; a string says what is wrong. */
export function parseBlockHeader(bytes: Uint8Array): BlockHeader | string {
  const size = bytes.length;
  if (crc32Standard(bytes.subarray(0, size - 4)) !== readU32(bytes, size - 4)) return 'block header CRC-32 mismatch';
  const flags = bytes[1]!;
  if ((flags & 0x3c) !== 0) return 'reserved block flag bits are set';
  const reader = { at: 2 };
  const end = size - 4;
  const varint = () => readVarint(bytes, reader, end);
  let compressedSize: number | undefined;
  let uncompressedSize: number | undefined;
  if ((flags & 0x40) !== 0) {
    compressedSize = varint();
    if (compressedSize === undefined || compressedSize === 0) return 'invalid compressed size';
  }
  if ((flags & 0x80) !== 0) {
    uncompressedSize = varint();
    if (uncompressedSize === undefined) return 'invalid uncompressed size';
  }
  const filters: { id: number; properties: Uint8Array }[] = [];
  for (let i = 0; i <= (flags & 3); i++) {
    const id = varint();
    const propertiesSize = varint();
    if (id === undefined || propertiesSize === undefined || reader.at + propertiesSize > end) return 'filter flags run past the header';
    filters.push({ id, properties: bytes.subarray(reader.at, reader.at + propertiesSize) });
    reader.at += propertiesSize;
  }
  if (bytes.subarray(reader.at, end).some((byte) => byte !== 0)) return 'non-zero header padding';
  return { filters, ...(compressedSize === undefined ? {} : { compressedSize }), ...(uncompressedSize === undefined ? {} : { uncompressedSize }) };
}

/** xz multibyte integer (§1.2): up to 9 bytes, 7 bits each, little-endian; undefined if malformed. */
function readVarint(bytes: Uint8Array, cursor: { at: number }, end: number): number | undefined {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (cursor.at >= end) return undefined;
    const byte = bytes[cursor.at++]!;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      // A trailing zero byte is a non-minimal encoding, which xz rejects.
      if (byte === 0 && i > 0) return undefined;
      return Number.isSafeInteger(value) ? value : undefined;
    }
  }
  return undefined;
}

function encodeVarint(value: number, out: number[]): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** The index (§4) these blocks must have, CRC-32 included. */
function encodeIndex(records: readonly BlockRecord[]): Uint8Array {
  const bytes = [0x00];
  encodeVarint(records.length, bytes);
  for (const record of records) {
    encodeVarint(record.unpadded, bytes);
    encodeVarint(record.uncompressed, bytes);
  }
  while (bytes.length % 4 !== 0) bytes.push(0);
  const body = Uint8Array.from(bytes);
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, crc32Standard(body), true);
  return out;
}

interface Check {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
}

function newCheck(checkType: number): Check | undefined {
  switch (checkType) {
    case 0x01: {
      let value = 0;
      return {
        update: (data) => void (value = crc32(data, value)),
        digest: () => {
          const out = new Uint8Array(4);
          new DataView(out.buffer).setUint32(0, value >>> 0, true);
          return out;
        },
      };
    }
    case 0x04:
      return new Crc64();
    case 0x0a: {
      const hash = createHash('sha256');
      return { update: (data) => void hash.update(data), digest: () => new Uint8Array(hash.digest()) };
    }
    default:
      return undefined;
  }
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
