// Issue 13: a small random-access container met inside a stream (a kernel DTB in an installer's
// tar, a DLL deflated in a vendor client's zip) is taken whole in memory (`OpenInput.whole`), not
// spilled to a temp file; the walk and the report are the ones the file path gives. Fixtures:
// test/fixtures/build/dtbs.sh (dtc, mkimage) and the clients' client.zip.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChainLink } from '../../src/core/types.js';
import type { Report } from '../../src/report/types.js';
import { resolveScanOptions } from '../../src/scan/options.js';
import { preparePatterns, scan } from '../../src/scan/scan.js';
import { handlers as registry } from '../../src/unpack/index.js';
import type { Handler } from '../../src/unpack/types.js';
import { containerInput } from '../../src/walk/container.js';
import { SubtreeMemo } from '../../src/walk/memo-store.js';
import { TempDir } from '../../src/walk/temp.js';
import type { Visitor } from '../../src/walk/types.js';
import { walkInput } from '../../src/walk/walker.js';
import { chunkings } from '../helpers/chunkings.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const fixture = new URL('../fixtures/unpack/fit/dtbs.tar.gz', import.meta.url).pathname;
const tempDir = useTempDirs('fwsift-held-');
const prepared = preparePatterns(resolveScanOptions());

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the temp files each walk made, read as its TempDir is removed. */
function countTempFiles(): number[] {
  const counts: number[] = [];
  const remove = TempDir.prototype.remove;
  vi.spyOn(TempDir.prototype, 'remove').mockImplementation(function (this: TempDir) {
    counts.push(this.files);
    return remove.call(this);
  });
  return counts;
}

async function* streamOf(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield Uint8Array.from(chunk);
}

/** The FIT and PE handlers made to take their bytes as a file always: the path each took before `whole`. */
const fileOnlyHandlers: Handler[] = registry.map((handler) => (handler.id !== 'fit' && handler.id !== 'pe' ? handler : { ...handler, open: (input, ctx) => handler.open({ ...input, whole: () => input.file() }, ctx) }));

/** Every object's end and every problem of a walk of `chunks` (a stream, as a tar.gz's members are). */
async function walkEnds(chunks: readonly Uint8Array[], handlers: readonly Handler[]) {
  const ends: { chain: readonly ChainLink[]; sha256: string; length: number; format: string; owned: unknown }[] = [];
  const visitor: Visitor = { enter: (object) => ({ end: (end) => void ends.push({ chain: object.chain, sha256: end.sha256, length: end.length, format: end.format, owned: end.owned }) }) };
  const result = await walkInput(streamOf(chunks), {}, visitor, { handlers });
  return { ends, problems: result.problems, objects: result.objects };
}

function timeless(report: Report): string {
  return JSON.stringify({ ...report, run: { ...report.run, startedAt: '', finishedAt: '' }, summary: { ...report.summary, durationMs: 0 } });
}

describe('a DTB or small FIT inside a tar.gz', () => {
  it('is opened without a temp file, through every read size, with the walk the file path gives', async () => {
    const bytes = readFileSync(fixture);
    const counts = countTempFiles();
    const before = await walkEnds([bytes], fileOnlyHandlers);
    // Four FIT/DTB members spilled, and each FIT's fdt-1 image (a DTB read from a stream) too.
    expect(counts).toEqual([6]);
    expect(before.problems).toEqual([]);
    expect(before.ends.filter((end) => end.format === 'fit').map((end) => end.chain.map((link) => Buffer.from(link.path ?? []).toString()).join('|'))).toEqual([
      '|boot/copy/fit.itb|fdt-1',
      '|boot/copy/fit.itb',
      '|boot/dtbs/board-a.dtb',
      '|boot/dtbs/board-b.dtb',
      '|boot/fit.itb|fdt-1',
      '|boot/fit.itb',
    ]);
    for (const { label, chunks } of chunkings(bytes).slice(0, 6)) {
      counts.length = 0;
      expect(await walkEnds(chunks, registry), label).toEqual(before);
      expect(counts, label).toEqual([0]);
    }
  });

  it('gives the same report with and without the memo, no temp file either way, the term found in each DTB and each FIT\'s image', async () => {
    const counts = countTempFiles();
    const memo = new SubtreeMemo();
    const withMemo = await scan([fixture], {}, {}, await prepared, memo);
    const without = await scan([fixture], {}, {}, await prepared, false);
    expect(timeless(withMemo)).toBe(timeless(without));
    expect(counts).toEqual([0, 0]);
    // board-b.dtb is board-a.dtb again, copy/fit.itb is fit.itb, and each fdt-1 is board-a.dtb: hashed from memory, replayed.
    expect(memo.stats.replayed).toBe(3);
    const dtb = gunzipSync(readFileSync(fixture));
    const term = Buffer.from('EM_NATION_TYPE_UYGUR');
    const board = Buffer.from(tarMember(dtb, 'boot/dtbs/board-a.dtb'));
    const found = withMemo.findings.filter((finding) => finding.term.text === 'EM_NATION_TYPE_UYGUR').map((finding) => [finding.location.chain.map((link) => link.path ?? '').join('|'), finding.location.offset]);
    expect(found.sort()).toEqual(
      [
        ['|boot/copy/fit.itb|fdt-1', board.indexOf(term)],
        ['|boot/dtbs/board-a.dtb', board.indexOf(term)],
        ['|boot/dtbs/board-b.dtb', board.indexOf(term)],
        ['|boot/fit.itb|fdt-1', board.indexOf(term)],
      ].sort(),
    );
    expect(withMemo.inputs[0]!.status).toBe('complete');
  });
});

