// romfs: checksums and the volume header, then hand-built images (every header placed by
// hand, checksums made valid unless a test breaks one) for hard links, loops and overruns,
// and damage to the real image made by genromfs (scanned end to end by
// test/scan/fixtures-filesystems.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/unpack/index.js';
import { parseRomfsVolume, romfsChecksum, romfsHandler } from '../../src/unpack/filesystems/romfs.js';
import { openAll } from './open-helper.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/unpack/romfs/${name}`, import.meta.url)));

const type = { link: 0, dir: 1, file: 2, symlink: 3 } as const;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

interface HeaderSpec {
  readonly at: number;
  readonly next: number;
  readonly type: number;
  readonly spec?: number;
  readonly name: string;
  readonly data?: string;
  readonly size?: number;
  readonly badChecksum?: boolean;
}

/** Lays out a volume named "t" (the root "." header at 32) and the given headers at their `at`. */
function romfs(headers: readonly HeaderSpec[], size?: number): Uint8Array {
  const end = Math.max(64, ...headers.map((h) => h.at + 16 + align16(h.name.length + 1) + align16(h.data?.length ?? 0)));
  const bytes = new Uint8Array(end);
  const view = new DataView(bytes.buffer);
  bytes.set(Buffer.from('-rom1fs-'), 0);
  view.setUint32(8, size ?? end);
  bytes.set(Buffer.from('t'), 16);
  for (const h of headers) {
    view.setUint32(h.at, (h.next | h.type) >>> 0);
    view.setUint32(h.at + 4, h.spec ?? 0);
    view.setUint32(h.at + 8, h.size ?? h.data?.length ?? 0);
    bytes.set(Buffer.from(h.name), h.at + 16);
    const headerEnd = h.at + 16 + align16(h.name.length + 1);
    view.setUint32(h.at + 12, (0 - romfsChecksum(bytes.subarray(h.at, headerEnd)) + (h.badChecksum === true ? 1 : 0)) >>> 0);
    if (h.data !== undefined) bytes.set(Buffer.from(h.data), headerEnd);
  }
  view.setUint32(12, (0 - romfsChecksum(bytes.subarray(0, Math.min(512, end)))) >>> 0);
  return bytes;
}

/** The root directory "." at 32 (listing starts at itself) and ".." at 64, then `rest` from 96. */
const rootDots = (first: number): HeaderSpec[] => [
  { at: 32, next: 64, type: type.dir, spec: 32, name: '.' },
  { at: 64, next: first, type: type.link, spec: 32, name: '..' },
];

describe('romfs volume header', () => {
  it('sums big-endian words to zero over a valid header', () => {
    expect(romfsChecksum(fixture('basic.romfs').subarray(0, 512))).toBe(0);
    expect(romfsChecksum(Uint8Array.of(0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff))).toBe(0);
    expect(romfsChecksum(Uint8Array.of(0, 0, 0))).toBe(0);
  });
  it('gives detect the full size as the chunk length', () => {
    expect(detectFormat(fixture('basic.romfs').subarray(0, 16))?.id).toBe('romfs');
    expect(romfsHandler.detect(fixture('basic.romfs'))).toEqual({ ok: true, length: 0x17e0 });
  });
  it('rejects every truncation of the volume header and a size below 32', () => {
    const head = fixture('basic.romfs');
    for (let length = 0; length < 16; length++) expect(parseRomfsVolume(head.subarray(0, length)), `length ${length}`).toHaveProperty('reason');
    expect(parseRomfsVolume(romfs([], 16))).toMatchObject({ reason: /full size 16/ });
  });
});

