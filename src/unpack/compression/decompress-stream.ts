/**
 * Step-by-step feeding of a node:zlib decompressor (gunzip, inflate, brotli) from an async
 * source, keeping every byte it produced before damage. Shared by the WARC payload decoder
 * and the PDF FlateDecode filter.
 */
import type { Transform } from 'node:stream';
import { messageOf } from '../streams.js';
import { InputError } from '../types.js';

/** Compressed bytes handed to the decompressor per step: bounds the output produced at once to about 1,032 times this (deflate's maximum ratio). */
const feedBytes = 4 * 1024;

/**
 * Feeds `source` to a node:zlib decompressor step by step and yields its output. When the
 * source fails (a truncated record, a broken chunked framing), what the decompressor can still
 * produce is flushed and yielded before the source's error is rethrown: a truncated page
 * keeps its first part. Trailing bytes after the compressed stream's end are ignored.
 */
export async function* decompressStream(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, decompressor: Transform, name: string): AsyncGenerator<Uint8Array> {
  const output: Buffer[] = [];
  let failure: Error | undefined;
  let ended = false;
  decompressor.on('data', (chunk: Buffer) => output.push(chunk));
  decompressor.on('error', (error) => {
    failure ??= error;
  });
  decompressor.on('end', () => {
    ended = true;
  });
  // An errored decompressor is destroyed and closes: no callback is left waiting for it.
  const closed = new Promise<void>((resolve) => decompressor.once('close', () => resolve()));
  // Callbacks run once zlib has processed what was handed over; 'data', 'error' and 'end' may follow on a later tick.
  const settle = async (step: (done: () => void) => void) => {
    if (failure === undefined && !decompressor.destroyed) await Promise.race([new Promise<void>((resolve) => step(resolve)), closed]);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const check = () => {
    if (failure !== undefined) throw new InputError('corrupt', `${name}: ${messageOf(failure)}`);
  };
  try {
    let sourceError: unknown;
    try {
      for await (const chunk of source) {
        for (let at = 0; at < chunk.length && !ended; at += feedBytes) {
          await settle((done) => decompressor.write(chunk.subarray(at, at + feedBytes), () => done()));
          yield* output.splice(0);
          check();
        }
      }
    } catch (error) {
      sourceError = error;
    }
    if (sourceError !== undefined) {
      if (!ended) await settle((done) => (decompressor as Transform & { flush(callback: () => void): void }).flush(done));
      yield* output.splice(0);
      throw sourceError;
    }
    if (!ended) await settle((done) => decompressor.end(done));
    yield* output.splice(0);
    check();
  } finally {
    decompressor.destroy();
  }
}
