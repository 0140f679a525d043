/**
 * JFFS2 on-flash structures (Linux `include/uapi/linux/jffs2.h`, `fs/jffs2/`), decoded by
 * pure functions: node headers, inode and dirent nodes with their CRCs, the fragment map of a
 * file (the latest version wins per byte range, as the kernel's fragtree), and the `rtime`
 * decompressor (`fs/jffs2/compr_rtime.c`). Streaming glue is in jffs2.ts.
 *
 *   00000000: 8519 0320 0c00 0000 ...     magic 0x1985 (LE), node type 0x2003 (cleanmarker), total length 12, header CRC
 *   0000000c: 8519 01e0 2b00 0000 ...     dirent 0xE001: pino, version, ino, mctime, nsize, type, node CRC, name CRC, name
 *   00000038: 8519 02e0 4400 0000 ...     inode 0xE002: ino, version, mode, uid, gid, isize, times, offset, csize, dsize, compr, …
 *
 * CRCs are the kernel's `crc32(0, …)` (crc32Jffs2): the header CRC covers the first 8 bytes,
 * an inode's node CRC its first 60, a dirent's its first 32; then the name and the data have
 * their own. Nodes are 4-byte aligned and never cross an erase block.
 */
import { crc32Jffs2 } from '../codecs/checksums.js';

export const jffs2Magic = 0x1985;
/** The magic of the earliest JFFS2 versions, still accepted by the kernel scan. */
export const jffs2OldMagic = 0x1984;
/** Node types (nodetype with the ACCURATE bit 0x2000; a node whose bit was cleared is obsolete). */
export const jffs2NodeTypes = {
  dirent: 0xe001,
  inode: 0xe002,
  cleanmarker: 0x2003,
  padding: 0x2004,
  summary: 0x2006,
  xattr: 0xe008,
  xref: 0xe009,
} as const;
const accurateBit = 0x2000;
/** Feature bits of a node type: an unknown INCOMPAT node means the kernel refuses the image. */
const featureMask = 0xc000;
const featureIncompat = 0xc000;

/** Compression ids of inode data (`JFFS2_COMPR_*`; 8 is OpenWrt's LZMA). */
export const jffs2Compression = { none: 0, zero: 1, rtime: 2, rubinmips: 3, copy: 4, dynrubin: 5, zlib: 6, lzo: 7, lzma: 8 } as const;

export type Endian = 'le' | 'be';

export const nodeHeaderBytes = 12;
export const inodeHeaderBytes = 68;
export const direntHeaderBytes = 40;

export interface NodeHeader {
  /** With the ACCURATE bit set, also for obsolete nodes (compare with `jffs2NodeTypes`). */
  readonly nodeType: number;
  readonly totalLength: number;
  readonly crcValid: boolean;
  readonly obsolete: boolean;
}

