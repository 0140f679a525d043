/** Messages between the scan pool and its worker threads (structured clone: Buffers arrive as Uint8Array). */
import type { ScanOptions } from '../scan/options.js';
import type { PathResult } from './part.js';

export interface PoolWorkerData {
  readonly options: Partial<ScanOptions>;
}

/** Scan these walked paths, one `scan()` for the batch so the packs are compiled once per batch. */
export interface BatchRequest {
  readonly batch: number;
  readonly paths: readonly Uint8Array[];
}

export type BatchReply =
  | { readonly batch: number; readonly results: readonly PathResult[]; readonly memory: WorkerMemory }
  | { readonly batch: number; readonly error: string; readonly memory: WorkerMemory };

/** Peak memory of one worker thread's isolate, sampled while it scanned. */
export interface WorkerMemory {
  /** Highest V8 heap in use, bytes. */
  readonly peakHeapBytes: number;
  /** Highest memory outside the heap held by this thread's objects (Buffers, ArrayBuffers), bytes. */
  readonly peakExternalBytes: number;
}
