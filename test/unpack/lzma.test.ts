// LZMA-alone (.lzma): real `lzma` output (test/fixtures/unpack/lzma/, codecs/lzma/), every
// chunking, the exact end of an end-marker stream, and xz's strict header rules.
import { describe, expect, it } from 'vitest';
import { lzmaHandler, parseLzmaAloneHeader } from '../../src/unpack/compression/lzma.js';
import { chunkings } from '../helpers/chunkings.js';
import { openWith } from './helpers/open-handler.js';
import { basicSha256, codecFixture, concat, mixSha256, sha256, unpackFixture } from './helpers/stream-fixtures.js';

const basic = unpackFixture('lzma/basic.txt.lzma');

/** A 14-byte head: properties, dictionary, size (undefined = unknown), first range-coder byte. */
function head(properties: number, dictionary: number, size: bigint | undefined, first = 0): Uint8Array {
  const bytes = new Uint8Array(14);
  const view = new DataView(bytes.buffer);
  bytes[0] = properties;
  view.setUint32(1, dictionary, true);
  view.setBigUint64(5, size ?? 0xffffffffffffffffn, true);
  bytes[13] = first;
  return bytes;
}

describe('lzma handler', () => {
  it('decodes basic.txt.lzma (end-marker stream) the same way for every chunking and finds its end', async () => {
    for (const { label, chunks } of chunkings(basic)) {
      const opened = await openWith(lzmaHandler, basic, { chunks });
      expect(opened.children[0]!.error, label).toBeUndefined();
      expect(sha256(opened.children[0]!.bytes), label).toBe(basicSha256);
      expect(opened.length, label).toBe(basic.length);
    }
  });

  it('decodes lzma -9e output of the codec mix', async () => {
    const opened = await openWith(lzmaHandler, codecFixture('lzma/mix-9e.lzma'), { chunkSize: 4096 });
    expect(sha256(opened.children[0]!.bytes)).toBe(mixSha256);
  });

  it('leaves trailing bytes to the parent', async () => {
    const opened = await openWith(lzmaHandler, concat(basic, new Uint8Array(100).fill(0x41)));
    expect(sha256(opened.children[0]!.bytes)).toBe(basicSha256);
    expect(opened.length).toBe(basic.length);
  });

  it('stops at a declared size, and states it as the child size', async () => {
    const known = basic.slice();
    new DataView(known.buffer).setBigUint64(5, 318n, true);
    const opened = await openWith(lzmaHandler, known);
    expect(opened.children[0]!.size).toBe(318);
    expect(sha256(opened.children[0]!.bytes)).toBe(basicSha256);
    // The end marker after the 318th byte is not needed: the stream ends before it.
    expect(opened.length).toBeLessThanOrEqual(basic.length);
  });

  it('hands out what decoded before a truncation, then reports it corrupt', async () => {
    const file = codecFixture('lzma/mix-9e.lzma');
    const opened = await openWith(lzmaHandler, file.subarray(0, file.length - 2000));
    expect(opened.children[0]!.error?.kind).toBe('corrupt');
    expect(opened.children[0]!.bytes.length).toBeGreaterThan(10_000);
    expect(opened.length).toBeUndefined();
  });

  it.each([
    ['preset header (0x5D, 8 MiB, unknown size)', head(0x5d, 1 << 23, undefined), 'ok'],
    ['known size', head(0x5d, 1 << 16, 1000n), 'ok'],
    ['dictionary 2^n + 2^(n-1) (3 MiB)', head(0x5d, 3 << 20, undefined), 'ok'],
    ['lc 1, lp 2, pb 2 (0x6D)', head(0x6d, 1 << 20, undefined), 'ok'],
    ['properties byte 225', head(225, 1 << 20, undefined), 'invalid lc/lp/pb properties byte'],
    ['lc + lp > 4 (lc 4, lp 1)', head(13, 1 << 20, undefined), 'invalid lc/lp/pb properties byte'],
    ['dictionary 5 MiB', head(0x5d, 5 << 20, undefined), 'dictionary size 5242880 is not 2^n or 2^n + 2^(n-1)'],
    ['dictionary 1 KiB', head(0x5d, 1024, undefined), 'dictionary size 1024 is not 2^n or 2^n + 2^(n-1)'],
    ['size 2^38', head(0x5d, 1 << 20, 2n ** 38n), 'declared size is implausibly large'],
    ['non-zero first range-coder byte', head(0x5d, 1 << 20, undefined, 1), 'first range-coder byte is not zero'],
    ['13 bytes only', head(0x5d, 1 << 20, undefined).subarray(0, 13), 'shorter than an LZMA header'],
  ])('detect: %s', (_name, bytes, expected) => {
    const header = parseLzmaAloneHeader(bytes);
    expect(typeof header === 'string' ? header : 'ok').toBe(expected);
    expect(lzmaHandler.detect(bytes).ok).toBe(expected === 'ok');
  });

  it('only carves the common property/dictionary pairs', () => {
    expect(lzmaHandler.signatures.every((s) => s.magic.length === 5 && (s.magic[0] === 0x5d || s.magic[0] === 0x6d))).toBe(true);
    expect(lzmaHandler.signatures.some((s) => Buffer.from(s.magic).equals(Buffer.from('5d00008000', 'hex')))).toBe(true);
  });
});