describe('a PE deflated inside a zip (a vendor client\'s DLL)', () => {
  it('is opened without a temp file of its own, through every read size, with the walk the file path gives', async () => {
    const bytes = readFileSync(new URL('../fixtures/unpack/clients/client.zip', import.meta.url));
    const counts = countTempFiles();
    const before = await walkEnds([bytes], fileOnlyHandlers);
    // The zip, streamed here, is spilled for its central directory either way; the .exe was too.
    expect(counts).toEqual([2]);
    expect(before.ends.filter((end) => end.format === 'pe').length).toBe(1);
    expect(before.ends.length).toBeGreaterThan(2);
    for (const { label, chunks } of chunkings(bytes).slice(0, 6)) {
      counts.length = 0;
      expect(await walkEnds(chunks, registry), label).toEqual(before);
      expect(counts, label).toEqual([1]);
    }
  });
});

/** A member's bytes from an uncompressed ustar archive (names shorter than 100 bytes). */
function tarMember(tar: Buffer, name: string): Buffer {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    const size = Number.parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    if (header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '') === name) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no ${name} in the tar`);
}

describe('OpenInput.whole', () => {
  const limit = 4096;

  it('holds a stream of at most `limit` bytes in memory, a copy of what the producer handed out, with no file', async () => {
    const temp = new TempDir(Infinity, tempDir());
    for (const size of [0, 1, limit]) {
      const bytes = Buffer.alloc(size, 0x41);
      const chunks = [bytes.subarray(0, size >> 1), bytes.subarray(size >> 1)];
      const whole = await containerInput(streamOf(chunks), undefined, temp).whole(limit);
      expect(whole).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(whole as Uint8Array)).toEqual(bytes);
    }
    const reused = Buffer.from('abcd');
    const shared = (async function* () {
      yield reused;
      reused.fill(0x5a); // a producer that reuses its buffer
    })();
    expect(Buffer.from((await containerInput(shared, undefined, temp).whole(limit)) as Uint8Array).toString()).toBe('abcd');
    expect([temp.files, temp.bytes]).toEqual([0, 0]);
    await temp.remove();
  });

  it.each([1, 7, 1000, limit + 1])('spills a stream one byte over `limit`, held bytes first, byte for byte (%i-byte chunks)', async (size) => {
    const temp = new TempDir(Infinity, tempDir());
    const bytes = Buffer.from(Array.from({ length: limit + 1 }, (_, i) => (i * 7) & 0xff));
    const chunks = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
    const whole = await containerInput(streamOf(chunks), undefined, temp).whole(limit);
    expect(whole).not.toBeInstanceOf(Uint8Array);
    const window = whole as { path: string; offset: number; size: number };
    expect([window.offset, window.size]).toEqual([0, bytes.length]);
    expect(readFileSync(window.path)).toEqual(bytes);
    expect([temp.files, temp.bytes]).toEqual([1, bytes.length]);
    await temp.remove();
  });

  it('reads a small slice of a backing file into memory, and gives a larger one as its window', async () => {
    const temp = new TempDir(Infinity, tempDir());
    const path = join(tempDir(), 'backing.bin');
    writeFileSync(path, Buffer.from('..head..DTB BYTES..tail..'));
    const small = { path, offset: 8, size: 9 };
    expect(Buffer.from((await containerInput(streamOf([]), small, temp).whole(9)) as Uint8Array).toString()).toBe('DTB BYTES');
    expect(await containerInput(streamOf([]), small, temp).whole(8)).toEqual(small);
    expect(temp.files).toBe(0);
    await temp.remove();
  });

  it('ends with the stream\'s error when the stream fails, held or spilled', async () => {
    const temp = new TempDir(Infinity, tempDir());
    const failing = (size: number) =>
      (async function* () {
        yield new Uint8Array(size);
        throw new Error('gzip: unexpected end of file');
      })();
    await expect(containerInput(failing(10), undefined, temp).whole(limit)).rejects.toThrow('unexpected end of file');
    await expect(containerInput(failing(limit + 10), undefined, temp).whole(limit)).rejects.toThrow('unexpected end of file');
    await temp.remove();
  });
});

// Keeps the helper honest: the member read here is the DTB dtc wrote (magic d0 0d fe ed).
it('reads the DTB out of the fixture', () => {
  expect(tarMember(gunzipSync(readFileSync(fixture)), 'boot/dtbs/board-a.dtb').subarray(0, 4).toString('hex')).toBe('d00dfeed');
});
