// The LZMA core (codecs/lzma.ts) against streams written by the real xz-utils `lzma`/`xz`
// (test/fixtures/codecs/lzma/, built by test/fixtures/build/flash.sh from the same 77,102-byte
// mix as the LZO vectors), and against @napi-rs/lzma as an independent oracle.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { lzma as napiLzma } from '@napi-rs/lzma';
import { describe, expect, it } from 'vitest';
import { decodedBeforeError, decodePropertiesByte, lzmaDecompressRaw, LzmaStreamDecoder, type LzmaProperties } from '../../../src/unpack/codecs/lzma.js';
import { lzma2DictionarySize } from '../../../src/unpack/codecs/lzma2.js';
import { InputError } from '../../../src/unpack/types.js';

const mixSha256 = '2d5e4a405477148b0e7987de15d096b77363161a3e283db57ada5c295907975c';
/** sha256 of the mix's first 4096 bytes (the raw lc0/lp0/pb0 vector's content). */
const pageSha256 = '74e771fb8019ab2be72e15ada5d37cc8d6f0f9f360a42f50ecba89b2e92139e6';

const vector = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/codecs/lzma/${name}`, import.meta.url)));
const sha256 = (pieces: readonly Uint8Array[]) => pieces.reduce((hash, piece) => hash.update(piece), createHash('sha256')).digest('hex');

/** The properties and size of a .lzma header. */
function header(file: Uint8Array): { properties: LzmaProperties; size: number | undefined } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const size = view.getBigUint64(5, true);
  return { properties: { ...decodePropertiesByte(file[0]!)!, dictionarySize: view.getUint32(1, true) }, size: size === 0xffffffffffffffffn ? undefined : Number(size) };
}

/** Feeds `data` in `step`-byte pieces and collects the output (into `pieces`, also when it throws). */
function decodeAll(decoder: LzmaStreamDecoder, data: Uint8Array, step: number, pieces: Uint8Array[] = []): Uint8Array[] {
  for (let at = 0; at < data.length || at === 0; at += step) {
    decoder.feed(data.subarray(at, at + step), at + step >= data.length);
    for (let piece = decoder.next(); piece !== undefined; piece = decoder.next()) pieces.push(piece);
    if (at + step >= data.length) break;
  }
  return pieces;
}

describe('LzmaStreamDecoder', () => {
  it.each([1, 7, 4096, 1 << 20])('decodes lzma -9e output fed in %i-byte pieces, and knows where the stream ends', (step) => {
    const file = vector('mix-9e.lzma');
    const { properties, size } = header(file);
    expect(size).toBeUndefined();
    const decoder = new LzmaStreamDecoder(properties, size);
    const pieces = decodeAll(decoder, file.subarray(13), step);
    expect(sha256(pieces)).toBe(mixSha256);
    expect(decoder.finished).toBe(true);
    expect(decoder.consumed).toBe(file.length - 13);
  });

  // The window starts at 64 KiB and doubles as the output grows, up to the dictionary (8 MiB
  // here, for 3 MiB of output): matches 1 MiB back must find their bytes after every doubling.
  it('decodes matches a whole window back after each time the window grew, for every read size', () => {
    let seed = 7;
    const block = Uint8Array.from({ length: 1 << 20 }, () => ((seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 16) & 0xff);
    const data = new Uint8Array(3 * block.length + 100);
    for (let copy = 0; copy < 3; copy++) data.set(block, copy * block.length);
    const file = new Uint8Array(execFileSync('xz', ['--format=lzma', '--lzma1=preset=6,dict=8MiB', '-c'], { input: data, maxBuffer: 1 << 26 }));
    expect(file.length).toBeLessThan(block.length + 65536);
    const { properties, size } = header(file);
    expect(properties.dictionarySize).toBe(8 << 20);
    for (const step of [4096, 65536, file.length]) {
      expect(sha256(decodeAll(new LzmaStreamDecoder(properties, size), file.subarray(13), step))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('hands out pieces of at most 64 KiB plus one match (273 bytes)', () => {
    const file = vector('mix-9e.lzma');
    const { properties } = header(file);
    const pieces = decodeAll(new LzmaStreamDecoder(properties, undefined), file.subarray(13), 1 << 20);
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(64 * 1024 + 273);
  });

  it('leaves bytes after the end marker as trailing, not consumed', () => {
    const file = vector('mix-9e.lzma');
    const { properties } = header(file);
    const decoder = new LzmaStreamDecoder(properties, undefined);
    const withTail = new Uint8Array(file.length - 13 + 5);
    withTail.set(file.subarray(13));
    withTail.set([1, 2, 3, 4, 5], file.length - 13);
    expect(sha256(decodeAll(decoder, withTail, 4096))).toBe(mixSha256);
    expect(decoder.consumed).toBe(file.length - 13);
    expect([...decoder.trailing]).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops at a declared size without reading further', () => {
    const file = vector('mix-9e.lzma');
    const { properties } = header(file);
    const decoder = new LzmaStreamDecoder(properties, 1000);
    const pieces = decodeAll(decoder, file.subarray(13), 4096);
    expect(pieces.reduce((n, p) => n + p.length, 0)).toBe(1000);
    expect(decoder.finished).toBe(true);
  });

  it.each([1, 100, 3000, 7000])('reports a stream cut %i bytes early as corrupt, with the output decoded before the cut', (cut) => {
    const file = vector('mix-9e.lzma');
    const { properties } = header(file);
    const decoder = new LzmaStreamDecoder(properties, undefined);
    const pieces: Uint8Array[] = [];
    let error: unknown;
    try {
      decodeAll(decoder, file.subarray(13, file.length - cut), 4096, pieces);
    } catch (thrown) {
      error = thrown;
      pieces.push(...decodedBeforeError(thrown));
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).kind).toBe('corrupt');
    expect((error as InputError).message).toMatch(/truncated/);
    const decoded = Buffer.concat(pieces);
    expect(decoded.length).toBeGreaterThan(0);
    // What came out is a prefix of the mix (its hash is checked by the full decode above).
    const full = Buffer.concat(decodeAll(new LzmaStreamDecoder(properties, undefined), file.subarray(13), 1 << 20));
    expect(decoded.equals(full.subarray(0, decoded.length))).toBe(true);
  });

  it('never throws anything but InputError on damaged streams', () => {
    const file = vector('mix-9e.lzma');
    const { properties } = header(file);
    let seed = 99;
    for (let trial = 0; trial < 200; trial++) {
      const damaged = file.slice(13);
      seed = (seed * 1103515245 + 12345) >>> 0;
      const at = seed % damaged.length;
      damaged[at] = damaged[at]! ^ (1 << (seed >>> 29));
      try {
        decodeAll(new LzmaStreamDecoder(properties, undefined), damaged, 65536);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
      }
    }
  });

  it('refuses a dictionary above the bound as a limit, before allocating it', () => {
    const properties = { lc: 3, lp: 0, pb: 2, dictionarySize: 1024 * 1024 * 1024 };
    expect(() => new LzmaStreamDecoder(properties, undefined)).toThrow(expect.objectContaining({ kind: 'limit' }));
    // A small declared size caps the window: the same header is fine for a 1 KiB stream.
    expect(() => new LzmaStreamDecoder(properties, 1024)).not.toThrow();
  });

  it('rejects a stream whose first range-coder byte is not zero', () => {
    const decoder = new LzmaStreamDecoder({ lc: 3, lp: 0, pb: 2, dictionarySize: 1 << 16 }, undefined);
    decoder.feed(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0), true);
    expect(() => decoder.next()).toThrow(expect.objectContaining({ kind: 'corrupt' }));
  });

  it('decodes what @napi-rs/lzma (lzma-rs) encodes, for seeded random inputs', () => {
    let seed = 5;
    for (let trial = 0; trial < 20; trial++) {
      const input = new Uint8Array(1 + ((seed >>> 3) % 20000));
      for (let i = 0; i < input.length; i++) {
        seed = (seed * 1664525 + 1013904223) >>> 0;
        // A small alphabet, so the range coder sees skewed probabilities.
        input[i] = trial % 2 === 0 ? seed >>> 24 : 97 + ((seed >>> 24) % 4);
      }
      const file = new Uint8Array(napiLzma.compressSync(input));
      const { properties, size } = header(file);
      expect(Buffer.concat(decodeAll(new LzmaStreamDecoder(properties, size), file.subarray(13), 333)).equals(Buffer.from(input))).toBe(true);
    }
  });
});

describe('lzmaDecompressRaw', () => {
  const page = vector('page-raw-lc0-lp0-pb0.lzma');
  const properties = { lc: 0, lp: 0, pb: 0, dictionarySize: 0x2000 };

  it('decodes raw LZMA1 (lc 0, lp 0, pb 0) as JFFS2 LZMA nodes hold it, stopping at the stated size', () => {
    expect(sha256([lzmaDecompressRaw(page, properties, 4096, 4096)])).toBe(pageSha256);
  });

  it('reports a size above the bound as a limit', () => {
    expect(() => lzmaDecompressRaw(page, properties, 4096, 4095)).toThrow(expect.objectContaining({ kind: 'limit' }));
  });

  it('reports data that ends before the stated size as corrupt', () => {
    expect(() => lzmaDecompressRaw(page.subarray(0, page.length / 2), properties, 4096, 4096)).toThrow(expect.objectContaining({ kind: 'corrupt' }));
  });
});

describe('properties', () => {
  it.each([
    [0x5d, { lc: 3, lp: 0, pb: 2 }],
    [0x00, { lc: 0, lp: 0, pb: 0 }],
    [0x6d, { lc: 1, lp: 2, pb: 2 }],
    [224, { lc: 8, lp: 4, pb: 4 }],
  ] as const)('splits properties byte 0x%s', (byte, expected) => {
    expect(decodePropertiesByte(byte)).toEqual(expected);
  });
  it('rejects a properties byte above 224', () => {
    expect(decodePropertiesByte(225)).toBeUndefined();
  });
  it.each([
    [0, 4096],
    [1, 6144],
    [18, 2 * 1024 * 1024],
    [22, 8 * 1024 * 1024],
    [40, 0xffffffff],
    [41, undefined],
  ] as const)('LZMA2 dictionary property %i is %s bytes', (property, size) => {
    expect(lzma2DictionarySize(property)).toBe(size);
  });
});
