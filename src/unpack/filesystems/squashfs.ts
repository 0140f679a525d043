/**
 * squashfs 4.0 (little-endian), the dominant read-only root filesystem of camera and router
 * firmware, with every compressor the format defines: gzip, lzma, lzo, xz, lz4, zstd.
 * The on-disk structures are decoded by `squashfs-format.ts`; this file does the reading:
 * metadata blocks (cached, a bounded number), the directory walk, and each regular file as a
 * stream of its data blocks and fragment tail, one block at a time.
 *
 * Children: every regular file (hard links once per path), path = the full path bytes
 * (`etc/web/x.xml`), link offset = its first data block (or its fragment block). Symlinks,
 * devices, FIFOs and sockets carry no bytes and are never followed. Squashfs 1.x-3.x and
 * big-endian images are recognised and reported `unsupported`; their bytes are scanned raw.
 *
 * Hostile input: every offset is checked against the region it must lie in (data blocks
 * between the superblock and the inode table, metadata inside their table); a directory
 * reached twice is a loop (`corrupt`, not walked again); a damaged directory or inode is a
 * problem and the walk goes on with the next entry; a data block that fails to decode is
 * replaced by zeros so the rest of the file keeps its offsets, and the file then ends with a
 * `corrupt` problem naming the blocks.
 *
 * About 500 lines: one reader whose parts (metadata cache, walk, block and fragment reads)
 * share the image's bounds; every structure it decodes lives in squashfs-format.ts.
 */
import { decompressBlock, type Codec } from '../codecs/index.js';
import { parseXzStream } from '../codecs/xz.js';
import { zlibInflatePrefix } from '../codecs/zlib.js';
import { parseZstdFrame } from '../codecs/zstd.js';
import { openWindow, type WindowReader } from '../file-window.js';
import { describePath, joinPath } from './fs-path.js';
import {
  checkEntryName,
  compressors,
  directoryEntryBytes,
  directoryHeaderBytes,
  fragmentEntryBytes,
  fragmentsPerMetadataBlock,
  inodeFixedBytes,
  metadataBlockBytes,
  noFragment,
  parseBlockSize,
  parseCompressorOptions,
  parseDirectoryEntry,
  parseDirectoryHeader,
  parseFragmentEntry,
  parseInode,
  parseMetadataHeader,
  parseSuperblock,
  superblockBytes,
  superblockFlags,
  type CompressionId,
  type DirectoryEntry,
  type DirectoryHeader,
  type DirectoryInode,
  type FileInode,
  type FragmentEntry,
  type Inode,
  type InodeRef,
  type Superblock,
} from './squashfs-format.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

/** Data-area bytes read at once for the data blocks that follow (`#storedBlock`). */
const readAheadBytes = 1024 * 1024;
/** Decompressed metadata blocks kept (8 KiB each): 512 KiB. */
const maxCachedMetadataBlocks = 64;
/** Nesting deeper than this is not walked (Linux PATH_MAX is 4096 bytes: at most 2048 levels). */
const maxDirectoryDepth = 2048;
/** Block size words read from the inode table at a time (4 KiB). */
const blockListBatch = 1024;
/** Files of at most this many blocks are checked for being a verbatim slice of the image. */
const maxVerbatimBlocks = 64;
/** Zeros a file may expand to through sparse blocks (0-byte blocks on disk) before it stops as a limit. */
const maxSparseBytesPerFile = 256 * 1024 * 1024;

const magicLe = Uint8Array.of(0x68, 0x73, 0x71, 0x73); // "hsqs"
const magicBe = Uint8Array.of(0x73, 0x71, 0x73, 0x68); // "sqsh"

export const squashfsHandler = defineHandler({
  id: 'squashfs',
  kind: 'filesystem',
  doc: {
    name: 'squashfs 4.0 filesystem (gzip, lzma, lzo, xz, lz4, zstd)',
    references: [
      'https://github.com/torvalds/linux/blob/master/fs/squashfs/squashfs_fs.h',
      'https://dr-emann.github.io/squashfs/squashfs.html',
      'https://github.com/plougher/squashfs-tools (4.5.1)',
    ],
    limitations: [
      'Squashfs 1.x-3.x, big-endian and vendor variants (DD-WRT, Broadcom, sasquatch formats) are reported unsupported and scanned raw only.',
      'A data block that fails to decode is scanned as zeros (the rest of the file keeps its offsets); its raw bytes are still scanned in the image.',
      'xz blocks with the IA-64 or RISC-V BCJ filter are unsupported; lz4 blocks must use the legacy block format (the only one squashfs defines).',
      'A truncated image is opened only as far as its tables survive; without its tables no file can be located, and only the gzip, xz and zstd blocks that still decode are scanned, in disk order, without paths (lzma, lzo and lz4 blocks are not self-delimiting).',
      'Extended attributes, uids/gids and the export table are not read (they hold no file content).',
    ],
  },
  signatures: [
    { magic: magicLe, offset: 0 },
    { magic: magicBe, offset: 0 },
  ],
  headLength: superblockBytes,
  detect(head) {
    const parsed = parseSuperblock(head);
    switch (parsed.kind) {
      case 'invalid':
        return { ok: false, reason: parsed.reason };
      case 'unsupported':
        return { ok: true, reasons: [parsed.reason], ...(parsed.length === undefined ? {} : { length: parsed.length }) };
      case 'v4': {
        const compressor = compressors[parsed.superblock.compressionId as CompressionId];
        return { ok: true, length: parsed.superblock.bytesUsed, reasons: [`squashfs 4.0, ${compressor?.name ?? `unknown compressor ${parsed.superblock.compressionId}`}`] };
      }
    }
  },
  open: openSquashfs,
});

