/** Messages between the scan pool and its worker threads (structured clone: Buffers arrive as Uint8Array). */
import type { WorkerMemory } from '../core/types.js';
import type { ScanOptions } from '../scan/options.js';
import type { ScanProgress } from '../scan/scan.js';
import type { PathResult } from './part.js';

export interface PoolWorkerData {
  readonly options: Partial<ScanOptions>;
}

/** Scan these walked paths, one `scan()` for the batch so the packs are compiled once per batch. */
export interface BatchRequest {
  readonly kind: 'batch';
  readonly batch: number;
  readonly paths: readonly Uint8Array[];
}

/** The run was interrupted: stop the batch in hand the way `scan()` stops on its signal (its inputs end `interrupted`). */
export interface StopRequest {
  readonly kind: 'stop';
}

export type PoolRequest = BatchRequest | StopRequest;

/** The batch's progress, throttled: what `scan()` told its `onProgress` hook inside the worker. */
export interface ProgressReply {
  readonly kind: 'progress';
  readonly batch: number;
  readonly progress: ScanProgress;
}

export type BatchReply =
  | { readonly kind: 'done'; readonly batch: number; readonly results: readonly PathResult[]; readonly memory: WorkerMemory }
  | { readonly kind: 'done'; readonly batch: number; readonly error: string; readonly memory: WorkerMemory };

export type PoolReply = BatchReply | ProgressReply;

