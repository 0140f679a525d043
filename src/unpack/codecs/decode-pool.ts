/**
 * Worker threads that decode filesystem blocks while the scanning thread searches the ones
 * already decoded: a squashfs image's xz blocks took about 60% of a 1 GB rootfs's scan, all in
 * the scanning thread. Each worker runs the same `decompressBlock` (decode-worker.ts), so the
 * bytes and errors are those of `inThreadDecoder` and the report does not change.
 *
 * Workers start on the first block (a scan with no compressed filesystem starts none). Each
 * holds at most two blocks; the others wait in order, and whenever the scanning thread has
 * nothing else to do (it is waiting for a block) it decodes the oldest waiting block itself.
 * So `threads` workers and the scanning thread keep `threads + 1` cores busy, with one worker's
 * memory fewer than `threads + 1` workers. A worker that dies (a crash, its heap limit,
 * `close`) loses nothing: the blocks it held wait again, for another worker or the scanning
 * thread. An idle worker does not keep the process alive. Without the compiled worker script
 * (fwsift run from its TypeScript sources) every block is decoded in the calling thread.
 * Memory: per worker, a V8 isolate and its allocator (25-35 MB while decoding, measured on the
 * nested bench image) and the blocks in hand (a block is at most 1 MiB, decoded and compressed).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, type WorkerMemory } from '../../core/types.js';
import type { BlockDecoder } from './block-decoder.js';
import type { DecodeReply, DecodeRequest } from './decode-protocol.js';
import { decompressBlock, inThreadDecoder, type Codec } from './index.js';

export interface DecodePool extends BlockDecoder {
  /** Stops the workers; blocks still waiting are decoded in the calling thread. The peak memory of each worker that ran. */
  close(): Promise<readonly WorkerMemory[]>;
}

/** The compiled worker script next to this module (dist/unpack/codecs/). */
export const decodeWorkerUrl = new URL('./decode-worker.js', import.meta.url);

/** Blocks a worker holds: one being decoded, one to start on at once, so it never idles between blocks. */
const blocksPerWorker = 2;
/** Heap per worker, MiB: blocks are external memory, the heap holds only the decoder's models. */
const workerHeapMb = 64;
/**
 * Young generation per worker, MiB. Each block leaves a decoder's models and window behind; with
 * V8's default (16 MiB semi-spaces) two workers added 70-80 MB to the process's peak on the
 * 64 MiB nested bench image, with 2 MiB 55-60 MB, at the same speed (1 MiB: the same as 2).
 */
const workerYoungMb = 2;

interface Job {
  readonly request: Omit<DecodeRequest, 'id'>;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: unknown) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly jobs: Map<number, Job>;
  readonly memory: { peakHeapBytes: number; peakExternalBytes: number };
}

export function createDecodePool(threads: number, workerUrl: URL = decodeWorkerUrl): DecodePool {
  if (threads < 1 || !existsSync(fileURLToPath(workerUrl))) return { ...inThreadDecoder, close: async () => [] };
  const running: Thread[] = [];
  /** Every worker started, in order, for their peak memory. */
  const everyThread: Thread[] = [];
  /** Blocks no worker holds yet, oldest first. */
  const waiting: Job[] = [];
  let started = false;
  let closed = false;
  let helping = false;
  let nextId = 0;

  const send = (thread: Thread, job: Job): void => {
    const id = nextId++;
    // The block's own copy (`new`, since a Buffer's `slice` is a view): posting a view would copy the whole buffer it is part of.
    const copy = new Uint8Array(job.request.bytes);
    thread.jobs.set(id, job);
    thread.worker.ref();
    thread.worker.postMessage({ ...job.request, id, bytes: copy } satisfies DecodeRequest, [copy.buffer]);
  };

  const dispatch = (): void => {
    for (const thread of running) while (waiting.length > 0 && thread.jobs.size < blocksPerWorker) send(thread, waiting.shift()!);
    if (waiting.length > 0 && !helping) {
      helping = true;
      setImmediate(help);
    }
  };

  // Runs once the scanning thread's pending work is done: it decodes the oldest waiting block, the one it will ask for first.
  const help = (): void => {
    helping = false;
    const job = waiting.shift();
    if (job === undefined) return;
    try {
      job.resolve(decompressBlock(job.request.codec, job.request.bytes, job.request.maxOutputBytes));
    } catch (error) {
      job.reject(error);
    }
    dispatch();
  };

  const start = (): void => {
    started = true;
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb, maxYoungGenerationSizeMb: workerYoungMb } });
      const thread: Thread = { worker, jobs: new Map(), memory: { peakHeapBytes: 0, peakExternalBytes: 0 } };
      everyThread.push(thread);
      worker.unref();
      worker.on('message', (reply: DecodeReply) => {
        thread.memory.peakHeapBytes = Math.max(thread.memory.peakHeapBytes, reply.heapBytes);
        thread.memory.peakExternalBytes = Math.max(thread.memory.peakExternalBytes, reply.externalBytes);
        const job = thread.jobs.get(reply.id);
        if (job === undefined) return;
        thread.jobs.delete(reply.id);
        if (thread.jobs.size === 0) worker.unref();
        if ('bytes' in reply) job.resolve(reply.bytes);
        else if ('inputError' in reply) job.reject(new InputError(reply.inputError.kind, reply.inputError.message, reply.inputError.offset));
        else job.reject(new Error(reply.failure));
        dispatch();
      });
      // 'error' is followed by 'exit': the blocks in hand wait again there.
      worker.on('error', () => {});
      worker.on('exit', () => {
        running.splice(running.indexOf(thread), 1);
        waiting.unshift(...thread.jobs.values());
        thread.jobs.clear();
        dispatch();
      });
      running.push(thread);
    }
  };

  return {
    // Enough for every worker's two and two for the scanning thread to take or help with.
    ahead: (threads + 1) * blocksPerWorker,
    decode(codec: Codec, bytes: Uint8Array, maxOutputBytes: number): Promise<Uint8Array> {
      if (!started && !closed) start();
      return new Promise((resolve, reject) => {
        waiting.push({ request: { codec, bytes, maxOutputBytes }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all(running.map((thread) => thread.worker.terminate()));
      return everyThread.map((thread) => ({ ...thread.memory }));
    },
  };
}
