/**
 * Pure decoding of squashfs 4.0 on-disk structures (little-endian), from the kernel's
 * `fs/squashfs/squashfs_fs.h` and the squashfs-tools 4.5.1 sources (`squashfs_fs.h`,
 * `unsquash-4.c`), cross-checked with https://dr-emann.github.io/squashfs/. No I/O here:
 * `squashfs.ts` reads the bytes and hands them to these functions.
 *
 * Layout of an image: superblock (96 bytes) | [compression options metadata block] | data
 * blocks and fragment blocks | inode table | directory table | fragment table | export table |
 * id table | xattr table. Tables are sequences of 8 KiB "metadata blocks", each behind a
 * 2-byte header (bit 15 set: stored uncompressed; bits 0-14: size on disk). An inode
 * reference is (metadata block position relative to the table start) << 16 | offset inside the
 * uncompressed block.
 *
 * About 420 lines: one spec table (superblock, 14 inode types, directory, fragment, block size
 * and compressor option records), kept together so each can be checked against the header.
 */

export const superblockBytes = 96;
export const metadataBlockBytes = 8192;
/** SQUASHFS_NAME_LEN: a directory entry name is at most 256 bytes. */
export const maxNameBytes = 256;
/** A directory header covers at most 256 entries (squashfs-tools `dir_ent` batching). */
export const maxEntriesPerDirectoryHeader = 256;
/** "no fragment" in a file inode's fragment index. */
export const noFragment = 0xffffffff;
/** Bit 24 of a data block size word, and of a fragment entry's size: stored uncompressed. */
export const uncompressedBlockBit = 1 << 24;

/** Compression ids (squashfs_fs.h ZLIB_COMPRESSION …) and the codec that decodes their blocks. */
export const compressors = {
  1: { name: 'gzip', codec: 'zlib' },
  2: { name: 'lzma', codec: 'lzma' },
  3: { name: 'lzo', codec: 'lzo' },
  4: { name: 'xz', codec: 'xz' },
  5: { name: 'lz4', codec: 'lz4' },
  6: { name: 'zstd', codec: 'zstd' },
} as const;
export type CompressionId = keyof typeof compressors;

export const superblockFlags = {
  uncompressedInodes: 0x0001,
  uncompressedData: 0x0002,
  check: 0x0004,
  uncompressedFragments: 0x0008,
  noFragments: 0x0010,
  alwaysFragments: 0x0020,
  duplicates: 0x0040,
  exportable: 0x0080,
  uncompressedXattrs: 0x0100,
  noXattrs: 0x0200,
  compressorOptions: 0x0400,
  uncompressedIds: 0x0800,
} as const;

export interface Superblock {
  readonly inodeCount: number;
  readonly modificationTime: number;
  readonly blockSize: number;
  readonly fragmentCount: number;
  readonly compressionId: number;
  readonly blockLog: number;
  readonly flags: number;
  readonly idCount: number;
  readonly rootInode: InodeRef;
  readonly bytesUsed: number;
  readonly idTableStart: number;
  readonly xattrIdTableStart: number;
  readonly inodeTableStart: number;
  readonly directoryTableStart: number;
  readonly fragmentTableStart: number;
  readonly exportTableStart: number;
}

export interface InodeRef {
  /** Position of the metadata block, relative to the table start. */
  readonly block: number;
  /** Offset inside the uncompressed metadata block. */
  readonly offset: number;
}

/** 0xFFFFFFFFFFFFFFFF: "no such table" (xattr, export, fragment tables are optional; -1 in `Superblock`). */
const absent = 0xffffffffffffffffn;

export type SuperblockParse =
  | { readonly kind: 'v4'; readonly superblock: Superblock }
  /** Squashfs, but a variant fwsift does not read (big-endian, v1-v3). `length` from the header when it states one. */
  | { readonly kind: 'unsupported'; readonly reason: string; readonly length?: number }
  | { readonly kind: 'invalid'; readonly reason: string };

const magicLe = 0x73717368; // "hsqs" read as LE u32
const magicBe = 0x68737173; // "sqsh" read as LE u32 (a big-endian image)

