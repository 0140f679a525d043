import type { Needle } from '../patterns/types.js';

/** A raw automaton hit: may or may not be real until verified. `[start, end)` are absolute byte offsets in the object. */
export interface Candidate {
  readonly needle: Needle;
  readonly start: number;
  readonly end: number;
}

/**
 * Bytes around a candidate, as the searcher kept them: `bytes[i]` is the object's byte at
 * offset `windowStart + i`. The window holds at least `lookBehind` bytes before the hit and
 * `lookAhead` after it, unless the object starts or ends sooner (`atObjectStart`/`atObjectEnd`).
 */
export interface Window {
  readonly bytes: Uint8Array;
  readonly windowStart: number;
  readonly atObjectStart: boolean;
  readonly atObjectEnd: boolean;
}

/**
 * misaligned: not on a character boundary (or base64 group place); boundary: touches a word
 * character; excluded-context: a pack `notAfter`/`notBefore`; case: a byte in the wrong ASCII
 * case; syntax: the escape or base64 syntax around the hit does not hold (an escaped backslash,
 * missing base64 edge characters).
 */
export type RejectReason = 'misaligned' | 'boundary' | 'excluded-context' | 'case' | 'syntax';

/** Verification verdict of one candidate. */
export type Verdict =
  | { readonly ok: true; readonly alignment: 'aligned' | 'indeterminate'; readonly notes: readonly string[] }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };
