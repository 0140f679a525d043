/** Small adapters between async iterables of bytes and Node streams, shared by handlers. */
import { Readable, type Transform } from 'node:stream';
import { InputError } from './types.js';

/**
 * Pipes `source` through a Node transform (a decompressor) and yields its output. Errors of
 * the transform become `InputError('corrupt')` named after `format`, after every byte it
 * produced has been yielded, so the bytes before the damage are still scanned.
 */
export async function* throughTransform(
  source: AsyncIterable<Uint8Array>,
  transform: Transform,
  format: string,
): AsyncGenerator<Uint8Array> {
  const input = Readable.from(source, { objectMode: false });
  input.on('error', (error) => transform.destroy(error));
  input.pipe(transform);
  try {
    for await (const chunk of transform) yield chunk as Uint8Array;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('corrupt', `${format}: ${messageOf(error)}`);
  } finally {
    input.destroy();
    transform.destroy();
  }
}

/** Reads an iterable to the end, discarding the bytes (the consume-or-skip contract). */
export async function drain(source: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of source) void chunk;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
