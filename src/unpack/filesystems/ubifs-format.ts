/**
 * UBIFS on-flash nodes (Linux `fs/ubifs/ubifs-media.h`), decoded by pure functions. Every node
 * starts with a 24-byte common header; all fields are little-endian:
 *
 *   00000000: 3118 1006 | crc32 | sqnum (u64) | len (u32) | type | group | 0000
 *             magic 0x06101831, CRC-32 (crc32(0xFFFFFFFF, …), crc32Ubi) of bytes 8..len
 *
 * Keys (simple key format, the only one mkfs.ubifs and the kernel write): u32 inode number,
 * then u32 (type << 29 | value), value = block number (data) or name hash (dentry).
 * Nodes are 8-byte aligned inside a LEB.
 */
import { crc32Ubi } from '../codecs/checksums.js';

export const ubifsNodeMagic = 0x06101831;
export const commonHeaderBytes = 24;
export const ubifsNodeTypes = { inode: 0, data: 1, dent: 2, xent: 3, trun: 4, pad: 5, sb: 6, mst: 7, ref: 8, idx: 9, cs: 10, orph: 11 } as const;
/** Data compression ids (UBIFS_COMPR_*). */
export const ubifsCompression = { none: 0, lzo: 1, zlib: 2, zstd: 3 } as const;
/** File contents are split into 4 KiB blocks (UBIFS_BLOCK_SIZE), one data node each. */
export const ubifsBlockBytes = 4096;
export const superblockBytes = 4096;
/** Largest LEB accepted (each LEB is read whole in the node scan). */
export const maxLebBytes = 16 * 1024 * 1024;
export const rootInode = 1;

export interface CommonHeader {
  readonly sqnum: bigint;
  readonly length: number;
  readonly nodeType: number;
  readonly crcValid: boolean;
}

