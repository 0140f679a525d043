// squashfs: the pure parsers against hand-built structures (every field, every truncation),
// then hand-built images (uncompressed metadata and data, so each byte is visible in the test)
// for the hostile cases, then damage to a real image made by mksquashfs. The real images
// themselves are scanned end to end by test/scan/fixtures-filesystems.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/unpack/index.js';
import {
  checkEntryName,
  parseBlockSize,
  parseCompressorOptions,
  parseDirectoryEntry,
  parseDirectoryHeader,
  parseFragmentEntry,
  parseInode,
  parseMetadataHeader,
  parseSuperblock,
  superblockBytes,
} from '../../src/unpack/filesystems/squashfs-format.js';
import { squashfsHandler } from '../../src/unpack/filesystems/squashfs.js';
import { openAll } from './open-helper.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/unpack/squashfs/${name}`, import.meta.url)));

// ---------------------------------------------------------------------------------------
// Builders (little-endian, as squashfs 4 is)
// ---------------------------------------------------------------------------------------
class Bytes {
  readonly parts: number[] = [];
  u8(v: number) { this.parts.push(v & 0xff); return this; }
  u16(v: number) { return this.u8(v).u8(v >>> 8); }
  u32(v: number) { return this.u16(v & 0xffff).u16(v >>> 16); }
  u64(v: bigint) { return this.u32(Number(v & 0xffffffffn)).u32(Number(v >> 32n)); }
  bytes(b: Uint8Array | string) { for (const x of typeof b === 'string' ? Buffer.from(b) : b) this.u8(x); return this; }
  get length() { return this.parts.length; }
  done() { return Uint8Array.from(this.parts); }
}

const absent = 0xffffffffffffffffn;

interface SuperblockSpec {
  magic?: string; major?: number; minor?: number; blockSize?: number; blockLog?: number; compression?: number; flags?: number;
  root?: bigint; bytesUsed?: bigint; idTable?: bigint; xattrTable?: bigint; inodeTable?: bigint; directoryTable?: bigint;
  fragmentTable?: bigint; exportTable?: bigint; fragments?: number;
}

function superblock(spec: SuperblockSpec = {}): Uint8Array {
  return new Bytes()
    .bytes(spec.magic ?? 'hsqs').u32(3).u32(0).u32(spec.blockSize ?? 4096).u32(spec.fragments ?? 0)
    .u16(spec.compression ?? 1).u16(spec.blockLog ?? 12).u16(spec.flags ?? 0x0013).u16(1).u16(spec.major ?? 4).u16(spec.minor ?? 0)
    .u64(spec.root ?? 0n).u64(spec.bytesUsed ?? 400n).u64(spec.idTable ?? 390n).u64(spec.xattrTable ?? absent)
    .u64(spec.inodeTable ?? 200n).u64(spec.directoryTable ?? 300n).u64(spec.fragmentTable ?? absent).u64(spec.exportTable ?? absent)
    .done();
}

const inodeHeader = (b: Bytes, type: number, number: number) => b.u16(type).u16(0o644).u16(0).u16(0).u32(0).u32(number);

function basicDir(number: number, listingOffset: number, listingBytes: number, parent = 1): Uint8Array {
  const b = new Bytes();
  inodeHeader(b, 1, number);
  return b.u32(0).u32(2).u16(listingBytes + 3).u16(listingOffset).u32(parent).done();
}

function basicFile(number: number, start: number, size: number, blocks: number[], fragment = 0xffffffff, fragmentOffset = 0): Uint8Array {
  const b = new Bytes();
  inodeHeader(b, 2, number);
  b.u32(start).u32(fragment).u32(fragmentOffset).u32(size);
  for (const block of blocks) b.u32(block);
  return b.done();
}

function extendedFile(number: number, start: bigint, size: bigint, blocks: number[]): Uint8Array {
  const b = new Bytes();
  inodeHeader(b, 9, number);
  b.u64(start).u64(size).u64(0n).u32(1).u32(0xffffffff).u32(0).u32(0xffffffff);
  for (const block of blocks) b.u32(block);
  return b.done();
}

