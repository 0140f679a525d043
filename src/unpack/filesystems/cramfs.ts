/**
 * cramfs, the compressed ROM filesystem of older camera and DVR firmware (Xiongmai
 * `*-x.cramfs.img`, Dahua `logo-x.cramfs.img`), in both byte orders, from the kernel's
 * `include/uapi/linux/cramfs_fs.h` and util-linux 2.38 `disk-utils/mkfs.cramfs.c`,
 * `cramfs_common.c`:
 *
 *   00000000: 453d cd28 0010 0000 0300 0000 0000 0000   magic (LE), size 4096, flags, future
 *   00000010: 436f 6d70 7265 7373 6564 2052 4f4d 4653   "Compressed ROMFS"
 *   00000020: e806 52d2 0000 0000 0600 0000 0e00 0000   fsid: crc, edition, blocks, files
 *   00000030: 6677 7369 6674 0000 0000 0000 0000 0000   name
 *   00000040: ed41 0000 3000 0000 c004 0000             root inode (12 bytes)
 *
 * An inode is three words of bit fields: mode:16 uid:16 | size:24 gid:8 | namelen:6
 * offset:26, allocated from the low bits in a little-endian image and from the high bits in
 * a big-endian one (cramfs_common.c `inode_to_host`). The name (namelen × 4 bytes, NUL
 * padded) follows the inode. A directory's `offset` × 4 is its first child inode and its
 * `size` the bytes of child inodes and names; a file's `offset` × 4 is a table of block end
 * pointers, one per 4 KiB page, each page a zlib stream that ends where the pointer says
 * (an empty range is a hole of zeros). The CRC-32 covers the whole image with its own field
 * zeroed (flag FSID_VERSION_2).
 */
import { crc32 } from 'node:zlib';
import { zlibDecompress } from '../codecs/zlib.js';
import { openWindow, type WindowReader } from '../file-window.js';
import { describePath, joinPath } from './fs-path.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

const superblockBytes = 64;
const inodeBytes = 12;
/** The page size mkfs.cramfs uses by default on every common architecture. */
const pageBytes = 4096;
/** mkfs.cramfs refuses a page that "compressed" to more than twice its size. */
const maxCompressedPageBytes = 2 * pageBytes;
const crcChunkBytes = 1024 * 1024;
const maxDirectoryDepth = 2048;
const signature = new TextEncoder().encode('Compressed ROMFS');

const flags = {
  fsidVersion2: 0x1,
  sortedDirs: 0x2,
  holes: 0x100,
  wrongSignature: 0x200,
  shiftedRootOffset: 0x400,
  extBlockPointers: 0x800,
} as const;
/** CRAMFS_SUPPORTED_FLAGS of the kernel. */
const knownFlags = 0xff | flags.holes | flags.wrongSignature | flags.shiftedRootOffset | flags.extBlockPointers;

const modeType = { mask: 0o170000, directory: 0o040000, file: 0o100000 } as const;

export interface CramfsInode {
  readonly mode: number;
  readonly size: number;
  readonly nameBytes: number;
  /** Byte offset (the stored offset × 4). */
  readonly offset: number;
}

export interface CramfsSuperblock {
  readonly littleEndian: boolean;
  readonly size: number;
  readonly flags: number;
  readonly crc: number;
  readonly root: CramfsInode;
}

/** Decodes one 12-byte inode in the image's byte order. */
export function parseCramfsInode(bytes: Uint8Array, littleEndian: boolean): CramfsInode {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 12);
  if (littleEndian) {
    const w0 = view.getUint32(0, true);
    const w1 = view.getUint32(4, true);
    const w2 = view.getUint32(8, true);
    return { mode: w0 & 0xffff, size: w1 & 0xffffff, nameBytes: (w2 & 0x3f) * 4, offset: (w2 >>> 6) * 4 };
  }
  return {
    mode: view.getUint16(0),
    size: (bytes[4]! << 16) | (bytes[5]! << 8) | bytes[6]!,
    nameBytes: (bytes[8]! >> 2) * 4,
    offset: (((bytes[8]! & 3) << 24) | (bytes[9]! << 16) | (bytes[10]! << 8) | bytes[11]!) * 4,
  };
}

