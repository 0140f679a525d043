/**
 * JFFS2 images (both byte orders), read the way the kernel mounts them, without its
 * directory index: one pass over every node of the image (jffs2-format.ts) collects inode
 * and dirent nodes, then each regular file is rebuilt from its nodes (the latest version wins
 * per byte range) and streamed node by node. Erased space (0xFF), cleanmarkers, padding and
 * summary nodes are skipped; obsolete nodes are skipped; a node with a bad CRC is ignored
 * (an older version of its range shows through, as in the kernel) and reported.
 *
 * Paths are the joined dirent names (latest version per parent and name; an unlink dirent
 * removes the name). Files whose name chain is broken or loops, and files that have data but
 * no name any more (deleted, not yet garbage-collected), are still scanned, under
 * `<unlinked>/ino-N`: their bytes are evidence.
 *
 * The image's end is not in any header: it is the end of the last valid node, rounded up to
 * the erase block (taken from the cleanmarker spacing) when erased space follows, reported
 * with `ctx.setLength`. Scanning stops at an erase-block boundary that holds neither a node
 * nor erased space.
 */
import { crc32Jffs2 } from '../codecs/checksums.js';
import { zlibDecompress } from '../codecs/zlib.js';
import { lzmaDecompressRaw } from '../codecs/lzma.js';
import { lzo1xDecompress } from '../codecs/lzo.js';
import { openWindow, type WindowReader } from '../file-window.js';
import {
  buildFragments,
  isCompatibleNodeType,
  jffs2Compression,
  jffs2NodeTypes,
  magicEndian,
  nodeHeaderBytes,
  inodeHeaderBytes,
  parseDirentNode,
  parseInodeNode,
  parseNodeHeader,
  rtimeDecompress,
  type DirentNode,
  type Endian,
  type Fragment,
  type InodeNode,
} from './jffs2-format.js';
import { resolvePath, sortNames, unlinkedPath, type NameLink } from './flash-paths.js';
import { messageOf } from '../streams.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput, } from '../types.js';

/** Nodes collected per image before the rest is left unread (a `limit` problem). Cost: ~100 bytes each. */
export const maxJffs2Nodes = 2_000_000;
/** Largest node data accepted (the kernel writes at most one page; 64 KiB pages exist). */
export const maxJffs2NodeDataBytes = 1024 * 1024;
/** An inode node's header plus its largest accepted data. */
const maxNodeBytes = inodeHeaderBytes + maxJffs2NodeDataBytes;
/** Image bytes read per pass-1 read. */
const readWindowBytes = 1024 * 1024;
/** Erase block assumed, until a second cleanmarker tells the real one, for where scanning stops. */
const defaultEraseBlockBytes = 64 * 1024;
/** The smallest erase block (NOR 4 KiB sectors): the image end is rounded to it when the real one is unknown. */
const minEraseBlockBytes = 4096;
/** Zeros handed out per piece for holes. */
const zeroPiece = new Uint8Array(64 * 1024);
/** OpenWrt's JFFS2 LZMA: raw LZMA, lc 0, lp 0, pb 0, 8 KiB dictionary (jefferson jffs2_lzma.py). */
const jffs2LzmaProperties = { lc: 0, lp: 0, pb: 0, dictionarySize: 0x2000 } as const;
const modeTypeMask = 0o170000;
const modeRegular = 0o100000;

const cleanmarkerLe = Uint8Array.of(0x85, 0x19, 0x03, 0x20);
const cleanmarkerBe = Uint8Array.of(0x19, 0x85, 0x20, 0x03);
const direntLe = Uint8Array.of(0x85, 0x19, 0x01, 0xe0);
const direntBe = Uint8Array.of(0x19, 0x85, 0xe0, 0x01);

export const jffs2Handler = defineHandler({
  id: 'jffs2',
  kind: 'filesystem',
  doc: {
    name: 'JFFS2 file system image',
    references: ['Linux include/uapi/linux/jffs2.h, fs/jffs2/ (scan.c, readinode.c, compr_rtime.c)', 'https://github.com/onekey-sec/jefferson'],
    limitations: [
      'rubin and dynrubin compressed nodes (never written by current kernels or mkfs.jffs2) are reported unsupported; their ranges read as zeros.',
      'LZMA nodes are decoded with OpenWrt\'s parameters (lc 0, lp 0, pb 0); other LZMA variants fail as corrupt.',
      'Hard links: a file with several names is scanned once, under its first path in byte order.',
      'Extended attributes (xattr/xref nodes) and summary nodes are skipped.',
    ],
  },
  // The first erase block starts with a cleanmarker (mkfs.jffs2 default) or, without them
  // (-n), with the root directory's first dirent.
  signatures: [
    { magic: cleanmarkerLe, offset: 0 },
    { magic: cleanmarkerBe, offset: 0 },
    { magic: direntLe, offset: 0 },
    { magic: direntBe, offset: 0 },
  ],
  headLength: nodeHeaderBytes,
  detect(head) {
    const endian = head.length >= nodeHeaderBytes ? magicEndian(head, 0) : undefined;
    if (endian === undefined) return { ok: false, reason: 'no JFFS2 node magic 0x1985' };
    const header = parseNodeHeader(head, 0, endian);
    if (!header.crcValid) return { ok: false, reason: 'JFFS2 node header CRC mismatch' };
    if (header.totalLength < nodeHeaderBytes) return { ok: false, reason: 'JFFS2 node shorter than its header' };
    return { ok: true, reasons: [`${endian === 'le' ? 'little' : 'big'}-endian JFFS2`] };
  },
  open: openJffs2,
});

