/**
 * Results finish in any order across workers; `onInput` must still see inputs in report order
 * (NDJSON streams them). This releases each result once everything before it has finished.
 * Progress adds what the running batches report (objects opened, bytes read, the object being
 * read) to what has finished, so a bar moves inside a large input as it does in one thread.
 */
import type { ScanHooks, ScanProgress } from '../scan/scan.js';
import type { PathResult } from './part.js';

export interface OrderedHooks {
  /** Records the result of walked path `index` and releases every result now in order. */
  finished(index: number, result: PathResult): void;
  /** A running batch's progress inside its worker; `undefined` once the batch has ended. */
  running(batch: number, progress: ScanProgress | undefined): void;
}

export function orderedHooks(total: number, hooks: ScanHooks, progress: { readonly bytesTotal: number; readonly sizes: readonly number[] }): OrderedHooks {
  const results: (PathResult | undefined)[] = new Array<PathResult | undefined>(total);
  let released = 0;
  let done = 0;
  let bytesDone = 0;
  let objects = 0;
  let bytesExpanded = 0;
  let current = '';
  const batches = new Map<number, ScanProgress>();
  const report = () => {
    let runningBytes = 0;
    let runningObjects = 0;
    let runningExpanded = 0;
    for (const batch of batches.values()) {
      runningBytes += batch.bytesDone;
      runningObjects += batch.objects;
      runningExpanded += batch.bytesExpanded ?? 0;
    }
    hooks.onProgress?.({
      inputsDone: done,
      inputsTotal: total,
      bytesDone: bytesDone + runningBytes,
      bytesTotal: progress.bytesTotal,
      objects: objects + runningObjects,
      bytesExpanded: bytesExpanded + runningExpanded,
      current,
    });
  };
  return {
    running(batch, reported) {
      if (reported === undefined) {
        batches.delete(batch);
        return;
      }
      batches.set(batch, reported);
      current = reported.current;
      report();
    },
    finished(index, result) {
      results[index] = result;
      done++;
      bytesDone += progress.sizes[index] ?? 0;
      objects += result.reduce((sum, part) => sum + part.input.coverage.objects, 0);
      bytesExpanded += result.reduce((sum, part) => sum + part.input.coverage.bytesScanned, 0);
      const path = result[0]?.input.path;
      if (path !== undefined) current = typeof path === 'string' ? path : Buffer.from(path.base64, 'base64').toString('utf8');
      report();
      while (released < total && results[released] !== undefined) {
        for (const part of results[released]!) hooks.onInput?.(part.input, part.findings);
        released++;
      }
    },
  };
}
