/** Builds raw `Needle` objects for tests that hand-craft bytes instead of expanding a term. */
import type { Encoding, Needle, Term } from '../../src/patterns/types.js';

export function rawNeedle(term: Term, encoding: Encoding, bytes: Uint8Array, id = 0): Needle {
  return { id, term, variant: term.text, encoding, form: 'raw', syntax: 'raw', encoded: bytes, bytes, foldMask: new Uint8Array(bytes.length) };
}
