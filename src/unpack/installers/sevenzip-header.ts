/**
 * The 7z header database (7-Zip `DOC/7zFormat.txt`): pack streams, folders (coder graphs),
 * substreams and file names, parsed from the decoded header bytes. Pure: every count and size
 * comes from the input, so each is bounded by the bytes that could hold it before anything is
 * allocated, and every fault is `InputError('corrupt')`.
 */
import { InputError } from '../types.js';

export const propertyIds = {
  end: 0x00,
  header: 0x01,
  archiveProperties: 0x02,
  additionalStreamsInfo: 0x03,
  mainStreamsInfo: 0x04,
  filesInfo: 0x05,
  packInfo: 0x06,
  unpackInfo: 0x07,
  substreamsInfo: 0x08,
  size: 0x09,
  crc: 0x0a,
  folder: 0x0b,
  codersUnpackSize: 0x0c,
  numUnpackStream: 0x0d,
  emptyStream: 0x0e,
  emptyFile: 0x0f,
  name: 0x11,
  encodedHeader: 0x17,
  dummy: 0x19,
} as const;

export interface Coder {
  /** Method id bytes as hex (`030101` LZMA, `21` LZMA2, `03030103` BCJ, `0303011b` BCJ2, `00` copy). */
  readonly method: string;
  readonly inStreams: number;
  readonly outStreams: number;
  readonly properties: Uint8Array;
}

export interface Folder {
  readonly coders: readonly Coder[];
  /** `[inIndex, outIndex]`: coder input `inIndex` (over all coders) reads coder output `outIndex`. */
  readonly bindPairs: readonly (readonly [number, number])[];
  /** Coder inputs (over all coders) fed by pack streams, in pack stream order. */
  readonly packedStreams: readonly number[];
  /** Size of every coder output (over all coders). */
  readonly unpackSizes: readonly number[];
  /** The output no bind pair consumes: the folder's data. */
  readonly mainOutput: number;
  /** The folder's CRC is stored in unpack info (then a lone substream's CRC is not repeated). */
  readonly crcDefined: boolean;
}

export interface StreamsInfo {
  readonly packPos: number;
  readonly packSizes: readonly number[];
  readonly folders: readonly Folder[];
  /** Per folder, the sizes of the files it holds end to end (one entry when no substream info). */
  readonly substreams: readonly (readonly number[])[];
}

export interface SevenZipFile {
  readonly name: string;
  readonly hasStream: boolean;
}

export interface SevenZipHeader {
  readonly streams: StreamsInfo | undefined;
  readonly files: readonly SevenZipFile[];
}

/** Sequential reads over header bytes; every read past the end is `corrupt`. */
export class HeaderReader {
  #at = 0;
  constructor(readonly bytes: Uint8Array) {}

  get position(): number {
    return this.#at;
  }

