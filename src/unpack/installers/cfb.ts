/**
 * Compound File Binary ([MS-CFB]): the container of MSI packages, patches and transforms, and
 * of legacy Office documents. A header written by msibuild (msitools 0.101):
 *
 *   00000000: d0cf 11e0 a1b1 1ae1 0000 0000 0000 0000   signature, CLSID (zero)
 *   00000010: 0000 0000 0000 0000 3e00 0300 feff 0900   minor 0x3e, major 3, byte order FFFE, 2^9-byte sectors
 *   00000020: 0600 0000 0000 0000 0000 0000 0100 0000   2^6-byte mini sectors, 1 FAT sector
 *   00000030: 0100 0000 0000 0000 0010 0000 0200 0000   first directory sector 1, mini-stream cutoff 4096, first mini FAT 2
 *
 * Sectors are chained through the FAT; streams under the cutoff live in 64-byte mini sectors
 * inside the root entry's mini stream, chained through the mini FAT. Every stream is a child
 * named by its storage path (`Binary.Icon`, `docs/summary`); in an MSI the packed names are
 * decoded (msi-names.ts), so the string pool is `!_StringPool` / `!_StringData` (the strings
 * end to end in the database code page, searched as they are) and an embedded cabinet is its
 * `Media` name (`product.cab`), which the walker opens by content.
 *
 * Untrusted counts are bounded by the file: no chain is followed for more steps than the file
 * has sectors (a loop is `corrupt`), no table is larger than the file.
 */
import { openWindow, type WindowReader } from '../file-window.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';
import { decodeMsiStreamName, isMsiPackage } from './msi-names.js';
import { stringPoolLines } from './msi-strings.js';
import { collectBytes, once } from './decode-streams.js';

const signature = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const headerBytes = 512;
const directoryEntryBytes = 128;
const headerDifatEntries = 109;
const endOfChain = 0xfffffffe;
const freeSector = 0xffffffff;
/** Special FAT values (DIFSECT, FATSECT, ENDOFCHAIN, FREESECT) and reserved ones start here. */
const maxRegularSector = 0xfffffffa;
const noStream = 0xffffffff;
const typeStorage = 1;
const typeStream = 2;
const typeRoot = 5;
/** Contiguous sectors are read together, up to this many bytes. */
const readRunBytes = 256 * 1024;
/** The MSI string pool is read whole to be split into lines: beyond this it is left as its raw streams (a `limit`). */
export const maxStringPoolBytes = 64 * 1024 * 1024;
/** Chain path of the string pool rendered one string per line. */
const stringLinesName = '!_StringData:lines';

export interface CfbHeader {
  readonly majorVersion: number;
  readonly sectorBytes: number;
  readonly miniSectorBytes: number;
  readonly fatSectors: number;
  readonly firstDirectorySector: number;
  readonly miniStreamCutoff: number;
  readonly firstMiniFatSector: number;
  readonly miniFatSectors: number;
  readonly firstDifatSector: number;
  readonly difatSectors: number;
  readonly difat: readonly number[];
}

