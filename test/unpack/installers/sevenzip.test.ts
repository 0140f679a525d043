// 7z: folders made by 7-Zip (BCJ + LZMA2, BCJ2 over three LZMA streams, non-solid LZMA, copy)
// decoded byte for byte against the staged files, the header parser's bounds, and hostile
// variants (cut anywhere, flipped bytes, huge numbers) reported as problems, never thrown.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HeaderReader, parseHeader } from '../../../src/unpack/installers/sevenzip-header.js';
import { parseSignatureHeader, sevenZipHandler } from '../../../src/unpack/installers/sevenzip.js';
import { errorKinds, openChunks } from '../../helpers/open-chunks.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/unpack/installers/${name}`, import.meta.url));
/** The PE the fixtures packed as sdk/bin/client.exe (build/installers.sh): also the stub the SFX fixture starts with. */
const stub = fixture('vendor-client-setup--7z-sfx.exe').subarray(0, fixture('vendor-client-setup--7z-sfx.exe').length - fixture('vendor-sdk--lzma2-bcj.7z').length);

describe('7z', () => {
  it.each(['lzma2-bcj', 'bcj2', 'lzma-nonsolid', 'copy'])('decodes every member of vendor-sdk--%s.7z to the bytes 7-Zip packed', async (name) => {
    const result = await openChunks(sevenZipHandler, [fixture(`vendor-sdk--${name}.7z`)]);
    expect(result.problems).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.children.map((child) => child.path).sort()).toEqual(['sdk/bin/client.exe', 'sdk/include/face.h', 'sdk/lang/zh-CN.ini']);
    expect(result.children.every((child) => child.error === undefined)).toBe(true);
    // The PE went through the branch filter: byte equality proves the E8/E9 targets were restored.
    expect(result.children.find((child) => child.path === 'sdk/bin/client.exe')!.bytes.equals(stub)).toBe(true);
    expect(result.children.find((child) => child.path === 'sdk/lang/zh-CN.ini')!.bytes.toString('utf8')).toContain('race=人种');
  });

  it('marks stored members as verbatim slices of the archive (7-Zip still runs BCJ over the .exe)', async () => {
    const bytes = fixture('vendor-sdk--copy.7z');
    const result = await openChunks(sevenZipHandler, [bytes]);
    const stored = result.children.filter((child) => child.path !== 'sdk/bin/client.exe');
    expect(result.children.find((child) => child.path === 'sdk/bin/client.exe')!.verbatim).toBeUndefined();
    expect(stored).toHaveLength(2);
    for (const child of stored) {
      expect(child.verbatim).toBeDefined();
      expect(bytes.subarray(child.verbatim!.start, child.verbatim!.end).equals(child.bytes)).toBe(true);
    }
  });

  it('detects the signature header by its CRC and states the archive length', () => {
    const bytes = fixture('vendor-sdk--lzma2-bcj.7z');
    expect(sevenZipHandler.detect(bytes.subarray(0, 32))).toEqual({ ok: true, length: bytes.length });
    const stray = Buffer.from(bytes.subarray(0, 32));
    stray[20] = stray[20]! ^ 1;
    expect(parseSignatureHeader(stray)).toEqual({ ok: false, reason: '7z start header CRC does not match' });
  });

  it('bounds counts by the header bytes before allocating', () => {
    // kHeader, kMainStreamsInfo, kPackInfo, packPos 0, 2^56-ish pack streams.
    const huge = Uint8Array.of(0x01, 0x04, 0x06, 0x00, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00);
    expect(() => parseHeader(new HeaderReader(huge))).toThrow(/cannot fit/);
    expect(() => parseHeader(new HeaderReader(Uint8Array.of(0x01, 0x05)))).toThrow(/header ends early/);
  });

  it('reports a folder with an unsupported method by name, naming its members', async () => {
    const bytes = Buffer.from(fixture('vendor-sdk--lzma-nonsolid.7z'));
    // The plain header names LZMA as 03 01 01; make the first folder's coder PPMd (03 04 01).
    const at = bytes.indexOf(Buffer.from([0x23, 0x03, 0x01, 0x01, 0x05]), 32);
    bytes[at + 2] = 0x04;
    const header = bytes.subarray(32 + Number(bytes.readBigUInt64LE(12)));
    bytes.writeUInt32LE((await import('node:zlib')).crc32(header) >>> 0, 28);
    bytes.writeUInt32LE((await import('node:zlib')).crc32(bytes.subarray(12, 32)) >>> 0, 8);
    const result = await openChunks(sevenZipHandler, [bytes]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/folder 0 uses PPMD.*"sdk\/include\/face\.h"/) })]);
    expect(result.children).toHaveLength(2);
  });

  it.each([33, 100, 5000, 40000, 47500])('reports vendor-sdk--bcj2.7z cut at %i bytes as corrupt', async (size) => {
    const result = await openChunks(sevenZipHandler, [fixture('vendor-sdk--bcj2.7z').subarray(0, size)]);
    expect(errorKinds(result)).toContain('corrupt');
  });

  it('reports flipped bytes in every region of each archive as problems, never exceptions', async () => {
    for (const name of ['lzma2-bcj', 'bcj2', 'lzma-nonsolid']) {
      const good = fixture(`vendor-sdk--${name}.7z`);
      for (const at of [40, 1000, 20000, good.length - 200, good.length - 40]) {
        const bytes = Buffer.from(good);
        for (let i = at; i < at + 16; i++) bytes[i] = bytes[i]! ^ 0xa5;
        const result = await openChunks(sevenZipHandler, [bytes]);
        expect(errorKinds(result).every((kind) => ['corrupt', 'unsupported', 'limit'].includes(kind)), `${name} @ ${at}`).toBe(true);
      }
    }
  });
});
