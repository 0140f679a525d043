/**
 * A worker_threads pool that runs `scan()` per walked path. Requests queued while every worker
 * is busy are handed out in batches, because each `scan()` call compiles the packs (~0.3 s):
 * a batch pays that once. Results do not depend on batching: each input is scanned on its own.
 *
 * A worker that dies (out of memory under its heap limit, a crash) loses nothing silently: its
 * batch is retried one path at a time, and a path that kills a worker on its own becomes a
 * `failed` input saying why. Memory: at most `jobs` workers, each under `heapLimitMb` of heap.
 *
 * The scan options' `signal` interrupts the run as it interrupts `scan()`: batches in hand are
 * stopped inside their workers (their inputs end `interrupted`), and paths not yet handed out
 * are reported as skipped, `interrupted`, without being read.
 */
import { Worker } from 'node:worker_threads';
import type { ScanOptions } from '../scan/options.js';
import { notScannedInput } from '../scan/report.js';
import type { ScanProgress } from '../scan/scan.js';
import { sha256File } from './hash-file.js';
import { poolWorkerUrl } from './jobs.js';
import { emptySha256, failedPart, type PathResult } from './part.js';
import type { WorkerMemory } from '../core/types.js';
import type { BatchReply, BatchRequest, PoolReply, PoolRequest, PoolWorkerData } from './pool-protocol.js';

export interface ScanPoolOptions {
  /** Worker threads, at least 1. */
  readonly jobs: number;
  readonly options: Partial<ScanOptions>;
  /** V8 old-generation limit per worker, MiB. Default 256. */
  readonly heapLimitMb?: number;
  /** Most paths per batch. Default 16: enough to hide pack compilation, small enough to balance the tail. */
  readonly maxBatch?: number;
  /** The compiled worker script; tests running from sources point it at a build. */
  readonly workerUrl?: URL;
  /** A running batch's progress as its worker reports it; `undefined` when the batch has ended. */
  readonly onProgress?: (batch: number, progress: ScanProgress | undefined) => void;
}

export interface ScanPool {
  /** Scans one walked path (`size` from the walk, used if its worker dies). */
  scan(path: Buffer, size: number): Promise<PathResult>;
  /** Stops the workers; the peak memory of each worker slot that ran. */
  close(): Promise<readonly WorkerMemory[]>;
}

interface Request {
  readonly path: Buffer;
  readonly size: number;
  /** Retried on its own after its batch's worker died. */
  readonly alone: boolean;
  readonly resolve: (result: PathResult) => void;
}

interface Slot {
  worker?: Worker;
  running?: { readonly batch: number; readonly requests: readonly Request[] };
  lastError?: Error;
  memory: WorkerMemory;
}

