/**
 * The chunkings every streaming test runs through (STYLE.md §1: same input, every path, same
 * answer): the whole input, fixed sizes 1, 2, 3, 7 and 4096 bytes, and for inputs shorter than
 * 512 bytes one split at every offset. Set `FWSIFT_CHUNKING=<label>` (e.g. `7-byte`, `split@5`)
 * to run only one.
 */
import { env } from 'node:process';

export interface Chunking {
  readonly label: string;
  readonly chunks: readonly Uint8Array[];
}

/** Inputs shorter than this also get one two-chunk split at every offset. */
export const everyOffsetLimitBytes = 512;

export const fixedChunkSizes: readonly number[] = [1, 2, 3, 7, 4096];

export function chunkings(bytes: Uint8Array): Chunking[] {
  const all: Chunking[] = [{ label: 'whole', chunks: [bytes] }];
  for (const size of fixedChunkSizes) {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
    all.push({ label: `${size}-byte`, chunks });
  }
  if (bytes.length < everyOffsetLimitBytes) {
    for (let at = 1; at < bytes.length; at++) {
      all.push({ label: `split@${at}`, chunks: [bytes.subarray(0, at), bytes.subarray(at)] });
    }
  }
  const only = env['FWSIFT_CHUNKING'];
  return only === undefined ? all : all.filter((c) => c.label === only);
}

/** Calls `fn` once per chunking; use the label in assertion messages. */
export function forEachChunking(bytes: Uint8Array, fn: (chunks: readonly Uint8Array[], label: string) => void): void {
  for (const { label, chunks } of chunkings(bytes)) fn(chunks, label);
}