/** The 512-byte header; pure, never throws. */
export function parseCfbHeader(head: Uint8Array): { readonly ok: true; readonly header: CfbHeader } | { readonly ok: false; readonly reason: string } {
  if (head.length < headerBytes || !signature.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no Compound File signature d0 cf 11 e0 a1 b1 1a e1 with a 512-byte header' };
  const view = new DataView(head.buffer, head.byteOffset, headerBytes);
  const majorVersion = view.getUint16(26, true);
  const sectorShift = view.getUint16(30, true);
  const miniShift = view.getUint16(32, true);
  if (view.getUint16(28, true) !== 0xfffe) return { ok: false, reason: 'Compound File byte order mark is not FFFE' };
  if (!((majorVersion === 3 && sectorShift === 9) || (majorVersion === 4 && sectorShift === 12))) return { ok: false, reason: `Compound File version ${majorVersion} with 2^${sectorShift}-byte sectors` };
  if (miniShift !== 6) return { ok: false, reason: `Compound File mini sector shift ${miniShift} is not 6` };
  const word = (at: number) => view.getUint32(at, true);
  return {
    ok: true,
    header: {
      majorVersion,
      sectorBytes: 1 << sectorShift,
      miniSectorBytes: 1 << miniShift,
      fatSectors: word(44),
      firstDirectorySector: word(48),
      miniStreamCutoff: word(56),
      firstMiniFatSector: word(60),
      miniFatSectors: word(64),
      firstDifatSector: word(68),
      difatSectors: word(72),
      difat: Array.from({ length: headerDifatEntries }, (_, i) => word(76 + 4 * i)),
    },
  };
}

interface DirectoryEntry {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly left: number;
  readonly right: number;
  readonly child: number;
  readonly clsid: Uint8Array;
  readonly start: number;
  readonly size: number;
}

export const cfbHandler = defineHandler({
  id: 'cfb',
  kind: 'archive',
  doc: {
    name: 'Compound File Binary (MSI, MSP, MST, legacy Office)',
    references: ['https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-cfb/', 'https://gitlab.winehq.org/wine/wine/-/blob/master/dlls/msi/table.c (decode_streamname)'],
    limitations: [
      'Every stream is a child; storages only name paths. MSI tables are not rendered as rows; the string pool (every string of the database, in its code page) is searched as the raw `!_StringData` stream and once more as `!_StringData:lines`, one string per line, so identifiers stored next to other strings still meet their boundaries (a term inside one string is then reported on both).',
      'A stream is a verbatim slice of the file (its hits reported once, on the stream) only when its sectors are contiguous and it is not in the mini stream; otherwise a term stored in one run of sectors is found in both the file and the stream.',
      'Property-set streams (`\\x05SummaryInformation`) are searched as raw bytes, not decoded.',
    ],
  },
  signatures: [{ magic: signature, offset: 0 }],
  headLength: headerBytes,
  detect(head) {
    const parsed = parseCfbHeader(head);
    return parsed.ok ? { ok: true } : parsed;
  },
  open: openCfb,
});

async function* openCfb(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'cfb');
  try {
    const parsed = parseCfbHeader(await reader.read(0, Math.min(headerBytes, window.size)));
    if (!parsed.ok) throw new InputError('corrupt', `cfb: ${parsed.reason}`, 0);
    const file = new CompoundFile(reader, parsed.header);
    await file.loadFat();
    ctx.setLength(Math.min(window.size, file.usedBytes()));
    const entries = await file.readDirectory();
    const root = entries[0];
    if (root?.type !== typeRoot) throw new InputError('corrupt', 'cfb: directory entry 0 is not the root storage', file.sectorOffset(parsed.header.firstDirectorySector));
    const streams = listStreams(entries, ctx);
    const msi = isMsiPackage(root.clsid, entries.map((entry) => entry.name));
    if (streams.some((stream) => stream.entry.size < parsed.header.miniStreamCutoff && stream.entry.size > 0)) await file.loadMiniStream(root);
    const named = streams.map(({ entry, path }) => ({ entry, name: path.map((part) => (msi ? decodeMsiStreamName(part) : part)).join('/') }));
    for (const { entry, name } of named) {
      yield {
        link: { format: 'cfb', path: new Uint8Array(Buffer.from(name, 'utf8')), offset: file.entryOffset(entry.index) },
        stream: file.streamBytes(entry, name),
        size: entry.size,
        ...file.verbatimRange(entry),
      };
    }
    const pool = named.find((stream) => stream.name === '!_StringPool');
    const data = named.find((stream) => stream.name === '!_StringData');
    if (msi && pool !== undefined && data !== undefined) {
      if (pool.entry.size + data.entry.size > maxStringPoolBytes) {
        ctx.problem('limit', `cfb: the MSI string pool (${pool.entry.size + data.entry.size} bytes) is larger than ${maxStringPoolBytes} bytes; it was searched as its raw streams only`);
      } else {
        const whole = (entry: DirectoryEntry, name: string) => collectBytes(file.streamBytes(entry, name, false), maxStringPoolBytes, () => new InputError('limit', `cfb: ${name} is larger than ${maxStringPoolBytes} bytes`));
        const { lines } = stringPoolLines(await whole(pool.entry, pool.name), await whole(data.entry, data.name));
        yield { link: { format: 'cfb', path: new Uint8Array(Buffer.from(stringLinesName, 'utf8')), offset: file.entryOffset(data.entry.index) }, stream: once(lines), size: lines.length };
      }
    }
  } finally {
    await reader.close();
  }
}

