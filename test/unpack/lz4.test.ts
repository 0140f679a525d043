// LZ4 frames: real lz4 1.9.4 output (test/fixtures/unpack/lz4/: a frame and a legacy frame),
// every chunking, exact ends, header checks. Block decoding is codecs/lz4.ts's (its own tests).
import { describe, expect, it } from 'vitest';
import { lz4Handler } from '../../src/unpack/compression/lz4.js';
import { chunkings } from '../helpers/chunkings.js';
import { openWith } from './helpers/open-handler.js';
import { basicLength, basicSha256, concat, sha256, unpackFixture } from './helpers/stream-fixtures.js';

const frame = unpackFixture('lz4/basic.txt.lz4');
const legacy = unpackFixture('lz4/legacy-frame.txt.lz4');

describe('lz4 handler', () => {
  it.each([
    ['basic.txt.lz4', frame],
    ['legacy-frame.txt.lz4', legacy],
  ])('decodes %s the same way for every chunking and reports its end', async (_name, file) => {
    for (const { label, chunks } of chunkings(file)) {
      const opened = await openWith(lz4Handler, file, { chunks });
      expect(opened.children[0]!.error, label).toBeUndefined();
      expect(sha256(opened.children[0]!.bytes), label).toBe(basicSha256);
      expect(opened.length, label).toBe(file.length);
    }
  });

  it('reads frames back to back, and stops before trailing bytes', async () => {
    const opened = await openWith(lz4Handler, concat(frame, frame, new TextEncoder().encode('not lz4')));
    expect(opened.children[0]!.bytes.length).toBe(2 * basicLength);
    expect(opened.length).toBe(2 * frame.length);
  });

  it('reports a truncated frame as corrupt', async () => {
    const opened = await openWith(lz4Handler, frame.subarray(0, frame.length - 10));
    expect(opened.children[0]!.error?.kind).toBe('corrupt');
  });

  it('detect: a frame header with a good and a bad header checksum, a legacy frame, no magic', () => {
    expect(lz4Handler.detect(frame.subarray(0, 19)).ok).toBe(true);
    const damaged = frame.slice(0, 19);
    damaged[4] = damaged[4]! ^ 0x10; // flip the block-checksum flag: the header checksum no longer matches
    expect(lz4Handler.detect(damaged)).toEqual({ ok: false, reason: 'LZ4 frame header checksum mismatch' });
    expect(lz4Handler.detect(legacy.subarray(0, 19)).ok).toBe(true);
    expect(lz4Handler.detect(Uint8Array.of(0x02, 0x21, 0x4c, 0x18, 0, 0, 0, 0)).ok).toBe(false);
    expect(lz4Handler.detect(new Uint8Array(19)).ok).toBe(false);
  });
});
