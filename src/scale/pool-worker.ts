/**
 * A scan pool worker thread: scans the batches it is sent with the library's `scan()` and
 * answers with one result per path, split at input boundaries by the `onInput` hook. Its
 * progress goes back to the pool (throttled), and a stop request aborts the batch in hand
 * through `scan()`'s own signal, so an interrupted input ends as it does in one thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveScanOptions } from '../scan/options.js';
import { preparePatterns, scan, SubtreeMemo, type PreparedPatterns } from '../scan/scan.js';
import type { InputPart } from './part.js';
import type { BatchReply, BatchRequest, PoolReply, PoolRequest, PoolWorkerData } from './pool-protocol.js';
import { createMemorySampler } from './memory.js';

const { options } = workerData as PoolWorkerData;
const port = parentPort;
if (port === null) throw new Error('pool-worker.js runs only as a worker thread');
const memory = createMemorySampler();
/** Progress messages at most this often: a terminal redraws a few times a second. */
const progressEveryMs = 100;
const stop = new AbortController();
// The packs are loaded and compiled once per worker, not once per batch (about 0.3 s each time).
let prepared: Promise<PreparedPatterns> | undefined;
// Containers met again are opened once per worker, across its batches (the options never change).
const memo = new SubtreeMemo();
const send = (reply: PoolReply) => port.postMessage(reply);

port.on('message', (request: PoolRequest) => {
  if (request.kind === 'stop') stop.abort();
  else void scanBatch(request).then(send);
});

async function scanBatch({ batch, paths }: BatchRequest): Promise<BatchReply> {
  const buffers = paths.map((path) => Buffer.from(path));
  const keys = buffers.map((path) => path.toString('latin1'));
  const results: InputPart[][] = buffers.map(() => []);
  try {
    // scan() reports inputs in the order of the paths. Each walked path normally yields itself
    // again; inputs under a path that became a directory since it was walked stay with it.
    let next = 0;
    let sentAt = 0;
    prepared ??= preparePatterns(resolveScanOptions(options));
    await scan(buffers, { ...options, signal: stop.signal }, {
      onProgress: (progress) => {
        const now = Date.now();
        if (now - sentAt < progressEveryMs) return;
        sentAt = now;
        send({ kind: 'progress', batch, progress });
      },
      onInput: (input, findings) => {
        const at = keys.indexOf(inputKey(input.path), next);
        if (at >= 0) next = at + 1;
        results[Math.max(next - 1, 0)]!.push({ input, findings });
      },
    }, await prepared, memo);
    return { kind: 'done', batch, results, memory: memory.peak() };
  } catch (error) {
    return { kind: 'done', batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error), memory: memory.peak() };
  }
}

/** The walked path's bytes as latin1, recovered from the report's lossless form. */
function inputKey(path: InputPart['input']['path']): string {
  return (typeof path === 'string' ? Buffer.from(path, 'utf8') : Buffer.from(path.base64, 'base64')).toString('latin1');
}
