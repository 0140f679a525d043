// bzip2: real bzip2 1.0.8 output (test/fixtures/unpack/bzip2/), every chunking and read size,
// concatenated streams, exact ends, bounded output pieces, truncation, damaged blocks.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inThreadDecoder } from '../../src/unpack/codecs/index.js';
import { bzip2Handler } from '../../src/unpack/compression/bzip2.js';
import { openHandler } from '../../src/walk/container.js';
import { chunkings } from '../helpers/chunkings.js';
import { chunked, openWith } from './helpers/open-handler.js';
import { basicLength, basicSha256, concat, sha256, unpackFixture } from './helpers/stream-fixtures.js';

const basic = unpackFixture('bzip2/basic.txt.bz2');

describe('bzip2 handler', () => {
  it('decodes basic.txt.bz2 the same way for every chunking and reports the exact end', async () => {
    for (const { label, chunks } of chunkings(basic)) {
      const opened = await openWith(bzip2Handler, basic, { chunks });
      expect(opened.children[0]!.error, label).toBeUndefined();
      expect(sha256(opened.children[0]!.bytes), label).toBe(basicSha256);
      expect(opened.length, label).toBe(basic.length);
    }
  });

  it('reads concatenated streams (pbzip2, cat) as one, and stops before trailing bytes', async () => {
    const opened = await openWith(bzip2Handler, concat(basic, basic, new TextEncoder().encode('BZh')));
    expect(opened.children[0]!.bytes.length).toBe(2 * basicLength);
    expect(opened.length).toBe(2 * basic.length);
  });

  it('truncated--half.bz2: hands out the complete first block, then reports the cut', async () => {
    const opened = await openWith(bzip2Handler, unpackFixture('bzip2/truncated--half.bz2'), { chunkSize: 1000 });
    const child = opened.children[0]!;
    expect(child.error?.kind).toBe('corrupt');
    expect(child.error?.message).toMatch(/truncated/);
    expect(child.bytes.length).toBeGreaterThanOrEqual(99_000);
    expect(child.bytes.subarray(0, 60).toString('latin1')).toMatch(/^fixture bzip2 truncated--half.bz2 block 1/);
  });

  it('reports a damaged block (its CRC fails) as corrupt', async () => {
    const damaged = basic.slice();
    damaged[40] = damaged[40]! ^ 0x10;
    const opened = await openWith(bzip2Handler, damaged);
    expect(opened.children[0]!.error?.kind).toBe('corrupt');
  });

  it.each([
    ['BZh9 + block magic', '425a683931415926535900', true],
    ['BZh1 + block magic', '425a683131415926535900', true],
    ['level digit 0', '425a683031415926535900', false],
    ['no block magic', '425a683900000000000000', false],
    ['an empty stream (end-of-stream marker only) is not carved', '425a6839177245385090', false],
  ])('detect: %s', (_name, hex, ok) => {
    expect(bzip2Handler.detect(Buffer.from(hex, 'hex')).ok).toBe(ok);
  });
});

// test/fixtures/build/bzip2.sh: Debian bzip2 1.0.8 output and what `bzip2 -dc` gives for it.
const expected = JSON.parse(readFileSync(new URL('../fixtures/unpack/bzip2/bzip2-expected.json', import.meta.url), 'utf8')) as Record<string, { sha256: string; length: number }>;
/** Read sizes for whole fixtures; 1- to 7-byte reads run over the headers and the end (below). */
const readSizes = [7, 1000, 4096, 65_536, 1 << 20];

