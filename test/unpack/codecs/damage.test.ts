// Damaged input never escapes a codec as anything but an InputError (no Rust panic, no
// RangeError from a typed array, no hang): each real vector, cut and overwritten at
// deterministic pseudo-random places.
import { describe, expect, it } from 'vitest';
import { decompressBlock } from '../../../src/unpack/codecs/index.js';
import { lz4FrameDecompress } from '../../../src/unpack/codecs/lz4.js';
import { InputError } from '../../../src/unpack/types.js';
import { vector } from './vectors.js';

const decoders: readonly [string, (bytes: Uint8Array) => unknown][] = [
  ['mix-crc32.xz', (bytes) => decompressBlock('xz', bytes, 1 << 20)],
  ['binary-x86.xz', (bytes) => decompressBlock('xz', bytes, 1 << 20)],
  ['mix.lzma', (bytes) => decompressBlock('lzma', bytes, 1 << 20)],
  ['mix-19.zst', (bytes) => decompressBlock('zstd', bytes, 1 << 20)],
  ['mix-stream.zst', (bytes) => decompressBlock('zstd', bytes, 1 << 20)],
  ['mix-linked.lz4', (bytes) => lz4FrameDecompress(bytes, 1 << 20)],
  ['mix-default.lz4', (bytes) => lz4FrameDecompress(bytes, 1 << 20)],
];

describe('damaged input', () => {
  it.each(decoders)('%s: 300 damaged copies give output or an InputError, nothing else', (name, decode) => {
    let seed = 0x9e3779b9;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const base = vector(name);
    for (let i = 0; i < 300; i++) {
      const bytes = base.slice(0, random() < 0.2 ? Math.floor(random() * base.length) : base.length);
      for (let flips = 1 + Math.floor(random() * 4); flips > 0 && bytes.length > 0; flips--) {
        // Half of the damage lands in the first 64 bytes, where the headers are.
        bytes[Math.floor(random() * Math.min(bytes.length, random() < 0.5 ? 64 : bytes.length))] = Math.floor(random() * 256);
      }
      try {
        decode(bytes);
      } catch (error) {
        expect(error, `copy ${i}`).toBeInstanceOf(InputError);
      }
    }
  });
});
