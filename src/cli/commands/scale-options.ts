/**
 * `scan --jobs N --cache DIR --cache-limit SIZE`: parsing and the call into `scanAtScale`, kept
 * apart from scan.ts so that file only decides which path to take. Worker memory and cache
 * counts go to standard error (the report format has no place for them; they vary by machine).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { defaultJobs, scanAtScale, threadsAvailable, ScaleUsageError, type Report, type ScanHooks, type ScanOptions, type ScaleResult, type WorkerMemory } from '../../index.js';

export interface RawScaleOptions {
  readonly jobs: number;
  readonly cache?: string;
  readonly cacheLimit: number;
  readonly quiet?: boolean;
}

const defaultCacheLimit = 4 * 1024 ** 3;

/** `parseSize` is scan.ts's size parser (passed in: importing it back would be a cycle). */
export function addScaleOptions(command: Command, parseSize: (value: string) => number): Command {
  return command
    .option('-j, --jobs <n>', `inputs scanned at once on worker threads, each under a 256 MiB heap, so the process may use that much per worker; one input: N-1 workers and the main thread decode its squashfs blocks while it is searched (default 1: the whole scan within 256 MiB; this machine has ${defaultJobs()})`, parseJobs, 1)
    .option('--cache <dir>', 'keep each input\'s result in DIR, keyed by its sha256, the packs, the options and the fwsift version; a rerun reuses them')
    .option('--cache-limit <bytes>', 'largest size of the --cache directory before the least recently used results are removed (default 4G)', parseSize, defaultCacheLimit);
}

export async function scanWithScale(paths: readonly string[], options: Partial<ScanOptions>, raw: RawScaleOptions, hooks: ScanHooks): Promise<Report> {
  if (!threadsAvailable()) throw new ScaleUsageError('--jobs and --cache need the compiled worker (run "npm run build")');
  const result = await scanAtScale(paths, options, { jobs: raw.jobs, ...(raw.cache === undefined ? {} : { cache: { dir: raw.cache, limitBytes: raw.cacheLimit } }) }, hooks);
  if (raw.quiet !== true) process.stderr.write(describeScale(result));
  return result.report;
}

export function describeScale(result: Pick<ScaleResult, 'workers' | 'decoders' | 'cache'>): string {
  const lines: string[] = [];
  const peaks = (workers: readonly WorkerMemory[]) => workers.map((worker) => `${mebibytes(worker.peakHeapBytes)} + ${mebibytes(worker.peakExternalBytes)}`).join(', ');
  if (result.workers.length > 0) lines.push(`worker threads: ${result.workers.length}; peak memory per thread (heap + buffers): ${peaks(result.workers)} MiB`);
  if (result.decoders !== undefined && result.decoders.length > 0) lines.push(`block-decoding threads: ${result.decoders.length}; peak memory per thread (heap + buffers): ${peaks(result.decoders)} MiB`);
  if (result.cache !== undefined) {
    const { hits, misses, writes, evicted, writeErrors } = result.cache;
    lines.push(`cache: ${hits} reused, ${misses} scanned, ${writes} stored, ${evicted} evicted${writeErrors > 0 ? `, ${writeErrors} could not be stored` : ''}`);
  }
  return lines.map((line) => `${line}\n`).join('');
}

const mebibytes = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);

export function parseJobs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
}
