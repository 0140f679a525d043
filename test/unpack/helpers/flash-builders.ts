/**
 * Byte builders for JFFS2, UBI and UBIFS structures in unit tests: each writes the fields the
 * handlers read, with the CRCs the kernel would compute, so a test can state one node or PEB
 * at a time and then damage exactly the field it is about.
 */
import { crc32Jffs2, crc32Ubi } from '../../../src/unpack/codecs/checksums.js';

// ---------------------------------------------------------------------------------------
// JFFS2
// ---------------------------------------------------------------------------------------

export type Endian = 'le' | 'be';

class Fields {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  constructor(
    length: number,
    readonly le: boolean,
  ) {
    this.bytes = new Uint8Array(length);
    this.view = new DataView(this.bytes.buffer);
  }
  u8(at: number, value: number): this {
    this.bytes[at] = value;
    return this;
  }
  u16(at: number, value: number): this {
    this.view.setUint16(at, value, this.le);
    return this;
  }
  u32(at: number, value: number): this {
    this.view.setUint32(at, value >>> 0, this.le);
    return this;
  }
  u64(at: number, value: number | bigint): this {
    this.view.setBigUint64(at, BigInt(value), this.le);
    return this;
  }
  set(at: number, bytes: Uint8Array): this {
    this.bytes.set(bytes, at);
    return this;
  }
}

function jffs2Node(endian: Endian, nodeType: number, length: number): Fields {
  const node = new Fields(length, endian === 'le');
  node.u16(0, 0x1985).u16(2, nodeType).u32(4, length);
  node.u32(8, crc32Jffs2(node.bytes.subarray(0, 8)));
  return node;
}

export function jffs2Cleanmarker(endian: Endian = 'le'): Uint8Array {
  return jffs2Node(endian, 0x2003, 12).bytes;
}

export interface Jffs2Inode {
  readonly ino: number;
  readonly version: number;
  readonly mode?: number;
  readonly isize: number;
  readonly offset?: number;
  /** Stored bytes (already compressed when `compr` says so). */
  readonly data?: Uint8Array;
  /** Uncompressed size; defaults to `data.length`. */
  readonly dsize?: number;
  readonly compr?: number;
  /** Store a wrong data CRC. */
  readonly badDataCrc?: boolean;
}

export function jffs2Inode(inode: Jffs2Inode, endian: Endian = 'le'): Uint8Array {
  const data = inode.data ?? new Uint8Array(0);
  const node = jffs2Node(endian, 0xe002, 68 + data.length);
  node
    .u32(12, inode.ino)
    .u32(16, inode.version)
    .u32(20, inode.mode ?? 0o100644)
    .u32(28, inode.isize)
    .u32(44, inode.offset ?? 0)
    .u32(48, data.length)
    .u32(52, inode.dsize ?? data.length)
    .u8(56, inode.compr ?? 0)
    .u32(60, crc32Jffs2(data) ^ (inode.badDataCrc === true ? 1 : 0));
  node.u32(64, crc32Jffs2(node.bytes.subarray(0, 60)));
  return node.set(68, data).bytes;
}

export function jffs2Dirent(dirent: { pino: number; version: number; ino: number; name: string; type?: number }, endian: Endian = 'le'): Uint8Array {
  const name = new TextEncoder().encode(dirent.name);
  const node = jffs2Node(endian, 0xe001, 40 + name.length);
  node.u32(12, dirent.pino).u32(16, dirent.version).u32(20, dirent.ino).u8(28, name.length).u8(29, dirent.type ?? 8);
  node.u32(32, crc32Jffs2(node.bytes.subarray(0, 32))).u32(36, crc32Jffs2(name));
  return node.set(40, name).bytes;
}

/** Nodes laid out 4-byte aligned, padded with 0xFF to a whole number of `eraseBlock` bytes. */
export function jffs2Image(nodes: readonly Uint8Array[], eraseBlock = 4096): Uint8Array {
  const used = nodes.reduce((sum, node) => sum + ((node.length + 3) & ~3), 0);
  const image = new Uint8Array(Math.max(eraseBlock, Math.ceil(used / eraseBlock) * eraseBlock)).fill(0xff);
  let at = 0;
  for (const node of nodes) {
    image.set(node, at);
    at += (node.length + 3) & ~3;
  }
  return image;
}

// ---------------------------------------------------------------------------------------
// UBI (big-endian headers, CRC over the first 60 bytes)
// ---------------------------------------------------------------------------------------

export const ubiGeometry = { peb: 4096, vidOffset: 64, dataOffset: 128 } as const;
export const ubiLebBytes = ubiGeometry.peb - ubiGeometry.dataOffset;

function sealUbi(header: Fields): Uint8Array {
  header.u32(60, crc32Ubi(header.bytes.subarray(0, 60)));
  return header.bytes;
}

export function ubiEcHeader(imageSeq = 0x12345678): Uint8Array {
  const header = new Fields(64, false);
  header.set(0, Uint8Array.of(0x55, 0x42, 0x49, 0x23)).u8(4, 1).u32(16, ubiGeometry.vidOffset).u32(20, ubiGeometry.dataOffset).u32(24, imageSeq);
  return sealUbi(header);
}

export function ubiVidHeader(vid: { volumeId: number; lnum: number; sqnum?: number; type?: number; dataSize?: number }): Uint8Array {
  const header = new Fields(64, false);
  header.u32(0, 0x55424921).u8(4, 1).u8(5, vid.type ?? 1).u32(8, vid.volumeId).u32(12, vid.lnum).u32(20, vid.dataSize ?? 0).u64(40, vid.sqnum ?? 0);
  return sealUbi(header);
}