/** Parses the superblock (magic in either byte order, the signature, a size that holds the superblock and root inode). */
export function parseCramfsSuperblock(head: Uint8Array): { readonly superblock: CramfsSuperblock } | { readonly reason: string } {
  if (head.length < 4) return { reason: 'shorter than a cramfs magic' };
  const littleEndian = head[0] === 0x45 && head[1] === 0x3d && head[2] === 0xcd && head[3] === 0x28;
  const bigEndian = head[0] === 0x28 && head[1] === 0xcd && head[2] === 0x3d && head[3] === 0x45;
  if (!littleEndian && !bigEndian) return { reason: 'no cramfs magic' };
  if (head.length < superblockBytes + inodeBytes) return { reason: 'shorter than a cramfs superblock' };
  if (!signature.every((byte, i) => head[16 + i] === byte)) return { reason: 'no "Compressed ROMFS" signature' };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const size = view.getUint32(4, littleEndian);
  if (size < superblockBytes + inodeBytes) return { reason: `size ${size} smaller than the superblock` };
  return {
    superblock: {
      littleEndian,
      size,
      flags: view.getUint32(8, littleEndian),
      crc: view.getUint32(32, littleEndian),
      root: parseCramfsInode(head.subarray(superblockBytes, superblockBytes + inodeBytes), littleEndian),
    },
  };
}

export const cramfsHandler = defineHandler({
  id: 'cramfs',
  kind: 'filesystem',
  doc: {
    name: 'cramfs filesystem (little- and big-endian)',
    references: ['https://github.com/torvalds/linux/blob/master/include/uapi/linux/cramfs_fs.h', 'https://github.com/util-linux/util-linux/blob/master/disk-utils/mkfs.cramfs.c'],
    limitations: [
      'Pages of 4 KiB are assumed (mkfs.cramfs -b with another size is read as damaged pages).',
      'Extended block pointers (CRAMFS_FLAG_EXT_BLOCK_POINTERS, uncompressed or direct blocks for XIP) are unsupported: such images are scanned raw.',
      'An image padded for boot code (mkfs.cramfs -p: the superblock at 512) is only found by carving.',
    ],
  },
  signatures: [
    { magic: Uint8Array.of(0x45, 0x3d, 0xcd, 0x28), offset: 0 },
    { magic: Uint8Array.of(0x28, 0xcd, 0x3d, 0x45), offset: 0 },
  ],
  headLength: superblockBytes + inodeBytes,
  detect(head) {
    const parsed = parseCramfsSuperblock(head);
    if ('reason' in parsed) return { ok: false, reason: parsed.reason };
    return { ok: true, length: parsed.superblock.size, reasons: [`cramfs ${parsed.superblock.littleEndian ? 'little' : 'big'}-endian`] };
  },
  open: openCramfs,
});

async function* openCramfs(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = await openWindow(await input.file(), 'cramfs');
  try {
    const parsed = parseCramfsSuperblock(await reader.read(0, Math.min(reader.size, superblockBytes + inodeBytes)));
    if ('reason' in parsed) throw new InputError('corrupt', `cramfs: ${parsed.reason}`, 0);
    const sb = parsed.superblock;
    if (sb.flags & ~knownFlags) throw new InputError('unsupported', `cramfs: unknown feature flags 0x${(sb.flags & ~knownFlags).toString(16)}; scanned raw only`, 8);
    if (sb.flags & flags.extBlockPointers) throw new InputError('unsupported', 'cramfs: extended block pointers (XIP images) are not supported; scanned raw only', 8);
    if (sb.size > reader.size) ctx.problem('corrupt', `cramfs: truncated image: size is ${sb.size}, only ${reader.size} bytes present`, reader.size);
    else if (sb.flags & flags.fsidVersion2) await checkCrc(reader, sb, ctx);
    yield* walk(reader, sb, ctx);
  } finally {
    await reader.close();
  }
}

/** The CRC-32 of the image with the crc field (offset 32) read as zero. */
async function checkCrc(reader: WindowReader, sb: CramfsSuperblock, ctx: OpenContext): Promise<void> {
  let crc = 0;
  for (let at = 0; at < sb.size; at += crcChunkBytes) {
    const chunk = await reader.read(at, Math.min(crcChunkBytes, sb.size - at));
    if (at === 0) chunk.fill(0, 32, 36);
    crc = crc32(chunk, crc);
  }
  if (crc >>> 0 !== sb.crc) ctx.problem('corrupt', `cramfs: CRC-32 mismatch (stored 0x${sb.crc.toString(16)}, computed 0x${(crc >>> 0).toString(16)}); the image was opened anyway`, 32);
}

interface Entry {
  readonly inode: CramfsInode;
  readonly name: Uint8Array;
  readonly at: number;
}

