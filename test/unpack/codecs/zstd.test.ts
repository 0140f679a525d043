// zstd frames written by the Zstandard CLI 1.5.4 (test/fixtures/build/codecs.sh): with content
// size and checksum, streamed (no content size), two frames around a skippable frame, and
// 16 MiB of zeros with and without a declared size.
import { describe, expect, it } from 'vitest';
import { parseZstdFrame, zstdDecompress } from '../../../src/unpack/codecs/zstd.js';
import { expected, expectSource, flipped, thrown, vector, vectorsEndingWith } from './vectors.js';

describe('zstdDecompress', () => {
  it.each(vectorsEndingWith('.zst'))('decodes %s to its source', (name) => {
    expectSource(name, zstdDecompress(vector(name), expected[name]!.size));
  });
  it('walks the frames of a file to its exact end without decoding', () => {
    const bytes = vector('two-frames.zst');
    const ends: number[] = [];
    for (let at = 0; at < bytes.length; at = ends.at(-1)!) ends.push(parseZstdFrame(bytes, at).end);
    expect(ends.length).toBe(3);
    expect(parseZstdFrame(bytes, ends[0]!).skippable).toBe(true);
  });
  it('refuses a declared content size above the bound before decoding', () => {
    const error = thrown(() => zstdDecompress(vector('zeros-16m.zst'), 1024 * 1024));
    expect(error.kind).toBe('limit');
    expect(error.offset).toBe(0);
  });
  it('stops a frame without a declared size at the bound', () => {
    expect(thrown(() => zstdDecompress(vector('zeros-16m-stream.zst'), 1024 * 1024)).kind).toBe('limit');
  });
  it('counts the bound across frames', () => {
    const size = expected['two-frames.zst']!.size;
    expect(thrown(() => zstdDecompress(vector('two-frames.zst'), size - 1)).kind).toBe('limit');
  });
  it('decodes a frame whose window descriptor claims 2 TiB without allocating it', () => {
    const stream = vector('mix-stream.zst');
    expect(stream[4]! & 0x20).toBe(0); // not single-segment: byte 5 is the window descriptor
    expectSource('mix-stream.zst', zstdDecompress(flipped(stream, 5, stream[5]! ^ 0xf8), expected['mix-stream.zst']!.size));
  });
  it('reports a flipped byte as corrupt (decoder error or checksum mismatch)', () => {
    const frame = vector('mix-19.zst');
    for (const at of [frame.length >> 2, frame.length >> 1, frame.length - 10]) {
      expect(thrown(() => zstdDecompress(flipped(frame, at), 1 << 20)).kind, `flip at ${at}`).toBe('corrupt');
    }
    expect(thrown(() => zstdDecompress(flipped(frame, frame.length - 1), 1 << 20)).message).toMatch(/checksum/);
  });
  it('reports truncation at every structural point as corrupt', () => {
    const frame = vector('mix-19.zst');
    for (const cut of [0, 2, 4, 5, 8, 12, frame.length >> 1, frame.length - 4, frame.length - 1]) {
      expect(thrown(() => zstdDecompress(frame.subarray(0, cut), 1 << 20)).kind, `cut at ${cut}`).toBe('corrupt');
    }
  });
  it('reports bytes after the last frame as corrupt', () => {
    expect(thrown(() => zstdDecompress(Buffer.concat([vector('mix-19.zst'), Buffer.from('junk')]), 1 << 20)).kind).toBe('corrupt');
  });
  it('reports a reserved header bit and a reserved block type as corrupt', () => {
    const frame = vector('mix-19.zst');
    expect(thrown(() => zstdDecompress(flipped(frame, 4, 0x08), 1 << 20)).message).toMatch(/reserved frame header bit/);
  });
  it('reports a frame that needs a dictionary as unsupported', () => {
    // FHD 0x21: single segment, 1-byte dictionary id; id 7, content size 1, one raw block "x".
    const frame = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x21, 0x07, 0x01, 0x09, 0x00, 0x00, 0x78]);
    expect(thrown(() => zstdDecompress(frame, 10)).kind).toBe('unsupported');
  });
});
