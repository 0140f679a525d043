// UBIFS: the volume inside the real ubinize image, then node-level behaviour on volumes built
// node by node (helpers/flash-builders.ts): newest node wins, deletion, stale data after inode
// reuse and truncation, compression per block, damaged nodes, encrypted files.
import { deflateRawSync } from 'node:zlib';
import { crc32Ubi } from '../../src/unpack/codecs/checksums.js';
import { describe, expect, it } from 'vitest';
import { ubiHandler } from '../../src/unpack/filesystems/ubi.js';
import { ubifsHandler } from '../../src/unpack/filesystems/ubifs.js';
import { ubifsData, ubifsDent, ubifsInode, ubifsMaster, ubifsSuperblock, ubifsTruncation, ubifsVolume } from './helpers/flash-builders.js';
import { openWith, pathOf, type Opened } from './helpers/open-handler.js';
import { unpackFixture } from './helpers/stream-fixtures.js';

const text = (value: string) => new TextEncoder().encode(value);
const files = (opened: Opened) => Object.fromEntries(opened.children.map((child) => [pathOf(child.link), child.bytes.toString('latin1')]));
const dirMode = 0o040755;
/** root (1) holds dir (2), which holds file.txt (3). */
const tree = (sqnum = 1) => [
  ubifsInode({ ino: 1, sqnum, size: 0, mode: dirMode }),
  ubifsInode({ ino: 2, sqnum, size: 0, mode: dirMode }),
  ubifsDent({ parent: 1, target: 2, name: 'dir', sqnum, type: 1 }),
  ubifsDent({ parent: 2, target: 3, name: 'file.txt', sqnum }),
];

describe('ubifs volume made by mkfs.ubifs (inside the ubinize fixture)', () => {
  it('lists every regular file of the staged tree', async () => {
    const volume = (await openWith(ubiHandler, unpackFixture('ubi/ubifs-lzo.ubi'))).children[0]!.bytes;
    const opened = await openWith(ubifsHandler, volume);
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => [pathOf(child.link), child.error])).toEqual([
      ['etc/face/attr-gb18030.conf', undefined],
      ['etc/lang/zh-utf16le.txt', undefined],
      ['usr/include/sdk/nation.h', undefined],
      ['var/log/boot.log', undefined],
    ]);
    expect(opened.children.every((child) => child.bytes.length === child.size)).toBe(true);
  });
});

