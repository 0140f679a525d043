import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fitHandler, maxNodeNameBytes, parseFdtHeader, walkFit, type RandomAccess } from '../../src/unpack/firmware/fit.js';
import type { Handler } from '../../src/unpack/types.js';
import { openAlone } from '../../src/walk/alone.js';
import { openChunks } from '../helpers/open-chunks.js';

/** The header `mkimage -f` wrote for a one-kernel FIT (1592 bytes). */
const realHeader = Buffer.from('d00dfeed0000063800000038000002200000002800000011000000100000000000000068000001e8', 'hex');

interface Node {
  readonly name: string;
  readonly props?: readonly (readonly [string, Buffer])[];
  readonly children?: readonly Node[];
}

const u32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
};
const str = (text: string) => Buffer.from(`${text}\0`, 'latin1');
const pad4 = (bytes: Buffer) => Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);

/** A version-17 flattened device tree of `root`, then `after` (external data). */
function fdt(root: Node, after: Buffer = Buffer.alloc(0), tweak: (struct: Buffer[]) => void = () => undefined): Buffer {
  const strings: string[] = [];
  const nameOffset = (name: string) => {
    let at = 0;
    for (const existing of strings) {
      if (existing === name) return at;
      at += existing.length + 1;
    }
    strings.push(name);
    return at;
  };
  const struct: Buffer[] = [];
  const walk = (node: Node) => {
    struct.push(u32(1), pad4(str(node.name)));
    for (const [name, value] of node.props ?? []) struct.push(u32(3), u32(value.length), u32(nameOffset(name)), pad4(value));
    for (const child of node.children ?? []) walk(child);
    struct.push(u32(2));
  };
  walk(root);
  struct.push(u32(9));
  tweak(struct);
  const structBytes = Buffer.concat(struct);
  const stringBytes = Buffer.concat(strings.map(str));
  const memrsv = Buffer.alloc(16);
  const structOffset = 40 + memrsv.length;
  const stringsOffset = structOffset + structBytes.length;
  const total = stringsOffset + stringBytes.length;
  const header = Buffer.concat([u32(0xd00dfeed), u32(total), u32(structOffset), u32(stringsOffset), u32(40), u32(17), u32(16), u32(0), u32(stringBytes.length), u32(structBytes.length)]);
  return Buffer.concat([header, memrsv, structBytes, stringBytes, Buffer.alloc((4 - (total % 4)) % 4), after]);
}

const kernel = Buffer.from('kernel bytes with EM_NATION_TYPE_UYGUR');
const ramdisk = Buffer.from('ramdisk 人种');
const hashNode = (name: string, algo: string, value: Buffer): Node => ({ name, props: [['algo', str(algo)], ['value', value]] });

function fit(images: readonly Node[], after?: Buffer): Buffer {
  return fdt(
    {
      name: '',
      props: [['description', str('test FIT')]],
      children: [
        { name: 'images', children: images },
        { name: 'configurations', props: [['default', str('conf-1')]], children: [{ name: 'conf-1', props: [['kernel', str('kernel-1')]] }] },
      ],
    },
    after,
  );
}

const memory = (bytes: Buffer): RandomAccess => ({
  size: bytes.length,
  read: async (position, length) => {
    if (position + length > bytes.length) throw new RangeError('read past the end');
    return bytes.subarray(position, position + length);
  },
});

describe('parseFdtHeader', () => {
  it('decodes the header mkimage writes', () => {
    expect(parseFdtHeader(realHeader)).toEqual({
      ok: true,
      header: { totalSize: 0x638, structOffset: 0x38, stringsOffset: 0x220, memRsvmapOffset: 0x28, version: 17, lastCompatibleVersion: 16, stringsSize: 0x68, structSize: 0x1e8 },
    });
  });
  it.each(Array.from({ length: 40 }, (_, length) => length))('rejects a header cut to %i bytes', (length) => {
    expect(parseFdtHeader(realHeader.subarray(0, length)).ok).toBe(false);
  });
  it.each([
    ['a structure block past totalsize', 36, 0x700],
    ['strings past totalsize', 12, 0x630],
    ['version 15', 20, 15],
    ['last_comp_version 18', 24, 18],
    ['totalsize below the header', 4, 39],
    ['a misaligned structure block', 8, 0x39],
  ] as const)('rejects %s', (_name, at, value) => {
    const bytes = Buffer.from(realHeader);
    bytes.writeUInt32BE(value, at);
    expect(parseFdtHeader(bytes).ok).toBe(false);
  });
});

