/**
 * `fwsift queue collect`: merges the per-input results of a finished queue into one report,
 * ordered as the inputs were added, equal to a single-process `scan` of the same paths apart
 * from run times. Jobs that failed every try become `failed` inputs saying why. Results made by
 * another fwsift version or other packs than this machine's are refused rather than mixed.
 */
import { preparePatterns, scan, type ScanHooks } from '../../scan/scan.js';
import { resolveScanOptions } from '../../scan/options.js';
import type { Report } from '../../report/types.js';
import { runIdentity } from '../cache-key.js';
import { mergeReport } from '../merge.js';
import { emptySha256, failedPart, type InputPart } from '../part.js';
import { openQueue, queueName, type QueueTarget } from './connection.js';
import { ScaleUsageError } from '../usage-error.js';
import { runKey, seqKey, type InputJobData, type InputJobResult, type QueueRun } from './job.js';
import { openRedis } from './redis-client.js';

/** Jobs read from Redis per round trip. */
const page = 1000;

export async function collectReport(target: QueueTarget, hooks: Pick<ScanHooks, 'onInput'> = {}): Promise<Report> {
  const name = queueName(target);
  const redis = await openRedis(target);
  const queue = await openQueue(target);
  try {
    const stored = await redis.get(runKey(name));
    if (stored === null) throw new ScaleUsageError(`queue "${name}" holds no run: add inputs with "fwsift queue add" first`);
    const { options } = JSON.parse(stored) as QueueRun;
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
    const unfinished = Object.values(counts).reduce((sum, count) => sum + count, 0);
    if (unfinished > 0) throw new ScaleUsageError(`queue "${name}" has ${unfinished} unfinished inputs; wait for the workers (see "fwsift queue status")`);

    const template = await scan([], options);
    const expected = JSON.stringify(runIdentity(template));
    const bySeq = new Map<number, readonly InputPart[]>();
    let startedAt = Infinity;
    let finishedAt = -Infinity;
    for (const state of ['completed', 'failed'] as const) {
      for (let start = 0; ; start += page) {
        const jobs = await queue.getJobs([state], start, start + page - 1, true);
        for (const job of jobs) {
          const data = job.data as InputJobData;
          startedAt = Math.min(startedAt, job.processedOn ?? job.timestamp);
          finishedAt = Math.max(finishedAt, job.finishedOn ?? job.timestamp);
          if (state === 'failed') {
            bySeq.set(data.seq, [failedPart(Buffer.from(data.path, 'base64'), data.size, emptySha256, 'internal', `no worker could scan this input in ${job.attemptsMade} tries: ${job.failedReason}`)]);
            continue;
          }
          const value = job.returnvalue as InputJobResult;
          if (JSON.stringify(value.identity) !== expected) throw new ScaleUsageError(`input ${data.seq} was scanned with another fwsift version, other packs or options than this machine has:\n  worker: ${JSON.stringify(value.identity)}\n  here:   ${expected}`);
          bySeq.set(data.seq, value.result);
        }
        if (jobs.length < page) break;
      }
    }
    const parts = [...bySeq.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, result]) => result);
    for (const part of parts) hooks.onInput?.(part.input, part.findings);
    const { needleSet } = await preparePatterns(resolveScanOptions(options));
    const now = Date.now();
    return mergeReport(template, needleSet, parts, { startedAt: new Date(Number.isFinite(startedAt) ? startedAt : now), finishedAt: new Date(Number.isFinite(finishedAt) ? finishedAt : now) });
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

/** `fwsift queue clear`: removes the queue's jobs, results and run, to start another run under the same name. */
export async function clearQueue(target: QueueTarget): Promise<void> {
  const redis = await openRedis(target);
  const queue = await openQueue(target);
  try {
    await queue.obliterate({ force: true });
    await redis.del(runKey(queueName(target)), seqKey(queueName(target)));
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