/** The byte order whose magic sits at `bytes[at]`, if any. */
export function magicEndian(bytes: Uint8Array, at: number): Endian | undefined {
  const b0 = bytes[at];
  const b1 = bytes[at + 1];
  if ((b0 === 0x85 || b0 === 0x84) && b1 === 0x19) return 'le';
  if (b0 === 0x19 && (b1 === 0x85 || b1 === 0x84)) return 'be';
  return undefined;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The 12-byte common header at `bytes[at]` in byte order `endian`. */
export function parseNodeHeader(bytes: Uint8Array, at: number, endian: Endian): NodeHeader {
  const data = view(bytes);
  const le = endian === 'le';
  const nodeType = data.getUint16(at + 2, le);
  const totalLength = data.getUint32(at + 4, le);
  // The kernel clears the ACCURATE bit in place to obsolete a node, without updating the CRC.
  const stored = data.getUint32(at + 8, le);
  const header = new Uint8Array(bytes.subarray(at, at + 8)); // a copy: patched below, and `bytes` may be a Buffer (whose slice is a view)
  const computed = crc32Jffs2(header);
  let crcValid = computed === stored;
  const obsolete = (nodeType & accurateBit) === 0;
  if (!crcValid && obsolete) {
    new DataView(header.buffer).setUint16(2, nodeType | accurateBit, le);
    crcValid = crc32Jffs2(header) === stored;
  }
  return { nodeType: nodeType | accurateBit, totalLength, crcValid, obsolete };
}

/** True when a node of this type may be skipped by a reader that does not know it. */
export function isCompatibleNodeType(nodeType: number): boolean {
  return (nodeType & featureMask) !== featureIncompat;
}

export interface InodeNode {
  /** Offset of the node header in the image. */
  readonly at: number;
  readonly ino: number;
  readonly version: number;
  readonly mode: number;
  readonly isize: number;
  readonly mtime: number;
  readonly offset: number;
  readonly csize: number;
  readonly dsize: number;
  readonly compr: number;
  readonly dataCrc: number;
}

/** An inode node (its 68-byte header); a string says why it is invalid. */
export function parseInodeNode(bytes: Uint8Array, at: number, endian: Endian, totalLength: number): InodeNode | string {
  if (totalLength < inodeHeaderBytes || bytes.length < at + inodeHeaderBytes) return 'inode node shorter than its header';
  const data = view(bytes);
  const le = endian === 'le';
  if (crc32Jffs2(bytes.subarray(at, at + 60)) !== data.getUint32(at + 64, le)) return 'inode node CRC mismatch';
  const node: InodeNode = {
    at,
    ino: data.getUint32(at + 12, le),
    version: data.getUint32(at + 16, le),
    mode: data.getUint32(at + 20, le),
    isize: data.getUint32(at + 28, le),
    mtime: data.getUint32(at + 36, le),
    offset: data.getUint32(at + 44, le),
    csize: data.getUint32(at + 48, le),
    dsize: data.getUint32(at + 52, le),
    compr: bytes[at + 56]!,
    dataCrc: data.getUint32(at + 60, le),
  };
  if (inodeHeaderBytes + node.csize > totalLength) return 'inode data runs past the node';
  return node;
}

export interface DirentNode {
  readonly at: number;
  readonly pino: number;
  readonly version: number;
  /** 0: the name was unlinked. */
  readonly ino: number;
  readonly type: number;
  readonly name: Uint8Array;
}

/** A dirent node with its name; a string says why it is invalid. */
export function parseDirentNode(bytes: Uint8Array, at: number, endian: Endian, totalLength: number): DirentNode | string {
  if (totalLength < direntHeaderBytes || bytes.length < at + direntHeaderBytes) return 'dirent node shorter than its header';
  const data = view(bytes);
  const le = endian === 'le';
  if (crc32Jffs2(bytes.subarray(at, at + 32)) !== data.getUint32(at + 32, le)) return 'dirent node CRC mismatch';
  const nameLength = bytes[at + 28]!;
  if (direntHeaderBytes + nameLength > totalLength || bytes.length < at + direntHeaderBytes + nameLength) return 'dirent name runs past the node';
  // A copy: a view would keep the whole read window alive for as long as the name.
  const name = new Uint8Array(bytes.subarray(at + direntHeaderBytes, at + direntHeaderBytes + nameLength));
  if (crc32Jffs2(name) !== data.getUint32(at + 36, le)) return 'dirent name CRC mismatch';
  return { at, pino: data.getUint32(at + 12, le), version: data.getUint32(at + 16, le), ino: data.getUint32(at + 20, le), type: bytes[at + 29]!, name };
}

/** A byte range `[start, end)` of a file and the node that supplies it (undefined: a hole, zeros). */
export interface Fragment {
  readonly start: number;
  readonly end: number;
  readonly node?: InodeNode;
}

/**
 * The fragment map of one file: nodes applied in version order, each covering
 * `[offset, offset + dsize)` and replacing what older versions put there; everything is cut
 * at `isize` of the latest node, and gaps are holes. Cost: O(nodes × fragments), fine for the
 * page-sized nodes JFFS2 writes.
 */
export function buildFragments(nodes: readonly InodeNode[], isize: number): Fragment[] {
  let fragments: Fragment[] = [];
  for (const node of [...nodes].sort((a, b) => a.version - b.version)) {
    if (node.dsize === 0) continue;
    const start = node.offset;
    const end = Math.min(node.offset + node.dsize, isize);
    if (end <= start) continue;
    const next: Fragment[] = [];
    for (const fragment of fragments) {
      if (fragment.end <= start || fragment.start >= end) {
        next.push(fragment);
        continue;
      }
      if (fragment.start < start) next.push({ ...fragment, end: start });
      if (fragment.end > end) next.push({ ...fragment, start: end });
    }
    next.push({ start, end, node });
    fragments = next.sort((a, b) => a.start - b.start);
  }
  const filled: Fragment[] = [];
  let at = 0;
  for (const fragment of fragments) {
    if (fragment.start >= isize) break;
    if (fragment.start > at) filled.push({ start: at, end: fragment.start });
    filled.push(fragment);
    at = fragment.end;
  }
  if (at < isize) filled.push({ start: at, end: isize });
  return filled;
}

/**
 * rtime (`fs/jffs2/compr_rtime.c`): pairs of (literal byte, repeat count); the repeat copies
 * from just after the previous occurrence of that byte value. Returns undefined when the
 * input runs out or a copy would pass `outputLength`.
 */
export function rtimeDecompress(input: Uint8Array, outputLength: number): Uint8Array | undefined {
  const out = new Uint8Array(outputLength);
  const positions = new Uint32Array(256);
  let inPos = 0;
  let outPos = 0;
  while (outPos < outputLength) {
    if (inPos + 2 > input.length) return undefined;
    const value = input[inPos++]!;
    out[outPos++] = value;
    let repeat = input[inPos++]!;
    let back = positions[value]!;
    positions[value] = outPos;
    if (outPos + repeat > outputLength) return undefined;
    while (repeat-- > 0) out[outPos++] = out[back++]!;
  }
  return out;
}