/**
 *   00000000: 6873 7173 0a00 0000 0000 0000 0000 0200   "hsqs", inode count, mkfs time, block size 128 KiB
 *   00000010: 0100 0000 0100 1100 c000 0100 0400 0000   fragments, compressor 1 (gzip), block log 17, flags, id count, v4.0
 *   00000020: 2801 0000 0000 0000 8f2b 0000 0000 0000   root inode ref, bytes_used
 *   00000030: 872b ... then id, xattr (ffff… absent), inode, directory, fragment and export table starts (u64 each)
 *
 * Checks what a reader needs before trusting any offset: version 4.0, block size a power of
 * two in [4 KiB, 1 MiB] agreeing with block_log, tables in order inside bytes_used. Squashfs
 * that is not v4 little-endian is recognised and named `unsupported`.
 */
export function parseSuperblock(bytes: Uint8Array): SuperblockParse {
  if (bytes.length < 4) return { kind: 'invalid', reason: 'shorter than a squashfs magic' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== magicLe && magic !== magicBe) return { kind: 'invalid', reason: 'no squashfs magic (hsqs or sqsh)' };
  const littleEndian = magic === magicLe;
  if (bytes.length < 32) return { kind: 'invalid', reason: 'shorter than a squashfs superblock' };
  const major = view.getUint16(28, littleEndian);
  const minor = view.getUint16(30, littleEndian);
  if (major !== 4 || !littleEndian) return olderOrBigEndian(view, littleEndian, major, minor);
  if (minor !== 0) return { kind: 'invalid', reason: `squashfs 4.${minor} is not a version any tool writes` };
  if (bytes.length < superblockBytes) return { kind: 'invalid', reason: 'shorter than the 96-byte squashfs 4 superblock' };
  const blockSize = view.getUint32(12, true);
  const blockLog = view.getUint16(22, true);
  if (blockLog < 12 || blockLog > 20 || blockSize !== 2 ** blockLog) return { kind: 'invalid', reason: `block size ${blockSize} with block_log ${blockLog}` };
  const u64 = (at: number) => view.getBigUint64(at, true);
  const bytesUsed = u64(40);
  if (bytesUsed < BigInt(superblockBytes) || bytesUsed > BigInt(Number.MAX_SAFE_INTEGER)) return { kind: 'invalid', reason: `bytes_used ${bytesUsed}` };
  const used = Number(bytesUsed);
  // id, xattr id, inode, directory, fragment and export table starts; three may be absent.
  const starts: number[] = [];
  for (const [at, optional] of [[48, false], [56, true], [64, false], [72, false], [80, true], [88, true]] as const) {
    const value = u64(at);
    if (optional && value === absent) starts.push(-1);
    else if (value > bytesUsed) return { kind: 'invalid', reason: `table start ${value} at superblock offset ${at} beyond bytes_used ${bytesUsed}` };
    else starts.push(Number(value));
  }
  const [idTableStart, xattrIdTableStart, inodeTableStart, directoryTableStart, fragmentTableStart, exportTableStart] = starts as [number, number, number, number, number, number];
  if (!(superblockBytes <= inodeTableStart && inodeTableStart < directoryTableStart && directoryTableStart < used)) {
    return { kind: 'invalid', reason: `inode table at ${inodeTableStart}, directory table at ${directoryTableStart}, ${used} bytes used: out of order` };
  }
  const root = u64(32);
  return {
    kind: 'v4',
    superblock: {
      inodeCount: view.getUint32(4, true),
      modificationTime: view.getUint32(8, true),
      blockSize,
      fragmentCount: view.getUint32(16, true),
      compressionId: view.getUint16(20, true),
      blockLog,
      flags: view.getUint16(24, true),
      idCount: view.getUint16(26, true),
      rootInode: inodeRef(root),
      bytesUsed: used,
      idTableStart,
      xattrIdTableStart,
      inodeTableStart,
      directoryTableStart,
      fragmentTableStart,
      exportTableStart,
    },
  };
}

/**
 * Squashfs 1.x-3.x and big-endian images share the magic and keep the version at offset 28.
 * v3 (squashfs_fs.h of 3.4, packed): block_log u16 at 34, block_size u32 at 51, bytes_used
 * i64 at 63; v1/v2: block_size u16 at 32, block_log u16 at 34, bytes_used u32 at 8.
 */