/** The common header at `bytes[at]`, or undefined without the node magic. CRC checked when the whole node is in `bytes`. */
export function parseCommonHeader(bytes: Uint8Array, at: number): CommonHeader | undefined {
  if (at + commonHeaderBytes > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  if (view.getUint32(0, true) !== ubifsNodeMagic) return undefined;
  const length = view.getUint32(16, true);
  const crcValid = length >= commonHeaderBytes && at + length <= bytes.length && crc32Ubi(bytes.subarray(at + 8, at + length)) === view.getUint32(4, true);
  return { sqnum: view.getBigUint64(8, true), length, nodeType: bytes[at + 20]!, crcValid };
}

export interface Superblock {
  readonly minIoSize: number;
  readonly lebSize: number;
  readonly lebCount: number;
  readonly defaultCompression: number;
}

export function parseSuperblock(bytes: Uint8Array, at = 0): Superblock | string {
  const header = parseCommonHeader(bytes, at);
  if (header === undefined) return 'no UBIFS node magic';
  if (header.nodeType !== ubifsNodeTypes.sb) return 'first UBIFS node is not a superblock';
  if (!header.crcValid) return 'UBIFS superblock CRC mismatch';
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const superblock = { minIoSize: view.getUint32(32, true), lebSize: view.getUint32(36, true), lebCount: view.getUint32(40, true), defaultCompression: view.getUint16(84, true) };
  // UBIFS_MIN_LEB_SZ is 15 KiB; LEBs are whole multiples of the minimal I/O unit; a LEB is
  // read whole, so it is also bounded from above (NAND erase blocks stay far below 16 MiB).
  if (superblock.lebSize < 15 * 1024 || superblock.lebSize > maxLebBytes || superblock.minIoSize < 8 || superblock.lebSize % superblock.minIoSize !== 0) return 'implausible UBIFS geometry';
  return superblock;
}

/** A key's inode number and its (type, value) word. */
function key(view: DataView, at: number): { ino: number; type: number; value: number } {
  const word = view.getUint32(at + 4, true);
  return { ino: view.getUint32(at, true), type: word >>> 29, value: word & 0x1fffffff };
}

export interface InodeNode {
  readonly ino: number;
  readonly sqnum: bigint;
  readonly creatSqnum: bigint;
  readonly size: number;
  readonly nlink: number;
  readonly mode: number;
  /** UBIFS_*_FL inode flags (0x40: encrypted contents, fscrypt). */
  readonly flags: number;
}

export interface DataNode {
  readonly ino: number;
  readonly block: number;
  readonly sqnum: bigint;
  /** Position of the node in the volume and its length (the data is read again in pass 2). */
  readonly at: number;
  readonly length: number;
  /** Uncompressed bytes in this block (≤ 4096). */
  readonly size: number;
  readonly compression: number;
}

export interface DentNode {
  readonly parent: number;
  readonly sqnum: bigint;
  /** 0: the name was deleted. */
  readonly target: number;
  readonly type: number;
  readonly name: Uint8Array;
}

export interface TruncationNode {
  readonly ino: number;
  readonly sqnum: bigint;
  readonly newSize: number;
}

export const inodeNodeBytes = 160;
export const dataNodeBytes = 48;
export const dentNodeBytes = 56;
export const trunNodeBytes = 56;

/** 64-bit sizes as numbers (an image cannot hold 2^53 bytes; larger is corrupt). */
function size64(view: DataView, at: number): number | undefined {
  const value = view.getBigUint64(at, true);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

export function parseInodeNode(bytes: Uint8Array, at: number, header: CommonHeader): InodeNode | string {
  if (header.length < inodeNodeBytes) return 'inode node too short';
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const size = size64(view, 48);
  if (size === undefined) return 'inode size out of range';
  return { ino: key(view, 24).ino, sqnum: header.sqnum, creatSqnum: view.getBigUint64(40, true), size, nlink: view.getUint32(92, true), mode: view.getUint32(104, true), flags: view.getUint32(108, true) };
}

export function parseDataNode(bytes: Uint8Array, at: number, header: CommonHeader, volumeAt: number): DataNode | string {
  if (header.length < dataNodeBytes) return 'data node too short';
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const k = key(view, 24);
  const size = view.getUint32(40, true);
  if (size > ubifsBlockBytes) return 'data node holds more than one block';
  return { ino: k.ino, block: k.value, sqnum: header.sqnum, at: volumeAt, length: header.length, size, compression: view.getUint16(44, true) };
}

export function parseDentNode(bytes: Uint8Array, at: number, header: CommonHeader): DentNode | string {
  if (header.length < dentNodeBytes) return 'directory entry node too short';
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const nameLength = view.getUint16(50, true);
  if (dentNodeBytes + nameLength > header.length) return 'directory entry name runs past the node';
  const target = size64(view, 40);
  if (target === undefined) return 'directory entry inode number out of range';
  return { parent: key(view, 24).ino, sqnum: header.sqnum, target, type: bytes[at + 49]!, name: new Uint8Array(bytes.subarray(at + dentNodeBytes, at + dentNodeBytes + nameLength)) };
}

export function parseTruncationNode(bytes: Uint8Array, at: number, header: CommonHeader): TruncationNode | string {
  if (header.length < trunNodeBytes) return 'truncation node too short';
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const newSize = size64(view, 48);
  if (newSize === undefined) return 'truncation size out of range';
  return { ino: view.getUint32(24, true), sqnum: header.sqnum, newSize };
}

/** Where a master node places the index root (`ubifs_mst_node`: root_lnum, root_offs, root_len). */
export interface MasterNode {
  readonly sqnum: bigint;
  readonly rootLeb: number;
  readonly rootOffset: number;
  readonly rootLength: number;
}

export const masterNodeBytes = 512;

export function parseMasterNode(bytes: Uint8Array, at: number, header: CommonHeader): MasterNode | string {
  if (header.length < masterNodeBytes) return 'master node too short';
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  return { sqnum: header.sqnum, rootLeb: view.getUint32(48, true), rootOffset: view.getUint32(52, true), rootLength: view.getUint32(56, true) };
}
