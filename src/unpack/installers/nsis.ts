/**
 * NSIS installers (nsis-header.ts has the layout). The firstheader sits after the exehead
 * stub, so an installer `.exe` is opened by carving: the carver finds 0xDEADBEEF
 * "NullsoftInst" 4 bytes into it, and the chunk is `archiveSize` bytes from there.
 *
 * Children: `[header]`, the decompressed install header (its string table holds the
 * installer's texts, registry keys and messages), then every data block in order, named by
 * the file the header extracts from it (`face.txt`) or `[data@0x…]` when no entry names it
 * (uninstaller data, plug-ins, a header this reader cannot parse). Every block is opened
 * whether or not its name is known.
 *
 * Methods: deflate and LZMA, solid and non-solid, and stored. NSIS's bzip2 is a variant
 * without the stream header and block CRCs, which no decoder here reads: it is `unsupported`.
 */
import { decodePropertiesByte, LzmaStreamDecoder } from '../codecs/lzma.js';
import { ByteReader, MemberBody } from '../byte-reader.js';
import { openWindow, windowSlice, type WindowReader } from '../file-window.js';
import { InputError, defineHandler, type Child, type FileWindow, type OpenContext, type OpenInput } from '../types.js';
import { collectBytes, drivePushDecoder, inflateRawStream, once } from './decode-streams.js';
import { detectLayout, extractFileNames, firstHeaderBytes, firstHeaderMagic, parseFirstHeader, type FirstHeader, type NsisLayout } from './nsis-header.js';

/** The install header is held whole to read file names; larger ones are a `limit`. */
export const maxHeaderBytes = 64 * 1024 * 1024;
const compressedFlag = 0x80000000;
const headerName = '[header]';

export const nsisHandler = defineHandler({
  id: 'nsis',
  kind: 'archive',
  doc: {
    name: 'NSIS installer data (carved from the installer .exe)',
    references: ['https://github.com/kichik/nsis/blob/master/Source/exehead/fileform.h', 'https://github.com/ip7z/7zip/blob/main/CPP/7zip/Archive/Nsis/NsisIn.cpp'],
    limitations: [
      'Deflate and LZMA (solid and non-solid) and stored data are opened. NSIS bzip2 (a headerless, CRC-less bzip2 variant) and LZMA behind the x86 filter flag are reported `unsupported`; their bytes are scanned raw.',
      'File names come from EW_EXTRACTFILE entries (opcode 20, NSIS 2 and 3 standard builds) without the output directory; a block no entry names is `[data@0x<offset>]`. ANSI names are read as Latin-1.',
      'The CRC-32 over the installer is not checked (it covers the stub, which is outside the carved chunk).',
    ],
  },
  signatures: [{ magic: firstHeaderMagic, offset: 4 }],
  headLength: firstHeaderBytes,
  detect(head) {
    const parsed = parseFirstHeader(head);
    // No length here: a cut installer must still be opened (and its cut reported), not dropped
    // by the carver as a candidate longer than its parent; `open` reports the length.
    return parsed.ok ? { ok: true } : parsed;
  },
  open: openNsis,
});

async function* openNsis(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'nsis');
  try {
    const parsed = parseFirstHeader(await reader.read(0, Math.min(firstHeaderBytes, window.size)));
    if (!parsed.ok) throw new InputError('corrupt', `nsis: ${parsed.reason}`, 0);
    let header = parsed.header;
    if (header.archiveSize > window.size) {
      ctx.problem('corrupt', `nsis: the installer data should be ${header.archiveSize} bytes, only ${window.size} exist (truncated); the blocks before the cut are opened`);
      header = { ...header, archiveSize: window.size, dataEnd: Math.min(header.dataEnd, window.size) };
    }
    ctx.setLength(header.archiveSize);
    if (header.headerSize > maxHeaderBytes) throw new InputError('limit', `nsis: a ${header.headerSize}-byte install header is larger than ${maxHeaderBytes} bytes`);
    const layout = detectLayout(await reader.read(firstHeaderBytes, Math.min(12, header.dataEnd - firstHeaderBytes)), header.headerSize);
    if (layout.method === 'bzip2' || layout.filterFlag === 1) {
      ctx.problem('unsupported', `nsis: ${layout.solid ? 'solid' : 'non-solid'} ${layout.method === 'bzip2' ? 'NSIS bzip2' : 'LZMA with the x86 filter'} data is not decoded; the installer's files were scanned raw only`, firstHeaderBytes);
      return;
    }
    if (layout.solid) yield* solidBlocks(window, header, layout);
    else yield* separateBlocks(window, reader, header, layout);
  } finally {
    await reader.close();
  }
}

