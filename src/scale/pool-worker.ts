/**
 * A scan pool worker thread: scans the batches it is sent with the library's `scan()` and
 * answers with one result per path, split at input boundaries by the `onInput` hook.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scan } from '../scan/scan.js';
import type { InputPart } from './part.js';
import type { BatchReply, BatchRequest, PoolWorkerData } from './pool-protocol.js';
import { createMemorySampler } from './memory.js';

const { options } = workerData as PoolWorkerData;
const port = parentPort;
if (port === null) throw new Error('pool-worker.js runs only as a worker thread');
const memory = createMemorySampler();

port.on('message', (request: BatchRequest) => {
  void scanBatch(request).then((reply) => port.postMessage(reply));
});

async function scanBatch({ batch, paths }: BatchRequest): Promise<BatchReply> {
  const buffers = paths.map((path) => Buffer.from(path));
  const keys = buffers.map((path) => path.toString('latin1'));
  const results: InputPart[][] = buffers.map(() => []);
  try {
    // scan() reports inputs in the order of the paths. Each walked path normally yields itself
    // again; inputs under a path that became a directory since it was walked stay with it.
    let next = 0;
    await scan(buffers, options, {
      onInput: (input, findings) => {
        const at = keys.indexOf(inputKey(input.path), next);
        if (at >= 0) next = at + 1;
        results[Math.max(next - 1, 0)]!.push({ input, findings });
      },
    });
    return { batch, results, memory: memory.peak() };
  } catch (error) {
    return { batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error), memory: memory.peak() };
  }
}

/** The walked path's bytes as latin1, recovered from the report's lossless form. */
function inputKey(path: InputPart['input']['path']): string {
  return (typeof path === 'string' ? Buffer.from(path, 'utf8') : Buffer.from(path.base64, 'base64')).toString('latin1');
}