describe('walkFit', () => {
  it('finds inline data, external data and hash nodes under /images only', async () => {
    const blob = fit([
      { name: 'kernel-1', props: [['data', kernel], ['compression', str('gzip')]], children: [hashNode('hash-1', 'crc32', u32(crc32(kernel)))] },
      { name: 'ramdisk-1', props: [['data-offset', u32(8)], ['data-size', u32(ramdisk.length)]], children: [hashNode('hash@1', 'sha1', createHash('sha1').update(ramdisk).digest())] },
      { name: 'placeholder', props: [['description', str('no data')]] },
    ]);
    const header = parseFdtHeader(blob);
    if (!header.ok) throw new Error(header.reason);
    const walk = await walkFit(memory(blob), header.header);
    expect(walk.problems).toEqual([]);
    expect(walk.images.map((image) => ({ ...image, name: Buffer.from(image.name).toString(), hashes: image.hashes.map((h) => h.algo) }))).toEqual([
      { name: 'kernel-1', nodeOffset: expect.any(Number), data: { offset: blob.indexOf(kernel), size: kernel.length }, compression: 'gzip', hashes: ['crc32'] },
      { name: 'ramdisk-1', nodeOffset: expect.any(Number), dataOffset: 8, dataSize: ramdisk.length, hashes: ['sha1'] },
      { name: 'placeholder', nodeOffset: expect.any(Number), hashes: [] },
    ]);
  });

  it('walks a FIT over 1 MiB block by block: names, properties and hashes across 64 KiB block boundaries', async () => {
    // 1.5 MiB of inline data pushes the FIT past the size read whole; odd padding lengths move
    // the following tokens across block boundaries.
    const big = Buffer.alloc(1536 * 1024 + 3, 0x5a);
    const images = [1, 7, 13].map((pad, i) => ({ name: `fdt-${i}`, props: [['description', str('x'.repeat(pad * 4099))], ['compression', str('none')]] as [string, Buffer][], children: [hashNode('hash-1', 'crc32', u32(i))] }));
    const blob = fit([{ name: 'kernel-1', props: [['data', big]] }, ...images]);
    const header = parseFdtHeader(blob);
    if (!header.ok) throw new Error(header.reason);
    const walk = await walkFit(memory(blob), header.header);
    expect(walk.problems).toEqual([]);
    expect(walk.images.map((image) => [Buffer.from(image.name).toString(), image.compression, image.hashes.map((h) => [h.algo, Buffer.from(h.value).readUInt32BE()])])).toEqual([
      ['kernel-1', undefined, []],
      ['fdt-0', 'none', [['crc32', 0]]],
      ['fdt-1', 'none', [['crc32', 1]]],
      ['fdt-2', 'none', [['crc32', 2]]],
    ]);
    expect(walk.images[0]!.data).toEqual({ offset: blob.indexOf(big), size: big.length });
  });

  it('returns the images found before an unknown token, with the problem', async () => {
    const blob = fdt({ name: '', children: [{ name: 'images', children: [{ name: 'a', props: [['data', kernel]] }] }] }, undefined, (struct) => struct.splice(struct.length - 1, 1, u32(7)));
    const header = parseFdtHeader(blob);
    if (!header.ok) throw new Error(header.reason);
    const walk = await walkFit(memory(blob), header.header);
    expect(walk.images).toHaveLength(1);
    expect(walk.problems).toEqual([{ message: 'unknown structure token 0x7', offset: expect.any(Number) }]);
  });

  it(`stops at a node name longer than ${maxNodeNameBytes} bytes`, async () => {
    const blob = fdt({ name: '', children: [{ name: 'n'.repeat(maxNodeNameBytes + 1) }] });
    const header = parseFdtHeader(blob);
    if (!header.ok) throw new Error(header.reason);
    expect((await walkFit(memory(blob), header.header)).problems[0]!.message).toContain('longer than');
  });

  it('stops at a property that runs past the structure block', async () => {
    const blob = fdt({ name: '', props: [['x', Buffer.alloc(4)]] }, undefined, (struct) => struct.splice(3, 1, u32(0x10000)));
    const header = parseFdtHeader(blob);
    if (!header.ok) throw new Error(header.reason);
    expect((await walkFit(memory(blob), header.header)).problems[0]!.message).toContain('runs past the structure block');
  });
});

/** The handler made to take its bytes as a file always (the path a FIT over 1 MiB takes). */
const fromFile: Handler = { ...fitHandler, open: (input, ctx) => fitHandler.open({ ...input, whole: () => input.file() }, ctx) };

