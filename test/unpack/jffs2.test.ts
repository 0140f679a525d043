// JFFS2: the real images (built by test/fixtures/build/flash.sh with mkfs.jffs2) in one line
// each, then node-level behaviour on images built node by node (helpers/flash-builders.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rtimeDecompress, buildFragments, type InodeNode } from '../../src/unpack/filesystems/jffs2-format.js';
import { jffs2Handler } from '../../src/unpack/filesystems/jffs2.js';
import { jffs2Cleanmarker, jffs2Dirent, jffs2Image, jffs2Inode, type Endian } from './helpers/flash-builders.js';
import { openWith, pathOf, type Opened } from './helpers/open-handler.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/unpack/jffs2/${name}`, import.meta.url)));
const text = (value: string) => new TextEncoder().encode(value);
const files = (opened: Opened) => Object.fromEntries(opened.children.map((child) => [pathOf(child.link), child.bytes.toString('latin1')]));
const dir = 0o040755;

/** root/dir (ino 2), root/dir/file.txt (ino 3) with `nodes` as the file's inode nodes. */
function tree(fileNodes: readonly Uint8Array[], endian: Endian = 'le', extra: readonly Uint8Array[] = []): Uint8Array {
  return jffs2Image([
    jffs2Cleanmarker(endian),
    jffs2Dirent({ pino: 1, version: 1, ino: 2, name: 'dir', type: 4 }, endian),
    jffs2Inode({ ino: 2, version: 1, mode: dir, isize: 0 }, endian),
    jffs2Dirent({ pino: 2, version: 2, ino: 3, name: 'file.txt' }, endian),
    ...fileNodes,
    ...extra,
  ]);
}

describe('jffs2 images made by mkfs.jffs2', () => {
  const expected = ['etc/face/attr-gb18030.conf', 'etc/lang/zh-utf16le.txt', 'usr/include/sdk/nation.h', 'var/log/boot.log'];
  it.each(['le-zlib.jffs2', 'le-lzo.jffs2', 'be-rtime.jffs2'])('%s: every regular file, the same bytes in every variant, the image end at the padded erase block', async (name) => {
    const image = fixture(name);
    const opened = await openWith(jffs2Handler, image);
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(expected);
    expect(opened.children.every((child) => child.error === undefined && child.bytes.length === child.size)).toBe(true);
    expect(opened.length).toBe(image.length);
    const reference = files(await openWith(jffs2Handler, fixture('le-zlib.jffs2')));
    expect(files(opened)).toEqual(reference);
  });

  it('corrupt--bad-node-crc.jffs2: the damaged node reads as a hole, reported on its file; the rest is intact', async () => {
    const opened = await openWith(jffs2Handler, fixture('corrupt--bad-node-crc.jffs2'));
    const reference = files(await openWith(jffs2Handler, fixture('le-zlib.jffs2')));
    const nation = opened.children.find((child) => pathOf(child.link) === 'usr/include/sdk/nation.h')!;
    expect(nation.error?.kind).toBe('corrupt');
    expect(nation.error?.message).toMatch(/data CRC mismatch/);
    expect(nation.bytes.subarray(0, 4096).every((byte) => byte === 0)).toBe(true);
    expect(nation.bytes.subarray(4096).toString('latin1')).toBe(reference['usr/include/sdk/nation.h']!.slice(4096));
    expect(opened.children.filter((child) => child.error === undefined).map((child) => pathOf(child.link))).toHaveLength(3);
  });
});