async function* openSquashfs(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'squashfs');
  try {
    const parsed = parseSuperblock(await reader.read(0, Math.min(superblockBytes, reader.size)));
    if (parsed.kind !== 'v4') throw new InputError(parsed.kind === 'unsupported' ? 'unsupported' : 'corrupt', `squashfs: ${parsed.reason}; scanned raw only`, 0);
    const superblock = parsed.superblock;
    const compressor = compressors[superblock.compressionId as CompressionId];
    if (compressor === undefined) throw new InputError('unsupported', `squashfs: unknown compressor id ${superblock.compressionId}; scanned raw only`, 20);
    const truncated = superblock.bytesUsed > reader.size;
    if (truncated) {
      ctx.problem('corrupt', `squashfs: truncated image: bytes_used is ${superblock.bytesUsed}, only ${reader.size} bytes present; files whose tables or data are missing cannot be listed`, reader.size);
    }
    const image = new SquashfsImage(reader, superblock, compressor.codec, ctx);
    await image.readCompressorOptions();
    if (!truncated) {
      yield* image.walk();
      return;
    }
    let listed = false;
    try {
      for await (const child of image.walk()) {
        listed = true;
        yield child;
      }
    } catch (error) {
      if (!(error instanceof InputError) || listed) throw error;
      ctx.problem(error.kind, `squashfs: the directory tree of the truncated image cannot be read (${error.message}); the data blocks that still decode are scanned in disk order instead`, error.offset);
      yield* image.salvage();
    }
  } finally {
    await reader.close();
  }
}

/** A position in a metadata table: the block's absolute offset and an offset inside its decompressed bytes. */
interface Cursor {
  block: number;
  offset: number;
}

interface Listed {
  readonly name: Uint8Array;
  readonly entry: DirectoryEntry;
  readonly header: DirectoryHeader;
}

/** A data block as the file's stream takes it, and what was wrong with it when it was replaced by zeros. */
interface BlockRead {
  readonly bytes: Uint8Array;
  readonly damage?: string;
}

interface Frame {
  readonly path: Uint8Array;
  readonly entries: AsyncGenerator<Listed>;
}

class SquashfsImage {
  readonly #reader: WindowReader;
  readonly #sb: Superblock;
  readonly #codec: Codec;
  readonly #ctx: OpenContext;
  readonly #metadata = new Map<number, { readonly data: Uint8Array; readonly next: number }>();
  #fragmentCache: { readonly start: number; readonly bytes: Uint8Array } | undefined;
  /** Data-area bytes read ahead of the block being decoded (`#storedBlock`); undefined bytes: the read failed. */
  #readAhead: { readonly start: number; readonly end: number; readonly bytes: Promise<Uint8Array | undefined> } | undefined;
  #zeros: Uint8Array | undefined;
  /** Blocks decoded ahead of being asked for (`#guessAhead`), by position; where the next guess starts; where the last one failed. */
  readonly #guesses = new Map<number, { readonly size: number; readonly decoded: Promise<Uint8Array> }>();
  #frontier = 0;
  #unguessable = -1;
  /** First byte after the superblock and the compressor options: where data blocks may start. */
  #dataStart = superblockBytes;

  constructor(reader: WindowReader, superblock: Superblock, codec: Codec, ctx: OpenContext) {
    this.#reader = reader;
    this.#sb = superblock;
    this.#codec = codec;
    this.#ctx = ctx;
  }

