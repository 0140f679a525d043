// Filesystem blocks decoded on worker threads (the decode pool) come out as the scanning thread
// decodes them: the same bytes, the same errors, the same damage in the same order, whichever
// thread finishes first. The workers run a compiled build (vitest runs TypeScript sources).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inThreadDecoder } from '../../src/unpack/codecs/index.js';
import { createDecodePool, type DecodePool } from '../../src/unpack/codecs/decode-pool.js';
import { squashfsHandler } from '../../src/unpack/filesystems/squashfs.js';
import { InputError } from '../../src/unpack/types.js';
import { buildForTests, type TestBuild } from '../scale/helpers/build.js';
import { withoutTimes } from '../scale/helpers/reports.js';
import { openAll } from './open-helper.js';

const squashfsDir = new URL('../fixtures/unpack/squashfs/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, squashfsDir)));
const xzMagic = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

/** Where each data block (a whole xz stream) of an xz image starts: before the inode table (superblock offset 64). */
function xzBlockStarts(image: Uint8Array): number[] {
  const inodeTable = Number(new DataView(image.buffer, image.byteOffset).getBigUint64(64, true));
  const starts: number[] = [];
  for (let at = Buffer.from(image).indexOf(xzMagic); at >= 0 && at < inodeTable; at = Buffer.from(image).indexOf(xzMagic, at + 1)) starts.push(at);
  return starts;
}

let build: TestBuild;
let pool: DecodePool;
const workerUrl = () => new URL(`file://${join(build.root, 'dist/unpack/codecs/decode-worker.js')}`);
beforeAll(() => {
  build = buildForTests();
  pool = createDecodePool(2, workerUrl());
}, 120_000);
afterAll(async () => {
  await pool.close();
  build.remove();
});

describe('decode pool', () => {
  it.each(readdirSync(squashfsDir).filter((name) => name.endsWith('.sqsh')))('opens %s as the scanning thread does', async (name) => {
    const image = fixture(name);
    expect(await openAll(squashfsHandler, image, pool)).toEqual(await openAll(squashfsHandler, image));
  });

  it('reports damaged blocks of one file in file order, as the scanning thread does', async () => {
    // usr/lib/big.bin is 37 xz blocks of 4 KiB; three of them get a byte inverted in their LZMA2 data.
    const image = fixture('v4-le-xz--no-fragments-4k.sqsh');
    const bigBlocks = xzBlockStarts(image).slice(-37);
    const damaged = image.slice();
    for (const block of [2, 10, 30, 35]) damaged[bigBlocks[block]! + 40]! ^= 0xff;
    const pooled = await openAll(squashfsHandler, damaged, pool);
    expect(pooled).toEqual(await openAll(squashfsHandler, damaged));
    const big = pooled.children.find((child) => child.path === 'usr/lib/big.bin')!;
    expect(big.bytes.length).toBe(150_000);
    expect(big.error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/: 4 damaged block\(s\) scanned as zeros, .*: block \d+ at 0x[0-9a-f]+: .*; block \d+ at .*; block \d+ at .*; …$/) });
    const listed = [...big.error!.message.matchAll(/block (\d+) at/g)].map((match) => Number(match[1]));
    expect(listed).toEqual([...listed].sort((a, b) => a - b));
  });

  it('asks two blocks ahead per worker and two for the calling thread', () => {
    expect(pool.ahead).toBe(6);
  });

  it('throws the InputError the scanning thread throws, by kind, message and offset', async () => {
    const image = fixture('v4-le-xz.sqsh');
    const start = xzBlockStarts(image)[0]!;
    const block = image.slice(start, start + 200);
    block[30]! ^= 0xff;
    const inThread = await inThreadDecoder.decode('xz', block, 4096).catch((error: unknown) => error);
    const pooled = await pool.decode('xz', block, 4096).catch((error: unknown) => error);
    expect(inThread).toBeInstanceOf(InputError);
    expect(pooled).toBeInstanceOf(InputError);
    expect(pooled).toMatchObject({ kind: (inThread as InputError).kind, message: (inThread as InputError).message, offset: (inThread as InputError).offset });
  });

  it('decodes the blocks a closing pool still holds in the calling thread', async () => {
    const image = fixture('v4-le-xz--no-fragments-4k.sqsh');
    const starts = xzBlockStarts(image);
    const blocks = starts.slice(0, -1).map((start, i) => image.subarray(start, starts[i + 1]));
    expect(blocks.length).toBe(36);
    const closing = createDecodePool(1, workerUrl());
    const asked = blocks.map((block) => closing.decode('xz', block, 4096).catch((error: unknown) => error));
    await closing.close();
    const expected = await Promise.all(blocks.map((block) => inThreadDecoder.decode('xz', block, 4096).catch((error: unknown) => error)));
    expect(await Promise.all(asked)).toEqual(expected);
  });

  it('loses nothing when a worker dies mid-scan: its blocks wait again for the other threads', async () => {
    // A worker that answers two blocks and exits on the third, as a crash or its heap limit
    // would end it: its listener is registered before the decoder's, so the third gets no answer.
    const codecs = join(build.root, 'dist/unpack/codecs');
    writeFileSync(join(codecs, 'exit-on-third.mjs'), "import { parentPort } from 'node:worker_threads';\nlet seen = 0;\nparentPort.on('message', () => { if (++seen === 3) process.exit(1); });\n");
    const dying = join(codecs, 'dying-worker.mjs');
    writeFileSync(dying, "import './exit-on-third.mjs';\nimport './decode-worker.js';\n");
    const crashing = createDecodePool(2, new URL(`file://${dying}`));
    const image = fixture('v4-le-xz--no-fragments-4k.sqsh');
    try {
      expect(await openAll(squashfsHandler, image, crashing)).toEqual(await openAll(squashfsHandler, image));
    } finally {
      await crashing.close();
    }
  });

  it('decodes in the calling thread, asking nothing ahead, without its compiled worker script', async () => {
    const missing = createDecodePool(2, new URL('file:///nonexistent/decode-worker.js'));
    expect(missing.ahead).toBe(0);
    const image = fixture('v4-le-xz.sqsh');
    expect(await openAll(squashfsHandler, image, missing)).toEqual(await openAll(squashfsHandler, image));
    expect(await missing.close()).toEqual([]);
  });

  it('gives the peak memory of each worker that ran when it closes', async () => {
    const measured = createDecodePool(2, workerUrl());
    await openAll(squashfsHandler, fixture('v4-le-xz--no-fragments-4k.sqsh'), measured);
    const peaks = await measured.close();
    expect(peaks).toHaveLength(2);
    for (const peak of peaks) {
      expect(peak.peakHeapBytes).toBeGreaterThan(1024 * 1024);
      // The block answered is still held when the worker measures: at least its 4 KiB.
      expect(peak.peakExternalBytes).toBeGreaterThan(4096);
      expect(peak.peakHeapBytes + peak.peakExternalBytes).toBeLessThan(256 * 1024 * 1024);
    }
  });
});

