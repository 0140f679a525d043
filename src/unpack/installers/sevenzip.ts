/**
 * 7z archives (7-Zip `DOC/7zFormat.txt`). The 32-byte signature header written by 7-Zip:
 *
 *   00000000: 377a bcaf 271c 0004 8c5d 2d5b 1c01 0000   "7z\xbc\xaf\x27\x1c", version 0.4, start header CRC
 *   00000010: 0000 0000 6200 0000 0000 0000 7ae8 ad3b   next header offset 0x11c, size 0x62, CRC
 *
 * The header (usually itself LZMA-compressed: kEncodedHeader) sits at the end and lists the
 * pack streams, the folders (coder graphs: LZMA, LZMA2, BCJ, BCJ2…) and the files, whose
 * data lies end to end in their folder's output. Each folder is decoded once, front to back,
 * and each file is a child named by its stored path. A 7z SFX (a stub executable followed by
 * the archive) is found by carving: the signature header's CRC keeps a stray magic from
 * passing, and the chunk's length comes from it.
 */
import { crc32Standard } from '../codecs/checksums.js';
import { openWindow, type WindowReader } from '../file-window.js';
import { InputError, defineHandler, type Child, type FileWindow, type OpenContext, type OpenInput } from '../types.js';
import { sliceMembers, type MemberSlice } from './member-slices.js';
import { HeaderReader, parseHeader, parseStreamsInfo, propertyIds, type SevenZipHeader, type StreamsInfo } from './sevenzip-header.js';
import { decodeFolder, folderObstacle, maxFilterBytes } from './sevenzip-folder.js';

const magic = Uint8Array.of(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c);
const signatureHeaderBytes = 32;
/** A header (encoded or not) larger than this is not read (a `limit`). */
export const maxHeaderBytes = 64 * 1024 * 1024;
/** kEncodedHeader may wrap a header that is itself encoded; 7-Zip writes one level. */
const maxHeaderLevels = 4;

export interface SignatureHeader {
  readonly nextHeaderOffset: number;
  readonly nextHeaderSize: number;
  readonly nextHeaderCrc: number;
}

/** The signature header, its CRC checked; pure, never throws. */
export function parseSignatureHeader(head: Uint8Array): { readonly ok: true; readonly header: SignatureHeader } | { readonly ok: false; readonly reason: string } {
  if (head.length < signatureHeaderBytes || !magic.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no 7z signature header' };
  if (head[6] !== 0) return { ok: false, reason: `7z major version ${head[6]}` };
  const view = new DataView(head.buffer, head.byteOffset, signatureHeaderBytes);
  if (crc32Standard(head.subarray(12, 32)) !== view.getUint32(8, true)) return { ok: false, reason: '7z start header CRC does not match' };
  const nextHeaderOffset = view.getUint32(12, true) + view.getUint32(16, true) * 2 ** 32;
  const nextHeaderSize = view.getUint32(20, true) + view.getUint32(24, true) * 2 ** 32;
  if (!Number.isSafeInteger(signatureHeaderBytes + nextHeaderOffset + nextHeaderSize)) return { ok: false, reason: '7z next header lies beyond 2^53' };
  return { ok: true, header: { nextHeaderOffset, nextHeaderSize, nextHeaderCrc: view.getUint32(28, true) } };
}

export const sevenZipHandler = defineHandler({
  id: '7z',
  kind: 'archive',
  doc: {
    name: '7z archive (and 7z SFX, by carving)',
    references: ['https://github.com/ip7z/7zip/blob/main/DOC/7zFormat.txt', 'LZMA SDK C/Bcj2.c'],
    limitations: [
      'Coders: copy, LZMA, LZMA2, deflate, BCJ (x86, PowerPC, ARM, ARM-Thumb, SPARC, ARM64), delta and BCJ2. Other methods (PPMd, BZip2, Deflate64, IA64, RISC-V) are reported `unsupported` and AES-encrypted folders `encrypted`, naming their members; their bytes are scanned raw.',
      `Filters (BCJ, BCJ2, delta) hold their folder whole, up to ${maxFilterBytes} bytes (beyond that a \`limit\`).`,
      'Folder and file CRCs are not checked; the decoders check their own data and every output size is checked against the header.',
      'Multi-volume archives (.7z.001…) are not joined.',
    ],
  },
  signatures: [{ magic, offset: 0 }],
  headLength: signatureHeaderBytes,
  detect(head) {
    const parsed = parseSignatureHeader(head);
    return parsed.ok ? { ok: true, length: signatureHeaderBytes + parsed.header.nextHeaderOffset + parsed.header.nextHeaderSize } : parsed;
  },
  open: openSevenZip,
});

async function* openSevenZip(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, '7z');
  let header: SevenZipHeader;
  try {
    const parsed = parseSignatureHeader(await reader.read(0, Math.min(signatureHeaderBytes, window.size)));
    if (!parsed.ok) throw new InputError('corrupt', `7z: ${parsed.reason}`, 0);
    header = await readHeader(reader, window, parsed.header, ctx);
  } finally {
    await reader.close();
  }
  const streams = header.streams;
  if (streams === undefined) return;
  const withData = header.files.filter((file) => file.hasStream);
  let fileIndex = 0;
  let packIndex = 0;
  let packStart = signatureHeaderBytes + streams.packPos;
  for (const [index, folder] of streams.folders.entries()) {
    const packCount = folder.packedStreams.length;
    const packSizes = streams.packSizes.slice(packIndex, packIndex + packCount);
    const packStarts = runningStarts(packStart, packSizes);
    const folderStart = packStart;
    packIndex += packCount;
    packStart += packSizes.reduce((a, b) => a + b, 0);
    const sizes = streams.substreams[index] ?? [];
    const starts = runningStarts(0, sizes);
    const members = sizes.map((size, i) => ({ size, file: withData[fileIndex + i], start: starts[i]! }));
    fileIndex += sizes.length;
    if (packSizes.length < packCount || packStart > window.size) {
      ctx.problem('corrupt', `7z: folder ${index}'s pack streams run past the end of the archive (truncated); its members are scanned raw only`, folderStart);
      continue;
    }
    const obstacle = folderObstacle(folder);
    if (obstacle !== undefined) {
      const names = members.map((member) => JSON.stringify(member.file?.name ?? '?')).join(', ');
      ctx.problem(obstacle.kind, `7z: folder ${index} ${obstacle.message}; members ${names} were scanned raw only`, folderStart);
      continue;
    }
    const stored = folder.coders.length === 1 && folder.coders[0]!.method === '00';
    const slices: MemberSlice[] = members.map(({ size, file, start }, i) => {
      const name = file?.name ?? `#folder${index}.${i}`;
      return {
        link: { format: '7z', path: new Uint8Array(Buffer.from(name, 'utf8')), offset: folderStart },
        start,
        size,
        label: `7z: member ${JSON.stringify(name)}`,
        ...(stored ? { verbatim: { start: folderStart + start, end: folderStart + start + size } } : {}),
      };
    });
    yield* sliceMembers(decodeFolder(window, folder, packStarts, packSizes), slices, ctx);
  }
  if (fileIndex < withData.length) ctx.problem('corrupt', `7z: ${withData.length - fileIndex} files have data but no substream to hold it`);
}