function olderOrBigEndian(view: DataView, littleEndian: boolean, major: number, minor: number): SuperblockParse {
  const order = littleEndian ? 'little-endian' : 'big-endian';
  if (major === 4) return { kind: 'unsupported', reason: `squashfs 4.${minor} ${order} (a vendor variant)` };
  if (major < 1 || major > 3 || minor > 1) return { kind: 'invalid', reason: `squashfs version ${major}.${minor}` };
  const need = major === 3 ? 71 : 36;
  if (view.byteLength < need) return { kind: 'invalid', reason: `shorter than a squashfs ${major}.x superblock` };
  const blockLog = view.getUint16(34, littleEndian);
  const blockSize = major === 3 ? view.getUint32(51, littleEndian) : view.getUint16(32, littleEndian);
  if (blockLog < 12 || blockLog > 20 || (blockSize !== 2 ** blockLog && !(major < 3 && blockLog === 16 && blockSize === 0))) {
    return { kind: 'invalid', reason: `squashfs ${major}.${minor}: block size ${blockSize} with block_log ${blockLog}` };
  }
  const length = major === 3 ? view.getBigInt64(63, littleEndian) : BigInt(view.getUint32(8, littleEndian));
  const reason = `squashfs ${major}.${minor} ${order}: only squashfs 4.0 little-endian is read`;
  return length >= 96n && length <= BigInt(Number.MAX_SAFE_INTEGER) ? { kind: 'unsupported', reason, length: Number(length) } : { kind: 'unsupported', reason };
}

export function inodeRef(value: bigint): InodeRef {
  return { block: Number(value >> 16n), offset: Number(value & 0xffffn) };
}

/** A metadata block header: bit 15 set = stored uncompressed; bits 0-14 = bytes on disk (1..8192). */
export function parseMetadataHeader(word: number): { readonly compressed: boolean; readonly size: number } | { readonly reason: string } {
  const size = word & 0x7fff;
  if (size === 0 || size > metadataBlockBytes) return { reason: `metadata block of ${size} bytes on disk` };
  return { compressed: (word & 0x8000) === 0, size };
}

/** A data block or fragment size word: bit 24 = uncompressed, bits 0-23 = bytes on disk (0 = sparse block). */
export function parseBlockSize(word: number, blockSize: number): { readonly compressed: boolean; readonly size: number } | { readonly reason: string } {
  if (word >>> 25 !== 0) return { reason: `block size word 0x${word.toString(16)} has bits above 24 set` };
  const size = word & 0xffffff;
  if (size > blockSize) return { reason: `block of ${size} bytes on disk exceeds the ${blockSize}-byte block size` };
  return { compressed: (word & uncompressedBlockBit) === 0, size };
}

// ---------------------------------------------------------------------------------------
// Inodes
// ---------------------------------------------------------------------------------------

export const inodeTypes = {
  directory: 1,
  file: 2,
  symlink: 3,
  blockDevice: 4,
  charDevice: 5,
  fifo: 6,
  socket: 7,
  extendedDirectory: 8,
  extendedFile: 9,
  extendedSymlink: 10,
  extendedBlockDevice: 11,
  extendedCharDevice: 12,
  extendedFifo: 13,
  extendedSocket: 14,
} as const;

/** Bytes of the common 16-byte header plus the fixed part of each inode type (before names, index entries or block lists). */
export const inodeFixedBytes: Readonly<Record<number, number>> = {
  1: 32, 2: 32, 3: 24, 4: 24, 5: 24, 6: 20, 7: 20,
  8: 40, 9: 56, 10: 24, 11: 28, 12: 28, 13: 24, 14: 24,
};

export interface DirectoryInode {
  readonly kind: 'directory';
  readonly type: 1 | 8;
  readonly inodeNumber: number;
  /** Position of the listing's first metadata block, relative to the directory table start. */
  readonly listingBlock: number;
  readonly listingOffset: number;
  /** Bytes of listing (the stored file_size counts 3 more, for "." and ".."). */
  readonly listingBytes: number;
  readonly parentInode: number;
  /** Extended directories: index entries to skip after the fixed part. */
  readonly indexCount: number;
}

export interface FileInode {
  readonly kind: 'file';
  readonly type: 2 | 9;
  readonly inodeNumber: number;
  readonly blocksStart: number;
  readonly fileSize: number;
  readonly fragmentIndex: number;
  readonly fragmentOffset: number;
  readonly linkCount: number;
  /** Data blocks listed after the fixed part (the tail sits in a fragment when there is one). */
  readonly blockCount: number;
}

export interface OtherInode {
  readonly kind: 'other';
  readonly type: number;
  readonly inodeNumber: number;
}

export type Inode = DirectoryInode | FileInode | OtherInode;

export type InodeParse = { readonly inode: Inode } | { readonly reason: string };

/**
 * Decodes the fixed part of an inode (`bytes` holds at least `inodeFixedBytes[type]` bytes).
 * Sizes are checked against `blockSize`; lengths that would need more than 2^53 are refused.
 */
