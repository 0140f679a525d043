// cramfs: inode bit fields in both byte orders, the superblock at every truncation, hand-built
// images (zlib pages from node:zlib, the real zlib) for holes, loops and bad pointers, and
// damage to the real images made by mkfs.cramfs (scanned end to end by
// test/scan/fixtures-filesystems.test.ts).
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cramfsHandler, parseCramfsInode, parseCramfsSuperblock } from '../../src/unpack/filesystems/cramfs.js';
import { detectFormat } from '../../src/unpack/index.js';
import { openAll } from './open-helper.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/unpack/cramfs/${name}`, import.meta.url)));

const dirMode = 0o040755;
const fileMode = 0o100644;
const linkMode = 0o120777;

/** A 12-byte inode; `nameBytes` and `offset` in bytes (multiples of 4). */
function inode(mode: number, size: number, nameBytes: number, offset: number, little = true): Uint8Array {
  const bytes = new Uint8Array(12);
  const view = new DataView(bytes.buffer);
  if (little) {
    view.setUint32(0, mode, true); // uid 0 in the high half
    view.setUint32(4, size & 0xffffff, true); // gid 0 in the top byte
    view.setUint32(8, ((offset / 4) << 6) | (nameBytes / 4), true);
  } else {
    view.setUint16(0, mode);
    bytes[4] = (size >> 16) & 0xff;
    bytes[5] = (size >> 8) & 0xff;
    bytes[6] = size & 0xff;
    view.setUint32(8, (((nameBytes / 4) << 26) | (offset / 4)) >>> 0);
  }
  return bytes;
}

function entry(mode: number, size: number, name: string, offset: number): Uint8Array {
  const padded = Math.ceil(name.length / 4) * 4;
  const out = new Uint8Array(12 + padded);
  out.set(inode(mode, size, padded, offset), 0);
  out.set(Buffer.from(name), 12);
  return out;
}

/** A little-endian image: superblock and root inode (76 bytes), then `body` at 76; CRC made valid unless told. */
function image(rootSize: number, body: Uint8Array, options: { flags?: number; badCrc?: boolean } = {}): Uint8Array {
  const size = 76 + body.length;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x28cd3d45, true);
  view.setUint32(4, size, true);
  view.setUint32(8, options.flags ?? 3, true);
  bytes.set(Buffer.from('Compressed ROMFS'), 16);
  bytes.set(Buffer.from('test'), 48);
  bytes.set(inode(dirMode, rootSize, 0, 76), 64);
  bytes.set(body, 76);
  view.setUint32(32, (crc32(bytes) + (options.badCrc === true ? 1 : 0)) >>> 0, true);
  return bytes;
}

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** A file's data at `offset`: block end pointers then zlib pages (an empty page = a hole). */
function fileData(offset: number, pages: (Uint8Array | 'hole')[]): Uint8Array {
  const compressed = pages.map((page) => (page === 'hole' ? new Uint8Array(0) : new Uint8Array(deflateSync(page))));
  const table = new DataView(new ArrayBuffer(pages.length * 4));
  let end = offset + pages.length * 4;
  compressed.forEach((c, i) => table.setUint32(i * 4, (end += c.length), true));
  return concat(new Uint8Array(table.buffer), ...compressed);
}

describe('parseCramfsInode', () => {
  it('reads the bit fields from the low bits in a little-endian image and the high bits in a big-endian one', () => {
    for (const little of [true, false]) {
      expect(parseCramfsInode(inode(fileMode, 0xabcdef, 8, 0x1234 * 4, little), little), little ? 'LE' : 'BE').toEqual({ mode: fileMode, size: 0xabcdef, nameBytes: 8, offset: 0x1234 * 4 });
    }
  });
  it('reads the root inode of both real images alike', () => {
    const little = parseCramfsSuperblock(fixture('basic.cramfs'));
    const big = parseCramfsSuperblock(fixture('big-endian.cramfs'));
    expect('superblock' in little && little.superblock.root).toEqual('superblock' in big && big.superblock.root);
    expect('superblock' in big && big.superblock.littleEndian).toBe(false);
  });
});

describe('parseCramfsSuperblock', () => {
  it('gives detect the size field as the chunk length', () => {
    expect(detectFormat(fixture('basic.cramfs').subarray(0, 76))?.id).toBe('cramfs');
    expect(cramfsHandler.detect(fixture('big-endian.cramfs'))).toEqual({ ok: true, length: 4096, reasons: ['cramfs big-endian'] });
  });
  it('rejects every truncation of the superblock and root inode', () => {
    const head = fixture('basic.cramfs');
    for (let length = 0; length < 76; length++) expect(parseCramfsSuperblock(head.subarray(0, length)), `length ${length}`).toHaveProperty('reason');
  });
  it('rejects a missing signature and a size smaller than the superblock', () => {
    const noSignature = fixture('basic.cramfs').slice();
    noSignature[16] = 0x63;
    expect(parseCramfsSuperblock(noSignature)).toEqual({ reason: 'no "Compressed ROMFS" signature' });
    const small = fixture('basic.cramfs').slice();
    new DataView(small.buffer).setUint32(4, 75, true);
    expect(parseCramfsSuperblock(small)).toMatchObject({ reason: /size 75/ });
  });
});

