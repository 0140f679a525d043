/**
 * `fwsift worker`: takes input jobs from the queue and scans them on a local pool of worker
 * threads (so the BullMQ lock is renewed while a thread scans). A worker that dies mid-job
 * (kill -9, a lost machine) stops renewing its lock; after `lockSeconds` another worker's stalled
 * check puts the job back in the queue and it is scanned again. A job completes at most once, so
 * its input is reported once.
 */
import { scan } from '../../scan/scan.js';
import type { ScanOptions } from '../../scan/options.js';
import { runIdentity, type RunIdentity } from '../cache-key.js';
import { createScanPool, type ScanPool } from '../pool.js';
import type { WorkerMemory } from '../../core/types.js';
import { openQueue, queueName, redisOptions, type QueueTarget } from './connection.js';
import type { InputJobData, InputJobResult } from './job.js';
import { notScannedInput } from '../../scan/report.js';

export interface QueueWorkerOptions {
  /** Worker threads scanning at once. */
  readonly jobs: number;
  /** Stop once no job is waiting, delayed or running anywhere (batch runs). */
  readonly exitWhenIdle: boolean;
  /** Seconds a running job's lock lasts without renewal before it counts as stalled. Default 30. */
  readonly lockSeconds?: number;
  /** The compiled pool worker script; tests running from sources point it at a build. */
  readonly workerUrl?: URL;
  /** Told about each finished job. */
  readonly onJob?: (event: { readonly seq: number; readonly status: 'completed' | 'failed'; readonly message?: string }) => void;
}

export interface RunningWorker {
  /** Resolves when the worker has stopped (idle with --exit-when-idle, or after `stop()`). */
  readonly done: Promise<{ readonly completed: number; readonly failed: number; readonly threads: readonly WorkerMemory[] }>;
  /** Finishes the jobs in hand, then stops. */
  stop(): Promise<void>;
}

/** How often a worker with --exit-when-idle looks at the queue, at most. */
const idlePollMs = 500;
/**
 * How soon it looks after it found no job to take or finished one of its own, doubling up to
 * `idlePollMs` while jobs still run elsewhere: a batch run ends within about this of its last
 * job (a fixed 500 ms poll left the 200-image bench's two workers idle for a tenth of its run),
 * and many idle workers waiting on a long last job do not keep asking Redis every 50 ms.
 */
const drainedPollMs = 50;
/** Jobs taken at once per thread, so the pool can batch them (pack compilation is per batch). */
const jobsPerThread = 4;

export async function startQueueWorker(target: QueueTarget, options: QueueWorkerOptions): Promise<RunningWorker> {
  const { Worker } = await import('bullmq');
  const lockMs = (options.lockSeconds ?? 30) * 1000;
  const pools = new Map<string, { readonly pool: ScanPool; readonly identity: Promise<RunIdentity> }>();
  const poolFor = (scanOptions: Partial<ScanOptions>) => {
    const key = JSON.stringify(scanOptions);
    let entry = pools.get(key);
    if (entry === undefined) {
      const pool = createScanPool({ jobs: options.jobs, options: scanOptions, ...(options.workerUrl === undefined ? {} : { workerUrl: options.workerUrl }) });
      pools.set(key, (entry = { pool, identity: scan([], scanOptions).then(runIdentity) }));
    }
    return entry;
  };
  let completed = 0;
  let failed = 0;
  const worker = new Worker<InputJobData, InputJobResult>(
    queueName(target),
    async (job) => {
      const { pool, identity } = poolFor(job.data.options);
      const path = Buffer.from(job.data.path, 'base64');
      const skipped = job.data.notScanned;
      const result = skipped === undefined ? await pool.scan(path, job.data.size) : [{ input: notScannedInput(path, skipped.status, skipped.reason), findings: [] }];
      return { result, identity: await identity };
    },
    { connection: { ...redisOptions(target, true) }, concurrency: options.jobs * jobsPerThread, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 3 },
  );
  worker.on('completed', (job) => {
    completed++;
    options.onJob?.({ seq: job.data.seq, status: 'completed' });
  });
  worker.on('failed', (job, error) => {
    failed++;
    if (job !== undefined) options.onJob?.({ seq: job.data.seq, status: 'failed', message: error.message });
  });
  // Connection trouble is retried by ioredis; say so instead of crashing on an unhandled 'error'.
  worker.on('error', (error) => process.stderr.write(`fwsift worker: ${error.message}\n`));

  const stop = async () => {
    await worker.close();
    const threads = (await Promise.all([...pools.values()].map((entry) => entry.pool.close()))).flat();
    return { completed, failed, threads };
  };
  const done = options.exitWhenIdle
    ? untilIdle(target, () => worker.isRunning(), (wake) => {
        for (const event of ['drained', 'completed', 'failed'] as const) worker.on(event, wake);
      }).then(stop)
    : new Promise<Awaited<ReturnType<typeof stop>>>((resolve) => worker.once('closed', () => void stop().then(resolve)));
  return {
    done,
    async stop() {
      await worker.close();
    },
  };
}

/**
 * Resolves once the queue has nothing waiting, delayed or running (this worker's own jobs
 * included). `onChange` registers what to call when the worker finds no job to take or ends one.
 */
async function untilIdle(target: QueueTarget, running: () => boolean, onChange: (changed: () => void) => void): Promise<void> {
  const queue = await openQueue(target);
  let pollMs = idlePollMs;
  let wake = () => {};
  onChange(() => {
    pollMs = drainedPollMs;
    wake();
  });
  try {
    for (;;) {
      // Woken early, it still waits `drainedPollMs`: the events of one job come together.
      await new Promise<void>((resolve) => {
        let timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          timer = setTimeout(resolve, drainedPollMs);
        };
      });
      if (!running()) return;
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(counts).every((count) => count === 0)) return;
      pollMs = Math.min(idlePollMs, pollMs * 2);
    }
  } finally {
    await queue.close();
  }
}