export function createScanPool(poolOptions: ScanPoolOptions): ScanPool {
  const { jobs, heapLimitMb = 256, maxBatch = 16, workerUrl = poolWorkerUrl, onProgress } = poolOptions;
  // The scan options' signal stays in this thread: each worker has its own, tripped by a stop request.
  const { signal, ...options } = poolOptions.options;
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be a positive integer, got ${jobs}`);
  const queue: Request[] = [];
  const slots: Slot[] = [];
  let nextBatch = 0;
  let dispatchScheduled = false;

  const spawn = (slot: Slot): Worker => {
    const worker = new Worker(workerUrl, { workerData: { options } satisfies PoolWorkerData, resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
    worker.on('message', (reply: PoolReply) => (reply.kind === 'progress' ? onProgress?.(reply.batch, reply.progress) : finishBatch(slot, reply)));
    worker.on('error', (error) => (slot.lastError = error));
    worker.on('exit', () => {
      slot.worker = undefined;
      const running = slot.running;
      slot.running = undefined;
      if (running !== undefined) onProgress?.(running.batch, undefined);
      if (running !== undefined) failBatch(running.requests, describeDeath(slot.lastError, heapLimitMb));
      scheduleDispatch();
    });
    return worker;
  };

  const finishBatch = (slot: Slot, reply: BatchReply) => {
    const running = slot.running;
    slot.running = undefined;
    if (running !== undefined) onProgress?.(running.batch, undefined);
    slot.memory = {
      peakHeapBytes: Math.max(slot.memory.peakHeapBytes, reply.memory.peakHeapBytes),
      peakExternalBytes: Math.max(slot.memory.peakExternalBytes, reply.memory.peakExternalBytes),
    };
    if (running !== undefined) {
      if ('error' in reply) failBatch(running.requests, { kind: 'internal', message: `scanning this input failed inside fwsift: ${reply.error}` });
      else running.requests.forEach((request, index) => request.resolve(reply.results[index] ?? []));
    }
    scheduleDispatch();
  };

  /** A batch of several is retried path by path, to find the one that fails; a lone path fails. */
  const failBatch = (requests: readonly Request[], why: { readonly kind: 'limit' | 'internal'; readonly message: string }) => {
    if (requests.length === 1 && requests[0]!.alone) {
      const request = requests[0]!;
      void sha256File(request.path)
        .catch(() => emptySha256)
        .then((sha256) => request.resolve([failedPart(request.path, request.size, sha256, why.kind, why.message)]));
      return;
    }
    queue.unshift(...requests.map((request) => ({ ...request, alone: true })));
  };

  const dispatch = () => {
    dispatchScheduled = false;
    if (signal?.aborted === true) {
      for (const request of queue.splice(0)) request.resolve([interruptedPart(request.path)]);
      return;
    }
    while (queue.length > 0) {
      let slot = slots.find((candidate) => candidate.running === undefined);
      if (slot === undefined && slots.length < jobs) slots.push((slot = { memory: { peakHeapBytes: 0, peakExternalBytes: 0 } }));
      if (slot === undefined) return;
      const requests = queue[0]!.alone ? queue.splice(0, 1) : takeBatch(queue, Math.min(maxBatch, Math.ceil(queue.length / jobs)));
      const batch = nextBatch++;
      slot.running = { batch, requests };
      slot.lastError = undefined;
      slot.worker ??= spawn(slot);
      slot.worker.postMessage({ kind: 'batch', batch, paths: requests.map((request) => request.path) } satisfies BatchRequest);
    }
  };

  signal?.addEventListener(
    'abort',
    () => {
      for (const slot of slots) if (slot.running !== undefined) slot.worker?.postMessage({ kind: 'stop' } satisfies PoolRequest);
      scheduleDispatch();
    },
    { once: true },
  );

  // Deferred so that paths queued in one synchronous loop are batched together.
  const scheduleDispatch = () => {
    if (dispatchScheduled) return;
    dispatchScheduled = true;
    setImmediate(dispatch);
  };

  return {
    scan(path, size) {
      return new Promise<PathResult>((resolve) => {
        queue.push({ path, size, alone: false, resolve });
        scheduleDispatch();
      });
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
      return slots.map((slot) => slot.memory);
    },
  };
}

/** A path the run was interrupted before: reported as `scan()` reports it, unread. */
function interruptedPart(path: Buffer): PathResult[number] {
  return { input: notScannedInput(path, 'skipped', 'interrupted'), findings: [] };
}

/** Up to `count` requests from the front of the queue, stopping before one that must run alone. */
function takeBatch(queue: Request[], count: number): Request[] {
  let end = 0;
  while (end < count && end < queue.length && !queue[end]!.alone) end++;
  return queue.splice(0, Math.max(end, 1));
}

function describeDeath(error: Error | undefined, heapLimitMb: number): { readonly kind: 'limit' | 'internal'; readonly message: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return { kind: 'limit', message: `the worker scanning this input ran out of memory (heap limit ${heapLimitMb} MiB); it was not searched` };
  return { kind: 'internal', message: `the worker scanning this input stopped${error === undefined ? '' : `: ${error.message}`}; it was not searched` };
}
