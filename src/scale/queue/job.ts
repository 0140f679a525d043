/** What a queue job carries and returns. One job per walked input, numbered in walk order. */
import type { ScanOptions } from '../../scan/options.js';
import type { RunIdentity } from '../cache-key.js';
import type { PathResult } from '../part.js';

export interface InputJobData {
  /** Position in the collected report: inputs are merged in this order. */
  readonly seq: number;
  /** The walked path's bytes, base64 (names need not be UTF-8). */
  readonly path: string;
  readonly size: number;
  /** The scan options of the queue's run (also stored under `runKey`). */
  readonly options: Partial<ScanOptions>;
  /** Set when the walk did not find a file there (a link inside a directory, an unreadable path): the worker reports it without scanning, as `scan()` does. */
  readonly notScanned?: { readonly status: 'skipped' | 'failed'; readonly reason: string };
}

export interface InputJobResult {
  readonly result: PathResult;
  /** The fwsift version, packs and options the worker scanned with; collect refuses to mix them. */
  readonly identity: RunIdentity;
}

/** Stored once per queue by `queue add`: every job of the queue is scanned with these. */
export interface QueueRun {
  readonly options: Partial<ScanOptions>;
}

export const jobName = 'scan-input';

export const jobId = (seq: number): string => `input-${seq}`;

/** Keys beside BullMQ's own, under the same prefix. */
export const runKey = (queue: string): string => `fwsift:${queue}:run`;
export const seqKey = (queue: string): string => `fwsift:${queue}:seq`;