function symlink(number: number, target: string): Uint8Array {
  const b = new Bytes();
  inodeHeader(b, 3, number);
  return b.u32(1).u32(target.length).bytes(target).done();
}

interface EntrySpec { inodeOffset: number; inodeNumber: number; type: number; name: string | Uint8Array }

function listing(entries: EntrySpec[], base = 1): Uint8Array {
  const b = new Bytes().u32(entries.length - 1).u32(0).u32(base);
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name) : e.name;
    b.u16(e.inodeOffset).u16((e.inodeNumber - base) & 0xffff).u16(e.type).u16(name.length - 1).bytes(name);
  }
  return b.done();
}

/**
 * An image with uncompressed metadata and data (flags 0x0013: uncompressed inodes and data,
 * no fragments), block size 4 KiB: superblock | data | inode table (one block) | directory
 * table (one block) | a dummy 8-byte id table.
 */
class Image {
  readonly data = new Bytes();
  readonly inodes = new Bytes();
  readonly listings = new Bytes();
  addData(bytes: Uint8Array): number { const at = superblockBytes + this.data.length; this.data.bytes(bytes); return at; }
  addInode(bytes: Uint8Array): number { const at = this.inodes.length; this.inodes.bytes(bytes); return at; }
  addListing(bytes: Uint8Array): number { const at = this.listings.length; this.listings.bytes(bytes); return at; }
  build(rootOffset: number, spec: SuperblockSpec = {}): Uint8Array {
    const inodeTable = superblockBytes + this.data.length;
    const directoryTable = inodeTable + 2 + this.inodes.length;
    const idTable = directoryTable + 2 + this.listings.length;
    const bytesUsed = idTable + 8;
    return new Bytes()
      .bytes(superblock({ root: BigInt(rootOffset), bytesUsed: BigInt(bytesUsed), idTable: BigInt(idTable), inodeTable: BigInt(inodeTable), directoryTable: BigInt(directoryTable), ...spec }))
      .bytes(this.data.done())
      .u16(0x8000 | this.inodes.length).bytes(this.inodes.done())
      .u16(0x8000 | this.listings.length).bytes(this.listings.done())
      .u64(BigInt(directoryTable))
      .done();
  }
}

/** Root with the given entries, built after them; returns the image. */
function withRoot(image: Image, entries: EntrySpec[]): Uint8Array {
  const rootListing = image.addListing(listing(entries));
  const rootInode = image.addInode(basicDir(1, rootListing, listing(entries).length));
  return image.build(rootInode);
}

const uncompressed = (size: number) => size | (1 << 24);

