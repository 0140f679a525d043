// NSIS: the installer data carved from makensis output (deflate and LZMA, solid and
// non-solid) opened into the install header and named file blocks; NSIS bzip2 reported
// unsupported; the firstheader and layout rules; hostile variants as problems, never thrown.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLayout, extractFileNames, parseFirstHeader } from '../../../src/unpack/installers/nsis-header.js';
import { nsisHandler } from '../../../src/unpack/installers/nsis.js';
import { errorKinds, openChunks } from '../../helpers/open-chunks.js';

const installer = (name: string) => readFileSync(new URL(`../../fixtures/unpack/installers/vendor-client-setup--nsis-${name}.exe`, import.meta.url));
/** The carved chunk: from the firstheader (4 bytes before 0xDEADBEEF "NullsoftInst") to the end. */
const chunkOf = (bytes: Buffer) => bytes.subarray(bytes.indexOf(Buffer.from('efbeadde4e756c6c736f6674496e7374', 'hex')) - 4);
const utf16 = (text: string) => Buffer.from(text, 'utf16le');

describe('nsis', () => {
  it.each(['zlib', 'solid-zlib', 'lzma', 'solid-lzma'])('opens the %s installer: the header, then face.txt and manual.txt by name', async (name) => {
    const chunk = chunkOf(installer(name));
    const result = await openChunks(nsisHandler, [chunk]);
    expect(result.problems).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.children.map((child) => child.path)).toEqual(['[header]', 'face.txt', 'manual.txt']);
    expect(result.children.every((child) => child.error === undefined)).toBe(true);
    expect(result.children[0]!.bytes.includes(utf16('EM_NATION_TYPE_UYGUR'))).toBe(true);
    expect(result.children[1]!.bytes.includes(utf16('年龄, 人种'))).toBe(true);
    expect(result.children[2]!.bytes.toString('latin1')).toMatch(/^manual line 0001: padding/);
    expect(result.length).toBe(chunk.length);
  });

  it('tells solid from non-solid LZMA even when the properties make the first word look like a compressed block', () => {
    const solid = chunkOf(installer('solid-lzma'));
    expect(solid.readUInt32LE(28) & 0x80000000).not.toBe(0);
    expect(detectLayout(solid.subarray(28, 40), solid.readUInt32LE(20))).toEqual({ method: 'lzma', solid: true });
    const separate = chunkOf(installer('lzma'));
    expect(detectLayout(separate.subarray(28, 40), separate.readUInt32LE(20))).toEqual({ method: 'lzma', solid: false });
    expect(detectLayout(chunkOf(installer('zlib')).subarray(28, 40), 4108)).toEqual({ method: 'deflate', solid: false });
  });

  it('reports NSIS bzip2 as unsupported and yields nothing', async () => {
    const result = await openChunks(nsisHandler, [chunkOf(installer('solid-bzip2'))]);
    expect(result.children).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/NSIS bzip2/) })]);
  });

  it('opens the blocks before a cut and reports the cut', async () => {
    const result = await openChunks(nsisHandler, [chunkOf(installer('truncated'))]);
    expect(result.children.map((child) => child.path)).toContain('face.txt');
    expect(errorKinds(result)).toContain('corrupt');
  });

  it('reads no names from a header it cannot parse, without failing', () => {
    expect(extractFileNames(new Uint8Array(10)).size).toBe(0);
    const header = new Uint8Array(64);
    new DataView(header.buffer).setUint32(4 + 16 + 4, 0xffffffff, true); // entries count
    expect(extractFileNames(header).size).toBe(0);
  });

  it('rejects firstheaders with impossible flags or sizes', () => {
    const head = Buffer.from(chunkOf(installer('zlib')).subarray(0, 28));
    expect(nsisHandler.detect(head)).toEqual({ ok: true });
    const flags = Buffer.from(head);
    flags.writeUInt32LE(0x100, 0);
    expect(parseFirstHeader(flags)).toMatchObject({ ok: false });
    const tiny = Buffer.from(head);
    tiny.writeUInt32LE(8, 24);
    expect(parseFirstHeader(tiny)).toMatchObject({ ok: false });
  });

  it('reports hostile variants as problems: huge header size, huge block size, flipped data in every variant', async () => {
    const variants: Buffer[] = [];
    const hugeHeader = Buffer.from(chunkOf(installer('zlib')));
    hugeHeader.writeUInt32LE(0x7fffffff, 20);
    variants.push(hugeHeader);
    const hugeBlock = Buffer.from(chunkOf(installer('zlib')));
    hugeBlock.writeUInt32LE(0xfffffff0, 28);
    variants.push(hugeBlock);
    for (const name of ['zlib', 'solid-zlib', 'lzma', 'solid-lzma']) {
      for (const at of [40, 300, 900]) {
        const flipped = Buffer.from(chunkOf(installer(name)));
        for (let i = at; i < at + 8; i++) flipped[i] = flipped[i]! ^ 0x5a;
        variants.push(flipped);
      }
    }
    for (const variant of variants) {
      const result = await openChunks(nsisHandler, [variant]);
      expect(errorKinds(result).every((kind) => ['corrupt', 'limit'].includes(kind))).toBe(true);
    }
    expect(errorKinds(await openChunks(nsisHandler, [hugeHeader]))).toEqual(['limit']);
    expect(errorKinds(await openChunks(nsisHandler, [hugeBlock]))).toContain('corrupt');
  });
});