/** Streams in tree order (each storage's red-black tree walked in order), with their storage paths. */
function listStreams(entries: readonly DirectoryEntry[], ctx: OpenContext): { entry: DirectoryEntry; path: string[] }[] {
  const found: { entry: DirectoryEntry; path: string[] }[] = [];
  const seen = new Set<number>([0]);
  const walk = (start: number, parents: readonly string[]) => {
    // In-order walk of one storage's sibling tree, with an explicit stack (a hostile tree may be deep).
    const stack: number[] = [];
    let at = start;
    while (at !== noStream || stack.length > 0) {
      while (at !== noStream) {
        const entry = entries[at];
        if (entry === undefined || seen.has(at)) {
          ctx.problem('corrupt', `cfb: directory entry ${at} is ${entry === undefined ? 'out of range' : 'reached twice (a loop)'}; that branch is skipped`);
          break;
        }
        seen.add(at);
        stack.push(at);
        at = entry.left;
      }
      const index = stack.pop();
      if (index === undefined) break;
      const entry = entries[index]!;
      if (entry.type === typeStream) found.push({ entry, path: [...parents, entry.name] });
      else if (entry.type === typeStorage) walk(entry.child, [...parents, entry.name]);
      at = entry.right;
    }
  };
  walk(entries[0]!.child, []);
  return found;
}

class CompoundFile {
  readonly #reader: WindowReader;
  readonly #header: CfbHeader;
  readonly #sectorCount: number;
  #fat: Uint32Array = new Uint32Array(0);
  #miniFat: Uint32Array = new Uint32Array(0);
  #miniStreamSectors: number[] = [];
  #directorySectors: number[] = [];
  /** Sectors of the streams handed out so far. */
  readonly #claimed = new Set<number>();

  constructor(reader: WindowReader, header: CfbHeader) {
    this.#reader = reader;
    this.#header = header;
    this.#sectorCount = Math.ceil(Math.max(0, reader.size - header.sectorBytes) / header.sectorBytes);
  }

  sectorOffset(sector: number): number {
    return (sector + 1) * this.#header.sectorBytes;
  }