async function* walk(reader: WindowReader, sb: CramfsSuperblock, ctx: OpenContext): AsyncGenerator<Child> {
  const limit = Math.min(sb.size, reader.size);
  if ((sb.root.mode & modeType.mask) !== modeType.directory) throw new InputError('corrupt', 'cramfs: the root inode is not a directory', superblockBytes);
  const visited = new Set<number>([sb.root.offset]);
  const stack: { path: Uint8Array; entries: AsyncGenerator<Entry> }[] = [{ path: new Uint8Array(0), entries: listing(reader, sb, sb.root, limit) }];
  while (stack.length > 0 && !ctx.signal.aborted) {
    const frame = stack[stack.length - 1]!;
    let next: IteratorResult<Entry>;
    try {
      next = await frame.entries.next();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ctx.problem(error.kind, `cramfs: directory ${describePath(frame.path)}: ${error.message}; the rest of it was skipped`, error.offset);
      stack.pop();
      continue;
    }
    if (next.done === true) {
      stack.pop();
      continue;
    }
    const { inode, name, at } = next.value;
    const path = joinPath(frame.path, name);
    const type = inode.mode & modeType.mask;
    if (type === modeType.directory) {
      if (inode.size === 0) continue;
      if (visited.has(inode.offset)) {
        ctx.problem('corrupt', `cramfs: directory ${describePath(path)} points at entries already walked (a loop); not walked again`, at);
      } else if (stack.length >= maxDirectoryDepth) {
        ctx.problem('limit', `cramfs: ${describePath(path)} is nested deeper than ${maxDirectoryDepth} directories; not walked`, at);
      } else {
        visited.add(inode.offset);
        stack.push({ path, entries: listing(reader, sb, inode, limit) });
      }
    } else if (type === modeType.file) {
      yield { link: { format: 'cramfs', path, offset: inode.size === 0 ? at : inode.offset }, stream: fileData(reader, sb, inode, path, limit), size: inode.size };
    }
    // symlinks (their target is stored as data), devices, FIFOs, sockets: no file content, never followed
  }
}

/** The entries of a directory: inodes and names packed in `[offset, offset + size)`. */
async function* listing(reader: WindowReader, sb: CramfsSuperblock, dir: CramfsInode, limit: number): AsyncGenerator<Entry> {
  const end = dir.offset + dir.size;
  if (dir.offset < superblockBytes + inodeBytes || end > limit) throw new InputError('corrupt', `entries at ${dir.offset}..${end} lie outside the image`, dir.offset);
  for (let at = dir.offset; at < end; ) {
    if (end - at < inodeBytes) throw new InputError('corrupt', 'an inode is cut short by the end of the directory', at);
    const inode = parseCramfsInode(await reader.read(at, inodeBytes), sb.littleEndian);
    if (inode.nameBytes === 0 || at + inodeBytes + inode.nameBytes > end) throw new InputError('corrupt', `an entry name of ${inode.nameBytes} bytes does not fit the directory`, at);
    const padded = await reader.read(at + inodeBytes, inode.nameBytes);
    const nul = padded.indexOf(0);
    const name = nul < 0 ? padded : padded.subarray(0, nul);
    if (name.length === 0 || name.includes(0x2f) || (name.length <= 2 && name.every((byte) => byte === 0x2e))) {
      throw new InputError('corrupt', 'an entry with an empty, "." , ".." or "/"-containing name', at);
    }
    yield { inode, name, at };
    at += inodeBytes + inode.nameBytes;
  }
}

/** A file's pages in order: each a zlib stream between two block pointers; an empty one is a hole. */
async function* fileData(reader: WindowReader, sb: CramfsSuperblock, inode: CramfsInode, path: Uint8Array, limit: number): AsyncGenerator<Uint8Array> {
  if (inode.size === 0) return;
  const where = describePath(path);
  const pages = Math.ceil(inode.size / pageBytes);
  const tableEnd = inode.offset + pages * 4;
  if (inode.offset < superblockBytes + inodeBytes || tableEnd > limit) throw new InputError('corrupt', `cramfs: ${where}: block table at ${inode.offset} lies outside the image`, inode.offset);
  const damaged: string[] = [];
  let start = tableEnd;
  for (let first = 0; first < pages; first += 1024) {
    const count = Math.min(1024, pages - first);
    const table = await reader.read(inode.offset + first * 4, count * 4);
    const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
    for (let i = 0; i < count; i++) {
      const index = first + i;
      const end = view.getUint32(i * 4, sb.littleEndian);
      const expected = Math.min(pageBytes, inode.size - index * pageBytes);
      if (end < start || end > limit || end - start > maxCompressedPageBytes) {
        throw new InputError('corrupt', `cramfs: ${where}: page ${index} ends at ${end} (starts at ${start}); the rest of the file cannot be located`, inode.offset + index * 4);
      }
      if (end === start) {
        yield new Uint8Array(expected); // a hole (mkfs.cramfs -z)
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = zlibDecompress(await reader.read(start, end - start), pageBytes);
        if (bytes.length !== expected) throw new InputError('corrupt', `decodes to ${bytes.length} bytes, ${expected} expected`);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        damaged.push(`page ${index} at ${start}: ${error.message}`);
        bytes = new Uint8Array(expected);
      }
      yield bytes;
      start = end;
    }
  }
  if (damaged.length > 0) {
    throw new InputError('corrupt', `cramfs: ${where}: ${damaged.length} damaged page(s) scanned as zeros, the rest of the file was scanned: ${damaged.slice(0, 3).join('; ')}${damaged.length > 3 ? '; …' : ''}`);
  }
}