describe('bzip2 decoder against Debian bzip2', () => {
  it.each(['three-blocks.bz2', 'multi-stream.bz2'])('%s: the same bytes as bzip2 -dc for every read size, and the exact end', async (name) => {
    const input = unpackFixture(`bzip2/${name}`);
    for (const chunkSize of readSizes) {
      const opened = await openWith(bzip2Handler, concat(input, new TextEncoder().encode('trailing bytes')), { chunkSize });
      const child = opened.children[0]!;
      expect(child.error, `${chunkSize}`).toBeUndefined();
      expect({ sha256: sha256(child.bytes), length: child.bytes.length }, `${chunkSize}`).toEqual(expected[name]);
      expect(opened.length, `${chunkSize}`).toBe(input.length);
    }
  });

  it('multi-stream.bz2 through every chunking of its first 64 bytes (stream and block headers split anywhere)', async () => {
    const input = unpackFixture('bzip2/multi-stream.bz2');
    for (const { label, chunks } of chunkings(input.subarray(0, 64))) {
      const opened = await openWith(bzip2Handler, input, { chunks: [...chunks, input.subarray(64)] });
      expect(sha256(opened.children[0]!.bytes), label).toBe(expected['multi-stream.bz2']!.sha256);
    }
  });

  it('runs.bz2: 134 bytes that expand to 50 MB come out in pieces of at most 64 KiB, never a whole block', async () => {
    const input = unpackFixture('bzip2/runs.bz2');
    const hash = createHash('sha256');
    let total = 0;
    let largest = 0;
    const ctx = { problem: () => undefined, setLength: () => undefined, signal: new AbortController().signal, blocks: inThreadDecoder };
    const file = () => Promise.reject(new Error('not random access'));
    for await (const child of openHandler(bzip2Handler, { stream: chunked(input, 64), file, whole: file, randomAccess: false }, ctx)) {
      for await (const piece of child.stream!) {
        hash.update(piece);
        total += piece.length;
        largest = Math.max(largest, piece.length);
      }
    }
    expect({ sha256: hash.digest('hex'), length: total }).toEqual(expected['runs.bz2']);
    expect(largest).toBeLessThanOrEqual(64 * 1024);
  });

  it('corrupt--block-crc.bz2: the first stream, then a corrupt block whose bytes are not handed on', async () => {
    const opened = await openWith(bzip2Handler, unpackFixture('bzip2/corrupt--block-crc.bz2'), { chunkSize: 1000 });
    const child = opened.children[0]!;
    expect(child.error?.kind).toBe('corrupt');
    expect(child.error?.message).toMatch(/^bzip2 block 0 at \d+ \(stream 1\): CRC mismatch \(block says 0x[0-9a-f]{8}, data gives 0x[0-9a-f]{8}\)$/);
    expect({ sha256: sha256(child.bytes), length: child.bytes.length }).toEqual(expected['corrupt--block-crc.bz2']);
  });

  it('corrupt--huffman-data.bz2: a damaged first block is corrupt with nothing handed on', async () => {
    const opened = await openWith(bzip2Handler, unpackFixture('bzip2/corrupt--huffman-data.bz2'));
    const child = opened.children[0]!;
    expect(child.error?.kind).toBe('corrupt');
    expect(child.error?.message).toMatch(/^bzip2 block 0 at 4 \(stream 0\): /);
    expect(child.bytes.length).toBe(expected['corrupt--huffman-data.bz2']!.length);
  });

  it('a stream cut inside its end-of-stream marker is truncated, after every block it holds, for 1- to 4096-byte reads of its end', async () => {
    const input = unpackFixture('bzip2/three-blocks.bz2');
    const cut = input.subarray(0, input.length - 4);
    const head = cut.subarray(0, cut.length - 40);
    for (const size of [1, 3, 7, 4096]) {
      const opened = await openWith(bzip2Handler, cut, { chunks: [head, ...splitEvery(cut.subarray(head.length), size)] });
      const child = opened.children[0]!;
      expect(child.error?.message, `${size}`).toMatch(/truncated/);
      expect(child.bytes.length, `${size}`).toBe(expected['three-blocks.bz2']!.length);
    }
  });

  it.each([
    ['a block with no byte values', '0000'],
    ['a block claiming 7 Huffman tables', 'ffff'],
  ])('hand-made: %s is corrupt, not a crash', async (_name, bitmap) => {
    // Block CRC, randomised 0, origPtr 0, then a bitmap that uses nothing (or 16 groups and 7 tables).
    const block = Buffer.from(`425a6839314159265359 00000000 000000 00 ${bitmap} ffffffffffffffffffffffffffffffffffffffffffffffff`.replace(/ /g, ''), 'hex');
    const opened = await openWith(bzip2Handler, block);
    expect(opened.children[0]!.error?.kind).toBe('corrupt');
  });
});

function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}
