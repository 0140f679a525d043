/**
 * UBIFS volumes (the contents of a UBI volume, or a `mkfs.ubifs` image), read without the
 * index B-tree: every LEB is scanned for nodes (ubifs-format.ts), the node with the highest
 * sequence number wins per key (inode, directory entry, file block), and each regular file is
 * rebuilt block by block (4 KiB data nodes, each compressed on its own with LZO, zlib (raw
 * deflate) or zstd) and streamed. This also finds what the index no longer points at:
 * files deleted but not yet garbage-collected are scanned under `<unlinked>/ino-N`.
 *
 * Stale data is kept out the way the kernel's replay would: a data node older than its inode's
 * creation sequence number belongs to an earlier file with the same number, and a data node
 * older than a truncation node at or below its block is cut off.
 *
 *   LEB 0: superblock node (type 6, 4096 bytes: min I/O, LEB size, LEB count, default compressor)
 *   LEBs 1-2: master nodes; then log, LPT, orphan and main area (index, inode, dentry, data nodes)
 */
import { inflateRawSync } from 'node:zlib';
import { lzo1xDecompress } from '../codecs/lzo.js';
import { zstdDecompress } from '../codecs/zstd.js';
import { openWindow, type WindowReader } from '../file-window.js';
import { resolvePath, sortNames, unlinkedPath, type NameLink } from './flash-paths.js';
import { messageOf } from '../streams.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';
import {
  dataNodeBytes,
  parseCommonHeader,
  parseDataNode,
  parseDentNode,
  parseInodeNode,
  parseMasterNode,
  parseSuperblock,
  parseTruncationNode,
  rootInode,
  superblockBytes,
  ubifsBlockBytes,
  ubifsCompression,
  ubifsNodeTypes,
  type DataNode,
  type DentNode,
  type InodeNode,
  type MasterNode,
  type TruncationNode,
} from './ubifs-format.js';

/** Nodes kept per volume before the rest is left unread (a `limit` problem). Cost: ~100 bytes each. */
export const maxUbifsNodes = 2_000_000;
const modeTypeMask = 0o170000;
const modeRegular = 0o100000;
const encryptedFlag = 0x40;
const zeroBlock = new Uint8Array(ubifsBlockBytes);

export const ubifsHandler = defineHandler({
  id: 'ubifs',
  kind: 'filesystem',
  doc: {
    name: 'UBIFS volume',
    references: ['Linux fs/ubifs/ubifs-media.h', 'http://www.linux-mtd.infradead.org/doc/ubifs.html'],
    limitations: [
      'The index B-tree and the journal are not walked: nodes are taken by highest sequence number, which also surfaces deleted files.',
      'Encrypted files (fscrypt) are reported, not decrypted; extended attributes are skipped.',
      'Authenticated images (HMAC nodes) are read without checking the authentication.',
    ],
  },
  // The superblock's common header: len 4096 (00 10 00 00), node type 6, group 0, padding,
  // at offset 16 (after magic, CRC and sqnum, which vary).
  signatures: [{ magic: Uint8Array.of(0x00, 0x10, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00), offset: 16 }],
  headLength: superblockBytes,
  detect(head) {
    const superblock = parseSuperblock(head);
    return typeof superblock === 'string' ? { ok: false, reason: superblock } : { ok: true };
  },
  open: openUbifs,
});

interface Volume {
  readonly inodes: Map<number, InodeNode>;
  readonly dents: Map<string, DentNode>;
  readonly blocks: Map<number, Map<number, DataNode>>;
  readonly truncations: Map<number, TruncationNode[]>;
  /** The newest master node (LEBs 1-2), which places the index root. */
  master: MasterNode | undefined;
}

async function* openUbifs(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'ubifs');
  try {
    const superblock = parseSuperblock(await reader.read(0, Math.min(superblockBytes, reader.size)));
    if (typeof superblock === 'string') throw new InputError('corrupt', `ubifs: ${superblock}`, 0);
    const lebCount = Math.min(Math.ceil(reader.size / superblock.lebSize), superblock.lebCount);
    ctx.setLength(Math.min(reader.size, lebCount * superblock.lebSize));
    const volume = await scanVolume(reader, superblock.lebSize, lebCount, ctx);
    reportCut(volume.master, superblock.lebSize, reader.size, ctx);
    for (const file of listFiles(volume, ctx)) {
      if ((file.inode.flags & encryptedFlag) !== 0) {
        ctx.problem('encrypted', `ubifs: ${Buffer.from(file.path).toString('latin1')} is encrypted (fscrypt); its contents were not decrypted`);
        continue;
      }
      yield {
        link: { format: 'ubifs', path: file.path, offset: file.blocks.get(0)?.at ?? 0 },
        stream: fileStream(reader, file),
        size: file.inode.size,
      };
    }
  } finally {
    await reader.close();
  }
}

