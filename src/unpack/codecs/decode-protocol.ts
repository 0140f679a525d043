/** Messages between the decode pool (decode-pool.ts) and its worker threads (decode-worker.ts). */
import type { InputError } from '../../core/types.js';
import type { Codec } from './index.js';

export interface DecodeRequest {
  readonly id: number;
  readonly codec: Codec;
  /** A copy of the block's bytes, transferred. */
  readonly bytes: Uint8Array;
  readonly maxOutputBytes: number;
}

/** Every reply carries the worker's memory in use as it answers (the decoded block still held): the pool keeps the peaks. */
export type DecodeReply = { readonly heapBytes: number; readonly externalBytes: number } & (
  | { readonly id: number; readonly bytes: Uint8Array }
  | { readonly id: number; readonly inputError: { readonly kind: InputError['kind']; readonly message: string; readonly offset?: number } }
  /** Anything else thrown (a bug): its message. */
  | { readonly id: number; readonly failure: string }
);