interface ScannedImage {
  readonly endian: Endian;
  readonly inodes: Map<number, InodeNode[]>;
  readonly dirents: DirentNode[];
  /** Problems found in pass 1 that belong to one file (bad data CRC), by ino. */
  readonly fileProblems: Map<number, { kind: InputError['kind']; message: string }[]>;
  readonly length: number;
}

async function* openJffs2(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'jffs2');
  try {
    const image = await scanImage(reader, ctx);
    ctx.setLength(image.length);
    const files = listFiles(image, ctx);
    // A file none of whose nodes survived has no child to carry its problems: report them here.
    const listed = new Set(files.map((file) => file.ino));
    for (const [ino, problems] of image.fileProblems) {
      if (!listed.has(ino)) ctx.problem(problems[0]!.kind, `jffs2: inode ${ino} has no readable node left (${problems.map((p) => p.message).join('; ')})`);
    }
    for (const file of files) {
      yield {
        link: { format: 'jffs2', path: file.path, offset: file.fragments.find((f) => f.node !== undefined)?.node?.at ?? file.latest.at },
        stream: fileStream(reader, image, file),
        size: file.latest.isize,
      };
    }
  } finally {
    await reader.close();
  }
}

/** Pass 1: every node header of the image, in order. */
async function scanImage(reader: WindowReader, ctx: OpenContext): Promise<ScannedImage> {
  const size = reader.size;
  let buffer: Uint8Array = new Uint8Array(0);
  let bufferStart = 0;
  /** The index in `buffer` of image offset `at`, with `length` bytes available (fewer at the end of the image). */
  const ensure = async (at: number, length: number): Promise<number> => {
    if (at < bufferStart || at + length > bufferStart + buffer.length) {
      buffer = await reader.read(at, Math.min(size - at, Math.max(length, readWindowBytes)));
      bufferStart = at;
    }
    return at - bufferStart;
  };
  const head = await ensure(0, nodeHeaderBytes);
  const endian = magicEndian(buffer, head);
  if (endian === undefined) throw new InputError('corrupt', 'jffs2: no node magic at offset 0', 0);

  const inodes = new Map<number, InodeNode[]>();
  const dirents: DirentNode[] = [];
  const fileProblems = new Map<number, { kind: InputError['kind']; message: string }[]>();
  const fileProblem = (ino: number, kind: InputError['kind'], message: string) => {
    const list = fileProblems.get(ino) ?? [];
    list.push({ kind, message });
    fileProblems.set(ino, list);
  };
  let eraseBlock: number | undefined;
  let lastEnd = 0;
  let erasedUntil = 0;
  let nodes = 0;
  let badHeaders = 0;
  let pendingJunk = 0;
  let junk = 0;
  let firstJunkAt: number | undefined;
  const incompatible = new Set<number>();
  const nodeProblems: string[] = [];

  const handleNode = (nodeType: number, at: number, imageAt: number, totalLength: number): void => {
    switch (nodeType) {
      case jffs2NodeTypes.inode: {
        const node = parseInodeNode(buffer, at, endian, totalLength);
        if (typeof node === 'string') {
          nodeProblems.push(`${node} at ${imageAt}`);
          return;
        }
        const shifted = { ...node, at: imageAt };
        if (node.dsize > maxJffs2NodeDataBytes) {
          fileProblem(node.ino, 'limit', `node at ${imageAt} holds ${node.dsize} bytes (limit ${maxJffs2NodeDataBytes}); its range reads as zeros`);
          return;
        }
        const data = buffer.subarray(at + inodeHeaderBytes, at + inodeHeaderBytes + node.csize);
        if (node.csize > 0 && crc32Jffs2(data) !== node.dataCrc) {
          // readinode.c: a node whose data CRC fails is obsolete; older data shows through.
          fileProblem(node.ino, 'corrupt', `data CRC mismatch in the node at ${imageAt} (bytes ${node.offset}..${node.offset + node.dsize} of the file)`);
          return;
        }
        const list = inodes.get(node.ino) ?? [];
        list.push(shifted);
        inodes.set(node.ino, list);
        return;
      }
      case jffs2NodeTypes.dirent: {
        const dirent = parseDirentNode(buffer, at, endian, totalLength);
        if (typeof dirent === 'string') nodeProblems.push(`${dirent} at ${imageAt}`);
        else dirents.push({ ...dirent, at: imageAt });
        return;
      }
      case jffs2NodeTypes.cleanmarker:
        // mkfs.jffs2 writes one at the start of every erase block: the second one gives the block size.
        if (eraseBlock === undefined && imageAt > 0 && imageAt >= 4096 && (imageAt & (imageAt - 1)) === 0) eraseBlock = imageAt;
        return;
      default:
        if (!isCompatibleNodeType(nodeType)) incompatible.add(nodeType);
    }
  };

  let pos = 0;
  while (pos + 4 <= size) {
    const at = await ensure(pos, Math.min(nodeHeaderBytes, size - pos));
    if (buffer[at] === 0xff && buffer[at + 1] === 0xff && buffer[at + 2] === 0xff && buffer[at + 3] === 0xff) {
      if (erasedUntil === pos) erasedUntil = pos + 4;
      pos += 4;
      continue;
    }
    if (pos + nodeHeaderBytes > size) break;
    const header = magicEndian(buffer, at) === endian ? parseNodeHeader(buffer, at, endian) : undefined;
    if (header !== undefined && header.crcValid && header.totalLength >= nodeHeaderBytes && pos + header.totalLength <= size) {
      if (++nodes > maxJffs2Nodes) {
        ctx.problem('limit', `jffs2: more than ${maxJffs2Nodes} nodes; the rest of the image was not read`, pos);
        break;
      }
      junk += pendingJunk;
      pendingJunk = 0;
      if (!header.obsolete && (header.nodeType === jffs2NodeTypes.inode || header.nodeType === jffs2NodeTypes.dirent)) {
        // Only inode and dirent nodes are read whole; their length is bounded before the read.
        if (header.totalLength > maxNodeBytes) nodeProblems.push(`node of ${header.totalLength} bytes at ${pos} (more than ${maxNodeBytes})`);
        else handleNode(header.nodeType, await ensure(pos, header.totalLength), pos, header.totalLength);
      } else if (!header.obsolete) {
        handleNode(header.nodeType, at, pos, header.totalLength);
      }
      lastEnd = pos + header.totalLength;
      pos += (header.totalLength + 3) & ~3;
      erasedUntil = pos;
      continue;
    }
    if (header !== undefined) badHeaders++;
    // An erase-block boundary that is neither a node nor erased space: the image has ended.
    if (pos > 0 && pos % (eraseBlock ?? defaultEraseBlockBytes) === 0 && header === undefined) break;
    if (!(buffer[at] === 0 && buffer[at + 1] === 0 && buffer[at + 2] === 0 && buffer[at + 3] === 0)) {
      firstJunkAt ??= pos;
      pendingJunk += 4;
    }
    pos += 4;
  }

  if (badHeaders > 0 || junk > 0) {
    ctx.problem('corrupt', `jffs2: ${badHeaders} node headers with a bad CRC and ${junk} bytes outside any node (first at ${firstJunkAt ?? 'a bad header'}); those nodes were skipped`, firstJunkAt);
  }
  if (nodeProblems.length > 0) ctx.problem('corrupt', `jffs2: ${nodeProblems.length} invalid nodes skipped (${nodeProblems.slice(0, 3).join('; ')}${nodeProblems.length > 3 ? '; …' : ''})`);
  if (incompatible.size > 0) {
    ctx.problem('unsupported', `jffs2: node types the kernel would refuse (${[...incompatible].map((t) => `0x${t.toString(16)}`).join(', ')}) were skipped`);
  }
  // The image ends at the last erase-block boundary inside the erased space that follows its
  // last node (4 KiB, the smallest erase block, when no second cleanmarker told the size).
  const granule = eraseBlock ?? minEraseBlockBytes;
  const padded = Math.floor(erasedUntil / granule) * granule;
  const length = padded >= lastEnd ? padded : Math.min(size, (lastEnd + 3) & ~3);
  return { endian, inodes, dirents, fileProblems, length };
}

