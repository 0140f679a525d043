/** Small helpers shared by handlers: the consume-or-skip contract and error messages. */

/** Reads an iterable to the end, discarding the bytes (the consume-or-skip contract). */
export async function drain(source: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of source) void chunk;
}

export { messageOf } from '../core/types.js';
