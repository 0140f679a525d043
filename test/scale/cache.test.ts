/**
 * --cache: a rerun reuses every result and writes the same report; a changed pack or result
 * option misses, an output option does not; damaged entries and crash leftovers are survived;
 * the size limit evicts; a scan killed halfway finishes the rest on the next run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { openResultCache } from '../../src/scale/cache.js';
import type { PathResult } from '../../src/scale/part.js';
import { scanAtScale } from '../../src/scale/scan-at-scale.js';
import { buildForTests, type TestBuild } from './helpers/build.js';
import { makeCorpus, type Corpus } from './helpers/corpus.js';
import { withoutTimes } from './helpers/reports.js';

let build: TestBuild;
let corpus: Corpus;
let work: string;
beforeAll(() => {
  build = buildForTests();
  corpus = makeCorpus();
  work = mkdtempSync(join(tmpdir(), 'fwsift-scale-cache-'));
}, 120_000);
afterAll(() => {
  build.remove();
  corpus.remove();
  rmSync(work, { recursive: true, force: true });
});

const entryFiles = (cache: string): string[] => {
  const entries = join(cache, 'entries');
  return readdirSync(entries).flatMap((shard) => readdirSync(join(entries, shard)).map((name) => join(entries, shard, name)));
};
const cached = (cache: string, options = {}, limitBytes = 1024 ** 3) => scanAtScale([corpus.dir], options, { jobs: 1, workerUrl: build.workerUrl, cache: { dir: cache, limitBytes } });

describe('result cache', () => {
  it('reuses every stored result on a rerun and writes the same report', async () => {
    const cache = join(work, 'rerun');
    const single = await scan([corpus.dir]);
    const first = await cached(cache);
    const stored = single.inputs.filter((input) => input.status === 'complete' || input.status === 'partial').length;
    expect(first.cache).toMatchObject({ hits: 0, writes: stored });
    expect(withoutTimes(first.report)).toEqual(withoutTimes(single));
    const second = await cached(cache);
    expect(second.cache).toMatchObject({ hits: stored, misses: 0, writes: 0 });
    expect(withoutTimes(second.report)).toEqual(withoutTimes(single));
  });

  it('misses when a pack or a result option changes, and only then', async () => {
    const cache = join(work, 'invalidate');
    const { cache: first } = await cached(cache);
    const pack = join(work, 'extra.json');
    writeFileSync(pack, JSON.stringify({ id: 'acme.extra', version: '1.0.0', description: 'd', terms: [{ id: 'acme.flag', text: 'FACE_ETHNIC_FLAG', category: 'ethnicity', precision: 'high', meaning: 'm', boundary: 'identifier', references: [{ title: 't', url: 'https://example.org/' }] }] }));
    expect((await cached(cache, { patterns: [pack] })).cache).toMatchObject({ hits: 0, writes: first!.writes });
    expect((await cached(cache, { contextChars: 10 })).cache).toMatchObject({ hits: 0, writes: first!.writes });
    // The same pack content under another name is the same pack.
    const copy = join(work, 'copy.json');
    cpSync(pack, copy);
    expect((await cached(cache, { patterns: [copy] })).cache).toMatchObject({ hits: first!.writes, misses: 0 });
  });

  it('treats a damaged entry as missing, removes crash leftovers, and still writes the right report', async () => {
    const cache = join(work, 'damaged');
    await cached(cache);
    const [victim] = entryFiles(cache);
    writeFileSync(victim!, '{"format":"fwsift-cache-1","key":"');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(cache, 'tmp', `${'a'.repeat(64)}.${dead}.0.tmp`), 'half an entry');
    const again = await cached(cache);
    expect(again.cache).toMatchObject({ misses: 1, writes: 1 });
    expect(readdirSync(join(cache, 'tmp'))).toEqual([]);
    expect(withoutTimes(again.report)).toEqual(withoutTimes(await scan([corpus.dir])));
  });

  it('keeps the directory under its size limit by evicting the least recently used results', async () => {
    const cache = join(work, 'limited');
    // The corpus's results take about 200 KB; `evicted > 0` shows the limit was reached.
    const limit = 100_000;
    const run = await cached(cache, {}, limit);
    expect(run.cache!.evicted).toBeGreaterThan(0);
    expect(entryFiles(cache).reduce((sum, file) => sum + statSync(file).size, 0)).toBeLessThanOrEqual(limit);
  });

  // A run lists the entries' sizes and times only at its first write (a rerun that only hits
  // lists nothing): the hits before that must still count as recent uses.
  it('evicts by last use, counting the hits a run made before its first write', async () => {
    const dir = join(work, 'last-use');
    const result = (n: number): PathResult => [{ input: { path: `/x/${n}`, status: 'complete' } as never, findings: [] }];
    const first = await openResultCache(dir, 1024 ** 3);
    for (const key of ['a', 'b', 'c']) await first.put(key.repeat(64), result(1));
    const paths = Object.fromEntries(['a', 'b', 'c', 'd'].map((key) => [key, join(dir, 'entries', key.repeat(2), `${key.repeat(64)}.json`)]));
    const size = statSync(paths.a!).size;
    utimesSync(paths.a!, 1_000, 1_000);
    utimesSync(paths.b!, 2_000, 2_000);
    utimesSync(paths.c!, 3_000, 3_000);
    // Room for three and a half entries: a fourth passes the limit, and one eviction brings the total under 90% of it.
    const second = await openResultCache(dir, size * 3.5);
    expect(await second.get('a'.repeat(64))).toEqual(result(1));
    await second.put('d'.repeat(64), result(1));
    expect(second.stats).toMatchObject({ hits: 1, writes: 1, evicted: 1 });
    expect(Object.fromEntries(Object.entries(paths).map(([key, path]) => [key, existsSync(path)]))).toEqual({ a: true, b: false, c: true, d: true });
  });

  it('finishes the rest after a scan killed halfway', async () => {
    const cache = join(work, 'killed');
    const many = join(work, 'many');
    for (let copy = 0; copy < 4; copy++) cpSync(join(corpus.dir, 'samples'), join(many, `copy-${copy}`), { recursive: true });
    mkdirSync(join(cache, 'entries'), { recursive: true });
    const child = spawn(process.execPath, [build.cli, 'scan', many, '--jobs', '1', '--cache', cache, '-q', '--format', 'json'], { stdio: 'ignore' });
    while (entryFiles(cache).length === 0 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 25));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const done = entryFiles(cache).length;
    const resumed = await scanAtScale([many], {}, { jobs: 1, workerUrl: build.workerUrl, cache: { dir: cache, limitBytes: 1024 ** 3 } });
    expect(resumed.cache!.hits).toBe(done);
    expect(resumed.cache!.hits + resumed.cache!.misses).toBe(resumed.report.inputs.filter((input) => input.status !== 'skipped').length);
    expect(withoutTimes(resumed.report)).toEqual(withoutTimes(await scan([many])));
  }, 180_000);
});