describe('romfs handler on hand-built images', () => {
  it('yields files as verbatim slices, a hard link to a file as a second child, and skips symlinks', async () => {
    const image = romfs([
      ...rootDots(96),
      { at: 96, next: 144, type: type.file, name: 'a.txt', data: 'alpha bytes' },
      { at: 144, next: 176, type: type.link, spec: 96, name: 'again' },
      { at: 176, next: 0, type: type.symlink, name: 'sym', data: 'a.txt' },
    ]);
    const opened = await openAll(romfsHandler, image);
    expect(opened).toEqual({
      children: [
        { path: 'a.txt', offset: 128, bytes: Buffer.from('alpha bytes'), verbatim: { start: 128, end: 139 } },
        { path: 'again', offset: 128, bytes: Buffer.from('alpha bytes'), verbatim: { start: 128, end: 139 } },
      ],
      problems: [],
    });
  });
  it('walks a subdirectory with its own "." and ".." and builds full paths', async () => {
    const image = romfs([
      ...rootDots(96),
      { at: 96, next: 0, type: type.dir, spec: 128, name: 'sub' },
      { at: 128, next: 160, type: type.link, spec: 96, name: '.' },
      { at: 160, next: 192, type: type.link, spec: 32, name: '..' },
      { at: 192, next: 0, type: type.file, name: 'in.txt', data: 'inner' },
    ]);
    const opened = await openAll(romfsHandler, image);
    expect(opened.children.map((child) => [child.path, child.bytes.toString()])).toEqual([['sub/in.txt', 'inner']]);
    expect(opened.problems).toEqual([]);
  });
  it('reports a listing whose next pointer loops back, and ends', async () => {
    const image = romfs([...rootDots(96), { at: 96, next: 64, type: type.file, name: 'f', data: 'x' }]);
    const opened = await openAll(romfsHandler, image);
    expect(opened.children.map((child) => child.path)).toEqual(['f']);
    expect(opened.problems).toEqual([{ kind: 'corrupt', message: 'romfs: directory "/": its listing loops back to 64; the rest was skipped' }]);
  });
  it('reports a chain of hard links that never reaches a file', async () => {
    const image = romfs([
      ...rootDots(96),
      { at: 96, next: 128, type: type.link, spec: 128, name: 'a' },
      { at: 128, next: 0, type: type.link, spec: 96, name: 'b' },
    ]);
    const opened = await openAll(romfsHandler, image);
    expect(opened.children).toEqual([]);
    expect(opened.problems.map((problem) => problem.message)).toEqual([
      'romfs: hard link at 96 does not reach a file within 16 links ("a" skipped)',
      'romfs: hard link at 128 does not reach a file within 16 links ("b" skipped)',
    ]);
  });
  it('reports a hard link to an ancestor directory as a loop', async () => {
    const image = romfs([...rootDots(96), { at: 96, next: 0, type: type.link, spec: 32, name: 'up' }]);
    expect((await openAll(romfsHandler, image)).problems).toEqual([{ kind: 'corrupt', message: 'romfs: directory "up" lists entries already walked (a loop); not walked again' }]);
  });
  it('reports a file whose data runs past the image, and one with a bad header checksum (still scanned)', async () => {
    const image = romfs([
      ...rootDots(96),
      { at: 96, next: 128, type: type.file, name: 'long', size: 100000 },
      { at: 128, next: 0, type: type.file, name: 'sum', data: 'kept', badChecksum: true },
    ]);
    const opened = await openAll(romfsHandler, image);
    expect(opened.children.map((child) => [child.path, child.bytes.toString()])).toEqual([['sum', 'kept']]);
    expect(opened.problems.map((problem) => problem.message)).toEqual([
      'romfs: "long": 100000 bytes of data at 128 run past the image (176 bytes); skipped, scanned raw',
      'romfs: "sum": file header checksum is not zero',
    ]);
  });
  it('reports a truncated image and a bad volume checksum, and opens what is there', async () => {
    const image = romfs([...rootDots(96), { at: 96, next: 0, type: type.file, name: 'f', data: 'x' }]);
    const view = new DataView(image.buffer);
    view.setUint32(8, 4096);
    const opened = await openAll(romfsHandler, image);
    expect(opened.problems.map((problem) => problem.message)).toEqual([
      'romfs: truncated image: full size is 4096, only 144 bytes present',
      'romfs: checksum of the first 512 bytes is not zero; the image was opened anyway',
    ]);
    expect(opened.children.map((child) => child.path)).toEqual(['f']);
  });
});

describe('romfs handler on damaged real images', () => {
  it('never fails with anything but input problems when basic.romfs is cut or overwritten', async () => {
    const full = fixture('basic.romfs');
    for (let cut = 20; cut < full.length; cut += 613) await openAll(romfsHandler, full.subarray(0, cut));
    let seed = 5;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 40; i++) {
      const damaged = full.slice();
      for (let flips = 0; flips < 3; flips++) damaged[16 + Math.floor(random() * 1400)] = Math.floor(random() * 256);
      await openAll(romfsHandler, damaged);
    }
  });
});