describe('cramfs handler on hand-built images', () => {
  it('decodes a file of two pages and a hole, and skips a symlink', async () => {
    const page = new Uint8Array(4096).fill(0x41);
    const tail = Buffer.from('tail page');
    const names = concat(entry(fileMode, 4096 * 2 + tail.length, 'f', 0), entry(linkMode, 1, 'l', 0));
    const dataAt = 76 + names.length;
    const body = concat(entry(fileMode, 4096 * 2 + tail.length, 'f', dataAt), entry(linkMode, 1, 'l', 0), fileData(dataAt, [page, 'hole', tail]));
    const opened = await openAll(cramfsHandler, image(names.length, body));
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => [child.path, child.offset, child.bytes.length])).toEqual([['f', dataAt, 8201]]);
    expect(opened.children[0]!.bytes.subarray(4096, 8192).every((byte) => byte === 0)).toBe(true);
    expect(opened.children[0]!.bytes.subarray(8192).toString()).toBe('tail page');
  });
  it('reports a directory pointing at entries already walked as a loop, and ends', async () => {
    const body = entry(dirMode, 16, 'sub', 76); // sub's entries are the root's own
    const opened = await openAll(cramfsHandler, image(body.length, body));
    expect(opened.problems).toEqual([{ kind: 'corrupt', message: 'cramfs: directory "sub" points at entries already walked (a loop); not walked again' }]);
  });
  it('reports a page pointer that goes backwards on that file, and goes on', async () => {
    const first = entry(fileMode, 10, 'bad', 0);
    const names = concat(first, entry(fileMode, 2, 'ok', 0));
    const dataAt = 76 + names.length;
    const good = fileData(dataAt + 4, [Buffer.from('ok')]);
    const body = concat(entry(fileMode, 10, 'bad', dataAt), entry(fileMode, 2, 'ok', dataAt + 4), new Uint8Array([0, 0, 0, 0]), good);
    const opened = await openAll(cramfsHandler, image(names.length, body));
    expect(opened.children.map((child) => [child.path, child.error?.kind ?? 'ok'])).toEqual([['bad', 'corrupt'], ['ok', 'ok']]);
    expect(opened.children[1]!.bytes.toString()).toBe('ok');
  });
  it('scans a page that fails to inflate as zeros and reports the file at its end', async () => {
    const names = entry(fileMode, 4096 + 3, 'f', 0);
    const dataAt = 76 + names.length;
    const data = fileData(dataAt, [new Uint8Array(4096).fill(0x42), Buffer.from('end')]);
    data[18] = data[18]! ^ 0xff; // inside the first page's zlib stream
    const opened = await openAll(cramfsHandler, image(names.length, concat(entry(fileMode, 4096 + 3, 'f', dataAt), data)));
    expect(opened.children[0]!.bytes.length).toBe(4099);
    expect(opened.children[0]!.bytes.subarray(4096).toString()).toBe('end');
    expect(opened.children[0]!.error).toMatchObject({ kind: 'corrupt', message: /1 damaged page/ });
  });
  it('reports a CRC mismatch and still opens the image', async () => {
    const names = entry(fileMode, 2, 'f', 0);
    const dataAt = 76 + names.length;
    const opened = await openAll(cramfsHandler, image(names.length, concat(entry(fileMode, 2, 'f', dataAt), fileData(dataAt, [Buffer.from('hi')])), { badCrc: true }));
    expect(opened.problems).toMatchObject([{ kind: 'corrupt', message: /CRC-32 mismatch/ }]);
    expect(opened.children[0]!.bytes.toString()).toBe('hi');
  });
  it('refuses unknown flags and extended block pointers as unsupported', async () => {
    expect((await openAll(cramfsHandler, image(0, new Uint8Array(0), { flags: 0x10000 }))).error).toMatchObject({ kind: 'unsupported', message: /unknown feature flags/ });
    expect((await openAll(cramfsHandler, image(0, new Uint8Array(0), { flags: 0x803 }))).error).toMatchObject({ kind: 'unsupported', message: /extended block pointers/ });
  });
});

describe('cramfs handler on damaged real images', () => {
  it('never fails with anything but input problems when basic.cramfs is cut or overwritten', async () => {
    const full = fixture('basic.cramfs');
    for (let cut = 80; cut < full.length; cut += 331) {
      const opened = await openAll(cramfsHandler, full.subarray(0, cut));
      expect(opened.problems[0], `cut at ${cut}`).toMatchObject({ kind: 'corrupt', message: /truncated image/ });
    }
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 60; i++) {
      const damaged = full.slice();
      for (let flips = 0; flips < 3; flips++) damaged[64 + Math.floor(random() * 1200)] = Math.floor(random() * 256);
      await openAll(cramfsHandler, damaged);
    }
  });
});
