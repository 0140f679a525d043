// LZO1X decoder against streams written by the real lzop (1.04, LZO 2.10): the lzop container is
// stripped here and each block checked against the Adler-32 lzop stored for its uncompressed
// bytes. Vectors: test/fixtures/codecs/lzo/ (built by test/fixtures/build/flash.sh from a
// deterministic mix of literal runs, a 40,000-byte zero run, word text, a repeat at distance
// > 16 KiB and a 3-letter alphabet, so every instruction class M1..M4 and every extended
// length occurs).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adler32 } from '../../../src/unpack/codecs/checksums.js';
import { lzo1xDecompress } from '../../../src/unpack/codecs/lzo.js';
import { parseLzopHeader } from '../../../src/unpack/compression/lzop.js';
import { InputError } from '../../../src/unpack/types.js';

const mixSha256 = '2d5e4a405477148b0e7987de15d096b77363161a3e283db57ada5c295907975c';

interface Block {
  readonly compressed: Uint8Array;
  readonly length: number;
  readonly adler: number;
}

/** The blocks of an lzop file written with default flags (F_ADLER32_D only). */
function lzopBlocks(file: Uint8Array): Block[] {
  const header = parseLzopHeader(file);
  if (header === undefined || !header.checksumValid) throw new Error('not an lzop file');
  // Adler-32 of the data only (lzop's default): no CRC-32s, no checksum of compressed data.
  expect(header.flags & 0x303).toBe(0x001);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const blocks: Block[] = [];
  for (let at = header.length; ; ) {
    const length = view.getUint32(at);
    if (length === 0) return blocks;
    const size = view.getUint32(at + 4);
    const adler = view.getUint32(at + 8);
    blocks.push({ compressed: file.subarray(at + 12, at + 12 + size), length, adler });
    at += 12 + size;
  }
}

const vector = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/codecs/lzo/${name}`, import.meta.url)));

/** A first compressed block of a vector, for the damage tests. */
function compressedBlock(name: string): Block {
  const block = lzopBlocks(vector(name)).find((b) => b.compressed.length < b.length);
  if (block === undefined) throw new Error('no compressed block');
  return block;
}

function thrown(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('lzo1xDecompress', () => {
  it.each(['mix-level1.lzo', 'mix-level9.lzo'])('decodes every block of %s to the bytes lzop checksummed', (name) => {
    const blocks = lzopBlocks(vector(name));
    const hash = createHash('sha256');
    for (const block of blocks) {
      const output = lzo1xDecompress(block.compressed, block.length);
      expect(output.length).toBe(block.length);
      expect(adler32(output)).toBe(block.adler);
      hash.update(output);
    }
    expect(hash.digest('hex')).toBe(mixSha256);
  });

  it('decodes the shortest stream (end marker only) to nothing', () => {
    expect(lzo1xDecompress(Uint8Array.of(0x11, 0x00, 0x00), 16)).toEqual(new Uint8Array(0));
  });

  it('decodes a hand-made stream: first-byte literal run, then an overlapping M2 match', () => {
    // 0x15 = 17 + 4 literals "abcd"; M2 0x6c: length (0x6c >> 5) + 1 = 4, distance 1 + ((0x6c >> 2) & 7) + (0 << 3) = 4; end.
    const stream = Uint8Array.of(0x15, 0x61, 0x62, 0x63, 0x64, 0x6c, 0x00, 0x11, 0x00, 0x00);
    expect(Buffer.from(lzo1xDecompress(stream, 64)).toString('latin1')).toBe('abcdabcd');
  });

  it('rejects an empty input as corrupt', () => {
    expect(thrown(() => lzo1xDecompress(new Uint8Array(0), 16)).kind).toBe('corrupt');
  });

  it.each([1, 2, 7, 100, 1000])('rejects a stream cut %i bytes before its end as corrupt', (cut) => {
    const block = compressedBlock('mix-level9.lzo');
    const error = thrown(() => lzo1xDecompress(block.compressed.subarray(0, block.compressed.length - cut), block.length));
    expect(error.kind).toBe('corrupt');
  });

  it('rejects every truncation of a short stream as corrupt, never with another error', () => {
    const block = compressedBlock('mix-level1.lzo');
    const prefix = block.compressed.subarray(0, 400);
    for (let cut = 0; cut < prefix.length; cut++) {
      expect(() => lzo1xDecompress(prefix.subarray(0, cut), block.length)).toThrow(InputError);
    }
  });

  it('rejects trailing bytes after the end marker as corrupt', () => {
    const error = thrown(() => lzo1xDecompress(Uint8Array.of(0x11, 0x00, 0x00, 0x00), 16));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/after the end-of-stream marker/);
  });

  it('rejects a match that reaches before the start of the output as corrupt', () => {
    // One literal "a", then M2 with distance 1 + 7 + (0xff << 3).
    const error = thrown(() => lzo1xDecompress(Uint8Array.of(0x12, 0x61, 0x7c, 0xff, 0x11, 0x00, 0x00), 64));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/before the start of the output/);
  });

  it('reports output beyond the limit as a limit, not as corruption', () => {
    const block = compressedBlock('mix-level9.lzo');
    expect(thrown(() => lzo1xDecompress(block.compressed, block.length - 1)).kind).toBe('limit');
    expect(thrown(() => lzo1xDecompress(block.compressed, 1000)).kind).toBe('limit');
  });

  it('stops a run of zero length bytes at the output limit without reading them all', () => {
    // Literal run with an extended length: 00, then 1 MiB of zero bytes (255 each).
    const stream = new Uint8Array(1 + 1024 * 1024);
    expect(thrown(() => lzo1xDecompress(stream, 64 * 1024)).kind).toBe('limit');
  });

  it('never throws anything but InputError on damaged streams', () => {
    const block = compressedBlock('mix-level1.lzo');
    let seed = 7;
    for (let trial = 0; trial < 300; trial++) {
      const damaged = block.compressed.slice();
      for (let flips = 0; flips < 3; flips++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const at = seed % damaged.length;
        damaged[at] = damaged[at]! ^ (1 << (seed >>> 29));
      }
      try {
        lzo1xDecompress(damaged, block.length);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
      }
    }
  });

  it('misuse: a negative limit is a RangeError', () => {
    expect(() => lzo1xDecompress(Uint8Array.of(0x11, 0, 0), -1)).toThrow(RangeError);
  });
});