describe.each([
  ['in memory', fitHandler],
  ['from a file', fromFile],
] as const)('fit open %s', (_path, handler) => {
  it('yields each image as a verbatim child and checks its hashes', async () => {
    const blob = fit(
      [
        { name: 'kernel-1', props: [['data', kernel]], children: [hashNode('hash-1', 'crc32', u32(crc32(kernel))), hashNode('hash-2', 'sha256', createHash('sha256').update(kernel).digest())] },
        { name: 'ramdisk-1', props: [['data-offset', u32(4)], ['data-size', u32(ramdisk.length)]], children: [hashNode('hash-1', 'md5', createHash('md5').update(ramdisk).digest())] },
      ],
      Buffer.concat([Buffer.from('pad!'), ramdisk]),
    );
    const result = await openChunks(handler, [blob]);
    expect(result.children.map((child) => [child.path, child.bytes.toString()])).toEqual([
      ['kernel-1', kernel.toString()],
      ['ramdisk-1', ramdisk.toString()],
    ]);
    for (const child of result.children) expect(blob.subarray(child.verbatim!.start, child.verbatim!.end)).toEqual(child.bytes);
    expect(result.problems).toEqual([]);
    expect(result.length).toBe(blob.length);
  });

  it('reports a hash mismatch as corrupt and still yields the bytes', async () => {
    const blob = fit([{ name: 'kernel-1', props: [['data', kernel]], children: [hashNode('hash-1', 'sha1', Buffer.alloc(20))] }]);
    const result = await openChunks(handler, [blob]);
    expect(result.children[0]!.bytes).toEqual(kernel);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('sha1 mismatch') }]);
  });

  it('reports external data past the end and does not open it', async () => {
    const blob = fit([{ name: 'far', props: [['data-position', u32(1_000_000)], ['data-size', u32(10)]] }]);
    const result = await openChunks(handler, [blob]);
    expect(result.children).toEqual([]);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('runs past the end') }]);
  });

  it('opens a plain device tree (no /images) with no children and no problem', async () => {
    const result = await openChunks(handler, [fdt({ name: '', props: [['model', str('board')]] })]);
    expect(result).toMatchObject({ children: [], problems: [] });
  });

  it('never throws anything but input errors, wherever the FIT is cut', async () => {
    const blob = fit([{ name: 'kernel-1', props: [['data', kernel]], children: [hashNode('hash-1', 'crc32', u32(crc32(kernel)))] }]);
    for (let cut = 0; cut < blob.readUInt32BE(4); cut++) {
      const result = await openChunks(handler, [blob.subarray(0, cut)]);
      const kinds = [...(result.error === undefined ? [] : [result.error.kind]), ...result.problems.map((problem) => problem.kind)];
      expect(kinds.length, `cut ${cut}`).toBeGreaterThan(0);
      expect(kinds.every((kind) => kind === 'corrupt'), `cut ${cut}`).toBe(true);
    }
  });
});

describe('fit open over 1 MiB', () => {
  it('spills a FIT too large to hold, the bytes held so far first, and yields its images from the file', async () => {
    const big = Buffer.alloc(1536 * 1024, 0x5a);
    const blob = fit([{ name: 'kernel-1', props: [['data', big]], children: [hashNode('hash-1', 'sha256', createHash('sha256').update(big).digest())] }]);
    const chunks = [];
    for (let at = 0; at < blob.length; at += 65_521) chunks.push(blob.subarray(at, at + 65_521));
    const result = await openChunks(fitHandler, chunks);
    expect(result.problems).toEqual([]);
    expect(result.children.map((child) => [child.path, child.bytes.equals(big)])).toEqual([['kernel-1', true]]);
  });

  it('reads a small FIT from the slice of its backing file', async () => {
    const blob = fit([{ name: 'kernel-1', props: [['data', kernel]] }]);
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-fit-'));
    const path = join(dir, 'image.itb');
    writeFileSync(path, Buffer.concat([Buffer.from('lead'), blob]));
    const opened = openAlone(fitHandler, (async function* () {})(), { backing: { path, offset: 4, size: blob.length } });
    const children = [];
    for await (const child of opened.children) {
      const pieces: Uint8Array[] = [];
      for await (const piece of child.stream) pieces.push(piece);
      children.push(Buffer.concat(pieces).toString());
    }
    rmSync(dir, { recursive: true });
    expect(children).toEqual([kernel.toString()]);
  });
});

describe('fit detect', () => {
  it('states totalsize as the chunk length', () => {
    expect(fitHandler.detect(realHeader)).toEqual({ ok: true, length: 0x638 });
  });
});