describe('jffs2 node handling', () => {
  it.each(['le', 'be'] as const)('reads a %s-endian file split over two nodes', async (endian) => {
    const image = tree(
      [jffs2Inode({ ino: 3, version: 1, isize: 8, offset: 0, data: text('abcd') }, endian), jffs2Inode({ ino: 3, version: 2, isize: 8, offset: 4, data: text('efgh') }, endian)],
      endian,
    );
    expect(jffs2Handler.detect(image.subarray(0, 12)).ok).toBe(true);
    expect(files(await openWith(jffs2Handler, image))).toEqual({ 'dir/file.txt': 'abcdefgh' });
  });

  it('lets the latest version win per byte range, in any node order', async () => {
    const image = tree([
      jffs2Inode({ ino: 3, version: 2, isize: 8, offset: 2, data: text('BB') }),
      jffs2Inode({ ino: 3, version: 1, isize: 8, offset: 0, data: text('AAAAAAAA') }),
    ]);
    expect(files(await openWith(jffs2Handler, image))).toEqual({ 'dir/file.txt': 'AABBAAAA' });
  });

  it('cuts the file at the latest inode size and fills holes with zeros', async () => {
    const image = tree([
      jffs2Inode({ ino: 3, version: 1, isize: 12, offset: 8, data: text('WXYZ') }),
      jffs2Inode({ ino: 3, version: 2, isize: 10 }),
    ]);
    expect(files(await openWith(jffs2Handler, image))).toEqual({ 'dir/file.txt': '\0\0\0\0\0\0\0\0WX' });
  });

  it('ignores a node whose data CRC fails (the older version shows through) and reports it on the file', async () => {
    const image = tree([
      jffs2Inode({ ino: 3, version: 1, isize: 4, data: text('good') }),
      jffs2Inode({ ino: 3, version: 2, isize: 4, data: text('evil'), badDataCrc: true }),
    ]);
    const opened = await openWith(jffs2Handler, image);
    expect(files(opened)).toEqual({ 'dir/file.txt': 'good' });
    expect(opened.children[0]!.error?.kind).toBe('corrupt');
  });

  it('reports a file whose only node is damaged on the image (there is no file left to carry it)', async () => {
    const opened = await openWith(jffs2Handler, tree([jffs2Inode({ ino: 3, version: 1, isize: 4, data: text('evil'), badDataCrc: true })]));
    expect(opened.children).toEqual([]);
    expect(opened.problems.map((p) => [p.kind, p.message.startsWith('jffs2: inode 3 has no readable node left')])).toEqual([['corrupt', true]]);
  });

  it('skips a node with a bad header CRC and reports it on the image', async () => {
    const damaged = jffs2Inode({ ino: 3, version: 2, isize: 4, data: text('evil') });
    damaged[9] = damaged[9]! ^ 0xff;
    const opened = await openWith(jffs2Handler, tree([jffs2Inode({ ino: 3, version: 1, isize: 4, data: text('good') }), damaged]));
    expect(files(opened)).toEqual({ 'dir/file.txt': 'good' });
    expect(opened.problems.map((p) => p.kind)).toEqual(['corrupt']);
  });

  it('skips obsolete nodes (ACCURATE bit cleared by the kernel, CRC left as written)', async () => {
    const obsolete = jffs2Inode({ ino: 3, version: 2, isize: 4, data: text('old!') });
    obsolete[3] = obsolete[3]! & ~0x20; // nodetype 0xE002 -> 0xC002 (little-endian high byte)
    const opened = await openWith(jffs2Handler, tree([jffs2Inode({ ino: 3, version: 1, isize: 4, data: text('live') }), obsolete]));
    expect(files(opened)).toEqual({ 'dir/file.txt': 'live' });
    expect(opened.problems).toEqual([]);
  });

  it('scans an unlinked file that still has data under <unlinked>/ino-N', async () => {
    const image = tree([jffs2Inode({ ino: 3, version: 1, isize: 4, data: text('gone') })], 'le', [jffs2Dirent({ pino: 2, version: 3, ino: 0, name: 'file.txt' })]);
    const opened = await openWith(jffs2Handler, image);
    expect(files(opened)).toEqual({ '<unlinked>/ino-3': 'gone' });
    expect(opened.problems).toEqual([]);
  });

  it('scans files whose directory chain loops, and reports the loop', async () => {
    const image = jffs2Image([
      jffs2Dirent({ pino: 5, version: 1, ino: 4, name: 'a', type: 4 }),
      jffs2Dirent({ pino: 4, version: 1, ino: 5, name: 'b', type: 4 }),
      jffs2Dirent({ pino: 5, version: 2, ino: 6, name: 'f' }),
      jffs2Inode({ ino: 6, version: 1, isize: 4, data: text('loop') }),
    ]);
    const opened = await openWith(jffs2Handler, image);
    expect(files(opened)).toEqual({ '<unlinked>/ino-6': 'loop' });
    expect(opened.problems.map((p) => p.kind)).toEqual(['corrupt']);
  });

  it('decodes zero, rtime and LZMA (OpenWrt lc0/lp0/pb0) nodes', async () => {
    const page = new Uint8Array(readFileSync(new URL('../fixtures/codecs/lzma/page-raw-lc0-lp0-pb0.lzma', import.meta.url)));
    const mixHead = await (async () => {
      const opened = await openWith(jffs2Handler, tree([jffs2Inode({ ino: 3, version: 1, isize: 4096, data: page, dsize: 4096, compr: 8 })]));
      expect(opened.children[0]!.error).toBeUndefined();
      return opened.children[0]!.bytes;
    })();
    expect(mixHead.length).toBe(4096);
    // rtime: "ab" then "a" repeated from after the previous "a" (1 byte), i.e. "aba" + "b".
    const rtime = Uint8Array.of(0x61, 0, 0x62, 0, 0x61, 1);
    const image = tree([jffs2Inode({ ino: 3, version: 1, isize: 8, offset: 0, data: rtime, dsize: 4, compr: 2 }), jffs2Inode({ ino: 3, version: 2, isize: 8, offset: 4, dsize: 4, compr: 1 })]);
    expect(files(await openWith(jffs2Handler, image))).toEqual({ 'dir/file.txt': 'abab\0\0\0\0' });
  });

  it('reports rubin-compressed nodes unsupported and reads their range as zeros', async () => {
    const opened = await openWith(jffs2Handler, tree([jffs2Inode({ ino: 3, version: 1, isize: 4, data: text('xxxx'), dsize: 4, compr: 5 })]));
    expect(opened.children[0]!.bytes).toEqual(Buffer.alloc(4));
    expect(opened.children[0]!.error?.kind).toBe('unsupported');
  });

  it('does not decode a node that claims more than the per-node bound (a limit on its file)', async () => {
    const opened = await openWith(jffs2Handler, tree([jffs2Inode({ ino: 3, version: 1, isize: 4, data: text('tiny'), dsize: 2 * 1024 * 1024 })]));
    expect(opened.children).toEqual([]);
    expect(opened.problems.map((p) => p.kind)).toEqual(['limit']);
  });

  it('passes over directories and symlinks (no children)', async () => {
    const image = tree([jffs2Inode({ ino: 3, version: 1, mode: 0o120777, isize: 4, data: text('dest') })]);
    expect((await openWith(jffs2Handler, image)).children).toEqual([]);
  });

  it('ends the image at an erase-block boundary that holds something else', async () => {
    const image = tree([jffs2Inode({ ino: 3, version: 1, isize: 4, data: text('data') })]);
    const followed = new Uint8Array(image.length + 4096).fill(0x5a);
    followed.set(image);
    const opened = await openWith(jffs2Handler, followed);
    expect(opened.length).toBe(image.length);
    expect(opened.problems).toEqual([]);
    expect(files(opened)).toEqual({ 'dir/file.txt': 'data' });
  });

  it('rejects a header whose CRC fails, and a missing magic', () => {
    const marker = jffs2Cleanmarker();
    expect(jffs2Handler.detect(marker).ok).toBe(true);
    expect(jffs2Handler.detect(jffs2Cleanmarker('be')).ok).toBe(true);
    const damaged = marker.slice();
    damaged[4] = 13;
    expect(jffs2Handler.detect(damaged)).toEqual({ ok: false, reason: 'JFFS2 node header CRC mismatch' });
    expect(jffs2Handler.detect(new Uint8Array(12)).ok).toBe(false);
  });
});

describe('jffs2-format', () => {
  const node = (version: number, offset: number, dsize: number) => ({ version, offset, dsize }) as InodeNode;
  it('buildFragments: later versions split earlier ranges; gaps are holes; isize cuts', () => {
    const fragments = buildFragments([node(1, 0, 10), node(2, 3, 2), node(3, 20, 10)], 25);
    expect(fragments.map((f) => [f.start, f.end, f.node?.version])).toEqual([
      [0, 3, 1],
      [3, 5, 2],
      [5, 10, 1],
      [10, 20, undefined],
      [20, 25, 3],
    ]);
  });
  it('rtimeDecompress rejects input that ends early or overruns the output', () => {
    expect(rtimeDecompress(Uint8Array.of(0x61), 4)).toBeUndefined();
    expect(rtimeDecompress(Uint8Array.of(0x61, 9), 4)).toBeUndefined();
    expect(Buffer.from(rtimeDecompress(Uint8Array.of(0x61, 0, 0x61, 2), 4)!).toString()).toBe('aaaa');
  });
});