  byte(): number {
    if (this.#at >= this.bytes.length) throw fault('header ends early');
    return this.bytes[this.#at++]!;
  }

  take(length: number): Uint8Array {
    if (length > this.bytes.length - this.#at) throw fault(`a ${length}-byte field runs past the header`);
    const out = this.bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return out;
  }

  /** 7z NUMBER: the first byte's leading ones count the little-endian bytes that follow. */
  number(): number {
    const first = this.byte();
    let mask = 0x80;
    let value = 0;
    for (let i = 0; i < 8; i++) {
      if ((first & mask) === 0) return value + (first & (mask - 1)) * 2 ** (8 * i);
      value += this.byte() * 2 ** (8 * i);
      mask >>= 1;
    }
    if (!Number.isSafeInteger(value)) throw fault(`a number above 2^53 at ${this.#at}`);
    return value;
  }

  /** A NUMBER used as a count of items of at least `itemBytes` bytes each: bounded by the bytes left. */
  count(itemBytes: number, what: string): number {
    const value = this.number();
    if (value * itemBytes > this.bytes.length - this.#at + 8) throw fault(`${value} ${what} cannot fit in the ${this.bytes.length}-byte header`);
    return value;
  }

  expect(id: number, what: string): void {
    const got = this.byte();
    if (got !== id) throw fault(`expected ${what} (0x${id.toString(16)}), found 0x${got.toString(16)} at ${this.#at - 1}`);
  }

  bits(count: number): boolean[] {
    const bytes = this.take(Math.ceil(count / 8));
    return Array.from({ length: count }, (_, i) => (bytes[i >> 3]! & (0x80 >> (i & 7))) !== 0);
  }

  /** "allAreDefined" byte, else a bit vector. */
  definedBits(count: number): boolean[] {
    return this.byte() !== 0 ? new Array<boolean>(count).fill(true) : this.bits(count);
  }
}

export function fault(message: string): InputError {
  return new InputError('corrupt', `7z: ${message}`);
}

/** A header whose first byte is kHeader (the caller decodes kEncodedHeader first). */
export function parseHeader(reader: HeaderReader): SevenZipHeader {
  reader.expect(propertyIds.header, 'kHeader');
  let id = reader.byte();
  if (id === propertyIds.archiveProperties) {
    for (let type = reader.byte(); type !== propertyIds.end; type = reader.byte()) reader.take(reader.number());
    id = reader.byte();
  }
  if (id === propertyIds.additionalStreamsInfo) {
    parseStreamsInfo(reader);
    id = reader.byte();
  }
  let streams: StreamsInfo | undefined;
  if (id === propertyIds.mainStreamsInfo) {
    streams = parseStreamsInfo(reader);
    id = reader.byte();
  }
  let files: SevenZipFile[] = [];
  if (id === propertyIds.filesInfo) {
    files = parseFilesInfo(reader);
    id = reader.byte();
  }
  if (id !== propertyIds.end) throw fault(`unexpected property 0x${id.toString(16)} in the header`);
  return { streams, files };
}

export function parseStreamsInfo(reader: HeaderReader): StreamsInfo {
  let packPos = 0;
  let packSizes: number[] = [];
  let folders: Folder[] = [];
  let substreams: number[][] | undefined;
  for (let id = reader.byte(); id !== propertyIds.end; id = reader.byte()) {
    if (id === propertyIds.packInfo) ({ packPos, packSizes } = parsePackInfo(reader));
    else if (id === propertyIds.unpackInfo) folders = parseUnpackInfo(reader);
    else if (id === propertyIds.substreamsInfo) substreams = parseSubstreams(reader, folders);
    else throw fault(`unexpected property 0x${id.toString(16)} in streams info`);
  }
  return { packPos, packSizes, folders, substreams: substreams ?? folders.map((folder) => [folder.unpackSizes[folder.mainOutput]!]) };
}

function parsePackInfo(reader: HeaderReader): { packPos: number; packSizes: number[] } {
  const packPos = reader.number();
  const count = reader.count(1, 'pack streams');
  let packSizes: number[] = [];
  for (let id = reader.byte(); id !== propertyIds.end; id = reader.byte()) {
    if (id === propertyIds.size) packSizes = Array.from({ length: count }, () => reader.number());
    else if (id === propertyIds.crc) skipDigests(reader, count);
    else throw fault(`unexpected property 0x${id.toString(16)} in pack info`);
  }
  if (packSizes.length !== count) throw fault('pack info has no sizes');
  return { packPos, packSizes };
}

function parseUnpackInfo(reader: HeaderReader): Folder[] {
  reader.expect(propertyIds.folder, 'kFolder');
  const count = reader.count(2, 'folders');
  if (reader.byte() !== 0) throw fault('external folder lists are not supported');
  const shapes = Array.from({ length: count }, () => parseFolderShape(reader));
  reader.expect(propertyIds.codersUnpackSize, 'kCodersUnpackSize');
  const folders = shapes.map((shape) => {
    const unpackSizes = Array.from({ length: shape.coders.reduce((sum, coder) => sum + coder.outStreams, 0) }, () => reader.number());
    const bound = new Set(shape.bindPairs.map(([, out]) => out));
    const mainOutput = unpackSizes.findIndex((_, i) => !bound.has(i));
    if (mainOutput === -1) throw fault('a folder has no unbound output');
    return { ...shape, unpackSizes, mainOutput, crcDefined: false };
  });
  let defined: boolean[] = folders.map(() => false);
  for (let id = reader.byte(); id !== propertyIds.end; id = reader.byte()) {
    if (id !== propertyIds.crc) throw fault(`unexpected property 0x${id.toString(16)} in unpack info`);
    defined = reader.definedBits(count);
    reader.take(4 * defined.filter(Boolean).length);
  }
  return folders.map((folder, i) => ({ ...folder, crcDefined: defined[i]! }));
}

/** Coders, bind pairs and packed inputs; at most 64 coders and 64 streams a folder (7-Zip's own limits). */
function parseFolderShape(reader: HeaderReader): Omit<Folder, 'unpackSizes' | 'mainOutput' | 'crcDefined'> {
  const coderCount = reader.number();
  if (coderCount === 0 || coderCount > 64) throw fault(`a folder with ${coderCount} coders`);
  const coders: Coder[] = [];
  for (let i = 0; i < coderCount; i++) {
    const flags = reader.byte();
    if (flags & 0x80) throw fault('alternative coder methods are not supported');
    const method = Buffer.from(reader.take(flags & 0x0f)).toString('hex');
    const complex = (flags & 0x10) !== 0;
    const inStreams = complex ? reader.number() : 1;
    const outStreams = complex ? reader.number() : 1;
    if (inStreams > 64 || outStreams > 64) throw fault(`a coder with ${inStreams} inputs and ${outStreams} outputs`);
    const properties = flags & 0x20 ? Uint8Array.from(reader.take(reader.number())) : new Uint8Array(0);
    coders.push({ method, inStreams, outStreams, properties });
  }
  const totalIn = coders.reduce((sum, coder) => sum + coder.inStreams, 0);
  const totalOut = coders.reduce((sum, coder) => sum + coder.outStreams, 0);
  if (totalOut === 0 || totalIn < totalOut - 1) throw fault('a folder whose coders do not connect');
  const bindPairs = Array.from({ length: totalOut - 1 }, () => [reader.number(), reader.number()] as const);
  for (const [input, output] of bindPairs) if (input >= totalIn || output >= totalOut) throw fault('a bind pair names a stream that does not exist');
  const packedCount = totalIn - bindPairs.length;
  let packedStreams: number[];
  if (packedCount === 1) {
    const bound = new Set(bindPairs.map(([input]) => input));
    packedStreams = [Array.from({ length: totalIn }, (_, i) => i).find((i) => !bound.has(i))!];
  } else {
    packedStreams = Array.from({ length: packedCount }, () => reader.number());
  }
  if (packedStreams.some((index) => index === undefined || index >= totalIn)) throw fault('a packed stream names a coder input that does not exist');
  return { coders, bindPairs, packedStreams };
}

function parseSubstreams(reader: HeaderReader, folders: readonly Folder[]): number[][] {
  let counts = folders.map(() => 1);
  let id = reader.byte();
  if (id === propertyIds.numUnpackStream) {
    counts = folders.map(() => reader.count(0, 'substreams'));
    id = reader.byte();
  }
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total > reader.bytes.length * 8 + folders.length) throw fault(`${total} substreams cannot be described by the header`);
  const sizes = folders.map((folder, i) => {
    const folderSize = folder.unpackSizes[folder.mainOutput]!;
    const count = counts[i]!;
    if (count === 0) return [];
    const known = id === propertyIds.size ? Array.from({ length: count - 1 }, () => reader.number()) : [];
    const sum = known.reduce((a, b) => a + b, 0);
    if (sum > folderSize) throw fault(`substream sizes of folder ${i} exceed its ${folderSize} bytes`);
    return [...known, folderSize - sum];
  });
  if (id === propertyIds.size) id = reader.byte();
  for (; id !== propertyIds.end; id = reader.byte()) {
    if (id === propertyIds.crc) {
      skipDigests(reader, sizes.reduce((sum, list, i) => sum + (list.length === 1 && folders[i]!.crcDefined ? 0 : list.length), 0));
    } else reader.take(reader.number());
  }
  return sizes;
}

/** Digests: a defined-bits vector and a CRC-32 per defined item. Folders carry their own CRCs, which this reader does not check. */
function skipDigests(reader: HeaderReader, count: number): void {
  const defined = reader.definedBits(count).filter(Boolean).length;
  reader.take(4 * defined);
}

function parseFilesInfo(reader: HeaderReader): SevenZipFile[] {
  const count = reader.count(1, 'files');
  let emptyStream: boolean[] = new Array<boolean>(count).fill(false);
  let names: string[] = [];
  for (let type = reader.byte(); type !== propertyIds.end; type = reader.byte()) {
    const size = reader.number();
    const body = new HeaderReader(reader.take(size));
    if (type === propertyIds.emptyStream) emptyStream = body.bits(count);
    else if (type === propertyIds.name) {
      if (body.byte() !== 0) throw fault('external file names are not supported');
      names = Buffer.from(body.take(size - 1)).toString('utf16le').split('\0').slice(0, count);
    }
  }
  return Array.from({ length: count }, (_, i) => ({ name: names[i] ?? `#${i}`, hasStream: !emptyStream[i] }));
}
