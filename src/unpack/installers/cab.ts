/**
 * Microsoft Cabinet (MS-CAB, "Microsoft Cabinet Format", [MS-CAB] 2.1-2.5), as Windows
 * installers, MSI packages (an embedded `.cab` stream) and driver packages ship it. A header
 * written by `gcab -c` (one folder, one file):
 *
 *   00000000: 4d53 4346 0000 0000 7a00 0000 0000 0000   "MSCF", reserved, cbCabinet 0x7a, reserved
 *   00000010: 2c00 0000 0000 0000 0301 0100 0100 0000   coffFiles 0x2c, reserved, 1.3, 1 folder, 1 file, flags 0
 *   00000020: 0000 0000 | 4a00 0000 0100 0100           setID, iCabinet | CFFOLDER: data at 0x4a, 1 block, MSZIP
 *
 * CFFILE entries (at coffFiles) name a folder and an offset in its uncompressed stream; a
 * folder is a run of CFDATA blocks (checksum, compressed and uncompressed size, data). MSZIP
 * blocks are "CK" + a deflate stream whose window carries over from the previous block
 * ([MS-MCI] 2.1). LZX and Quantum folders are reported `unsupported` with their members named;
 * their bytes are scanned raw in the cabinet.
 */
import { inflateRawSync } from 'node:zlib';
import { openWindow, type WindowReader } from '../file-window.js';
import { messageOf } from '../streams.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';
import { sliceMembers, type MemberSlice } from './member-slices.js';

const magic = Uint8Array.of(0x4d, 0x53, 0x43, 0x46);
const headerBytes = 36;
const flagPrevCabinet = 0x0001;
const flagNextCabinet = 0x0002;
const flagReservePresent = 0x0004;
/** MSZIP blocks decode to at most 32 KiB ([MS-MCI] 2.1); any CFDATA to at most 32 KiB + 6144 (LZX). */
const maxBlockOutputBytes = 32768 + 6144;
/** Longest name kept ([MS-CAB] 2.3: 256 bytes including the NUL). */
const maxNameBytes = 256;
const mszipWindowBytes = 32768;
const compressionNames = ['none', 'MSZIP', 'Quantum', 'LZX'] as const;

export interface CabHeader {
  readonly cabinetBytes: number;
  readonly filesOffset: number;
  readonly folders: number;
  readonly files: number;
  readonly flags: number;
}

/** The fixed CFHEADER; pure, never throws. */
export function parseCabHeader(head: Uint8Array): { readonly ok: true; readonly header: CabHeader } | { readonly ok: false; readonly reason: string } {
  if (head.length < headerBytes || !magic.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no MSCF cabinet header' };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const cabinetBytes = view.getUint32(8, true);
  const filesOffset = view.getUint32(16, true);
  if (view.getUint32(4, true) !== 0) return { ok: false, reason: 'cab reserved1 is not 0' };
  if (head[25] !== 1 || head[24] !== 3) return { ok: false, reason: `cab version ${head[25]}.${head[24]} is not 1.3` };
  if (cabinetBytes < headerBytes || filesOffset < headerBytes || filesOffset >= cabinetBytes) return { ok: false, reason: 'cab sizes are inconsistent' };
  return { ok: true, header: { cabinetBytes, filesOffset, folders: view.getUint16(26, true), files: view.getUint16(28, true), flags: view.getUint16(30, true) } };
}

interface Folder {
  readonly index: number;
  readonly dataOffset: number;
  readonly blocks: number;
  readonly compression: number;
}

interface CabFile {
  readonly entryOffset: number;
  readonly size: number;
  readonly folderOffset: number;
  readonly folder: number;
  readonly name: Uint8Array;
}

export const cabHandler = defineHandler({
  id: 'cab',
  kind: 'archive',
  doc: {
    name: 'Microsoft Cabinet (.cab)',
    references: ['https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-cab/', 'https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-mci/'],
    limitations: [
      'Stored and MSZIP folders are opened. LZX and Quantum folders are reported `unsupported` (naming their members); their bytes are scanned raw.',
      'Members continued from or into another cabinet of a set (folder indexes 0xFFFD-0xFFFF) are reported `unsupported`.',
      'CFDATA checksums are not checked; MSZIP data is checked by inflate itself.',
      'Members whose ranges overlap an earlier member of the same folder are reported `corrupt` and not opened (one decode per folder).',
    ],
  },
  signatures: [{ magic, offset: 0 }],
  headLength: headerBytes,
  detect(head) {
    const parsed = parseCabHeader(head);
    return parsed.ok ? { ok: true, length: parsed.header.cabinetBytes } : parsed;
  },
  open: openCab,
});

async function* openCab(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'cab');
  try {
    const parsed = parseCabHeader(await reader.read(0, Math.min(headerBytes, window.size)));
    if (!parsed.ok) throw new InputError('corrupt', `cab: ${parsed.reason}`, 0);
    const { header } = parsed;
    if (header.cabinetBytes > window.size) ctx.problem('corrupt', `cab: cbCabinet says ${header.cabinetBytes} bytes, only ${window.size} exist (truncated)`);
    ctx.setLength(Math.min(header.cabinetBytes, window.size));
    const { folders, reserve } = await readFolders(reader, header);
    const files = await readFiles(reader, header);
    for (const folder of folders) {
      const members = files.filter((file) => file.folder === folder.index);
      if (members.length === 0) continue;
      const type = folder.compression & 0x0f;
      if (type !== 0 && type !== 1) {
        const names = members.map((file) => describe(file.name)).join(', ');
        ctx.problem('unsupported', `cab: folder ${folder.index} is ${compressionNames[type] ?? `compression type ${type}`}-compressed, which is not decoded; members ${names} were scanned raw only`, folder.dataOffset);
        continue;
      }
      const slices: MemberSlice[] = members.map((file) => ({
        link: { format: 'cab', path: file.name, offset: file.entryOffset },
        start: file.folderOffset,
        size: file.size,
        label: `cab: member ${describe(file.name)}`,
      }));
      yield* sliceMembers(folderData(reader, folder, reserve, type === 1), slices, ctx);
    }
    for (const file of files) {
      if (file.folder >= header.folders) {
        const continued = file.folder >= 0xfffd;
        ctx.problem(continued ? 'unsupported' : 'corrupt', continued ? `cab: member ${describe(file.name)} continues in another cabinet of the set; scanned raw only` : `cab: member ${describe(file.name)} names folder ${file.folder} of ${header.folders}`, file.entryOffset);
      }
    }
  } finally {
    await reader.close();
  }
}

