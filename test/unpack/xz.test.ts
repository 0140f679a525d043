// xz: the real xz-utils output (test/fixtures/unpack/xz/, test/fixtures/codecs/lzma/, built by
// test/fixtures/build/flash.sh), every chunking, exact stream ends, and each integrity check.
import { xz as napiXz } from '@napi-rs/lzma';
import { describe, expect, it } from 'vitest';
import { parseXzStreamHeader, xzHandler } from '../../src/unpack/compression/xz.js';
import { chunkings } from '../helpers/chunkings.js';
import { openWith } from './helpers/open-handler.js';
import { basicLength, basicSha256, codecFixture, concat, mixSha256, sha256, unpackFixture } from './helpers/stream-fixtures.js';

const unpack = (name: string) => unpackFixture(`xz/${name}`);
const codec = (name: string) => codecFixture(`lzma/${name}`);

describe('xz handler', () => {
  it('decodes basic.txt.xz the same way for every chunking and reports the exact end', async () => {
    const file = unpack('basic.txt.xz');
    for (const { label, chunks } of chunkings(file)) {
      const opened = await openWith(xzHandler, file, { chunks });
      expect(opened.children[0]!.error, label).toBeUndefined();
      expect(sha256(opened.children[0]!.bytes), label).toBe(basicSha256);
      expect(opened.length, label).toBe(file.length);
    }
  });

  it.each(['mix-9e.xz', 'mix-lc0-lp2-crc32.xz', 'mix-blocks-sha256.xz'])('decodes %s (CRC-64, CRC-32, SHA-256 checks; one or many blocks)', async (name) => {
    const file = codec(name);
    const opened = await openWith(xzHandler, file, { chunkSize: 1000 });
    expect(opened.children[0]!.error).toBeUndefined();
    expect(sha256(opened.children[0]!.bytes)).toBe(mixSha256);
    expect(opened.length).toBe(file.length);
  });

  it('agrees with @napi-rs/lzma on a stream it wrote (check type none)', async () => {
    const input = new TextEncoder().encode('fixture text '.repeat(500));
    const opened = await openWith(xzHandler, new Uint8Array(napiXz.compressSync(input)));
    expect(Buffer.from(opened.children[0]!.bytes).equals(Buffer.from(input))).toBe(true);
  });

  it('stops at the stream footer: trailing bytes are left to the parent', async () => {
    const file = unpack('basic.txt.xz');
    const opened = await openWith(xzHandler, concat(file, new TextEncoder().encode('TRAILING DATA')));
    expect(sha256(opened.children[0]!.bytes)).toBe(basicSha256);
    expect(opened.length).toBe(file.length);
  });

  it('reads concatenated streams with stream padding as one stream', async () => {
    const file = unpack('basic.txt.xz');
    const opened = await openWith(xzHandler, concat(file, new Uint8Array(8), file, Uint8Array.of(1, 2, 3)));
    expect(opened.children[0]!.bytes.length).toBe(2 * basicLength);
    expect(opened.length).toBe(2 * file.length + 8);
  });

  it('undoes an x86 BCJ filter before LZMA2 (the block is held whole) and verifies the check on the result', async () => {
    const opened = await openWith(xzHandler, codec('mix-x86-bcj.xz'));
    expect(opened.children[0]!.error).toBeUndefined();
    expect(sha256(opened.children[0]!.bytes)).toBe(mixSha256);
  });

  it('reports a damaged check as corrupt after handing out the block', async () => {
    const file = unpack('basic.txt.xz').slice();
    // The CRC-64 sits just before the index; the footer's backward size tells where the index starts.
    const indexSize = (new DataView(file.buffer).getUint32(file.length - 8, true) + 1) * 4;
    const checkAt = file.length - 12 - indexSize - 8;
    file[checkAt] = file[checkAt]! ^ 0xff;
    const opened = await openWith(xzHandler, file);
    expect(opened.children[0]!.bytes.length).toBe(basicLength);
    expect(opened.children[0]!.error?.kind).toBe('corrupt');
    expect(opened.children[0]!.error?.message).toMatch(/check/);
  });

  it('reports an index that does not match the blocks as corrupt', async () => {
    const file = unpack('basic.txt.xz').slice();
    const indexSize = (new DataView(file.buffer).getUint32(file.length - 8, true) + 1) * 4;
    const recordAt = file.length - 12 - indexSize + 2;
    file[recordAt] = file[recordAt]! ^ 0x01;
    expect((await openWith(xzHandler, file)).children[0]!.error?.message).toMatch(/index/);
  });

  it('hands out what decoded before a truncation, then reports it corrupt', async () => {
    const file = codec('mix-9e.xz');
    const opened = await openWith(xzHandler, file.subarray(0, Math.floor(file.length / 2)));
    const child = opened.children[0]!;
    expect(child.error?.kind).toBe('corrupt');
    expect(child.bytes.length).toBeGreaterThan(0);
    expect(opened.length).toBeUndefined();
  });

  it('streams the bomb in small pieces (nothing holds its 256 MiB)', async () => {
    const opened = await openWith(xzHandler, unpack('bomb--256m-zeros.xz'), { maxChildBytes: 8 * 1024 * 1024, chunkSize: 1024 });
    const child = opened.children[0]!;
    expect(child.bytes.length).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(child.bytes.length).toBeLessThan(8 * 1024 * 1024 + 2 * 1024 * 1024);
    expect(opened.bytesRead).toBeLessThan(unpack('bomb--256m-zeros.xz').length);
  });

  it.each([
    ['a valid header', 'fd377a585a000004e6d6b446', 'ok'],
    ['a wrong flags CRC', 'fd377a585a000004e6d6b447', 'stream header CRC-32 mismatch'],
    ['reserved flag bits', 'fd377a585a000104' + '00000000', 'reserved stream flag bits are set'],
    ['no magic', 'fd377a585a010004e6d6b446', 'no xz magic fd 37 7a 58 5a 00'],
  ])('detect: %s', (_name, hex, expected) => {
    const header = parseXzStreamHeader(Buffer.from(hex, 'hex'));
    expect(typeof header === 'string' ? header : 'ok').toBe(expected);
    expect(xzHandler.detect(Buffer.from(hex, 'hex')).ok).toBe(expected === 'ok');
  });
});
