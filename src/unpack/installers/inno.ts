/**
 * Inno Setup installers. SetupLdr's data (after the exe stub, found by carving) starts with a
 * 64-byte version id, NUL-padded:
 *
 *   "Inno Setup Setup Data (6.0.0) (u)"     (u: a Unicode build)
 *
 * then two CRC-checked header blocks (inno-blocks.ts): the setup header, whose strings (app name,
 * directories, file names, license, every language's messages; UTF-16LE in Unicode builds) are
 * handed on decompressed as the child `[setup header]`; and the data entries. For the versions
 * whose data entries are known (5.5.7 to 6.2.x), each compressed chunk after the blocks
 * ("zlb\x1a", LZMA1 or LZMA2) is decompressed and handed on as `chunk@0xN`, holding the files whose
 * entries point into it (named `data #i`, innoextract's data entry numbers: the file names are
 * in the setup header's file entries, which are not decoded). SetupLdr writes the data right
 * after the headers; a chunk not found there is a `corrupt` problem. Versions before 4.0.9 use
 * an older block format: `unsupported`. Every length is checked against the file and bounded.
 */
import { openWindow, windowSlice, type WindowReader } from '../file-window.js';
import { LzmaStreamDecoder } from '../codecs/lzma.js';
import { Lzma2Decoder, lzma2DictionarySize } from '../codecs/lzma2.js';
import { defineHandler, InputError, type Child, type FileWindow, type OpenContext, type OpenInput } from '../types.js';
import { drivePushDecoder, once } from './decode-streams.js';
import { blockHeaderBytes, compareVersion, decompressBlock, joinPieces, knowsDataEntries, lzmaProperties, parseBlockHeader, readDataEntries, type DataEntry } from './inno-blocks.js';

const prefix = Buffer.from('Inno Setup Setup Data (', 'latin1');
const versionIdBytes = 64;
/** "Inno Setup Setup Data (5.5.7)", optionally followed by " (u)" or " (U)", then NULs. */
const versionPattern = /^Inno Setup Setup Data \((\d+)\.(\d+)\.(\d+)(?:\.(\d+))?\)( \([uU]\))?\0*$/;

/** The version named by a version id, or a reason; pure. */
export function parseInnoVersion(head: Uint8Array): { readonly ok: true; readonly version: string; readonly unicode: boolean } | { readonly ok: false; readonly reason: string } {
  if (head.length < versionIdBytes || !prefix.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no 64-byte "Inno Setup Setup Data (" version id' };
  const match = versionPattern.exec(Buffer.from(head.subarray(0, versionIdBytes)).toString('latin1'));
  if (match === null) return { ok: false, reason: 'the Inno Setup version id is malformed' };
  return { ok: true, version: match.slice(1, 5).filter((part) => part !== undefined).join('.'), unicode: match[5] !== undefined };
}

/** Largest header block read and largest setup header decompressed. */
export const maxBlockBytes = 64 * 1024 * 1024;
const chunkMagic = Uint8Array.of(0x7a, 0x6c, 0x62, 0x1a); // "zlb\x1a"

export const innoHandler = defineHandler({
  id: 'inno',
  kind: 'archive',
  doc: {
    name: 'Inno Setup installer data',
    references: ['https://constexpr.org/innoextract/', 'https://github.com/dscharrer/innoextract/blob/master/src/stream/block.cpp'],
    limitations: [
      'The setup header is searched as decompressed bytes, not parsed: strings are not tied to their fields, and files are named by data entry number (`data #i`), not by their destination.',
      'Chunks are opened for Inno Setup 5.5.7 to 6.2.x only (other versions: `unsupported`, scanned raw), and decoded as LZMA1 or LZMA2 (told apart by the first byte of the chunk: the method is recorded in the setup header, which is not parsed), so a bzip2 or zlib chunk fails to decode and is reported `corrupt` (scanned raw). Encrypted chunks are `encrypted`. Versions before 4.0.9 are `unsupported`.',
      `Header blocks over ${maxBlockBytes} bytes (stored or decompressed) are a \`limit\`.`,
    ],
  },
  signatures: [{ magic: Uint8Array.from(prefix), offset: 0 }],
  headLength: versionIdBytes,
  detect(head) {
    const parsed = parseInnoVersion(head);
    return parsed.ok ? { ok: true } : parsed;
  },
  open: openInno,
});

async function* openInno(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'inno');
  let chunks: Chunk[] = [];
  try {
    const parsed = parseInnoVersion(await reader.read(0, Math.min(versionIdBytes, window.size)));
    if (!parsed.ok) throw new InputError('corrupt', `inno: ${parsed.reason}`);
    const version = parsed.version.split('.').map(Number);
    const label = `Inno Setup ${parsed.version}${parsed.unicode ? ' (Unicode)' : ''}`;
    if (compareVersion(version, [4, 0, 9]) < 0) {
      ctx.problem('unsupported', `inno: ${label} uses the block format before 4.0.9, which is not decoded; scanned raw only`, 0);
      return;
    }
    const lzma = compareVersion(version, [4, 1, 6]) >= 0;
    const header = await readBlock(reader, versionIdBytes, lzma);
    yield { link: { format: 'inno', path: Buffer.from('[setup header]'), offset: versionIdBytes }, stream: once(header.bytes), size: header.bytes.length };
    const entriesBlock = await readBlock(reader, header.end, lzma);
    ctx.setLength(entriesBlock.end);
    if (!knowsDataEntries(version)) {
      ctx.problem('unsupported', `inno: the data entries of ${label} are not decoded (known here: 5.5.7 to 6.2.x), so its compressed files are scanned raw only`, header.end);
      return;
    }
    chunks = await locateChunks(reader, entriesBlock.end, readDataEntries(entriesBlock.bytes), ctx);
  } finally {
    await reader.close();
  }
  for (const chunk of chunks) {
    if (ctx.signal.aborted) return;
    const names = chunk.entries.map(({ index }) => `#${index}`);
    const path = `chunk@0x${chunk.offset.toString(16)} (data ${names.length > 8 ? `${names.slice(0, 8).join(', ')}, … ${names.length - 8} more` : names.join(', ')})`;
    const size = chunk.entries.reduce((end, { entry }) => Math.max(end, entry.fileOffset + entry.fileSize), 0);
    yield { link: { format: 'inno', path: Buffer.from(path, 'utf8'), offset: chunk.at }, stream: chunkStream(window, chunk, size), size };
  }
}