/** Pass 1: every node of every LEB. */
async function scanVolume(reader: WindowReader, lebSize: number, lebCount: number, ctx: OpenContext): Promise<Volume> {
  const volume: Volume = { inodes: new Map(), dents: new Map(), blocks: new Map(), truncations: new Map(), master: undefined };
  let nodes = 0;
  let badCrc = 0;
  const invalid: string[] = [];
  // LEB 0 holds only the superblock (the kernel reads nothing else there; mkfs.ubifs 2.1 leaves
  // other data after it).
  lebs: for (let leb = 1; leb < lebCount; leb++) {
    const base = leb * lebSize;
    const bytes = await reader.read(base, Math.min(lebSize, reader.size - base));
    for (let pos = 0; pos + 24 <= bytes.length; ) {
      const header = parseCommonHeader(bytes, pos);
      if (header === undefined) {
        pos += 8;
        continue;
      }
      if (!header.crcValid) {
        badCrc++;
        pos += 8;
        continue;
      }
      if (++nodes > maxUbifsNodes) {
        ctx.problem('limit', `ubifs: more than ${maxUbifsNodes} nodes; the rest of the volume was not read`, base + pos);
        break lebs;
      }
      const record = recordNode(volume, bytes, pos, header, base + pos);
      if (record !== undefined) invalid.push(`${record} at ${base + pos}`);
      // A padding node is followed by pad_len bytes of padding.
      const padding = header.nodeType === ubifsNodeTypes.pad && header.length >= 28 ? new DataView(bytes.buffer, bytes.byteOffset + pos).getUint32(24, true) : 0;
      pos += ((header.length + 7) & ~7) + padding;
    }
  }
  if (badCrc > 0) ctx.problem('corrupt', `ubifs: ${badCrc} nodes with a bad CRC were skipped (older versions of their data show through)`);
  if (invalid.length > 0) ctx.problem('corrupt', `ubifs: ${invalid.length} invalid nodes skipped (${invalid.slice(0, 3).join('; ')})`);
  return volume;
}