describe('fwsift scan --jobs N on one squashfs image', () => {
  it('with --jobs 3 decodes its blocks on workers and the main thread, and writes the --jobs 1 report', () => {
    const out = mkdtempSync(join(tmpdir(), 'fwsift-decode-'));
    try {
      const image = new URL('v4-le-xz--no-fragments-4k.sqsh', squashfsDir).pathname;
      const decoders = Math.min(3, availableParallelism()) - 1;
      const reports = [1, 3].map((jobs) => {
        const path = join(out, `jobs${jobs}.json`);
        const run = spawnSync(process.execPath, [build.cli, 'scan', '--jobs', String(jobs), image, '-o', path, '--fail-on', 'none'], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        // Their peak memory is printed after the scan, one entry per decoding thread.
        const printed = /block-decoding threads: (\d+); peak memory per thread \(heap \+ buffers\): ((?:\d+ \+ \d+(?:, )?)+) MiB/.exec(run.stderr);
        if (jobs === 1 || decoders === 0) expect(printed).toBeNull();
        else expect([Number(printed?.[1]), printed?.[2]!.split(', ').length]).toEqual([decoders, decoders]);
        return JSON.parse(readFileSync(path, 'utf8'));
      });
      expect(reports[0].findings.length).toBeGreaterThan(0);
      expect(withoutTimes(reports[1])).toEqual(withoutTimes(reports[0]));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