/** Solid: one stream holds the header block and every file block. */
async function* solidBlocks(window: FileWindow, header: FirstHeader, layout: NsisLayout): AsyncGenerator<Child> {
  const stream = new ByteReader(decode(layout, windowSlice(window, firstHeaderBytes, header.dataEnd)));
  let names = new Map<number, string>();
  let dataStart: number | undefined;
  for (let index = 0; !(await stream.atEnd()); index++) {
    const at = stream.position;
    const sizeField = await stream.read(4);
    if (sizeField.length < 4) throw new InputError('corrupt', `nsis: the solid stream ends inside the size of block ${index}`);
    const size = new DataView(sizeField.buffer, sizeField.byteOffset, 4).getUint32(0, true) & 0x7fffffff;
    if (dataStart === undefined) {
      if (size !== header.headerSize) throw new InputError('corrupt', `nsis: the first block is ${size} bytes, the firstheader says the header is ${header.headerSize}`);
      const bytes = await stream.read(size);
      if (bytes.length < size) throw new InputError('corrupt', `nsis: the solid stream ends inside the install header`);
      names = extractFileNames(bytes);
      dataStart = stream.position;
      yield { link: { format: 'nsis', path: encode(headerName), offset: at }, stream: once(bytes), size };
      continue;
    }
    const name = blockName(names, at - dataStart);
    const body = new MemberBody(stream, size, (got) => new InputError('corrupt', `nsis: block ${name} ends after ${got} of ${size} bytes`));
    yield { link: { format: 'nsis', path: encode(name), offset: at }, stream: body.stream, size };
    if (!(await body.finish())) return;
  }
}

/** Non-solid: the header and each file are separate blocks, each compressed on its own (bit 31 of its size). */
async function* separateBlocks(window: FileWindow, reader: WindowReader, header: FirstHeader, layout: NsisLayout): AsyncGenerator<Child> {
  let names = new Map<number, string>();
  let dataStart: number | undefined;
  for (let at = firstHeaderBytes; at < header.dataEnd; ) {
    if (at + 4 > header.dataEnd) throw new InputError('corrupt', `nsis: ${header.dataEnd - at} stray bytes after the last block`, at);
    const field = await reader.read(at, 4);
    const raw = new DataView(field.buffer, field.byteOffset, 4).getUint32(0, true);
    const compressed = (raw & compressedFlag) !== 0;
    const size = raw & 0x7fffffff;
    const start = at + 4;
    if (start + size > header.dataEnd) throw new InputError('corrupt', `nsis: the block at ${at} (${size} bytes) runs past the installer data`, at);
    const bytes = windowSlice(window, start, start + size);
    const content = compressed ? decode(layout, bytes) : bytes;
    if (dataStart === undefined) {
      const decoded = await collect(content, header.headerSize);
      names = extractFileNames(decoded);
      dataStart = start + size;
      yield { link: { format: 'nsis', path: encode(headerName), offset: at }, stream: once(decoded), size: decoded.length };
    } else {
      yield {
        link: { format: 'nsis', path: encode(blockName(names, at - dataStart)), offset: at },
        stream: content,
        ...(compressed ? {} : { size, verbatim: { start, end: start + size } }),
      };
    }
    at = start + size;
  }
}

function blockName(names: ReadonlyMap<number, string>, offset: number): string {
  return names.get(offset) ?? `[data@0x${offset.toString(16)}]`;
}

/** A compressed NSIS stream (a solid stream or one block): raw deflate, or LZMA properties + data to its end marker. */
async function* decode(layout: NsisLayout, source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (layout.method === 'copy') {
    yield* source;
    return;
  }
  if (layout.method === 'deflate') {
    yield* inflateRawStream(source, 'nsis');
    return;
  }
  yield* decodeLzma(source, layout.filterFlag === undefined ? 0 : 1);
}

async function* decodeLzma(source: AsyncIterable<Uint8Array>, skip: number): AsyncGenerator<Uint8Array> {
  const reader = new ByteReader(source);
  await reader.skip(skip);
  const props = await reader.read(5);
  const lclppb = decodePropertiesByte(props[0] ?? 0xff);
  if (props.length < 5 || lclppb === undefined) throw new InputError('corrupt', 'nsis: LZMA properties are malformed or cut');
  const decoder = new LzmaStreamDecoder({ ...lclppb, dictionarySize: new DataView(props.buffer, props.byteOffset, 5).getUint32(1, true) }, undefined);
  yield* drivePushDecoder(decoder, rest(reader), 'nsis', 'LZMA');
}

async function* rest(reader: ByteReader): AsyncGenerator<Uint8Array> {
  for (let piece = await reader.next(64 * 1024); piece !== undefined; piece = await reader.next(64 * 1024)) yield piece;
}

async function collect(source: AsyncIterable<Uint8Array>, expected: number): Promise<Uint8Array> {
  const bytes = await collectBytes(source, expected, () => new InputError('corrupt', `nsis: the install header decodes to more than the ${expected} bytes the firstheader states`));
  if (bytes.length !== expected) throw new InputError('corrupt', `nsis: the install header decodes to ${bytes.length} bytes, the firstheader says ${expected}`);
  return bytes;
}

function encode(name: string): Uint8Array {
  return new Uint8Array(Buffer.from(name, 'utf8'));
}