// ---------------------------------------------------------------------------------------
// Superblock
// ---------------------------------------------------------------------------------------
describe('parseSuperblock', () => {
  it('decodes every field of a 4.0 superblock', () => {
    const parsed = parseSuperblock(superblock({ fragments: 2, fragmentTable: 380n, exportTable: absent }));
    expect(parsed).toEqual({
      kind: 'v4',
      superblock: {
        inodeCount: 3, modificationTime: 0, blockSize: 4096, fragmentCount: 2, compressionId: 1, blockLog: 12, flags: 0x13, idCount: 1,
        rootInode: { block: 0, offset: 0 }, bytesUsed: 400, idTableStart: 390, xattrIdTableStart: -1, inodeTableStart: 200,
        directoryTableStart: 300, fragmentTableStart: 380, exportTableStart: -1,
      },
    });
  });
  it('splits the root inode reference into block and offset', () => {
    const parsed = parseSuperblock(superblock({ root: (0x1234n << 16n) | 0x56n }));
    expect(parsed.kind === 'v4' && parsed.superblock.rootInode).toEqual({ block: 0x1234, offset: 0x56 });
  });
  it('rejects every truncation of the superblock without throwing', () => {
    const full = superblock();
    for (let length = 0; length < superblockBytes; length++) expect(parseSuperblock(full.subarray(0, length)).kind, `length ${length}`).toBe('invalid');
  });
  const invalid: [string, SuperblockSpec, RegExp][] = [
    ['a minor version other than 0', { minor: 1 }, /4\.1/],
    ['a block size that is not 2^block_log', { blockSize: 8192, blockLog: 12 }, /block size/],
    ['a block size above 1 MiB', { blockSize: 2 ** 21, blockLog: 21 }, /block size/],
    ['bytes_used below the superblock', { bytesUsed: 50n }, /bytes_used/],
    ['bytes_used above 2^53', { bytesUsed: 1n << 60n }, /bytes_used/],
    ['a table beyond bytes_used', { idTable: 401n }, /beyond bytes_used/],
    ['the directory table before the inode table', { inodeTable: 300n, directoryTable: 200n }, /out of order/],
    ['an inode table inside the superblock', { inodeTable: 10n }, /out of order/],
  ];
  it.each(invalid)('rejects %s', (_name, spec, reason) => {
    const parsed = parseSuperblock(superblock(spec));
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(reason);
  });
  it('recognises a big-endian superblock as an unsupported squashfs', () => {
    const be = superblock({ magic: 'sqsh' });
    new DataView(be.buffer).setUint16(28, 4, false);
    expect(parseSuperblock(be)).toMatchObject({ kind: 'unsupported', reason: /big-endian/ });
  });
  it('recognises squashfs 3.1 (either byte order) as unsupported, with its length', () => {
    for (const [magic, little] of [['hsqs', true], ['sqsh', false]] as const) {
      const v3 = new Uint8Array(96);
      v3.set(Buffer.from(magic), 0);
      const view = new DataView(v3.buffer);
      view.setUint16(28, 3, little);
      view.setUint16(30, 1, little);
      view.setUint16(34, 17, little);
      view.setUint32(51, 131072, little);
      view.setBigInt64(63, 8192n, little);
      expect(parseSuperblock(v3)).toEqual({ kind: 'unsupported', reason: `squashfs 3.1 ${little ? 'little' : 'big'}-endian: only squashfs 4.0 little-endian is read`, length: 8192 });
    }
  });
  it('rejects a version that never existed', () => {
    expect(parseSuperblock(superblock({ major: 7 }))).toMatchObject({ kind: 'invalid' });
  });
  it('is what detect uses: the chunk length is bytes_used', () => {
    expect(squashfsHandler.detect(superblock())).toEqual({ ok: true, length: 400, reasons: ['squashfs 4.0, gzip'] });
    expect(detectFormat(fixture('v4-le-xz.sqsh').subarray(0, 96))?.id).toBe('squashfs');
    expect(squashfsHandler.detect(Buffer.from('hsqs but nothing else'))).toMatchObject({ ok: false });
  });
});

