// lzop files: real lzop 1.04 output (test/fixtures/unpack/lzop/, codecs/lzo/), every chunking,
// the header and its checksum, block checks, exact ends.
import { describe, expect, it } from 'vitest';
import { adler32 } from '../../src/unpack/codecs/checksums.js';
import { lzopHandler, parseLzopHeader } from '../../src/unpack/compression/lzop.js';
import { chunkings } from '../helpers/chunkings.js';
import { openWith } from './helpers/open-handler.js';
import { basicSha256, codecFixture, concat, mixSha256, sha256, unpackFixture } from './helpers/stream-fixtures.js';

const basic = unpackFixture('lzop/basic.txt.lzo');

describe('lzop handler', () => {
  it('decodes basic.txt.lzo the same way for every chunking and reports the exact end', async () => {
    for (const { label, chunks } of chunkings(basic)) {
      const opened = await openWith(lzopHandler, basic, { chunks });
      expect(opened.children[0]!.error, label).toBeUndefined();
      expect(sha256(opened.children[0]!.bytes), label).toBe(basicSha256);
      expect(opened.length, label).toBe(basic.length);
    }
  });

  it.each(['lzo/mix-level1.lzo', 'lzo/mix-level9.lzo'])('decodes the multi-block codec vector %s', async (name) => {
    const opened = await openWith(lzopHandler, codecFixture(name), { chunkSize: 5000 });
    expect(opened.problems).toEqual([]);
    expect(sha256(opened.children[0]!.bytes)).toBe(mixSha256);
  });

  it('stops at the end-of-file block: trailing bytes are left to the parent', async () => {
    const opened = await openWith(lzopHandler, concat(basic, new Uint8Array(64).fill(7)));
    expect(opened.length).toBe(basic.length);
  });

  it('reports a block whose data checksum fails, after handing it out', async () => {
    const file = codecFixture('lzo/mix-level9.lzo').slice();
    const header = parseLzopHeader(file)!;
    // First block: dst_len, src_len, Adler-32 of the data: damage the stored checksum.
    file[header.length + 8] = file[header.length + 8]! ^ 0xff;
    const opened = await openWith(lzopHandler, file);
    expect(opened.problems.map((p) => p.kind)).toEqual(['corrupt']);
    expect(sha256(opened.children[0]!.bytes)).toBe(mixSha256);
  });

  it('reports a truncated file as corrupt', async () => {
    const opened = await openWith(lzopHandler, basic.subarray(0, basic.length - 6));
    expect(opened.children[0]!.error?.kind).toBe('corrupt');
  });

  it('reports a method other than LZO1X unsupported', async () => {
    const file = basic.slice();
    const header = parseLzopHeader(file)!;
    file[15] = 0x1a; // method byte (after magic, version, library version, version needed): NRV1A
    new DataView(file.buffer).setUint32(header.length - 4, adler32(file.subarray(9, header.length - 4)));
    expect(lzopHandler.detect(file).ok).toBe(true);
    expect((await openWith(lzopHandler, file)).error?.kind).toBe('unsupported');
  });

  it('detect: checks the header checksum', () => {
    expect(lzopHandler.detect(basic).ok).toBe(true);
    const damaged = basic.slice();
    damaged[20] = damaged[20]! ^ 1;
    expect(lzopHandler.detect(damaged)).toEqual({ ok: false, reason: 'lzop header checksum mismatch' });
    expect(lzopHandler.detect(basic.subarray(0, 20)).ok).toBe(false);
  });
});