/** One header block at `at`: its decompressed bytes and where the next thing starts. */
async function readBlock(reader: WindowReader, at: number, lzma: boolean): Promise<{ readonly bytes: Uint8Array; readonly end: number }> {
  if (at + blockHeaderBytes > reader.size) throw new InputError('corrupt', `inno: the header block at ${at} lies past the end of the data (truncated)`, at);
  const { storedSize, compressed } = parseBlockHeader(await reader.read(at, blockHeaderBytes), at);
  if (storedSize > maxBlockBytes) throw new InputError('limit', `inno: the header block at ${at} stores ${storedSize} bytes, over the ${maxBlockBytes}-byte bound`, at);
  const start = at + blockHeaderBytes;
  if (start + storedSize > reader.size) throw new InputError('corrupt', `inno: the header block at ${at} runs ${start + storedSize - reader.size} bytes past the end of the data (truncated)`, at);
  const payload = joinPieces(await reader.read(start, storedSize), at);
  return { bytes: compressed ? decompressBlock(payload, lzma, maxBlockBytes, at) : payload, end: start + storedSize };
}

/**
 * A compressed chunk: its offset from the data start (as the entries give it), where it lies in
 * this object, the entries in it, and its first (up to 5) bytes after the magic, which say how
 * it is compressed (read with the magic, so that opening the chunk needs no second reader).
 */
interface Chunk {
  readonly offset: number;
  readonly at: number;
  readonly entries: { readonly index: number; readonly entry: DataEntry }[];
  readonly head: Uint8Array;
}

/**
 * The distinct chunks the data entries point at, each checked for its magic at `dataStart +
 * offset`; chunks that are missing or encrypted are reported.
 */
async function locateChunks(reader: WindowReader, dataStart: number, entries: readonly DataEntry[], ctx: OpenContext): Promise<Chunk[]> {
  const byOffset = new Map<number, { index: number; entry: DataEntry }[]>();
  entries.forEach((entry, index) => {
    const members = byOffset.get(entry.chunkOffset);
    if (members === undefined) byOffset.set(entry.chunkOffset, [{ index, entry }]);
    else members.push({ index, entry });
  });
  const chunks: Chunk[] = [];
  for (const [offset, members] of [...byOffset].sort((a, b) => a[0] - b[0])) {
    const first = members[0]!.entry;
    const at = dataStart + offset;
    const magic = at + 4 + first.chunkSize <= reader.size ? await reader.read(at, 4 + Math.min(5, first.chunkSize)) : undefined;
    if (magic === undefined || !chunkMagic.every((byte, i) => magic[i] === byte)) {
      ctx.problem('corrupt', `inno: no chunk of ${first.chunkSize} bytes ("zlb\\x1a") at ${at}, where data entries ${members.map(({ index }) => `#${index}`).join(', ')} point; scanned raw only`, at);
    } else if (first.encrypted) {
      ctx.problem('encrypted', `inno: the chunk at ${at} (data entries ${members.map(({ index }) => `#${index}`).join(', ')}) is encrypted; scanned raw only`, at);
    } else chunks.push({ offset, at, entries: members, head: magic.subarray(4) });
  }
  return chunks;
}

/**
 * A chunk's files as one stream: stored bytes, or LZMA1 or LZMA2 decoded up to the last file's
 * end. The method is recorded in the setup header, which is not parsed; the chunk's first byte
 * tells them apart: LZMA2's dictionary property is at most 40, while Inno's LZMA1 properties
 * byte is 93 (lc 3, lp 0, pb 2; any pb above 0 puts it over 40).
 */
async function* chunkStream(window: FileWindow, { at, entries, head }: Chunk, size: number): AsyncGenerator<Uint8Array> {
  const first = entries[0]!.entry;
  const start = at + 4;
  const end = start + first.chunkSize;
  if (!first.compressed) {
    yield* windowSlice(window, start, Math.min(start + size, end));
    return;
  }
  const dictionarySize = head[0]! <= 40 ? lzma2DictionarySize(head[0]!) : undefined;
  if (dictionarySize !== undefined) {
    yield* drivePushDecoder(new Lzma2Decoder(Math.min(dictionarySize, Math.max(size, 1))), windowSlice(window, start + 1, end), 'inno', 'LZMA2');
    return;
  }
  yield* drivePushDecoder(new LzmaStreamDecoder(lzmaProperties(head, start), size), windowSlice(window, start + 5, end), 'inno', 'LZMA');
}