// ---------------------------------------------------------------------------------------
// Inodes, directories, fragments, block sizes
// ---------------------------------------------------------------------------------------
describe('parseInode', () => {
  it('decodes a basic file: block count without and with a fragment', () => {
    expect(parseInode(basicFile(5, 96, 10000, [1, 2, 3]), 4096)).toEqual({
      inode: { kind: 'file', type: 2, inodeNumber: 5, blocksStart: 96, fileSize: 10000, fragmentIndex: 0xffffffff, fragmentOffset: 0, linkCount: 1, blockCount: 3 },
    });
    expect(parseInode(basicFile(5, 96, 10000, [1, 2], 0, 100), 4096)).toMatchObject({ inode: { blockCount: 2, fragmentIndex: 0, fragmentOffset: 100 } });
  });
  it('decodes an extended file and refuses sizes above 2^53', () => {
    expect(parseInode(extendedFile(6, 96n, 5000n, [1, 2]), 4096)).toMatchObject({ inode: { kind: 'file', type: 9, blocksStart: 96, fileSize: 5000, blockCount: 2 } });
    expect(parseInode(extendedFile(6, 96n, 1n << 60n, []), 4096)).toMatchObject({ reason: /above 2\^53/ });
  });
  it('refuses a fragment tail that runs past the fragment block', () => {
    expect(parseInode(basicFile(5, 96, 100, [], 0, 4090), 4096)).toMatchObject({ reason: /runs past/ });
  });
  it('decodes basic and extended directories', () => {
    expect(parseInode(basicDir(2, 40, 100, 1), 4096)).toEqual({
      inode: { kind: 'directory', type: 1, inodeNumber: 2, listingBlock: 0, listingOffset: 40, listingBytes: 100, parentInode: 1, indexCount: 0 },
    });
    const ext = new Bytes();
    inodeHeader(ext, 8, 3);
    ext.u32(2).u32(10003).u32(0x2000).u32(1).u16(2).u16(12).u32(0xffffffff);
    expect(parseInode(ext.done(), 4096)).toEqual({
      inode: { kind: 'directory', type: 8, inodeNumber: 3, listingBlock: 0x2000, listingOffset: 12, listingBytes: 10000, parentInode: 1, indexCount: 2 },
    });
  });
  it('refuses a directory size below 3 (the "." and ".." it always counts)', () => {
    const dir = basicDir(2, 0, 0);
    new DataView(dir.buffer).setUint16(24, 2, true);
    expect(parseInode(dir, 4096)).toMatchObject({ reason: /below 3/ });
  });
  it('names symlinks, devices, FIFOs and sockets as other inodes', () => {
    expect(parseInode(symlink(4, 'target'), 4096)).toEqual({ inode: { kind: 'other', type: 3, inodeNumber: 4 } });
    for (const type of [4, 5, 6, 7, 11, 12, 13, 14]) {
      const b = new Bytes();
      inodeHeader(b, type, 9);
      b.u32(1).u32(0).u32(0);
      expect(parseInode(b.done(), 4096), `type ${type}`).toEqual({ inode: { kind: 'other', type, inodeNumber: 9 } });
    }
  });
  it('refuses unknown types and every truncation of each fixed part', () => {
    const b = new Bytes();
    inodeHeader(b, 15, 1);
    expect(parseInode(b.u32(0).u32(0).u32(0).u32(0).done(), 4096)).toMatchObject({ reason: /unknown inode type 15/ });
    for (const inode of [basicFile(1, 96, 1, []), basicDir(1, 0, 0), extendedFile(1, 96n, 1n, [])]) {
      for (let length = 0; length < inode.length; length++) expect(parseInode(inode.subarray(0, length), 4096), `length ${length}`).toHaveProperty('reason');
    }
  });
});

