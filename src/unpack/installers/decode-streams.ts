/**
 * Stream plumbing the installer handlers share: raw deflate and push decoders (LZMA, LZMA2)
 * driven from an async byte source, with errors named after the container (`7z:`, `nsis:`),
 * and small helpers to hand out or gather bytes.
 */
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import { decodedBeforeError } from '../codecs/lzma.js';
import { messageOf } from '../streams.js';
import { InputError } from '../types.js';

/** Raw deflate (no zlib header), streamed; bad data is `corrupt`, named after `container`. */
export async function* inflateRawStream(source: AsyncIterable<Uint8Array>, container: string): AsyncGenerator<Uint8Array> {
  try {
    yield* Readable.from(source).pipe(createInflateRaw()) as AsyncIterable<Uint8Array>;
  } catch (error) {
    throw error instanceof InputError ? error : new InputError('corrupt', `${container}: deflate: ${messageOf(error)}`);
  }
}

export interface PushDecoder {
  feed(chunk: Uint8Array, final: boolean): void;
  next(): Uint8Array | undefined;
  readonly finished: boolean;
}

/** Feeds `decoder` from `source` and hands out what it decodes; on an error, the output decoded before it first. */
export async function* drivePushDecoder(decoder: PushDecoder, source: AsyncIterable<Uint8Array>, container: string, codec: string): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let ended = false;
  for (;;) {
    let piece: Uint8Array | undefined;
    try {
      piece = decoder.next();
    } catch (error) {
      yield* decodedBeforeError(error);
      throw error instanceof InputError ? new InputError(error.kind, `${container}: ${error.message}`) : error;
    }
    if (piece !== undefined) {
      yield piece;
      continue;
    }
    if (decoder.finished) return;
    if (ended) throw new InputError('corrupt', `${container}: ${codec} data ends before the end of its stream (truncated)`);
    const next = await iterator.next();
    ended = next.done === true;
    decoder.feed(next.done === true ? new Uint8Array(0) : next.value, ended);
  }
}

export async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Every byte of `source` in one array; more than `maxBytes` is `tooLarge()`, thrown before it is held. */
export async function collectBytes(source: AsyncIterable<Uint8Array>, maxBytes: number, tooLarge: () => InputError): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let total = 0;
  for await (const piece of source) {
    total += piece.length;
    if (total > maxBytes) throw tooLarge();
    pieces.push(piece);
  }
  return Buffer.concat(pieces, total);
}
