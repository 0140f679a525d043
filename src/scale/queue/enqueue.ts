/**
 * `fwsift queue add`: walks the paths here (directories recursively, as `scan` does) and
 * enqueues one job per walked input, numbered after any already in the queue so `collect`
 * merges them in the order they were added. A queue holds one run: adding with other scan
 * options is refused rather than mixing results.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ScanOptions } from '../../scan/options.js';
import { walk, type WalkEntry } from '../../scan/walk.js';
import { openQueue, queueName, type QueueTarget } from './connection.js';
import { ScaleUsageError } from '../usage-error.js';
import { jobId, jobName, runKey, seqKey, type InputJobData, type QueueRun } from './job.js';
import { openRedis } from './redis-client.js';

export interface RetryPolicy {
  /** Tries per job before it is failed. Default 3. */
  readonly attempts: number;
  /** First retry delay, doubled on each further try. Default 5 s. */
  readonly backoffMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 3, backoffMs: 5000 };

/** Jobs sent to Redis per round trip. */
const addBatch = 500;

export async function enqueueInputs(target: QueueTarget, paths: readonly (string | Buffer)[], options: Partial<ScanOptions>, retry: RetryPolicy = defaultRetry): Promise<{ readonly added: number }> {
  const entries: WalkEntry[] = [];
  for await (const entry of walk(paths)) entries.push(entry);
  const name = queueName(target);
  const redis = await openRedis(target);
  const queue = await openQueue(target);
  try {
    const run = JSON.stringify({ options } satisfies QueueRun);
    const stored = (await redis.set(runKey(name), run, 'NX')) === 'OK' ? run : await redis.get(runKey(name));
    if (stored !== run) throw new ScaleUsageError(`queue "${name}" already holds a run with other scan options (${stored}); use another --queue or clear it with "fwsift queue clear"`);
    const first = (await redis.incrby(seqKey(name), entries.length)) - entries.length;
    for (let start = 0; start < entries.length; start += addBatch) {
      await queue.addBulk(
        entries.slice(start, start + addBatch).map((entry, offset) => {
          const seq = first + start + offset;
          return {
            name: jobName,
            data: {
              seq,
              path: entry.path.toString('base64'),
              size: entry.kind === 'file' ? entry.size : 0,
              options,
              ...(entry.kind === 'skipped' ? { notScanned: { status: 'skipped', reason: entry.reason } } : entry.kind === 'error' ? { notScanned: { status: 'failed', reason: entry.message } } : {}),
            } satisfies InputJobData,
            opts: { jobId: jobId(seq), attempts: retry.attempts, backoff: { type: 'exponential', delay: retry.backoffMs }, removeOnComplete: false, removeOnFail: false },
          };
        }),
      );
    }
    return { added: entries.length };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

/**
 * A manifest: one path per line (`file://` URLs allowed); blank lines and lines starting with
 * `#` are ignored. Other URLs are refused: workers read inputs from a shared mount, not HTTP.
 */
export async function readManifest(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScaleUsageError(`--manifest: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      if (line.startsWith('file://')) return fileURLToPath(line);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line)) throw new ScaleUsageError(`--manifest: ${line}: only paths and file:// URLs are supported (mount the shared store on every worker)`);
      return line;
    });
}
