import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipHandler } from '../../src/unpack/compression/gzip.js';
import { openAlone } from '../../src/walk/alone.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/unpack/${name}`, import.meta.url));

async function openAll(bytes: Uint8Array): Promise<{ output: Buffer; problems: string[]; length?: number; error?: string }> {
  const opened = openAlone(gzipHandler, (async function* () { yield bytes; })());
  const chunks: Uint8Array[] = [];
  const said = () => ({ problems: opened.problems.map(({ kind, message }) => `${kind}: ${message}`), ...(opened.length === undefined ? {} : { length: opened.length }) });
  try {
    for await (const child of opened.children) {
      for await (const chunk of child.stream) chunks.push(chunk);
    }
  } catch (error) {
    return { output: Buffer.concat(chunks), ...said(), error: (error as Error).message };
  }
  return { output: Buffer.concat(chunks), ...said() };
}

describe('gzip', () => {
  it('reports the exact end of a member followed by other bytes', async () => {
    const member = fixture('gzip/basic.txt.gz');
    const result = await openAll(Buffer.concat([member, Buffer.from('TRAILING BYTES, NOT GZIP')]));
    expect(result.error).toBeUndefined();
    expect(result.length).toBe(member.length);
    expect(result.output.length).toBeGreaterThan(0);
  });
  it('joins concatenated members into one stream', async () => {
    const result = await openAll(fixture('gzip/multi-member.gz'));
    expect(result.length).toBe(fixture('gzip/multi-member.gz').length);
    expect(result.output.toString('latin1')).toContain('member 2');
  });
  it('ends with a corrupt error, not a hang, when the deflate body is damaged', async () => {
    // Regression: zlib emits 'error' without calling the write callback; the reader used to wait forever.
    const zip = Buffer.from(fixture('zip/nested--targz-in-zip.zip'));
    zip[100] = 0x58;
    const result = await openAll(zip.subarray(43, 339));
    expect(result.error).toMatch(/^gzip: /);
  });
  it('inflates a bomb only as fast as its chunks are taken', async () => {
    // 64 MiB of zeros in 64 KiB: one feed of compressed bytes inflates to all of it.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const opened = openAlone(gzipHandler, (async function* () { yield bomb; })());
    const children = opened.children[Symbol.asyncIterator]();
    const stream = (await children.next()).value!.stream[Symbol.asyncIterator]();
    const before = process.memoryUsage().arrayBuffers;
    const first = await stream.next();
    expect(first.value!.length).toBeLessThanOrEqual(64 * 1024);
    await sleep(200);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 * 1024 * 1024);
    await stream.return?.(undefined);
    await children.return?.(undefined);
  });
  it('rejects a candidate whose bytes after the header are not deflate', () => {
    const bytes = Buffer.concat([Buffer.from('1f8b0800000000000003', 'hex'), Buffer.alloc(64, 0xff)]);
    expect(gzipHandler.detect(bytes)).toMatchObject({ ok: false });
    expect(gzipHandler.detect(fixture('gzip/basic.txt.gz'))).toEqual({ ok: true });
  });
});