/** The header database, decoding kEncodedHeader levels first. */
async function readHeader(reader: WindowReader, window: FileWindow, signature: SignatureHeader, ctx: OpenContext): Promise<SevenZipHeader> {
  const { nextHeaderOffset, nextHeaderSize } = signature;
  const end = signatureHeaderBytes + nextHeaderOffset + nextHeaderSize;
  if (end > window.size) throw new InputError('corrupt', `7z: the header at ${signatureHeaderBytes + nextHeaderOffset} runs past the end of the ${window.size}-byte archive (truncated)`);
  ctx.setLength(end);
  if (nextHeaderSize === 0) return { streams: undefined, files: [] };
  if (nextHeaderSize > maxHeaderBytes) throw new InputError('limit', `7z: a ${nextHeaderSize}-byte header is larger than ${maxHeaderBytes} bytes`);
  let bytes = await reader.read(signatureHeaderBytes + nextHeaderOffset, nextHeaderSize);
  if (crc32Standard(bytes) !== signature.nextHeaderCrc) throw new InputError('corrupt', '7z: the header CRC does not match', signatureHeaderBytes + nextHeaderOffset);
  for (let level = 0; bytes[0] === propertyIds.encodedHeader; level++) {
    if (level >= maxHeaderLevels) throw new InputError('corrupt', `7z: more than ${maxHeaderLevels} levels of encoded header`);
    const headerReader = new HeaderReader(bytes);
    headerReader.byte();
    bytes = await decodeHeaderFolder(window, parseStreamsInfo(headerReader));
  }
  return parseHeader(new HeaderReader(bytes));
}

async function decodeHeaderFolder(window: FileWindow, streams: StreamsInfo): Promise<Uint8Array> {
  const folder = streams.folders[0];
  if (folder === undefined || streams.folders.length !== 1) throw new InputError('corrupt', `7z: an encoded header with ${streams.folders.length} folders`);
  const obstacle = folderObstacle(folder);
  if (obstacle !== undefined) throw new InputError(obstacle.kind, `7z: the header ${obstacle.message} (file names and layout unknown; the archive is scanned raw)`);
  if (folder.unpackSizes[folder.mainOutput]! > maxHeaderBytes) throw new InputError('limit', `7z: a decoded header larger than ${maxHeaderBytes} bytes`);
  const packSizes = streams.packSizes.slice(0, folder.packedStreams.length);
  const start = signatureHeaderBytes + streams.packPos;
  const packStarts = runningStarts(start, packSizes);
  if (packSizes.length < folder.packedStreams.length || start + packSizes.reduce((a, b) => a + b, 0) > window.size) throw new InputError('corrupt', '7z: the encoded header\'s pack stream runs past the end of the archive');
  const pieces: Uint8Array[] = [];
  for await (const piece of decodeFolder(window, folder, packStarts, packSizes)) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** Where each of `sizes` starts when they lie end to end from `base`. */
function runningStarts(base: number, sizes: readonly number[]): number[] {
  let at = base;
  return sizes.map((size) => {
    const start = at;
    at += size;
    return start;
  });
}