export function parseInode(bytes: Uint8Array, blockSize: number): InodeParse {
  if (bytes.length < 16) return { reason: 'inode header cut short' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getUint16(0, true);
  const fixed = inodeFixedBytes[type];
  if (fixed === undefined) return { reason: `unknown inode type ${type}` };
  if (bytes.length < fixed) return { reason: `inode of type ${type} cut short (${bytes.length} of ${fixed} bytes)` };
  const inodeNumber = view.getUint32(12, true);
  switch (type) {
    case inodeTypes.directory: {
      const fileSize = view.getUint16(24, true);
      if (fileSize < 3) return { reason: `directory size ${fileSize} below 3` };
      return {
        inode: { kind: 'directory', type: 1, inodeNumber, listingBlock: view.getUint32(16, true), listingOffset: view.getUint16(26, true), listingBytes: fileSize - 3, parentInode: view.getUint32(28, true), indexCount: 0 },
      };
    }
    case inodeTypes.extendedDirectory: {
      const fileSize = view.getUint32(20, true);
      if (fileSize < 3) return { reason: `directory size ${fileSize} below 3` };
      const listingOffset = view.getUint16(34, true);
      return {
        inode: { kind: 'directory', type: 8, inodeNumber, listingBlock: view.getUint32(24, true), listingOffset, listingBytes: fileSize - 3, parentInode: view.getUint32(28, true), indexCount: view.getUint16(32, true) },
      };
    }
    case inodeTypes.file:
      return fileInode(2, inodeNumber, view.getUint32(16, true), view.getUint32(28, true), view.getUint32(20, true), view.getUint32(24, true), 1, blockSize);
    case inodeTypes.extendedFile: {
      const start = view.getBigUint64(16, true);
      const size = view.getBigUint64(24, true);
      if (start > BigInt(Number.MAX_SAFE_INTEGER) || size > BigInt(Number.MAX_SAFE_INTEGER)) return { reason: `file start ${start} or size ${size} above 2^53` };
      return fileInode(9, inodeNumber, Number(start), Number(size), view.getUint32(44, true), view.getUint32(48, true), view.getUint32(40, true), blockSize);
    }
    default:
      return { inode: { kind: 'other', type, inodeNumber } };
  }
}

function fileInode(type: 2 | 9, inodeNumber: number, blocksStart: number, fileSize: number, fragmentIndex: number, fragmentOffset: number, linkCount: number, blockSize: number): InodeParse {
  const hasFragment = fragmentIndex !== noFragment;
  const blockCount = hasFragment ? Math.floor(fileSize / blockSize) : Math.ceil(fileSize / blockSize);
  if (hasFragment && fragmentOffset + (fileSize - blockCount * blockSize) > blockSize) {
    return { reason: `tail of ${fileSize - blockCount * blockSize} bytes at fragment offset ${fragmentOffset} runs past the ${blockSize}-byte fragment block` };
  }
  return { inode: { kind: 'file', type, inodeNumber, blocksStart, fileSize, fragmentIndex, fragmentOffset, linkCount, blockCount } };
}

// ---------------------------------------------------------------------------------------
// Directories and fragments
// ---------------------------------------------------------------------------------------

export const directoryHeaderBytes = 12;
export const directoryEntryBytes = 8;

export interface DirectoryHeader {
  /** Entries that follow (the stored count plus one). */
  readonly entries: number;
  /** Inode table metadata block holding these entries' inodes, relative to the table start. */
  readonly inodeBlock: number;
  readonly inodeNumber: number;
}

export function parseDirectoryHeader(bytes: Uint8Array): { readonly header: DirectoryHeader } | { readonly reason: string } {
  if (bytes.length < directoryHeaderBytes) return { reason: 'directory header cut short' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = view.getUint32(0, true) + 1;
  if (entries > maxEntriesPerDirectoryHeader) return { reason: `directory header announces ${entries} entries (at most ${maxEntriesPerDirectoryHeader})` };
  return { header: { entries, inodeBlock: view.getUint32(4, true), inodeNumber: view.getUint32(8, true) } };
}

export interface DirectoryEntry {
  /** Offset of the entry's inode inside the header's metadata block. */
  readonly inodeOffset: number;
  /** The inode number, as the header's base plus a signed 16-bit delta. */
  readonly inodeNumber: number;
  /** Basic inode type (1..7) of the entry (an extended type is folded to its basic one). */
  readonly type: number;
  readonly nameBytes: number;
}

/** The fixed 8 bytes of an entry; the name (`nameBytes` long) follows. */
export function parseDirectoryEntry(bytes: Uint8Array, header: DirectoryHeader): { readonly entry: DirectoryEntry } | { readonly reason: string } {
  if (bytes.length < directoryEntryBytes) return { reason: 'directory entry cut short' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = view.getUint16(4, true);
  if (stored < 1 || stored > 14) return { reason: `directory entry of inode type ${stored}` };
  // squashfs-tools stores the basic type; an extended one (8..14) is read as its basic type.
  const type = stored > 7 ? stored - 7 : stored;
  return {
    entry: { inodeOffset: view.getUint16(0, true), inodeNumber: header.inodeNumber + view.getInt16(2, true), type, nameBytes: view.getUint16(6, true) + 1 },
  };
}

/** A name is one path component: not empty, not "." or "..", no "/" and no NUL. */
export function checkEntryName(name: Uint8Array): string | undefined {
  if (name.length === 0 || (name.length === 1 && name[0] === 0x2e) || (name.length === 2 && name[0] === 0x2e && name[1] === 0x2e)) return 'a "." or ".." entry';
  if (name.includes(0x2f) || name.includes(0)) return 'a name with "/" or NUL';
  return undefined;
}

export const fragmentEntryBytes = 16;
export const fragmentsPerMetadataBlock = metadataBlockBytes / fragmentEntryBytes;

export interface FragmentEntry {
  readonly start: number;
  readonly compressed: boolean;
  readonly size: number;
}

export function parseFragmentEntry(bytes: Uint8Array, blockSize: number): { readonly fragment: FragmentEntry } | { readonly reason: string } {
  if (bytes.length < fragmentEntryBytes) return { reason: 'fragment entry cut short' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = view.getBigUint64(0, true);
  if (start > BigInt(Number.MAX_SAFE_INTEGER)) return { reason: `fragment start ${start} above 2^53` };
  const size = parseBlockSize(view.getUint32(8, true), blockSize);
  if ('reason' in size) return size;
  if (size.size === 0) return { reason: 'fragment block of 0 bytes' };
  return { fragment: { start: Number(start), compressed: size.compressed, size: size.size } };
}

/**
 * The compression options metadata block (present when flag 0x0400 is set), per compressor
 * (squashfs-tools `*_wrapper.h`). Returns a description for the reasons, or why the options
 * are unusable.
 */
export function parseCompressorOptions(compressionId: number, bytes: Uint8Array): { readonly description: string } | { readonly reason: string; readonly unsupported?: boolean } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (count: number) => bytes.length >= count;
  switch (compressionId) {
    case 1: {
      if (!need(8)) return { reason: 'gzip options cut short' };
      const level = view.getUint32(0, true);
      const window = view.getUint16(4, true);
      if (level < 1 || level > 9 || window < 8 || window > 15) return { reason: `gzip options level ${level}, window ${window}` };
      return { description: `gzip level ${level}, window 2^${window}, strategies 0x${view.getUint16(6, true).toString(16)}` };
    }
    case 2:
      return { reason: 'lzma takes no compression options' };
    case 3: {
      if (!need(8)) return { reason: 'lzo options cut short' };
      const algorithm = view.getUint32(0, true);
      if (algorithm > 4) return { reason: `lzo algorithm ${algorithm}` };
      return { description: `lzo algorithm ${['lzo1x_1', 'lzo1x_1_11', 'lzo1x_1_12', 'lzo1x_1_15', 'lzo1x_999'][algorithm]}, level ${view.getUint32(4, true)}` };
    }
    case 4: {
      if (!need(8)) return { reason: 'xz options cut short' };
      return { description: `xz dictionary ${view.getUint32(0, true)} bytes, filters 0x${view.getUint32(4, true).toString(16)}` };
    }
    case 5: {
      if (!need(8)) return { reason: 'lz4 options cut short' };
      const version = view.getUint32(0, true);
      // LZ4_LEGACY (1) is the only block format squashfs defines.
      if (version !== 1) return { reason: `lz4 format version ${version}`, unsupported: true };
      return { description: `lz4 legacy blocks${view.getUint32(4, true) & 1 ? ', high compression' : ''}` };
    }
    case 6: {
      if (!need(4)) return { reason: 'zstd options cut short' };
      return { description: `zstd level ${view.getUint32(0, true)}` };
    }
    default:
      return { reason: `compressor ${compressionId}`, unsupported: true };
  }
}