/** One PEB: EC header, optional VID header, LEB data (padded with 0xFF). */
export function ubiPeb(vid?: Parameters<typeof ubiVidHeader>[0], data: Uint8Array = new Uint8Array(0), imageSeq?: number): Uint8Array {
  const peb = new Uint8Array(ubiGeometry.peb).fill(0xff);
  peb.set(ubiEcHeader(imageSeq), 0);
  if (vid !== undefined) peb.set(ubiVidHeader(vid), ubiGeometry.vidOffset);
  peb.set(data.subarray(0, ubiLebBytes), ubiGeometry.dataOffset);
  return peb;
}

/** A volume table LEB with the given (id, name) records. */
export function ubiVolumeTable(volumes: readonly { id: number; name: string; reservedPebs?: number; type?: number }[]): Uint8Array {
  const table = new Uint8Array(ubiLebBytes);
  for (let id = 0; id * 172 + 172 <= table.length && id < 128; id++) {
    const record = new Fields(172, false);
    const volume = volumes.find((v) => v.id === id);
    if (volume !== undefined) {
      const name = new TextEncoder().encode(volume.name);
      record.u32(0, volume.reservedPebs ?? 1).u32(4, 1).u8(12, volume.type ?? 1).u16(14, name.length).set(16, name);
    }
    record.u32(168, crc32Ubi(record.bytes.subarray(0, 168)));
    table.set(record.bytes, id * 172);
  }
  return table;
}

export const ubiLayoutVolumeId = 0x7fffefff;

// ---------------------------------------------------------------------------------------
// UBIFS (little-endian, CRC over bytes 8..len)
// ---------------------------------------------------------------------------------------

export const ubifsLebBytes = 16384;

function ubifsNode(nodeType: number, length: number, sqnum: number): Fields {
  const node = new Fields(length, true);
  node.u32(0, 0x06101831).u64(8, sqnum).u32(16, length).u8(20, nodeType);
  return node;
}

function sealUbifs(node: Fields): Uint8Array {
  node.u32(4, crc32Ubi(node.bytes.subarray(8)));
  return node.bytes;
}

export function ubifsSuperblock(): Uint8Array {
  const node = ubifsNode(6, 4096, 1);
  node.u32(32, 8).u32(36, ubifsLebBytes).u32(40, 64).u16(84, 1);
  return sealUbifs(node);
}

export function ubifsInode(inode: { ino: number; sqnum: number; creatSqnum?: number; size: number; nlink?: number; mode?: number; flags?: number }): Uint8Array {
  const node = ubifsNode(0, 160, inode.sqnum);
  node
    .u32(24, inode.ino)
    .u32(28, 0)
    .u64(40, inode.creatSqnum ?? 0)
    .u64(48, inode.size)
    .u32(92, inode.nlink ?? 1)
    .u32(104, inode.mode ?? 0o100644)
    .u32(108, inode.flags ?? 0);
  return sealUbifs(node);
}

export function ubifsDent(dent: { parent: number; target: number; name: string; sqnum: number; type?: number }): Uint8Array {
  const name = new TextEncoder().encode(dent.name);
  const node = ubifsNode(2, 56 + name.length + 1, dent.sqnum);
  node.u32(24, dent.parent).u32(28, (2 << 29) >>> 0).u64(40, dent.target).u8(49, dent.type ?? 0).u16(50, name.length).set(56, name);
  return sealUbifs(node);
}

export function ubifsData(data: { ino: number; block: number; sqnum: number; size: number; compr?: number; bytes: Uint8Array }): Uint8Array {
  const node = ubifsNode(1, 48 + data.bytes.length, data.sqnum);
  node.u32(24, data.ino).u32(28, ((1 << 29) | data.block) >>> 0).u32(40, data.size).u16(44, data.compr ?? 0).set(48, data.bytes);
  return sealUbifs(node);
}

export function ubifsTruncation(trun: { ino: number; sqnum: number; oldSize: number; newSize: number }): Uint8Array {
  const node = ubifsNode(4, 56, trun.sqnum);
  node.u32(24, trun.ino).u64(40, trun.oldSize).u64(48, trun.newSize);
  return sealUbifs(node);
}

/** A master node placing the index root at LEB `rootLeb` (root_lnum, root_offs, root_len). */
export function ubifsMaster(rootLeb = 1, sqnum = 1): Uint8Array {
  const node = ubifsNode(7, 512, sqnum);
  node.u32(48, rootLeb).u32(52, 0).u32(56, 512);
  return sealUbifs(node);
}

/** LEB 0 = superblock; a master node, then the nodes, from LEB 1, 8-byte aligned, each LEB padded with 0xFF. */
export function ubifsVolume(nodes: readonly Uint8Array[], master = ubifsMaster()): Uint8Array {
  const lebs: Uint8Array[] = [];
  const first = new Uint8Array(ubifsLebBytes).fill(0xff);
  first.set(ubifsSuperblock());
  lebs.push(first);
  let leb = new Uint8Array(ubifsLebBytes).fill(0xff);
  let at = 0;
  for (const node of [master, ...nodes]) {
    if (at + node.length > ubifsLebBytes) {
      lebs.push(leb);
      leb = new Uint8Array(ubifsLebBytes).fill(0xff);
      at = 0;
    }
    leb.set(node, at);
    at += (node.length + 7) & ~7;
  }
  lebs.push(leb);
  const out = new Uint8Array(lebs.length * ubifsLebBytes);
  lebs.forEach((bytes, i) => out.set(bytes, i * ubifsLebBytes));
  return out;
}
