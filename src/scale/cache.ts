/**
 * `--cache DIR`: each input's result on disk under its key (cache-key.ts), so a rerun skips
 * what is done and a killed scan resumes. Entries are written to `tmp/` and renamed into place
 * after fsync, so a crash leaves either the whole entry or none; an entry that does not parse or
 * carries another key is treated as missing and removed. Past `limitBytes` the least recently
 * used entries (by mtime, refreshed on every hit) are removed down to 90% of the limit.
 *
 * Several processes may share one directory on one host: they never write the same temp file,
 * and a rename replaces an entry atomically.
 */
import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheFormat } from './cache-key.js';
import type { PathResult } from './part.js';
import { ScaleUsageError } from './usage-error.js';

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  evicted: number;
  /** Writes that failed (a full disk): the scan goes on without caching those results. */
  writeErrors: number;
}

export interface ResultCache {
  get(key: string): Promise<PathResult | undefined>;
  put(key: string, result: PathResult): Promise<void>;
  readonly stats: Readonly<CacheStats>;
}

interface Entry {
  readonly format: string;
  readonly key: string;
  readonly result: PathResult;
}

/** Opens (creating) a cache directory. Throws `ScaleUsageError` when it cannot be created or read. */
export async function openResultCache(dir: string, limitBytes: number): Promise<ResultCache> {
  const entriesDir = join(dir, 'entries');
  const tmpDir = join(dir, 'tmp');
  try {
    await mkdir(entriesDir, { recursive: true });
    await mkdir(tmpDir, { recursive: true });
    await removeOrphanTemps(tmpDir);
  } catch (error) {
    throw new ScaleUsageError(`--cache: cannot use ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The sizes and times of the entries, read at the first write: only a write can pass the
  // limit, and a rerun where every input hits (a stat per entry) writes nothing.
  let index: Promise<EntryIndex> | undefined;
  /** The index once read, for `get` to note a use without waiting for it. */
  let loaded: EntryIndex | undefined;
  const loadIndex = () => (index ??= indexEntries(entriesDir).then((entries) => (loaded = entries)));
  let tempCounter = 0;
  const stats: CacheStats = { hits: 0, misses: 0, writes: 0, evicted: 0, writeErrors: 0 };
  const entryPath = (key: string) => join(entriesDir, key.slice(0, 2), `${key}.json`);

  const evict = async (entries: EntryIndex) => {
    if (entries.total <= limitBytes) return;
    const oldestFirst = [...entries.sizes.entries()].sort((a, b) => a[1].mtimeMs - b[1].mtimeMs || (a[0] < b[0] ? -1 : 1));
    for (const [path, entry] of oldestFirst) {
      if (entries.total <= limitBytes * 0.9) break;
      // Forget it before awaiting, so a concurrent put's eviction does not count it again.
      if (!entries.sizes.delete(path)) continue;
      entries.total -= entry.size;
      stats.evicted++;
      await unlink(path).catch(() => undefined);
    }
  };

  return {
    stats,
    async get(key) {
      const path = entryPath(key);
      let entry: Entry | undefined;
      try {
        entry = JSON.parse(await readFile(path, 'utf8')) as Entry;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') await unlink(path).catch(() => undefined);
      }
      if (entry === undefined || entry.format !== cacheFormat || entry.key !== key || !Array.isArray(entry.result)) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
      const known = loaded?.sizes.get(path);
      if (known !== undefined) loaded!.sizes.set(path, { ...known, mtimeMs: now.getTime() });
      return entry.result;
    },
    async put(key, result) {
      const path = entryPath(key);
      const entries = await loadIndex();
      const bytes = Buffer.from(JSON.stringify({ format: cacheFormat, key, result } satisfies Entry));
      const temp = join(tmpDir, `${key}.${process.pid}.${tempCounter++}.tmp`);
      try {
        await mkdir(join(entriesDir, key.slice(0, 2)), { recursive: true });
        const handle = await open(temp, 'w');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path);
      } catch {
        stats.writeErrors++;
        await unlink(temp).catch(() => undefined);
        return;
      }
      stats.writes++;
      entries.total += bytes.length - (entries.sizes.get(path)?.size ?? 0);
      entries.sizes.set(path, { size: bytes.length, mtimeMs: Date.now() });
      await evict(entries);
    },
  };
}

/** The entries on disk by path, and the sum of their sizes (kept up to date by this process's writes and evictions). */
interface EntryIndex {
  readonly sizes: Map<string, { size: number; mtimeMs: number }>;
  total: number;
}

/** Entries that cannot be listed are left out: they are never evicted by this process. */
async function indexEntries(entriesDir: string): Promise<EntryIndex> {
  const sizes = new Map<string, { size: number; mtimeMs: number }>();
  for (const shard of await readdir(entriesDir).catch(() => [] as string[])) {
    const shardDir = join(entriesDir, shard);
    for (const name of await readdir(shardDir).catch(() => [] as string[])) {
      const path = join(shardDir, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() === true) sizes.set(path, { size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return { sizes, total: [...sizes.values()].reduce((sum, entry) => sum + entry.size, 0) };
}

/** Temp files of processes that no longer run are leftovers of a crash. */
async function removeOrphanTemps(tmpDir: string): Promise<void> {
  for (const name of await readdir(tmpDir)) {
    const pid = Number(name.split('.')[1]);
    if (!Number.isSafeInteger(pid) || !isRunning(pid)) await unlink(join(tmpDir, name)).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
