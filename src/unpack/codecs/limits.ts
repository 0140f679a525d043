/**
 * The output bound every codec in this folder shares: callers state `maxOutputBytes`, a codec
 * never allocates or produces more, and says so with `InputError('limit')`.
 */
import { InputError } from '../types.js';

/** Misuse (not input): a bound that is not a non-negative safe integer. */
export function checkMaxOutputBytes(maxOutputBytes: number): void {
  if (!Number.isSafeInteger(maxOutputBytes) || maxOutputBytes < 0) {
    throw new RangeError(`maxOutputBytes must be a non-negative integer, got ${maxOutputBytes}`);
  }
}

export function outputLimit(codec: string, maxOutputBytes: number, offset?: number): InputError {
  return new InputError('limit', `${codec}: output exceeds the ${maxOutputBytes}-byte limit`, offset);
}

export function corrupt(codec: string, message: string, offset?: number): InputError {
  return new InputError('corrupt', `${codec}: ${message}`, offset);
}

/** Joins decoded pieces into one array (no copy for a single piece, or for pieces that are consecutive views of one buffer). */
export function concatBytes(pieces: readonly Uint8Array[], total: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  if (pieces.length > 1 && consecutiveViews(pieces)) return new Uint8Array(pieces[0]!.buffer, pieces[0]!.byteOffset, total);
  const out = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function consecutiveViews(pieces: readonly Uint8Array[]): boolean {
  for (let i = 1; i < pieces.length; i++) {
    const previous = pieces[i - 1]!;
    if (pieces[i]!.buffer !== previous.buffer || pieces[i]!.byteOffset !== previous.byteOffset + previous.length) return false;
  }
  return true;
}
