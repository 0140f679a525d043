/**
 * Lossless text for the report: paths and member names are bytes, and the report keeps them
 * byte-exact (ripgrep's `text`/`bytes` convention, DESIGN "Report contract").
 */
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { LosslessText } from '../core/types.js';

// fatal: invalid UTF-8 throws instead of turning into U+FFFD; ignoreBOM: keep a leading
// EF BB BF as U+FEFF instead of silently dropping it (which would not round-trip).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as a string when they are valid UTF-8, else `{ base64 }` of the exact bytes. Never lossy. */
export function losslessText(bytes: Uint8Array): LosslessText {
  try {
    return strictUtf8.decode(bytes);
  } catch (error) {
    // The only failure TextDecoder has with fatal: true is invalid input; anything else is a bug.
    if (!(error instanceof TypeError)) throw error;
    return { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
  }
}