/** The CFFOLDER table after the header (and its optional reserve and chained-cabinet names). */
async function readFolders(reader: WindowReader, header: CabHeader): Promise<{ folders: Folder[]; reserve: number }> {
  let at = headerBytes;
  let folderReserve = 0;
  let dataReserve = 0;
  if (header.flags & flagReservePresent) {
    const sizes = await reader.read(at, 4);
    at += 4 + (sizes[0]! | (sizes[1]! << 8));
    folderReserve = sizes[2]!;
    dataReserve = sizes[3]!;
  }
  for (const flag of [flagPrevCabinet, flagNextCabinet]) {
    if (header.flags & flag) at = await skipStrings(reader, at, 2);
  }
  const table = await reader.read(at, header.folders * (8 + folderReserve));
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const folders = Array.from({ length: header.folders }, (_, index) => {
    const base = index * (8 + folderReserve);
    return { index, dataOffset: view.getUint32(base, true), blocks: view.getUint16(base + 4, true), compression: view.getUint16(base + 6, true) };
  });
  return { folders, reserve: dataReserve };
}

async function skipStrings(reader: WindowReader, from: number, count: number): Promise<number> {
  let at = from;
  for (let i = 0; i < count; i++) {
    const field = await reader.read(at, Math.min(maxNameBytes, reader.size - at));
    const nul = field.indexOf(0);
    if (nul === -1) throw new InputError('corrupt', `cab: chained cabinet name at ${at} has no NUL within ${maxNameBytes} bytes`, at);
    at += nul + 1;
  }
  return at;
}

async function readFiles(reader: WindowReader, header: CabHeader): Promise<CabFile[]> {
  const files: CabFile[] = [];
  let at = header.filesOffset;
  for (let i = 0; i < header.files; i++) {
    const fixed = await reader.read(at, 16);
    const view = new DataView(fixed.buffer, fixed.byteOffset, 16);
    const nameField = await reader.read(at + 16, Math.min(maxNameBytes, reader.size - at - 16));
    const nul = nameField.indexOf(0);
    if (nul === -1) throw new InputError('corrupt', `cab: CFFILE ${i} at ${at} has no name terminator within ${maxNameBytes} bytes`, at);
    files.push({ entryOffset: at, size: view.getUint32(0, true), folderOffset: view.getUint32(4, true), folder: view.getUint16(8, true), name: Uint8Array.from(nameField.subarray(0, nul)) });
    at += 16 + nul + 1;
  }
  return files;
}

/** A folder's uncompressed bytes, block by block. */
async function* folderData(reader: WindowReader, folder: Folder, reserve: number, mszip: boolean): AsyncGenerator<Uint8Array> {
  let at = folder.dataOffset;
  let history: Uint8Array | undefined;
  for (let block = 0; block < folder.blocks; block++) {
    const fixed = await reader.read(at, 8);
    const packed = fixed[4]! | (fixed[5]! << 8);
    const unpacked = fixed[6]! | (fixed[7]! << 8);
    const data = await reader.read(at + 8 + reserve, packed);
    const where = `cab: folder ${folder.index} block ${block} at ${at}`;
    if (!mszip) {
      if (packed !== unpacked) throw new InputError('corrupt', `${where}: stored block of ${packed} bytes says ${unpacked} uncompressed`, at);
      yield data;
    } else {
      if (data[0] !== 0x43 || data[1] !== 0x4b) throw new InputError('corrupt', `${where}: MSZIP block does not start with "CK"`, at);
      let out: Buffer;
      try {
        out = inflateRawSync(data.subarray(2), { maxOutputLength: maxBlockOutputBytes, ...(history === undefined ? {} : { dictionary: history }) });
      } catch (error) {
        throw new InputError('corrupt', `${where}: ${messageOf(error)}`, at);
      }
      if (out.length !== unpacked) throw new InputError('corrupt', `${where}: inflated ${out.length} bytes, the block says ${unpacked}`, at);
      history = keepWindow(history, out);
      yield out;
    }
    at += 8 + reserve + packed;
  }
}

/** The last 32 KiB of output: the deflate window the next MSZIP block may refer to. */
function keepWindow(history: Uint8Array | undefined, out: Uint8Array): Uint8Array {
  if (history === undefined || out.length >= mszipWindowBytes) return out.subarray(Math.max(0, out.length - mszipWindowBytes));
  const joined = new Uint8Array(Math.min(mszipWindowBytes, history.length + out.length));
  const fromHistory = joined.length - out.length;
  joined.set(history.subarray(history.length - fromHistory), 0);
  joined.set(out, fromHistory);
  return joined;
}

function describe(name: Uint8Array): string {
  return JSON.stringify(Buffer.from(name).toString('latin1'));
}