interface FileEntry {
  readonly ino: number;
  readonly path: Uint8Array;
  readonly latest: InodeNode;
  readonly fragments: readonly Fragment[];
}

const rootIno = 1;

/** Regular files with their paths, sorted by path bytes. */
function listFiles(image: ScannedImage, ctx: OpenContext): FileEntry[] {
  // Latest dirent per (parent, name); an unlink (ino 0) removes the name.
  const latestByName = new Map<string, DirentNode>();
  for (const dirent of image.dirents) {
    const key = `${dirent.pino}/${Buffer.from(dirent.name).toString('hex')}`;
    const seen = latestByName.get(key);
    if (seen === undefined || dirent.version > seen.version || (dirent.version === seen.version && dirent.at > seen.at)) latestByName.set(key, dirent);
  }
  const namesOf = new Map<number, NameLink[]>();
  for (const dirent of latestByName.values()) {
    if (dirent.ino === 0) continue;
    const list = namesOf.get(dirent.ino) ?? [];
    list.push({ parent: dirent.pino, name: dirent.name });
    namesOf.set(dirent.ino, list);
  }
  sortNames(namesOf);

  let broken = 0;
  const files: FileEntry[] = [];
  for (const [ino, nodes] of image.inodes) {
    const latest = nodes.reduce((a, b) => (b.version > a.version ? b : a));
    if ((latest.mode & modeTypeMask) !== modeRegular) continue;
    let path = resolvePath(ino, namesOf, rootIno);
    if (path === undefined) {
      if (namesOf.has(ino)) broken++;
      else if (latest.isize === 0) continue;
      path = unlinkedPath(ino);
    }
    files.push({ ino, path, latest, fragments: buildFragments(nodes, latest.isize) });
  }
  if (broken > 0) ctx.problem('corrupt', `jffs2: ${broken} files whose directory chain loops or is missing are scanned as <unlinked>/ino-N`);
  return files.sort((a, b) => Buffer.compare(a.path, b.path) || a.ino - b.ino);
}

