/**
 * A decode pool worker thread (decode-pool.ts): decodes the blocks it is sent with
 * `decompressBlock` and answers with the bytes (their buffer transferred, not copied) or the
 * error, an `InputError` by its kind, message and offset so the pool can throw the same one.
 */
import { parentPort } from 'node:worker_threads';
import { isolateMemory } from '../../core/isolate-memory.js';
import { InputError } from '../../core/types.js';
import { decompressBlock } from './index.js';
import type { DecodeReply, DecodeRequest } from './decode-protocol.js';

const port = parentPort;
if (port === null) throw new Error('decode-worker.js runs only as a worker thread');

port.on('message', ({ id, codec, bytes, maxOutputBytes }: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    const decoded = decompressBlock(codec, bytes, maxOutputBytes);
    // A view of a larger buffer is copied out (`new`, since a Buffer's `slice` is a view), so the transfer hands over only its bytes.
    const owned = decoded.byteOffset === 0 && decoded.byteLength === decoded.buffer.byteLength ? decoded : new Uint8Array(decoded);
    port.postMessage({ id, bytes: owned, ...isolateMemory() } satisfies DecodeReply, [owned.buffer as ArrayBuffer]);
    return;
  } catch (error) {
    reply = error instanceof InputError
      ? { id, inputError: { kind: error.kind, message: error.message, ...(error.offset === undefined ? {} : { offset: error.offset }) }, ...isolateMemory() }
      : { id, failure: error instanceof Error ? error.message : String(error), ...isolateMemory() };
  }
  port.postMessage(reply);
});