describe('ubifs node handling', () => {
  it('rebuilds a file from blocks compressed differently (none, raw deflate), with a hole', async () => {
    const block1 = text('B'.repeat(100));
    const volume = ubifsVolume([
      ...tree(),
      ubifsInode({ ino: 3, sqnum: 2, size: 2 * 4096 + 100 }),
      ubifsData({ ino: 3, block: 0, sqnum: 3, size: 5, bytes: text('hello') }),
      ubifsData({ ino: 3, block: 2, sqnum: 4, size: 100, compr: 2, bytes: new Uint8Array(deflateRawSync(block1)) }),
    ]);
    const content = files(await openWith(ubifsHandler, volume))['dir/file.txt']!;
    expect(content.length).toBe(2 * 4096 + 100);
    expect(content.slice(0, 5)).toBe('hello');
    expect(content.slice(5, 8192)).toBe('\0'.repeat(8187));
    expect(content.slice(8192)).toBe('B'.repeat(100));
  });

  it('takes the data node with the highest sequence number per block', async () => {
    const volume = ubifsVolume([
      ...tree(),
      ubifsInode({ ino: 3, sqnum: 2, size: 3 }),
      ubifsData({ ino: 3, block: 0, sqnum: 9, size: 3, bytes: text('new') }),
      ubifsData({ ino: 3, block: 0, sqnum: 5, size: 3, bytes: text('old') }),
    ]);
    expect(files(await openWith(ubifsHandler, volume))).toEqual({ 'dir/file.txt': 'new' });
  });

  it('drops data written before the inode was (re)created, and blocks cut off by a later truncation', async () => {
    const volume = ubifsVolume([
      ...tree(),
      ubifsData({ ino: 3, block: 0, sqnum: 2, size: 4, bytes: text('prev') }),
      ubifsInode({ ino: 3, sqnum: 10, creatSqnum: 8, size: 8192 }),
      ubifsData({ ino: 3, block: 1, sqnum: 11, size: 4, bytes: text('cut!') }),
      ubifsTruncation({ ino: 3, sqnum: 12, oldSize: 8192, newSize: 4096 }),
    ]);
    const content = files(await openWith(ubifsHandler, volume))['dir/file.txt']!;
    expect(content).toBe('\0'.repeat(8192));
  });

  it('scans a file whose name was deleted under <unlinked>/ino-N', async () => {
    const volume = ubifsVolume([
      ...tree(),
      ubifsInode({ ino: 3, sqnum: 2, size: 4, nlink: 0 }),
      ubifsData({ ino: 3, block: 0, sqnum: 3, size: 4, bytes: text('gone') }),
      ubifsDent({ parent: 2, target: 0, name: 'file.txt', sqnum: 4 }),
    ]);
    expect(files(await openWith(ubifsHandler, volume))).toEqual({ '<unlinked>/ino-3': 'gone' });
  });

  it('skips a node with a bad CRC (reporting it) so an older block shows through', async () => {
    const damaged = ubifsData({ ino: 3, block: 0, sqnum: 9, size: 3, bytes: text('bad') });
    damaged[50] = damaged[50]! ^ 1;
    const opened = await openWith(ubifsHandler, ubifsVolume([...tree(), ubifsInode({ ino: 3, sqnum: 2, size: 3 }), ubifsData({ ino: 3, block: 0, sqnum: 5, size: 3, bytes: text('old') }), damaged]));
    expect(files(opened)).toEqual({ 'dir/file.txt': 'old' });
    expect(opened.problems.map((p) => p.kind)).toEqual(['corrupt']);
  });

  it('reports an unknown compression unsupported on the file, reading the block as zeros', async () => {
    const opened = await openWith(ubifsHandler, ubifsVolume([...tree(), ubifsInode({ ino: 3, sqnum: 2, size: 3 }), ubifsData({ ino: 3, block: 0, sqnum: 3, size: 3, compr: 9, bytes: text('???') })]));
    expect(opened.children[0]!.bytes).toEqual(Buffer.alloc(3));
    expect(opened.children[0]!.error?.kind).toBe('unsupported');
  });

  it('reports an encrypted file instead of scanning ciphertext as its contents', async () => {
    const opened = await openWith(ubifsHandler, ubifsVolume([...tree(), ubifsInode({ ino: 3, sqnum: 2, size: 3, flags: 0x40 }), ubifsData({ ino: 3, block: 0, sqnum: 3, size: 3, bytes: text('enc') })]));
    expect(opened.children).toEqual([]);
    expect(opened.problems.map((p) => p.kind)).toEqual(['encrypted']);
  });

  it('reports a volume cut before the index root its master node places as corrupt, naming where the data ends', async () => {
    const opened = await openWith(ubifsHandler, ubifsVolume([...tree(), ubifsInode({ ino: 3, sqnum: 2, size: 0 })], ubifsMaster(5)));
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringContaining('the data ends at byte 32768 (LEB 2), before the index root the master node places at LEB 5') })]);
    expect(Object.keys(files(opened))).toEqual(['dir/file.txt']);
  });

  it('reports a volume without a master node as possibly cut short', async () => {
    const opened = await openWith(ubifsHandler, ubifsVolume(tree(), ubifsInode({ ino: 3, sqnum: 2, size: 0 })));
    expect(opened.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('ubifs: no valid master node in LEBs 1-2')]);
  });

  it('refuses a superblock whose LEB size would make one read larger than 16 MiB', () => {
    const superblock = ubifsSuperblock();
    const view = new DataView(superblock.buffer);
    view.setUint32(36, 64 * 1024 * 1024, true);
    view.setUint32(4, crc32Ubi(superblock.subarray(8)), true);
    expect(ubifsHandler.detect(superblock)).toEqual({ ok: false, reason: 'implausible UBIFS geometry' });
  });

  it('detect: a superblock; any other first node is not a UBIFS volume', () => {
    expect(ubifsHandler.detect(ubifsSuperblock()).ok).toBe(true);
    const inode = ubifsInode({ ino: 1, sqnum: 1, size: 0 });
    expect(ubifsHandler.detect(inode)).toEqual({ ok: false, reason: 'first UBIFS node is not a superblock' });
    const damaged = ubifsSuperblock();
    damaged[100] = damaged[100]! ^ 1;
    expect(ubifsHandler.detect(damaged)).toEqual({ ok: false, reason: 'UBIFS superblock CRC mismatch' });
  });
});
