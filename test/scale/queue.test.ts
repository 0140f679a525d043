/**
 * The queue with real parts: Debian's redis-server, two `fwsift worker` processes. The first is
 * killed with SIGKILL while it holds jobs; the second takes the stalled jobs over. The collected
 * report equals a single-process scan apart from times, with every input reported once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { collectReport, clearQueue } from '../../src/scale/queue/collect.js';
import { openQueue, type QueueTarget } from '../../src/scale/queue/connection.js';
import { enqueueInputs } from '../../src/scale/queue/enqueue.js';
import { queueStatus } from '../../src/scale/queue/status.js';
import { buildForTests, type TestBuild } from './helpers/build.js';
import { makeCorpus, type Corpus } from './helpers/corpus.js';
import { redisSkipReason, startTestRedis, type TestRedis } from './helpers/redis.js';
import { withoutTimes } from './helpers/reports.js';

let build: TestBuild;
let corpus: Corpus;
let redis: TestRedis;
const workers: ChildProcess[] = [];

describe.skipIf(redisSkipReason !== undefined)(`BullMQ queue${redisSkipReason === undefined ? '' : ` (skipped: ${redisSkipReason})`}`, () => {
  beforeAll(async () => {
    build = buildForTests();
    corpus = makeCorpus();
    // A slow input first in the queue, so the first worker is surely mid-job when it is killed.
    writeFileSync(join(corpus.dir, 'aaa-large.bin'), Buffer.alloc(24 * 1024 ** 2));
    redis = await startTestRedis();
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    await redis?.stop();
    build?.remove();
    corpus?.remove();
  });

  const startWorker = (target: QueueTarget, ...extra: string[]): ChildProcess => {
    const child = spawn(process.execPath, [build.cli, 'worker', '--redis', target.redisUrl, '--queue', target.queueName!, '--jobs', '1', '--lock-seconds', '2', '-q', ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
    workers.push(child);
    return child;
  };
  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

  it('loses nothing when a worker is killed mid-job, and collects the single-process report', async () => {
    const target: QueueTarget = { redisUrl: redis.url, queueName: `kill-${process.pid}` };
    await clearQueue(target);
    const { added } = await enqueueInputs(target, [corpus.dir], {}, { attempts: 3, backoffMs: 200 });
    const doomed = startWorker(target);
    const queue = await openQueue(target);
    try {
      while ((await queue.getJobCounts('active'))['active'] === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await queue.close();
    }
    doomed.kill('SIGKILL');
    await exited(doomed);
    expect((await queueStatus(target)).running).toBeGreaterThan(0);

    const survivor = startWorker(target, '--exit-when-idle');
    expect(await exited(survivor)).toBe(0);
    const status = await queueStatus(target);
    expect(status).toMatchObject({ done: added, failed: 0, running: 0, waiting: 0 });

    const collected = await collectReport(target);
    const single = await scan([corpus.dir]);
    expect(collected.inputs).toHaveLength(added);
    expect(withoutTimes(collected)).toEqual(withoutTimes(single));
    await clearQueue(target);
  }, 300_000);

  it('refuses to collect while inputs are unfinished, and to mix scan options in one queue', async () => {
    const target: QueueTarget = { redisUrl: redis.url, queueName: `refuse-${process.pid}` };
    await clearQueue(target);
    await enqueueInputs(target, [join(corpus.dir, 'odd')], {});
    await expect(collectReport(target)).rejects.toThrow(/3 unfinished inputs/);
    await expect(enqueueInputs(target, [join(corpus.dir, 'odd')], { contextChars: 5 })).rejects.toThrow(/other scan options/);
    await clearQueue(target);
  });
});
