// zlib streams from the real zlib (node:zlib's deflateSync is zlib 1.x), through the bounded inflater.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zlibDecompress, zlibInflatePrefix } from '../../../src/unpack/codecs/zlib.js';
import { flipped, thrown } from './vectors.js';

const text = new TextEncoder().encode('fwsift zlib vector: 人种 EM_NATION_TYPE_UYGUR\n'.repeat(500));
const stream = new Uint8Array(deflateSync(text, { level: 9 }));

describe('zlibDecompress', () => {
  it('inflates a zlib stream to the original bytes', () => {
    expect(Buffer.from(zlibDecompress(stream, text.length)).equals(Buffer.from(text))).toBe(true);
  });
  it('accepts a bound equal to the output and refuses one byte less as a limit', () => {
    expect(zlibDecompress(stream, text.length).length).toBe(text.length);
    expect(thrown(() => zlibDecompress(stream, text.length - 1)).kind).toBe('limit');
  });
  it('inflates an empty stream with a zero bound', () => {
    expect(zlibDecompress(new Uint8Array(deflateSync(new Uint8Array(0))), 0).length).toBe(0);
  });
  it('stops a 16 MiB bomb at a 1 MiB bound', () => {
    const bomb = new Uint8Array(deflateSync(new Uint8Array(16 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(20_000);
    expect(thrown(() => zlibDecompress(bomb, 1024 * 1024)).kind).toBe('limit');
  });
  it('reports a truncated stream as corrupt', () => {
    for (const cut of [0, 1, 2, stream.length >> 1, stream.length - 1]) {
      expect(thrown(() => zlibDecompress(stream.subarray(0, cut), text.length)).kind, `cut at ${cut}`).toBe('corrupt');
    }
  });
  it('reports a wrong Adler-32 as corrupt', () => {
    expect(thrown(() => zlibDecompress(flipped(stream, stream.length - 1, 1), text.length)).message).toMatch(/incorrect data check/);
  });
  it('reports bytes after the stream as corrupt, and zlibInflatePrefix tells where the stream ended', () => {
    const padded = new Uint8Array([...stream, 1, 2, 3]);
    expect(thrown(() => zlibDecompress(padded, text.length)).kind).toBe('corrupt');
    const prefix = zlibInflatePrefix(padded, text.length);
    expect(prefix.consumed).toBe(stream.length);
    expect(prefix.bytes.length).toBe(text.length);
  });
  it('rejects a negative bound as misuse', () => {
    expect(() => zlibDecompress(stream, -1)).toThrow(RangeError);
  });
});