  /** Parses the compressor options block (flag 0x0400), which sits right after the superblock. */
  async readCompressorOptions(): Promise<void> {
    if ((this.#sb.flags & superblockFlags.compressorOptions) === 0) return;
    const { data, next } = await this.#metadataBlock(superblockBytes, this.#sb.inodeTableStart);
    this.#dataStart = next;
    const options = parseCompressorOptions(this.#sb.compressionId, data);
    if ('reason' in options) {
      throw new InputError(options.unsupported === true ? 'unsupported' : 'corrupt', `squashfs: compressor options: ${options.reason}; scanned raw only`, superblockBytes);
    }
  }

  async *walk(): AsyncGenerator<Child> {
    const root = await this.#inode(this.#sb.rootInode);
    if (root.inode.kind !== 'directory') throw new InputError('corrupt', `squashfs: the root inode is of type ${root.inode.type}, not a directory`, this.#sb.inodeTableStart);
    const visited = new Set<string>([refKey(this.#sb.rootInode)]);
    const stack: Frame[] = [{ path: new Uint8Array(0), entries: this.#listing(root.inode) }];
    while (stack.length > 0 && !this.#ctx.signal.aborted) {
      const frame = stack[stack.length - 1]!;
      let next: IteratorResult<Listed>;
      try {
        next = await frame.entries.next();
      } catch (error) {
        this.#problem(error, `directory ${describePath(frame.path)}: the rest of its listing was skipped`);
        stack.pop();
        continue;
      }
      if (next.done === true) {
        stack.pop();
        continue;
      }
      const { name, entry, header } = next.value;
      const path = joinPath(frame.path, name);
      const ref = { block: header.inodeBlock, offset: entry.inodeOffset };
      if (entry.type !== 1 && entry.type !== 2) continue; // symlink, device, FIFO, socket: no bytes, never followed
      if (entry.type === 1) {
        const key = refKey(ref);
        if (visited.has(key)) {
          this.#ctx.problem('corrupt', `squashfs: directory ${describePath(path)} is reached a second time (a loop); not walked again`);
          continue;
        }
        visited.add(key);
      }
      let found: { inode: Inode; cursor: Cursor };
      try {
        found = await this.#inode(ref);
      } catch (error) {
        this.#problem(error, `${describePath(path)}: inode unreadable, entry skipped`);
        continue;
      }
      const { inode, cursor } = found;
      if (inode.inodeNumber !== entry.inodeNumber) {
        this.#ctx.problem('corrupt', `squashfs: ${describePath(path)}: the directory says inode ${entry.inodeNumber}, the inode says ${inode.inodeNumber}`);
      }
      if (entry.type === 1) {
        if (inode.kind !== 'directory') {
          this.#ctx.problem('corrupt', `squashfs: ${describePath(path)} is listed as a directory but its inode has type ${inode.type}; skipped`);
        } else if (stack.length >= maxDirectoryDepth) {
          this.#ctx.problem('limit', `squashfs: ${describePath(path)} is nested deeper than ${maxDirectoryDepth} directories; not walked`);
        } else {
          stack.push({ path, entries: this.#listing(inode) });
        }
        continue;
      }
      if (inode.kind !== 'file') {
        this.#ctx.problem('corrupt', `squashfs: ${describePath(path)} is listed as a file but its inode has type ${inode.type}; skipped`);
        continue;
      }
      const verbatim = await this.#verbatimRange(inode, cursor);
      yield {
        link: { format: 'squashfs', path, offset: verbatim?.start ?? (await this.#firstDataOffset(inode)) },
        stream: this.#fileData(inode, cursor, path),
        size: inode.fileSize,
        ...(verbatim === undefined ? {} : { verbatim }),
      };
    }
  }

  /** Records an input error as a problem; anything else is a bug and goes on up. */
  #problem(error: unknown, context: string): void {
    if (!(error instanceof InputError)) throw error;
    this.#ctx.problem(error.kind, `squashfs: ${context}: ${error.message}`, error.offset);
  }

  /**
   * For a truncated image whose tables are gone: every data block that still decodes, in disk
   * order, as one child without a path (which file a block belonged to was in the lost
   * tables). Only self-delimiting blocks can be found without their sizes: gzip (zlib, with
   * its Adler-32), xz and zstd; lzma, lzo and lz4 images yield nothing here (their bytes stay
   * scanned raw). Between decodable blocks (uncompressed blocks, damage) the next candidate
   * header is searched for byte by byte.
   */
  async *salvage(): AsyncGenerator<Child> {
    const codec = this.#codec;
    if (codec !== 'zlib' && codec !== 'xz' && codec !== 'zstd') return;
    const end = Math.min(this.#reader.size, this.#sb.inodeTableStart);
    if (end <= this.#dataStart) return;
    yield { link: { format: 'squashfs', offset: this.#dataStart }, stream: this.#salvagedBlocks(codec, this.#dataStart, end) };
  }

  async *#salvagedBlocks(codec: 'zlib' | 'xz' | 'zstd', start: number, end: number): AsyncGenerator<Uint8Array> {
    const { blockSize } = this.#sb;
    let buffer: Uint8Array = new Uint8Array(0);
    let bufferStart = start;
    for (let position = start; position < end && !this.#ctx.signal.aborted; ) {
      // Keep at least one block size of input ahead of `position` in the buffer.
      if (position + Math.min(blockSize, end - position) > bufferStart + buffer.length) {
        bufferStart = position;
        buffer = await this.#reader.read(position, Math.min(2 * blockSize, end - position));
      }
      const at = position - bufferStart;
      const decoded = salvageBlock(codec, buffer.subarray(at, at + blockSize), blockSize);
      if (decoded !== undefined) {
        yield decoded.bytes;
        position += decoded.consumed;
        continue;
      }
      let next = at + 1;
      while (next < buffer.length && !blockMayStart(codec, buffer, next)) next++;
      position = bufferStart + next;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Metadata
  // ---------------------------------------------------------------------------------------

  /** The metadata block at absolute `position`, which with its header must end by `limit`. */
  async #metadataBlock(position: number, limit: number): Promise<{ readonly data: Uint8Array; readonly next: number }> {
    const cached = this.#metadata.get(position);
    if (cached !== undefined) return cached;
    const where = `metadata block at 0x${position.toString(16)}`;
    if (position + 2 > limit) throw new InputError('corrupt', `squashfs: ${where} lies outside its table (ends at 0x${limit.toString(16)})`, position);
    const word = await this.#reader.read(position, 2);
    const header = parseMetadataHeader(word[0]! | (word[1]! << 8));
    if ('reason' in header) throw new InputError('corrupt', `squashfs: ${where}: ${header.reason}`, position);
    if (position + 2 + header.size > limit) throw new InputError('corrupt', `squashfs: ${where} runs past the end of its table`, position);
    const stored = await this.#reader.read(position + 2, header.size);
    let data: Uint8Array;
    try {
      data = header.compressed ? decompressBlock(this.#codec, stored, metadataBlockBytes) : stored;
    } catch (error) {
      if (error instanceof InputError) throw new InputError('corrupt', `squashfs: ${where}: ${error.message}`, position);
      throw error;
    }
    const block = { data, next: position + 2 + header.size };
    if (this.#metadata.size >= maxCachedMetadataBlocks) this.#metadata.delete(this.#metadata.keys().next().value!);
    this.#metadata.set(position, block);
    return block;
  }

  /** Reads `length` (small, bounded by the caller) bytes from a metadata table at `cursor`, advancing it. */
  async #readMetadata(cursor: Cursor, length: number, limit: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const { data, next } = await this.#metadataBlock(cursor.block, limit);
      if (cursor.offset > data.length) throw new InputError('corrupt', `squashfs: offset ${cursor.offset} beyond the ${data.length} bytes of the metadata block at 0x${cursor.block.toString(16)}`, cursor.block);
      if (cursor.offset === data.length) {
        cursor.block = next;
        cursor.offset = 0;
        continue;
      }
      const take = Math.min(length - done, data.length - cursor.offset);
      out.set(data.subarray(cursor.offset, cursor.offset + take), done);
      cursor.offset += take;
      done += take;
    }
    return out;
  }

  /** The inode at `ref` (fixed part) and a cursor just after it (where a file's block list starts). */
  async #inode(ref: InodeRef): Promise<{ inode: Inode; cursor: Cursor }> {
    const { inodeTableStart, directoryTableStart, blockSize } = this.#sb;
    if (ref.block >= directoryTableStart - inodeTableStart || ref.offset >= metadataBlockBytes) {
      throw new InputError('corrupt', `squashfs: inode reference ${ref.block}:${ref.offset} outside the inode table`);
    }
    const cursor = { block: inodeTableStart + ref.block, offset: ref.offset };
    const head = await this.#readMetadata(cursor, 16, directoryTableStart);
    const type = head[0]! | (head[1]! << 8);
    const fixed = inodeFixedBytes[type];
    if (fixed === undefined) throw new InputError('corrupt', `squashfs: unknown inode type ${type} at ${ref.block}:${ref.offset}`);
    const rest = await this.#readMetadata(cursor, fixed - 16, directoryTableStart);
    const bytes = new Uint8Array(fixed);
    bytes.set(head, 0);
    bytes.set(rest, 16);
    const parsed = parseInode(bytes, blockSize);
    if ('reason' in parsed) throw new InputError('corrupt', `squashfs: inode at ${ref.block}:${ref.offset}: ${parsed.reason}`);
    return { inode: parsed.inode, cursor };
  }

  /** The entries of a directory, read lazily from the directory table. */
  async *#listing(dir: DirectoryInode): AsyncGenerator<Listed> {
    const { directoryTableStart, inodeTableStart, bytesUsed } = this.#sb;
    if (dir.listingBytes === 0) return;
    if (dir.listingOffset >= metadataBlockBytes || directoryTableStart + dir.listingBlock >= bytesUsed) {
      throw new InputError('corrupt', `squashfs: directory listing at ${dir.listingBlock}:${dir.listingOffset} outside the directory table`);
    }
    const cursor = { block: directoryTableStart + dir.listingBlock, offset: dir.listingOffset };
    let remaining = dir.listingBytes;
    const take = async (count: number, what: string) => {
      if (count > remaining) throw new InputError('corrupt', `squashfs: ${what} runs past the directory's ${dir.listingBytes}-byte listing`);
      remaining -= count;
      return this.#readMetadata(cursor, count, bytesUsed);
    };
    while (remaining > 0) {
      const header = parseDirectoryHeader(await take(directoryHeaderBytes, 'directory header'));
      if ('reason' in header) throw new InputError('corrupt', `squashfs: ${header.reason}`);
      if (header.header.inodeBlock >= this.#sb.directoryTableStart - inodeTableStart) {
        throw new InputError('corrupt', `squashfs: directory header points at inode block ${header.header.inodeBlock}, outside the inode table`);
      }
      for (let i = 0; i < header.header.entries; i++) {
        const entry = parseDirectoryEntry(await take(directoryEntryBytes, 'directory entry'), header.header);
        if ('reason' in entry) throw new InputError('corrupt', `squashfs: ${entry.reason}`);
        const name = await take(entry.entry.nameBytes, 'entry name');
        const bad = checkEntryName(name);
        if (bad !== undefined) {
          this.#ctx.problem('corrupt', `squashfs: directory entry ${describePath(name)} is ${bad}; skipped`);
          continue;
        }
        yield { name, entry: entry.entry, header: header.header };
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Data
  // ---------------------------------------------------------------------------------------

  async #firstDataOffset(inode: FileInode): Promise<number> {
    if (inode.blockCount > 0 || inode.fragmentIndex === noFragment) return inode.blocksStart;
    try {
      return (await this.#fragmentEntry(inode.fragmentIndex)).start;
    } catch (error) {
      if (error instanceof InputError) return inode.blocksStart; // the file's stream reports it
      throw error;
    }
  }

  /**
   * The image range a file's bytes are a verbatim copy of, when there is one: a tail alone in
   * an uncompressed fragment block, or up to `maxVerbatimBlocks` uncompressed, non-sparse,
   * contiguous blocks. The driver then credits raw hits inside it to the file only.
   */
  async #verbatimRange(inode: FileInode, blockList: Cursor): Promise<{ readonly start: number; readonly end: number } | undefined> {
    try {
      if (inode.blockCount === 0) {
        if (inode.fragmentIndex === noFragment || inode.fileSize === 0) return undefined;
        const entry = await this.#fragmentEntry(inode.fragmentIndex);
        if (entry.compressed) return undefined;
        const start = entry.start + inode.fragmentOffset;
        return start + inode.fileSize <= entry.start + entry.size ? { start, end: start + inode.fileSize } : undefined;
      }
      if (inode.fragmentIndex !== noFragment || inode.blockCount > maxVerbatimBlocks) return undefined;
      const words = await this.#readMetadata({ ...blockList }, inode.blockCount * 4, this.#sb.directoryTableStart);
      const view = new DataView(words.buffer, words.byteOffset, words.byteLength);
      let total = 0;
      for (let i = 0; i < inode.blockCount; i++) {
        const size = parseBlockSize(view.getUint32(i * 4, true), this.#sb.blockSize);
        if ('reason' in size || size.compressed || size.size === 0) return undefined;
        total += size.size;
      }
      return total === inode.fileSize ? { start: inode.blocksStart, end: inode.blocksStart + total } : undefined;
    } catch (error) {
      if (error instanceof InputError) return undefined; // the file's stream meets and reports it
      throw error;
    }
  }

  /**
   * A file's bytes: data blocks in order (sparse ones as zeros), then the fragment tail. Blocks
   * are asked for up to `blocks.ahead` before they are taken, so a decode pool decodes them on
   * its threads meanwhile; they are taken, and their damage recorded, in file order, and an
   * error that ends the block list is thrown after the blocks before it: the stream is the same
   * whoever decodes.
   */
  async *#fileData(inode: FileInode, blockList: Cursor, path: Uint8Array): AsyncGenerator<Uint8Array> {
    const where = describePath(path);
    const damaged: string[] = [];
    const blocks = this.#blockReads(inode, blockList, where);
    const asked: Promise<BlockRead>[] = [];
    let listed = false;
    let failure: { readonly error: unknown } | undefined;
    try {
      for (;;) {
        while (!listed && failure === undefined && asked.length <= this.#ctx.blocks.ahead) {
          try {
            const next = await blocks.next();
            if (next.done === true) listed = true;
            else asked.push(next.value.read);
          } catch (error) {
            failure = { error };
          }
        }
        if (listed) await this.#guessAhead(this.#ctx.blocks.ahead - asked.length);
        const read = asked.shift();
        if (read === undefined) break;
        const { bytes, damage } = await read;
        if (damage !== undefined) damaged.push(damage);
        yield bytes;
      }
    } finally {
      await blocks.return(undefined);
    }
    if (failure !== undefined) throw failure.error;
    const remaining = Math.max(0, inode.fileSize - inode.blockCount * this.#sb.blockSize);
    if (inode.fragmentIndex !== noFragment && remaining > 0) {
      let fragment: Uint8Array | undefined;
      try {
        fragment = await this.#fragmentBlock(inode.fragmentIndex);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        damaged.push(`the ${remaining}-byte tail in fragment ${inode.fragmentIndex}: ${error.message}`);
      }
      if (fragment !== undefined) {
        if (inode.fragmentOffset + remaining > fragment.length) {
          throw new InputError('corrupt', `squashfs: ${where}: tail of ${remaining} bytes at offset ${inode.fragmentOffset} runs past fragment ${inode.fragmentIndex} (${fragment.length} bytes)`);
        }
        yield fragment.subarray(inode.fragmentOffset, inode.fragmentOffset + remaining);
      }
    }
    if (damaged.length > 0) {
      throw new InputError('corrupt', `squashfs: ${where}: ${damaged.length} damaged block(s) scanned as zeros, the rest of the file was scanned: ${damaged.slice(0, 3).join('; ')}${damaged.length > 3 ? '; …' : ''}`);
    }
  }

  /**
   * A file's data blocks, each asked for as it is listed (a promise in an object: an async
   * generator would await a promise it yields). Throws where the block list stops making sense.
   */
  async *#blockReads(inode: FileInode, blockList: Cursor, where: string): AsyncGenerator<{ readonly read: Promise<BlockRead> }> {
    const { blockSize, inodeTableStart, directoryTableStart } = this.#sb;
    let position = inode.blocksStart;
    let remaining = inode.fileSize;
    let sparse = 0;
    for (let first = 0; first < inode.blockCount; first += blockListBatch) {
      const count = Math.min(blockListBatch, inode.blockCount - first);
      const words = await this.#readMetadata(blockList, count * 4, directoryTableStart);
      const view = new DataView(words.buffer, words.byteOffset, words.byteLength);
      for (let i = 0; i < count; i++) {
        const index = first + i;
        const expected = Math.min(blockSize, remaining);
        const size = parseBlockSize(view.getUint32(i * 4, true), blockSize);
        if ('reason' in size) throw new InputError('corrupt', `squashfs: ${where}: block ${index}: ${size.reason}; the rest of the file cannot be located`, position);
        if (size.size === 0) {
          sparse += expected;
          if (sparse > maxSparseBytesPerFile) throw new InputError('limit', `squashfs: ${where}: more than ${maxSparseBytesPerFile} bytes of sparse (zero) blocks; the rest was not expanded`, position);
          yield { read: Promise.resolve({ bytes: this.#zeroBlock(expected) }) };
        } else {
          if (position < this.#dataStart || position + size.size > inodeTableStart) {
            throw new InputError('corrupt', `squashfs: ${where}: block ${index} at 0x${position.toString(16)} (${size.size} bytes) lies outside the data area; the rest of the file cannot be located`, position);
          }
          const read = this.#dataBlock(position, size, expected, `block ${index}`);
          // Taken later, or never if the file's reader stops: a bug's rejection must not go unhandled meanwhile.
          read.catch(() => {});
          yield { read };
        }
        position += size.size;
        remaining -= expected;
      }
    }
  }

  /** Reads and decodes one data block; a damaged one is replaced by `expected` zeros and says why. */
  async #dataBlock(position: number, size: { readonly compressed: boolean; readonly size: number }, expected: number, what: string): Promise<BlockRead> {
    const guessed = size.compressed ? this.#takeGuess(position, size.size) : undefined;
    this.#frontier = Math.max(this.#frontier, position + size.size);
    // Read here unless it was decoded ahead, and outside the try: a read that fails ends the file, as it always did.
    const stored = guessed === undefined ? await this.#storedBlock(position, size.size) : undefined;
    try {
      const bytes = stored === undefined ? await guessed! : size.compressed ? await this.#ctx.blocks.decode(this.#codec, stored, this.#sb.blockSize) : stored;
      if (bytes.length !== expected) throw new InputError('corrupt', `decodes to ${bytes.length} bytes, ${expected} expected`);
      return { bytes };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { bytes: this.#zeroBlock(expected), damage: `${what} at 0x${position.toString(16)}: ${error.message}` };
    }
  }

  /**
   * Decodes ahead the blocks that follow the last one asked for in the data area, up to `count`
   * at once, while the walker is still on the current file: mksquashfs writes files' blocks in
   * the order it walks the tree, the walker's order, so they are most often the next file's
   * first blocks, which would otherwise be decoded only once the walker asks for them, with the
   * decode threads idle meanwhile. Only xz and zstd, whose blocks say where they end, and only
   * with a decode pool. A guess is used only by a block of exactly its position and size, so it
   * decodes the same bytes (`#takeGuess`); one that is not used is dropped.
   */
  async #guessAhead(count: number): Promise<void> {
    const codec = this.#codec;
    if ((codec !== 'xz' && codec !== 'zstd') || this.#ctx.blocks.ahead === 0) return;
    while (this.#guesses.size < count && this.#frontier < this.#sb.inodeTableStart && this.#frontier !== this.#unguessable) {
      const at = Math.max(this.#frontier, this.#dataStart);
      let stream: Uint8Array;
      try {
        const stored = await this.#storedBlock(at, Math.min(this.#sb.blockSize, this.#sb.inodeTableStart - at, this.#reader.size - at), false);
        stream = stored.subarray(0, delimitedBlockEnd(codec, stored));
      } catch {
        // Not a block that says where it ends (a stored block, damage, a read error, even a
        // bug): guessing stops until a block further on is asked for. Whatever went wrong, a
        // guess never changes what a file's stream gives; the block itself meets it, if anything does.
        this.#unguessable = this.#frontier;
        return;
      }
      const decoded = this.#ctx.blocks.decode(codec, stream, this.#sb.blockSize);
      decoded.catch(() => {}); // handled by the block that takes it, if one does
      this.#guesses.set(at, { size: stream.length, decoded });
      this.#frontier = at + stream.length;
    }
  }

  /**
   * The guess decoded at `position` if it has `size` bytes. A data block drops the guesses before
   * it too (`passed`): the walk asks for data blocks in image order. A fragment block may lie
   * ahead of data blocks still to come, so it takes only its own.
   */
  #takeGuess(position: number, size: number, passed = true): Promise<Uint8Array> | undefined {
    const guess = this.#guesses.get(position);
    this.#guesses.delete(position);
    if (passed) for (const at of this.#guesses.keys()) if (at < position) this.#guesses.delete(at);
    return guess?.size === size ? guess.decoded : undefined;
  }

  /**
   * A data block's stored bytes, served from one read of up to `readAheadBytes` of the data
   * area: mksquashfs lays blocks out in the order they are read, and one read per block (tens of
   * thousands in a camera rootfs) cost more than decoding some of them. Blocks asked for ahead
   * share the read in flight. The span is replaced, never overwritten, so stored blocks handed
   * out as they are stay valid. A span that cannot be read falls back to the block alone, so a
   * damaged image fails where it did. A guess (`#guessAhead`) outside the span is read alone
   * (`replaceSpan` false), so it never replaces the span the blocks behind it are read from.
   */
  async #storedBlock(position: number, length: number, replaceSpan = true): Promise<Uint8Array> {
    let span = this.#readAhead;
    if (span === undefined || position < span.start || position + length > span.end) {
      if (!replaceSpan) return this.#reader.read(position, length);
      const end = Math.min(this.#reader.size, this.#sb.inodeTableStart, position + Math.max(length, readAheadBytes));
      if (end < position + length) return this.#reader.read(position, length);
      const bytes = this.#reader.read(position, end - position).catch((error: unknown) => {
        if (error instanceof InputError) return undefined;
        throw error;
      });
      span = { start: position, end, bytes };
      this.#readAhead = span;
    }
    const bytes = await span.bytes;
    return bytes === undefined ? this.#reader.read(position, length) : bytes.subarray(position - span.start, position - span.start + length);
  }

  #zeroBlock(length: number): Uint8Array {
    this.#zeros ??= new Uint8Array(this.#sb.blockSize);
    return this.#zeros.subarray(0, length);
  }

  async #fragmentEntry(index: number): Promise<FragmentEntry> {
    const { fragmentCount, fragmentTableStart, bytesUsed, blockSize, inodeTableStart } = this.#sb;
    if (index >= fragmentCount || fragmentTableStart < 0) throw new InputError('corrupt', `squashfs: fragment ${index} does not exist (${fragmentCount} fragments)`);
    const lookup = fragmentTableStart + Math.floor(index / fragmentsPerMetadataBlock) * 8;
    if (lookup + 8 > bytesUsed) throw new InputError('corrupt', `squashfs: fragment table entry for fragment ${index} lies past the end of the image`, lookup);
    const pointer = new DataView((await this.#reader.read(lookup, 8)).buffer).getBigUint64(0, true);
    if (pointer >= BigInt(bytesUsed)) throw new InputError('corrupt', `squashfs: fragment table points past the end of the image`, lookup);
    const cursor = { block: Number(pointer), offset: (index % fragmentsPerMetadataBlock) * fragmentEntryBytes };
    const parsed = parseFragmentEntry(await this.#readMetadata(cursor, fragmentEntryBytes, bytesUsed), blockSize);
    if ('reason' in parsed) throw new InputError('corrupt', `squashfs: fragment ${index}: ${parsed.reason}`);
    const { start, size } = parsed.fragment;
    if (start < this.#dataStart || start + size > inodeTableStart) throw new InputError('corrupt', `squashfs: fragment ${index} at 0x${start.toString(16)} lies outside the data area`, start);
    return parsed.fragment;
  }

  /** A decoded fragment block (the last one is cached: consecutive small files share it). */
  async #fragmentBlock(index: number): Promise<Uint8Array> {
    const entry = await this.#fragmentEntry(index);
    if (this.#fragmentCache?.start === entry.start) return this.#fragmentCache.bytes;
    // mksquashfs writes a fragment block after the data blocks of the files walked before the
    // ones whose tails it holds, so it is often among the blocks decoded ahead.
    const guessed = entry.compressed ? this.#takeGuess(entry.start, entry.size, false) : undefined;
    const stored = guessed === undefined ? await this.#reader.read(entry.start, entry.size) : undefined;
    let bytes: Uint8Array;
    try {
      bytes = stored === undefined ? await guessed! : entry.compressed ? await this.#ctx.blocks.decode(this.#codec, stored, this.#sb.blockSize) : stored;
    } catch (error) {
      if (error instanceof InputError) throw new InputError('corrupt', `fragment block at 0x${entry.start.toString(16)} cannot be decoded: ${error.message}`, entry.start);
      throw error;
    }
    this.#fragmentCache = { start: entry.start, bytes };
    return bytes;
  }
}

/** Whether a compressed block of `codec` may start at `at` (its magic, or a valid zlib header). */
function blockMayStart(codec: 'zlib' | 'xz' | 'zstd', bytes: Uint8Array, at: number): boolean {
  const b0 = bytes[at]!;
  const b1 = bytes[at + 1];
  if (b1 === undefined) return false;
  switch (codec) {
    case 'zlib':
      // RFC 1950 §2.2: CM 8, CINFO ≤ 7, (CMF × 256 + FLG) a multiple of 31.
      return (b0 & 0x0f) === 8 && b0 >> 4 <= 7 && ((b0 << 8) | b1) % 31 === 0;
    case 'xz':
      return b0 === 0xfd && b1 === 0x37 && bytes[at + 2] === 0x7a && bytes[at + 3] === 0x58;
    case 'zstd':
      return b0 === 0x28 && b1 === 0xb5 && bytes[at + 2] === 0x2f && bytes[at + 3] === 0xfd;
  }
}

/** Decodes the block at the start of `bytes` if there is one, with the input it used. */
function salvageBlock(codec: 'zlib' | 'xz' | 'zstd', bytes: Uint8Array, blockSize: number): { readonly bytes: Uint8Array; readonly consumed: number } | undefined {
  if (!blockMayStart(codec, bytes, 0)) return undefined;
  try {
    switch (codec) {
      case 'zlib': {
        const inflated = zlibInflatePrefix(bytes, blockSize);
        return inflated.bytes.length > 0 ? inflated : undefined;
      }
      case 'xz':
      case 'zstd': {
        const end = delimitedBlockEnd(codec, bytes);
        return { bytes: decompressBlock(codec, bytes.subarray(0, end), blockSize), consumed: end };
      }
    }
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

/** Where the xz stream or zstd frame at the start of `bytes` ends (both say so); `InputError` when there is none. */
function delimitedBlockEnd(codec: 'xz' | 'zstd', bytes: Uint8Array): number {
  return codec === 'xz' ? parseXzStream(bytes, 0).end : parseZstdFrame(bytes, 0).end;
}

function refKey(ref: InodeRef): string {
  return `${ref.block}:${ref.offset}`;
}