describe('directory, fragment and block-size parsers', () => {
  it('decodes a directory header and refuses more than 256 entries per header', () => {
    const bytes = new Bytes().u32(255).u32(0x40).u32(7).done();
    expect(parseDirectoryHeader(bytes)).toEqual({ header: { entries: 256, inodeBlock: 0x40, inodeNumber: 7 } });
    expect(parseDirectoryHeader(new Bytes().u32(256).u32(0).u32(0).done())).toMatchObject({ reason: /257 entries/ });
    expect(parseDirectoryHeader(bytes.subarray(0, 11))).toMatchObject({ reason: /cut short/ });
  });
  it('decodes an entry with a negative inode delta and folds an extended type to its basic one', () => {
    const header = { entries: 1, inodeBlock: 0, inodeNumber: 100 };
    expect(parseDirectoryEntry(new Bytes().u16(32).u16(-3 & 0xffff).u16(9).u16(4).done(), header)).toEqual({ entry: { inodeOffset: 32, inodeNumber: 97, type: 2, nameBytes: 5 } });
    expect(parseDirectoryEntry(new Bytes().u16(0).u16(0).u16(15).u16(0).done(), header)).toMatchObject({ reason: /type 15/ });
    expect(parseDirectoryEntry(new Uint8Array(7), header)).toMatchObject({ reason: /cut short/ });
  });
  it('checks entry names', () => {
    expect(checkEntryName(Buffer.from('ok.txt'))).toBeUndefined();
    for (const bad of ['', '.', '..', 'a/b', 'nul\0']) expect(checkEntryName(Buffer.from(bad)), JSON.stringify(bad)).toBeDefined();
  });
  it('decodes metadata headers, block sizes and fragment entries', () => {
    expect(parseMetadataHeader(0x8000 | 100)).toEqual({ compressed: false, size: 100 });
    expect(parseMetadataHeader(8192)).toEqual({ compressed: true, size: 8192 });
    expect(parseMetadataHeader(0x8000)).toMatchObject({ reason: /0 bytes/ });
    expect(parseMetadataHeader(8193)).toMatchObject({ reason: /8193 bytes/ });
    expect(parseBlockSize(uncompressed(4096), 4096)).toEqual({ compressed: false, size: 4096 });
    expect(parseBlockSize(0, 4096)).toEqual({ compressed: true, size: 0 });
    expect(parseBlockSize(4097, 4096)).toMatchObject({ reason: /exceeds/ });
    expect(parseBlockSize(1 << 25, 4096)).toMatchObject({ reason: /above 24/ });
    const entry = new Bytes().u64(96n).u32(uncompressed(300)).u32(0).done();
    expect(parseFragmentEntry(entry, 4096)).toEqual({ fragment: { start: 96, compressed: false, size: 300 } });
    expect(parseFragmentEntry(new Bytes().u64(96n).u32(0).u32(0).done(), 4096)).toMatchObject({ reason: /0 bytes/ });
    expect(parseFragmentEntry(entry.subarray(0, 15), 4096)).toMatchObject({ reason: /cut short/ });
  });
  it('validates compressor options per compressor', () => {
    const u32s = (...values: number[]) => { const b = new Bytes(); for (const v of values) b.u32(v); return b.done(); };
    expect(parseCompressorOptions(1, new Bytes().u32(9).u16(15).u16(0).done())).toMatchObject({ description: /gzip level 9/ });
    expect(parseCompressorOptions(1, new Bytes().u32(10).u16(15).u16(0).done())).toMatchObject({ reason: /level 10/ });
    expect(parseCompressorOptions(5, u32s(1, 1))).toMatchObject({ description: /high compression/ });
    expect(parseCompressorOptions(5, u32s(2, 0))).toEqual({ reason: 'lz4 format version 2', unsupported: true });
    expect(parseCompressorOptions(2, u32s(0))).toMatchObject({ reason: /no compression options/ });
    expect(parseCompressorOptions(4, u32s(1 << 20))).toMatchObject({ reason: /cut short/ });
  });
});

