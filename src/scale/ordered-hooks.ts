/**
 * Results finish in any order across workers; `onInput` must still see inputs in report order
 * (NDJSON streams them). This releases each result once everything before it has finished.
 */
import type { ScanHooks } from '../scan/scan.js';
import type { PathResult } from './part.js';

export interface OrderedHooks {
  /** Records the result of walked path `index` and releases every result now in order. */
  finished(index: number, result: PathResult): void;
}

export function orderedHooks(total: number, hooks: ScanHooks, progress: { readonly bytesTotal: number; readonly sizes: readonly number[] }): OrderedHooks {
  const results: (PathResult | undefined)[] = new Array<PathResult | undefined>(total);
  let released = 0;
  let done = 0;
  let bytesDone = 0;
  let objects = 0;
  return {
    finished(index, result) {
      results[index] = result;
      done++;
      bytesDone += progress.sizes[index] ?? 0;
      objects += result.reduce((sum, part) => sum + part.input.coverage.objects, 0);
      const current = result[0]?.input.path;
      hooks.onProgress?.({
        inputsDone: done,
        inputsTotal: total,
        bytesDone,
        bytesTotal: progress.bytesTotal,
        objects,
        current: current === undefined ? '' : typeof current === 'string' ? current : Buffer.from(current.base64, 'base64').toString('utf8'),
      });
      while (released < total && results[released] !== undefined) {
        for (const part of results[released]!) hooks.onInput?.(part.input, part.findings);
        released++;
      }
    },
  };
}