/** Keeps the newest node per key; returns why a node is invalid, if it is. */
function recordNode(volume: Volume, bytes: Uint8Array, pos: number, header: NonNullable<ReturnType<typeof parseCommonHeader>>, at: number): string | undefined {
  switch (header.nodeType) {
    case ubifsNodeTypes.inode: {
      const node = parseInodeNode(bytes, pos, header);
      if (typeof node === 'string') return node;
      const seen = volume.inodes.get(node.ino);
      if (seen === undefined || node.sqnum > seen.sqnum) volume.inodes.set(node.ino, node);
      return undefined;
    }
    case ubifsNodeTypes.data: {
      const node = parseDataNode(bytes, pos, header, at);
      if (typeof node === 'string') return node;
      const blocks = volume.blocks.get(node.ino) ?? new Map<number, DataNode>();
      const seen = blocks.get(node.block);
      if (seen === undefined || node.sqnum > seen.sqnum) blocks.set(node.block, node);
      volume.blocks.set(node.ino, blocks);
      return undefined;
    }
    case ubifsNodeTypes.dent: {
      const node = parseDentNode(bytes, pos, header);
      if (typeof node === 'string') return node;
      const key = `${node.parent}/${Buffer.from(node.name).toString('hex')}`;
      const seen = volume.dents.get(key);
      if (seen === undefined || node.sqnum > seen.sqnum) volume.dents.set(key, node);
      return undefined;
    }
    case ubifsNodeTypes.trun: {
      const node = parseTruncationNode(bytes, pos, header);
      if (typeof node === 'string') return node;
      const list = volume.truncations.get(node.ino) ?? [];
      list.push(node);
      volume.truncations.set(node.ino, list);
      return undefined;
    }
    case ubifsNodeTypes.mst: {
      const node = parseMasterNode(bytes, pos, header);
      if (typeof node === 'string') return node;
      if (volume.master === undefined || node.sqnum > volume.master.sqnum) volume.master = node;
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A volume cut short still holds valid nodes, so only the master node can tell: the index root
 * it names is written at every commit (last of all by mkfs.ubifs), so it must lie inside the data.
 */
function reportCut(master: MasterNode | undefined, lebSize: number, size: number, ctx: OpenContext): void {
  if (master === undefined) {
    ctx.problem('corrupt', `ubifs: no valid master node in LEBs 1-2; the volume ends at byte ${size} and may be cut short`, Math.min(size, lebSize));
    return;
  }
  const rootEnd = master.rootLeb * lebSize + master.rootOffset + master.rootLength;
  if (rootEnd > size) ctx.problem('corrupt', `ubifs: the data ends at byte ${size} (LEB ${Math.floor(size / lebSize)}), before the index root the master node places at LEB ${master.rootLeb} offset ${master.rootOffset}: the volume is cut short`, size);
}

interface FileEntry {
  readonly ino: number;
  readonly path: Uint8Array;
  readonly inode: InodeNode;
  readonly blocks: ReadonlyMap<number, DataNode>;
}

function listFiles(volume: Volume, ctx: OpenContext): FileEntry[] {
  const namesOf = new Map<number, NameLink[]>();
  for (const dent of volume.dents.values()) {
    if (dent.target === 0) continue;
    const list = namesOf.get(dent.target) ?? [];
    list.push({ parent: dent.parent, name: dent.name });
    namesOf.set(dent.target, list);
  }
  sortNames(namesOf);
  let broken = 0;
  const files: FileEntry[] = [];
  for (const [ino, inode] of volume.inodes) {
    if ((inode.mode & modeTypeMask) !== modeRegular) continue;
    const truncations = volume.truncations.get(ino) ?? [];
    const blocks = new Map<number, DataNode>();
    for (const [block, node] of volume.blocks.get(ino) ?? []) {
      if (node.sqnum < inode.creatSqnum) continue;
      if (truncations.some((t) => t.sqnum > node.sqnum && block * ubifsBlockBytes >= t.newSize)) continue;
      blocks.set(block, node);
    }
    let path = resolvePath(ino, namesOf, rootInode);
    if (path === undefined) {
      if (namesOf.has(ino)) broken++;
      else if (blocks.size === 0) continue;
      path = unlinkedPath(ino);
    }
    files.push({ ino, path, inode, blocks });
  }
  if (broken > 0) ctx.problem('corrupt', `ubifs: ${broken} files whose directory chain loops or is missing are scanned as <unlinked>/ino-N`);
  return files.sort((a, b) => Buffer.compare(a.path, b.path) || a.ino - b.ino);
}

/** Pass 2: a file's blocks in order; a missing block is a hole (zeros). */
async function* fileStream(reader: WindowReader, file: FileEntry): AsyncGenerator<Uint8Array> {
  const problems: string[] = [];
  let kind: InputError['kind'] = 'corrupt';
  const size = file.inode.size;
  for (let block = 0; block * ubifsBlockBytes < size; block++) {
    const length = Math.min(ubifsBlockBytes, size - block * ubifsBlockBytes);
    const node = file.blocks.get(block);
    if (node === undefined) {
      yield zeroBlock.subarray(0, length);
      continue;
    }
    let data: Uint8Array;
    try {
      data = decodeBlock(await reader.read(node.at + dataNodeBytes, node.length - dataNodeBytes), node);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (error.kind !== 'corrupt') kind = error.kind;
      problems.push(`block ${block} (node at ${node.at}): ${messageOf(error)}`);
      data = new Uint8Array(0);
    }
    if (data.length >= length) yield data.subarray(0, length);
    else {
      // A block shorter than 4 KiB inside the file: the rest of it is a hole.
      const padded = new Uint8Array(length);
      padded.set(data);
      yield padded;
    }
  }
  if (problems.length > 0) {
    throw new InputError(kind, `ubifs: ${problems.length} blocks could not be decoded and read as zeros (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''})`);
  }
}

function decodeBlock(raw: Uint8Array, node: DataNode): Uint8Array {
  let out: Uint8Array;
  switch (node.compression) {
    case ubifsCompression.none:
      out = raw;
      break;
    case ubifsCompression.lzo:
      out = lzo1xDecompress(raw, node.size);
      break;
    case ubifsCompression.zlib:
      // The kernel's crypto "deflate": raw deflate, no zlib header.
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(node.size, 1) });
      } catch (error) {
        throw new InputError('corrupt', `raw deflate: ${messageOf(error)}`);
      }
      break;
    case ubifsCompression.zstd:
      out = zstdDecompress(raw, node.size);
      break;
    default:
      throw new InputError('unsupported', `compression type ${node.compression}`);
  }
  if (out.length !== node.size) throw new InputError('corrupt', `decodes to ${out.length} bytes, the node says ${node.size}`);
  return out;
}
