/**
 * zlib streams (RFC 1950: a 2-byte header, raw deflate, Adler-32), as squashfs `gzip`
 * (compression id 1), cramfs pages and JFFS2 nodes store them, via `node:zlib`.
 *
 * `inflateSync` with `maxOutputLength` stops as soon as the output would pass the bound
 * (`ERR_BUFFER_TOO_LARGE`), so a bomb costs at most `maxOutputBytes` of memory. The Adler-32
 * trailer is checked by zlib itself: a flipped bit anywhere in the stream is `corrupt`.
 */
import { constants as bufferConstants } from 'node:buffer';
import { inflateSync } from 'node:zlib';
import { checkMaxOutputBytes, corrupt, outputLimit } from './limits.js';

export interface Inflated {
  readonly bytes: Uint8Array;
  /** Input bytes the zlib stream occupied (header, deflate data and Adler-32). */
  readonly consumed: number;
}

/**
 * Inflates the zlib stream at the start of `input`; bytes after its Adler-32 are not read.
 * Throws `InputError('corrupt')` for bad or truncated data, `InputError('limit')` past
 * `maxOutputBytes`. Memory: the output only.
 */
export function zlibInflatePrefix(input: Uint8Array, maxOutputBytes: number): Inflated {
  checkMaxOutputBytes(maxOutputBytes);
  // maxOutputLength must be ≥ 1 and ≤ the largest Buffer; a 0-byte bound is checked below.
  const bound = Math.min(Math.max(maxOutputBytes, 1), bufferConstants.MAX_LENGTH);
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    // `info: true` returns the engine, whose bytesWritten is the input it consumed.
    result = inflateSync(input, { maxOutputLength: bound, info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw outputLimit('zlib', maxOutputBytes);
    throw corrupt('zlib', `${(error as Error).message}${code === undefined ? '' : ` (${code})`}`);
  }
  if (result.buffer.length > maxOutputBytes) throw outputLimit('zlib', maxOutputBytes);
  return { bytes: new Uint8Array(result.buffer.buffer, result.buffer.byteOffset, result.buffer.byteLength), consumed: result.engine.bytesWritten };
}

/** Inflates a zlib stream that fills `input` exactly (bytes after the Adler-32 are `corrupt`). */
export function zlibDecompress(input: Uint8Array, maxOutputBytes: number): Uint8Array {
  const { bytes, consumed } = zlibInflatePrefix(input, maxOutputBytes);
  if (consumed !== input.length) throw corrupt('zlib', `${input.length - consumed} bytes after the end of the stream`, consumed);
  return bytes;
}