  /** End of the last sector the FAT uses (the chunk's length when carved). */
  usedBytes(): number {
    let last = -1;
    for (let i = 0; i < this.#fat.length; i++) if (this.#fat[i] !== freeSector) last = i;
    return this.sectorOffset(last + 1);
  }

  async loadFat(): Promise<void> {
    const { fatSectors, difat, difatSectors, sectorBytes } = this.#header;
    if (fatSectors > this.#sectorCount) throw new InputError('corrupt', `cfb: ${fatSectors} FAT sectors declared, the file has ${this.#sectorCount} sectors`, 44);
    const fatSectorIds = difat.slice(0, Math.min(fatSectors, headerDifatEntries));
    let next = this.#header.firstDifatSector;
    for (let i = 0; i < difatSectors && fatSectorIds.length < fatSectors; i++) {
      if (next > maxRegularSector || i >= this.#sectorCount) throw new InputError('corrupt', `cfb: DIFAT chain ends after ${i} of ${difatSectors} sectors`, 68);
      const words = toWords(await this.#readSector(next));
      fatSectorIds.push(...words.subarray(0, words.length - 1).slice(0, fatSectors - fatSectorIds.length));
      next = words[words.length - 1]!;
    }
    if (fatSectorIds.length < fatSectors) throw new InputError('corrupt', `cfb: the DIFAT lists ${fatSectorIds.length} of ${fatSectors} FAT sectors`, 72);
    const fat = new Uint32Array((fatSectors * sectorBytes) / 4);
    for (const [i, sector] of fatSectorIds.entries()) fat.set(toWords(await this.#readSector(sector)), (i * sectorBytes) / 4);
    this.#fat = fat;
  }

  async readDirectory(): Promise<DirectoryEntry[]> {
    this.#directorySectors = this.#chain(this.#header.firstDirectorySector, this.#sectorCount, 'the directory');
    const bytes = await this.#readSectors(this.#directorySectors);
    const entries: DirectoryEntry[] = [];
    for (let at = 0; at + directoryEntryBytes <= bytes.length; at += directoryEntryBytes) entries.push(parseEntry(bytes.subarray(at, at + directoryEntryBytes), entries.length, this.#header.majorVersion));
    return entries;
  }

  entryOffset(index: number): number {
    const perSector = this.#header.sectorBytes / directoryEntryBytes;
    return this.sectorOffset(this.#directorySectors[Math.floor(index / perSector)]!) + (index % perSector) * directoryEntryBytes;
  }

  /** `{ verbatim }` when a regular (not mini) stream's sectors are one contiguous run inside the file. */
  verbatimRange(entry: DirectoryEntry): { verbatim?: { start: number; end: number } } {
    const sectorBytes = this.#header.sectorBytes;
    if (entry.size < this.#header.miniStreamCutoff) return {};
    const sectors = this.#chain(entry.start, Math.ceil(entry.size / sectorBytes), 'a stream', true);
    const start = this.sectorOffset(entry.start);
    const contiguous = sectors.length * sectorBytes >= entry.size && sectors.every((sector, i) => sector === entry.start + i);
    return contiguous && start + entry.size <= this.#reader.size ? { verbatim: { start, end: start + entry.size } } : {};
  }

  async loadMiniStream(root: DirectoryEntry): Promise<void> {
    const { firstMiniFatSector, miniFatSectors } = this.#header;
    this.#miniFat = toWords(await this.#readChain(firstMiniFatSector, 'the mini FAT', miniFatSectors));
    this.#miniStreamSectors = this.#chain(root.start, Math.ceil(root.size / this.#header.sectorBytes), 'the mini stream');
  }

  /**
   * A stream's bytes, sector run by sector run. Chains shorter than the size, or looping, are
   * `corrupt` after the bytes that exist. With `claim`, a stream whose chain reaches a sector an
   * earlier stream claimed is `corrupt` and not read: crafted directories could otherwise point
   * thousands of streams at one long chain and multiply the file. (Mini streams are under 4 KiB
   * each, so they need no claim.)
   */
  async *streamBytes(entry: DirectoryEntry, name: string, claim = true): AsyncGenerator<Uint8Array> {
    const what = `cfb: stream ${JSON.stringify(name)}`;
    if (entry.size === 0) return;
    if (entry.size < this.#header.miniStreamCutoff) {
      yield* this.#miniStreamBytes(entry, what);
      return;
    }
    const sectorBytes = this.#header.sectorBytes;
    const sectors = this.#chain(entry.start, Math.ceil(entry.size / sectorBytes), what, true);
    if (claim) {
      const shared = sectors.find((sector) => this.#claimed.has(sector));
      if (shared !== undefined) throw new InputError('corrupt', `${what}: its sector chain reaches sector ${shared}, which an earlier stream holds; not read`);
      for (const sector of sectors) this.#claimed.add(sector);
    }
    let left = entry.size;
    for (let i = 0; i < sectors.length && left > 0; ) {
      let run = 1;
      while (i + run < sectors.length && sectors[i + run] === sectors[i]! + run && run * sectorBytes < readRunBytes) run++;
      const length = Math.min(left, run * sectorBytes);
      yield await this.#reader.read(this.sectorOffset(sectors[i]!), Math.min(length, this.#reader.size - this.sectorOffset(sectors[i]!)));
      left -= length;
      i += run;
    }
    if (left > 0) throw new InputError('corrupt', `${what}: its sector chain ends ${left} bytes before its size of ${entry.size}`);
  }

  async *#miniStreamBytes(entry: DirectoryEntry, what: string): AsyncGenerator<Uint8Array> {
    const mini = this.#header.miniSectorBytes;
    const perSector = this.#header.sectorBytes / mini;
    let left = entry.size;
    let sector = entry.start;
    for (let steps = 0; left > 0; steps++) {
      if (sector > maxRegularSector || sector >= this.#miniFat.length || steps > this.#miniFat.length) throw new InputError('corrupt', `${what}: its mini sector chain ends ${left} bytes before its size of ${entry.size}`);
      const host = this.#miniStreamSectors[Math.floor(sector / perSector)];
      if (host === undefined) throw new InputError('corrupt', `${what}: mini sector ${sector} lies beyond the mini stream`);
      const length = Math.min(left, mini);
      yield await this.#reader.read(this.sectorOffset(host) + (sector % perSector) * mini, length);
      left -= length;
      sector = this.#miniFat[sector]!;
    }
  }

  async #readSector(sector: number): Promise<Uint8Array> {
    return this.#reader.read(this.sectorOffset(sector), this.#header.sectorBytes);
  }

  /** Every sector of a chain read and joined; `count` caps the sectors read (a count from the header). */
  async #readChain(start: number, what: string, count: number): Promise<Uint8Array> {
    return this.#readSectors(this.#chain(start, count, what));
  }

  async #readSectors(sectors: readonly number[]): Promise<Uint8Array> {
    const out = new Uint8Array(sectors.length * this.#header.sectorBytes);
    for (const [i, sector] of sectors.entries()) out.set(await this.#readSector(sector), i * this.#header.sectorBytes);
    return out;
  }

  /**
   * The sectors of the chain from `start`, at most `wanted` of them. A chain that leaves the
   * FAT or comes back to a sector it passed (a loop) is `corrupt`; `partial` returns the
   * sectors found before that instead, so a stream can hand out what exists first.
   */
  #chain(start: number, wanted: number, what: string, partial = false): number[] {
    const sectors: number[] = [];
    const seen = new Set<number>();
    let sector = start;
    while (sectors.length < wanted && sector !== endOfChain) {
      const outside = sector > maxRegularSector || sector >= this.#fat.length;
      if (outside || seen.has(sector)) {
        if (partial) break;
        throw new InputError('corrupt', `cfb: ${what}: sector chain ${outside ? `leaves the FAT at ${sector}` : `loops back to sector ${sector}`}`);
      }
      seen.add(sector);
      sectors.push(sector);
      sector = this.#fat[sector]!;
    }
    return sectors;
  }
}

function parseEntry(bytes: Uint8Array, index: number, majorVersion: number): DirectoryEntry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, directoryEntryBytes);
  const nameBytes = Math.min(64, view.getUint16(64, true));
  const name = Buffer.from(bytes.subarray(0, Math.max(0, nameBytes - 2))).toString('utf16le');
  const high = view.getUint32(124, true);
  // Version 3 files may leave garbage in the size's high word ([MS-CFB] 2.6.3).
  const size = view.getUint32(120, true) + (majorVersion === 3 ? 0 : high * 2 ** 32);
  return {
    index,
    name,
    type: bytes[66]!,
    left: view.getUint32(68, true),
    right: view.getUint32(72, true),
    child: view.getUint32(76, true),
    clsid: bytes.slice(80, 96),
    start: view.getUint32(116, true),
    size,
  };
}

function toWords(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
  return words;
}
