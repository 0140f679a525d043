// bzip2: real bzip2 1.0.8 output (test/fixtures/unpack/bzip2/), every chunking, concatenated
// streams, exact ends, truncation inside a later block, damaged blocks.
import { describe, expect, it } from 'vitest';
import { bzip2Handler } from '../../src/unpack/compression/bzip2.js';
import { chunkings } from '../helpers/chunkings.js';
import { openWith } from './helpers/open-handler.js';
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
