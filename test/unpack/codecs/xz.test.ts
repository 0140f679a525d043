// xz and LZMA-alone against files written by XZ Utils 5.4.1 (test/fixtures/build/codecs.sh):
// every check type, several blocks, every BCJ filter fwsift decodes (and IA-64, which it does
// not), delta, two streams with padding, and 16 MiB of zeros.
import { describe, expect, it } from 'vitest';
import { lzmaAloneDecompress, parseLzmaAloneHeader, parseXzStream, xzDecompress } from '../../../src/unpack/codecs/xz.js';
import { expected, expectSource, flipped, thrown, vector, vectorsEndingWith } from './vectors.js';

const supported = vectorsEndingWith('.xz').filter((name) => name !== 'binary-ia64.xz');

describe('xzDecompress', () => {
  it.each(supported)('decodes %s to its source', (name) => {
    expectSource(name, xzDecompress(vector(name), expected[name]!.size));
  });
  it.each(supported.filter((name) => !name.startsWith('two-')))('walks %s to its exact end and size without decoding', (name) => {
    const stream = parseXzStream(vector(name), 0);
    expect(stream.end).toBe(vector(name).length);
    expect(stream.uncompressedBytes).toBe(expected[name]!.size);
  });
  it('walks several blocks', () => {
    expect(parseXzStream(vector('mix-blocks.xz'), 0).blocks.length).toBeGreaterThan(1);
  });
  it('reports the IA-64 filter as unsupported', () => {
    expect(thrown(() => xzDecompress(vector('binary-ia64.xz'), 1 << 20)).kind).toBe('unsupported');
  });
  it('refuses 16 MiB of zeros at a 1 MiB bound, and accepts the exact size', () => {
    expect(thrown(() => xzDecompress(vector('zeros-16m.xz'), 1024 * 1024)).kind).toBe('limit');
    expect(xzDecompress(vector('zeros-16m.xz'), 16 * 1024 * 1024).length).toBe(16 * 1024 * 1024);
  });
  it('reports a flipped byte anywhere as corrupt', () => {
    const file = vector('mix-crc32.xz');
    for (const at of [0, 7, 9, 13, 40, file.length >> 1, file.length - 30, file.length - 14, file.length - 3]) {
      expect(thrown(() => xzDecompress(flipped(file, at, 0x04), 1 << 20)).kind, `flip at ${at}`).toMatch(/corrupt|unsupported/);
    }
  });
  it('reports a wrong block check as a check mismatch', () => {
    const file = vector('mix-crc32.xz');
    const block = parseXzStream(file, 0).blocks[0]!;
    expect(thrown(() => xzDecompress(flipped(file, block.checkStart), 1 << 20)).message).toMatch(/CRC32 check mismatch/);
    const sha = vector('mix-sha256.xz');
    const shaBlock = parseXzStream(sha, 0).blocks[0]!;
    expect(thrown(() => xzDecompress(flipped(sha, shaBlock.end - 1), 1 << 20)).message).toMatch(/SHA-256 check mismatch/);
    const crc64 = vector('mix-crc64.xz');
    const crc64Block = parseXzStream(crc64, 0).blocks[0]!;
    expect(thrown(() => xzDecompress(flipped(crc64, crc64Block.checkStart + 7), 1 << 20)).message).toMatch(/CRC64 check mismatch/);
  });
  it('reports truncation at every 1/16 of the file as corrupt', () => {
    const file = vector('mix-blocks.xz');
    for (let i = 0; i < 16; i++) {
      const cut = Math.floor((file.length * i) / 16);
      expect(thrown(() => xzDecompress(file.subarray(0, cut), 1 << 20)).kind, `cut at ${cut}`).toBe('corrupt');
    }
  });
  it('reports stream padding that is not a multiple of four, or trailing bytes, as corrupt', () => {
    const file = vector('mix-crc64.xz');
    expect(xzDecompress(Buffer.concat([file, Buffer.alloc(8)]), 1 << 20).length).toBe(expected['mix-crc64.xz']!.size);
    expect(thrown(() => xzDecompress(Buffer.concat([file, Buffer.alloc(3)]), 1 << 20)).message).toMatch(/multiple of four/);
    expect(thrown(() => xzDecompress(Buffer.concat([file, Buffer.from('junk')]), 1 << 20)).kind).toBe('corrupt');
  });
});

describe('lzmaAloneDecompress', () => {
  const mix = vector('mix.lzma');
  const size = expected['mix.lzma']!.size;
  it('decodes a stream of unknown size (the lzma tool writes an end marker)', () => {
    expect(parseLzmaAloneHeader(mix)).toEqual({ header: { properties: 0x5d, dictionaryBytes: 1 << 23 } });
    expectSource('mix.lzma', lzmaAloneDecompress(mix, size));
    expectSource('mix.lzma', lzmaAloneDecompress(mix, 1 << 24));
  });
  it('decodes a stream whose header states its size (the squashfs flavour)', () => {
    const known = mix.slice();
    new DataView(known.buffer).setBigUint64(5, BigInt(size), true);
    expectSource('mix.lzma', lzmaAloneDecompress(known, size));
    expect(thrown(() => lzmaAloneDecompress(known, size - 1)).offset).toBe(5);
  });
  it('stops 16 MiB of zeros of unknown size at a 1 MiB bound', () => {
    expect(thrown(() => lzmaAloneDecompress(vector('zeros-16m.lzma'), 1024 * 1024)).kind).toBe('limit');
    expect(thrown(() => lzmaAloneDecompress(mix, size - 1)).kind).toBe('limit');
  });
  it('reports a bad properties byte, truncation and damage as corrupt', () => {
    expect(thrown(() => lzmaAloneDecompress(flipped(mix, 0, 0x5d ^ 225), size)).message).toMatch(/properties byte 225/);
    for (const cut of [0, 5, 12, 13, mix.length >> 1, mix.length - 1]) {
      expect(thrown(() => lzmaAloneDecompress(mix.subarray(0, cut), size)).kind, `cut at ${cut}`).toBe('corrupt');
    }
    expect(thrown(() => lzmaAloneDecompress(Buffer.concat([mix, Buffer.from('junk')]), size)).kind).toBe('corrupt');
  });
});