// ---------------------------------------------------------------------------------------
// Hand-built images through the handler
// ---------------------------------------------------------------------------------------
describe('squashfs handler on hand-built images', () => {
  it('yields a file stored uncompressed as a verbatim slice, and skips a symlink', async () => {
    const image = new Image();
    const data = image.addData(Buffer.from('hello squashfs'));
    const file = image.addInode(basicFile(2, data, 14, [uncompressed(14)]));
    const link = image.addInode(symlink(3, 'a.txt'));
    const opened = await openAll(squashfsHandler, withRoot(image, [
      { inodeOffset: file, inodeNumber: 2, type: 2, name: 'a.txt' },
      { inodeOffset: link, inodeNumber: 3, type: 3, name: 'link' },
    ]));
    expect(opened).toEqual({ children: [{ path: 'a.txt', offset: data, bytes: Buffer.from('hello squashfs'), verbatim: { start: data, end: data + 14 } }], problems: [] });
  });
  it('scans a sparse block as zeros so later bytes keep their offsets', async () => {
    const image = new Image();
    const second = image.addData(Buffer.from('after the hole'));
    const file = image.addInode(extendedFile(2, BigInt(second), 4096n + 14n, [0, uncompressed(14)]));
    const opened = await openAll(squashfsHandler, withRoot(image, [{ inodeOffset: file, inodeNumber: 2, type: 2, name: 'holey' }]));
    expect(opened.children[0]!.bytes.length).toBe(4110);
    expect(opened.children[0]!.bytes.subarray(4096).toString()).toBe('after the hole');
    expect(opened.children[0]!.bytes.subarray(0, 4096).every((byte) => byte === 0)).toBe(true);
  });
  it('reports a directory that lists its own parent as a loop and ends', async () => {
    const image = new Image();
    // sub (inode at 0) lists an entry "back" pointing at the root inode, which is added next (offset 32 + listing-independent).
    const rootInodeOffset = 32;
    const subListing = image.addListing(listing([{ inodeOffset: rootInodeOffset, inodeNumber: 1, type: 1, name: 'back' }]));
    const sub = image.addInode(basicDir(2, subListing, listing([{ inodeOffset: 0, inodeNumber: 1, type: 1, name: 'back' }]).length));
    expect(sub).toBe(0);
    const opened = await openAll(squashfsHandler, withRoot(image, [{ inodeOffset: sub, inodeNumber: 2, type: 1, name: 'sub' }]));
    expect(opened.children).toEqual([]);
    expect(opened.problems).toEqual([{ kind: 'corrupt', message: 'squashfs: directory "sub/back" is reached a second time (a loop); not walked again' }]);
  });
  it('skips entries whose inode type differs from the listing, and names with "/", and goes on', async () => {
    const image = new Image();
    const data = image.addData(Buffer.from('ok'));
    const file = image.addInode(basicFile(2, data, 2, [uncompressed(2)]));
    const opened = await openAll(squashfsHandler, withRoot(image, [
      { inodeOffset: file, inodeNumber: 2, type: 1, name: 'not-a-dir' },
      { inodeOffset: file, inodeNumber: 2, type: 2, name: 'a/b' },
      { inodeOffset: file, inodeNumber: 2, type: 2, name: 'fine' },
    ]));
    expect(opened.children.map((child) => child.path)).toEqual(['fine']);
    expect(opened.problems.map((problem) => problem.message)).toEqual([
      'squashfs: "not-a-dir" is listed as a directory but its inode has type 2; skipped',
      'squashfs: directory entry "a/b" is a name with "/" or NUL; skipped',
    ]);
  });
  it('reports a data block outside the data area on that file and goes on with the next', async () => {
    const image = new Image();
    const data = image.addData(Buffer.from('good'));
    const bad = image.addInode(basicFile(2, 5000, 10, [uncompressed(10)]));
    const good = image.addInode(basicFile(3, data, 4, [uncompressed(4)]));
    const opened = await openAll(squashfsHandler, withRoot(image, [
      { inodeOffset: bad, inodeNumber: 2, type: 2, name: 'bad' },
      { inodeOffset: good, inodeNumber: 3, type: 2, name: 'good' },
    ]));
    expect(opened.children.map((child) => [child.path, child.error?.kind ?? 'ok'])).toEqual([['bad', 'corrupt'], ['good', 'ok']]);
    expect(opened.children[0]!.error!.message).toMatch(/outside the data area/);
  });
  it('stops a file that claims 2^40 bytes where its block list runs out of the inode table, without allocating it', async () => {
    const image = new Image();
    const file = image.addInode(extendedFile(2, 96n, 1n << 40n, [0, 0]));
    const opened = await openAll(squashfsHandler, withRoot(image, [{ inodeOffset: file, inodeNumber: 2, type: 2, name: 'huge' }]));
    expect(opened.children[0]!.error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/outside its table|runs past/) });
    expect(opened.children[0]!.bytes.length).toBe(0);
  });
  it('reports a fragment that does not exist on its file', async () => {
    const image = new Image();
    const file = image.addInode(basicFile(2, 96, 10, [], 3, 0));
    const opened = await openAll(squashfsHandler, withRoot(image, [{ inodeOffset: file, inodeNumber: 2, type: 2, name: 'tail' }]));
    expect(opened.children[0]!.error!.message).toMatch(/fragment 3 does not exist/);
  });
  it('refuses an unknown compressor and lz4 options of another format version as unsupported', async () => {
    const image = new Image();
    const plain = withRoot(image, []);
    const unknown = plain.slice();
    new DataView(unknown.buffer).setUint16(20, 9, true);
    expect((await openAll(squashfsHandler, unknown)).error).toEqual({ kind: 'unsupported', message: 'squashfs: unknown compressor id 9; scanned raw only' });
    const lz4 = new Image();
    lz4.addData(new Bytes().u16(0x8000 | 8).u32(2).u32(0).done()); // the options block sits at 96
    const options = withRoot(lz4, []);
    const view = new DataView(options.buffer);
    view.setUint16(20, 5, true);
    view.setUint16(24, 0x0413, true);
    expect((await openAll(squashfsHandler, options)).error).toMatchObject({ kind: 'unsupported', message: /lz4 format version 2/ });
  });
  it('reports a zero-sized metadata block header as corrupt', async () => {
    const image = new Image();
    const bytes = withRoot(image, []);
    const inodeTable = Number(new DataView(bytes.buffer).getBigUint64(64, true));
    bytes[inodeTable] = 0x00;
    bytes[inodeTable + 1] = 0x80;
    expect((await openAll(squashfsHandler, bytes)).error).toMatchObject({ kind: 'corrupt', message: /0 bytes on disk/ });
  });
});