/** Pass 2: one file's bytes, fragment by fragment; each node is read and decoded once. */
async function* fileStream(reader: WindowReader, image: ScannedImage, file: FileEntry): AsyncGenerator<Uint8Array> {
  const problems = [...(image.fileProblems.get(file.ino) ?? [])];
  let cached: { node: InodeNode; data: Uint8Array | undefined } | undefined;
  for (const fragment of file.fragments) {
    const node = fragment.node;
    if (node === undefined) {
      yield* zeros(fragment.end - fragment.start);
      continue;
    }
    if (cached?.node !== node) {
      let data: Uint8Array | undefined;
      try {
        data = await decodeNode(reader, node);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push({ kind: error.kind, message: `node at ${node.at}: ${messageOf(error)}` });
      }
      cached = { node, data };
    }
    if (cached.data === undefined) yield* zeros(fragment.end - fragment.start);
    else yield cached.data.subarray(fragment.start - node.offset, fragment.end - node.offset);
  }
  const first = problems[0];
  if (first !== undefined) {
    const summary = problems.slice(0, 3).map((p) => p.message).join('; ');
    throw new InputError(first.kind, `jffs2: ${problems.length} damaged or unreadable nodes in this file, their ranges read as zeros or older data (${summary}${problems.length > 3 ? '; …' : ''})`);
  }
}

function* zeros(length: number): Generator<Uint8Array> {
  for (let left = length; left > 0; left -= zeroPiece.length) yield zeroPiece.subarray(0, Math.min(left, zeroPiece.length));
}

async function decodeNode(reader: WindowReader, node: InodeNode): Promise<Uint8Array> {
  if (node.compr === jffs2Compression.zero) return new Uint8Array(node.dsize);
  const raw = await reader.read(node.at + inodeHeaderBytes, node.csize);
  let out: Uint8Array | undefined;
  switch (node.compr) {
    case jffs2Compression.none:
    case jffs2Compression.copy:
      out = raw;
      break;
    case jffs2Compression.rtime:
      out = rtimeDecompress(raw, node.dsize);
      if (out === undefined) throw new InputError('corrupt', 'rtime data ends early or overruns the node');
      break;
    case jffs2Compression.zlib:
      out = zlibDecompress(raw, node.dsize);
      break;
    case jffs2Compression.lzo:
      out = lzo1xDecompress(raw, node.dsize);
      break;
    case jffs2Compression.lzma:
      out = lzmaDecompressRaw(raw, jffs2LzmaProperties, node.dsize, node.dsize);
      break;
    case jffs2Compression.rubinmips:
    case jffs2Compression.dynrubin:
      throw new InputError('unsupported', `rubin compression (${node.compr}) is not supported`);
    default:
      throw new InputError('unsupported', `unknown compression ${node.compr}`);
  }
  if (out.length !== node.dsize) throw new InputError('corrupt', `decodes to ${out.length} bytes, the node says ${node.dsize}`);
  return out;
}
