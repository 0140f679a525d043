/**
 * `scan --jobs N [--cache DIR]`: the same report as `scan()`, with the inputs scanned on a pool
 * of worker threads and each input's result taken from (and stored in) a cache when one is
 * given. Paths are walked here exactly as `scan()` walks them, each walked path is scanned on
 * its own, and the parts are merged in walk order, so the report equals `scan(paths)` apart
 * from timings.
 */
import { availableParallelism } from 'node:os';
import { preparePatterns, scan, type ScanHooks } from '../scan/scan.js';
import { resolveScanOptions, type ScanOptions } from '../scan/options.js';
import { walk, type WalkEntry } from '../scan/walk.js';
import { notScannedInput } from '../scan/report.js';
import type { Report } from '../report/types.js';
import { openResultCache, type CacheStats, type ResultCache } from './cache.js';
import { cacheKey, runIdentity, type RunIdentity } from './cache-key.js';
import { sha256File } from './hash-file.js';
import { mergeReport } from './merge.js';
import { orderedHooks } from './ordered-hooks.js';
import type { PathResult } from './part.js';
import { createScanPool, type ScanPool } from './pool.js';
import type { WorkerMemory } from '../core/types.js';

export interface ScaleOptions {
  /** Worker threads. */
  readonly jobs: number;
  /** A cache directory, and its size limit in bytes. */
  readonly cache?: { readonly dir: string; readonly limitBytes: number };
  /** The compiled pool worker script; tests running from sources point it at a build. */
  readonly workerUrl?: URL;
  /** Heap limit per worker thread, MiB. Default 256. */
  readonly heapLimitMb?: number;
}

export interface ScaleResult {
  readonly report: Report;
  /** Peak memory of each input pool worker that ran (none when every input came from the cache, or with one input). */
  readonly workers: readonly WorkerMemory[];
  /** With one input: peak memory of each worker thread that decoded its filesystem blocks. */
  readonly decoders?: readonly WorkerMemory[];
  readonly cache?: Readonly<CacheStats>;
}

export async function scanAtScale(paths: readonly (string | Buffer)[], scanOptions: Partial<ScanOptions>, scale: ScaleOptions, hooks: ScanHooks = {}): Promise<ScaleResult> {
  const startedAt = new Date();
  // Throws PatternPackError for a bad pack, before anything is scanned. Prepared once: the
  // template report and a lone input's scan take the same packs.
  const prepared = await preparePatterns(resolveScanOptions(scanOptions));
  const template = await scan([], scanOptions, {}, prepared);
  const cache = scale.cache === undefined ? undefined : await openResultCache(scale.cache.dir, scale.cache.limitBytes);
  const entries: WalkEntry[] = [];
  for await (const entry of walk(paths)) entries.push(entry);
  // One file and no cache: it is scanned here, and `jobs - 1` workers (no more than the other cores) decode its filesystems' blocks with this thread (a pool splits inputs, not one input).
  if (cache === undefined && entries.filter((entry) => entry.kind === 'file').length <= 1) {
    let decoders: readonly WorkerMemory[] = [];
    const onDecodeWorkers = (workers: readonly WorkerMemory[]) => {
      decoders = workers;
      hooks.onDecodeWorkers?.(workers);
    };
    const report = await scan(paths, { ...scanOptions, decodeThreads: Math.min(scale.jobs, availableParallelism()) - 1 }, { ...hooks, onDecodeWorkers }, prepared);
    return { report, workers: [], decoders };
  }
  const sizes = entries.map((entry) => (entry.kind === 'file' ? entry.size : 0));
  const ordered = orderedHooks(entries.length, hooks, { bytesTotal: sizes.reduce((a, b) => a + b, 0), sizes });

  let pool: ScanPool | undefined;
  // Set when the run fails: lookups still queued then must not start (or restart) the pool.
  let abandoned = false;
  const scanOne = (entry: WalkEntry) =>
    abandoned ? Promise.reject(new Error('the scan was abandoned')) : (pool ??= createScanPool({
      ...scale,
      options: scanOptions,
      onProgress: (batch, progress) => ordered.running(batch, progress),
    })).scan(entry.path, entry.kind === 'file' ? entry.size : 0);
  const identity = runIdentity(template);
  // Cache lookups (a hash of the input and a read of its entry) overlap: one after the other
  // they left the thread waiting on the disk for most of a warm rerun.
  const lookups = limited(lookupsAtOnce);
  const results: Promise<PathResult>[] = [];
  try {
    for (const [index, entry] of entries.entries()) {
      // A link inside a directory or an unreadable path is reported here, as scan() does: a worker given its path would follow the link.
      if (entry.kind !== 'file') {
        const part = { input: entry.kind === 'skipped' ? notScannedInput(entry.path, 'skipped', entry.reason) : notScannedInput(entry.path, 'failed', entry.message), findings: [] };
        results.push(Promise.resolve([part]).then((done) => (ordered.finished(index, done), done)));
        continue;
      }
      const cached = cache === undefined ? Promise.resolve(undefined) : lookups(() => lookup(cache, entry.path, identity));
      const result = cached.then((hit) => hit ?? scanOne(entry).then(async (scanned) => (cache === undefined ? scanned : store(cache, entry.path, identity, scanned))));
      results.push(result.then((done) => (ordered.finished(index, done), done)));
    }
    const parts = (await Promise.all(results)).flat();
    const report = mergeReport(template, prepared.needleSet, parts, { startedAt, finishedAt: new Date(), interrupted: scanOptions.signal?.aborted === true });
    const workers = pool === undefined ? [] : await pool.close();
    pool = undefined;
    return { report, workers, ...(cache === undefined ? {} : { cache: cache.stats }) };
  } catch (error) {
    abandoned = true;
    await Promise.allSettled(results);
    throw error;
  } finally {
    await pool?.close();
  }
}

/** Inputs whose cache lookups run at once (a file handle each). */
const lookupsAtOnce = 8;

/** Runs at most `limit` of the tasks handed to it at once; a finished task hands its slot to the next waiting one. */
function limited(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else running--;
    }
  };
}

async function lookup(cache: ResultCache, path: Buffer, identity: RunIdentity): Promise<PathResult | undefined> {
  let sha256: string;
  try {
    sha256 = await sha256File(path);
  } catch {
    return undefined; // Unreadable here: the worker's scan reports why.
  }
  return cache.get(cacheKey(sha256, path, identity));
}

/** Stores a result under the hash of the bytes the worker actually scanned; failures are retried next time, never cached. */
async function store(cache: ResultCache, path: Buffer, identity: RunIdentity, result: PathResult): Promise<PathResult> {
  const only = result.length === 1 ? result[0]! : undefined;
  if (only !== undefined && only.input.status !== 'failed' && only.input.status !== 'skipped') await cache.put(cacheKey(only.input.sha256, path, identity), result);
  return result;
}