// ---------------------------------------------------------------------------------------
// Damage to a real image
// ---------------------------------------------------------------------------------------
describe('squashfs handler on damaged real images', () => {
  it('never fails with anything but input problems when v4-le-gzip.sqsh is cut anywhere', async () => {
    const full = fixture('v4-le-gzip.sqsh');
    const used = Number(new DataView(full.buffer).getBigUint64(40, true));
    for (let i = 1; i < 16; i++) {
      const cut = Math.floor((used * i) / 16);
      const opened = await openAll(squashfsHandler, full.subarray(0, cut));
      expect(opened.problems[0], `cut at ${cut}`).toMatchObject({ kind: 'corrupt', message: /truncated image/ });
    }
  });
  it('salvages the zlib block of a gzip image whose tables were cut off, as one child without a path', async () => {
    const opened = await openAll(squashfsHandler, fixture('truncated--half.sqsh'));
    expect(opened.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^squashfs: truncated image: bytes_used is \d+, only 3704 bytes present/),
      expect.stringMatching(/directory tree of the truncated image cannot be read .* data blocks that still decode are scanned in disk order instead$/),
    ]);
    expect(opened.children.map((child) => [child.path, child.offset])).toEqual([['', 96]]);
    expect(opened.children[0]!.bytes.subarray(0, 17).toString()).toBe('config (GB18030):');
  });
  it.each([
    ['v4-le-xz--no-fragments-4k.sqsh', 'block0 line 00001'],
    ['v4-le-zstd.sqsh', 'block0 line 00001'],
  ])('salvages the blocks of %s cut at 60%% of its bytes', async (name, text) => {
    const full = fixture(name);
    const used = Number(new DataView(full.buffer).getBigUint64(40, true));
    const opened = await openAll(squashfsHandler, full.subarray(0, Math.floor(used * 0.6)));
    expect(opened.children.length).toBe(1);
    expect(opened.children[0]!.bytes.includes(Buffer.from(text))).toBe(true);
  });
  it('salvages nothing from an lz4 image (its blocks do not say where they end), and says the tree is unreadable', async () => {
    const full = fixture('v4-le-lz4.sqsh');
    const opened = await openAll(squashfsHandler, full.subarray(0, 5000));
    expect(opened.children).toEqual([]);
    expect(opened.problems.length).toBe(2);
  });
  it('never fails with anything but input problems when bytes of v4-le-xz.sqsh are overwritten', async () => {
    const full = fixture('v4-le-xz.sqsh');
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 60; i++) {
      const damaged = full.slice();
      for (let flips = 0; flips < 3; flips++) damaged[96 + Math.floor(random() * (damaged.length - 96))] = Math.floor(random() * 256);
      await openAll(squashfsHandler, damaged); // openAll rethrows anything that is not an InputError
    }
  });
});
