// zstd: real zstd 1.5.4 output (test/fixtures/unpack/zstd/), every chunking, frame walking
// (skippable frames, concatenated frames, exact ends), the content checksum, the window bound.
import { describe, expect, it } from 'vitest';
import { parseZstdFrameHeader, zstdHandler } from '../../src/unpack/compression/zstd.js';
import { chunkings } from '../helpers/chunkings.js';
import { openWith } from './helpers/open-handler.js';
import { basicLength, basicSha256, concat, sha256, unpackFixture } from './helpers/stream-fixtures.js';

const basic = unpackFixture('zstd/basic.txt.zst');
const skippable = Uint8Array.of(0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 0xaa, 0xbb, 0xcc);

describe('zstd handler', () => {
  it('decodes basic.txt.zst the same way for every chunking and reports the exact end', async () => {
    for (const { label, chunks } of chunkings(basic)) {
      const opened = await openWith(zstdHandler, basic, { chunks });
      expect(opened.children[0]!.error, label).toBeUndefined();
      expect(sha256(opened.children[0]!.bytes), label).toBe(basicSha256);
      expect(opened.length, label).toBe(basic.length);
    }
  });

  it('reads frames separated by a skippable frame as one stream, and stops before trailing bytes', async () => {
    const opened = await openWith(zstdHandler, concat(basic, skippable, basic, new TextEncoder().encode('tail')));
    expect(opened.children[0]!.bytes.length).toBe(2 * basicLength);
    expect(opened.length).toBe(2 * basic.length + skippable.length);
  });

  it('reports a content checksum mismatch as corrupt, after the decoded bytes', async () => {
    const damaged = basic.slice();
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0x01;
    const opened = await openWith(zstdHandler, damaged);
    expect(opened.children[0]!.bytes.length).toBe(basicLength);
    expect(opened.children[0]!.error?.message).toMatch(/content checksum/);
  });

  it('corrupt--bitflip.zst: the first 128 KiB block decodes, the damage is reported', async () => {
    const opened = await openWith(zstdHandler, unpackFixture('zstd/corrupt--bitflip.zst'));
    const child = opened.children[0]!;
    expect(child.error?.kind).toBe('corrupt');
    expect(child.bytes.length).toBeGreaterThanOrEqual(128 * 1024);
    expect(child.bytes.subarray(0, 33).toString('latin1')).toBe('fixture zstd corrupt--bitflip.zst');
  });

  it('refuses a window above the bound as a limit, before fzstd allocates it', async () => {
    // FHD 0x00 (no single segment, no checksum), window descriptor 0xf8: 2^(10+31) bytes.
    const frame = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0x01, 0x00, 0x00);
    const opened = await openWith(zstdHandler, frame);
    expect(opened.children[0]!.error?.kind).toBe('limit');
  });

  it('reports a frame that needs a dictionary unsupported', async () => {
    const frame = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x01, 0x50, 0x07, 0x01, 0x00, 0x00);
    expect((await openWith(zstdHandler, frame)).children[0]!.error?.kind).toBe('unsupported');
  });

  it('parses frame headers: single segment with content size, window descriptor, dictionary id', () => {
    expect(parseZstdFrameHeader(Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x18))).toEqual({ length: 6, windowSize: 0x18, contentSize: 0x18, dictionaryId: 0, checksum: true });
    expect(parseZstdFrameHeader(Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58))).toEqual({ length: 6, windowSize: 2 ** 21, dictionaryId: 0, checksum: false });
    expect(parseZstdFrameHeader(Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x08, 0x58))).toBe('reserved bit of the frame header descriptor is set');
  });

  it.each([
    ['a frame', basic.subarray(0, 21), true],
    ['a reserved first block type', Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x18, 0x07, 0x00, 0x00), false],
    ['a skippable frame alone', skippable, false],
  ])('detect: %s', (_name, head, ok) => {
    expect(zstdHandler.detect(head).ok).toBe(ok);
  });
});
