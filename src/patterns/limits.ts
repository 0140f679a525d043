/**
 * Limits that keep a valid but extreme pattern pack from costing minutes and gigabytes: every
 * spelling becomes about 34 bytes of needles over all encodings and forms (shipped packs:
 * 3,648 spelling bytes → 125,265 needle bytes), and needle bytes bound the automaton's states.
 * Each limit leaves the shipped packs a wide margin (their figures are in the comments):
 *
 * | limit                         | value   | shipped packs |
 * |-------------------------------|---------|---------------|
 * | terms, all packs              | 2,000   | 88            |
 * | spellings (text + variants)   | 4,000   | 202           |
 * | spelling bytes (UTF-8)        | 64 KiB  | 3,648         |
 * | shortest needle of a spelling | 3 bytes | 4             |
 * | needles after expansion       | 60,000  | 3,694         |
 * | needle bytes after expansion  | 2 MiB   | 125,265       |
 *
 * The first four are checked on the packs before expansion (so a 10,000-term pack is refused
 * before its needles are built); the last two on the expanded needle set.
 */
import type { NeedleSet } from './needles.js';
import type { Term } from './types.js';

export const packLimits = {
  terms: 2_000,
  spellings: 4_000,
  spellingBytes: 64 * 1024,
  minNeedleBytes: 3,
  needles: 60_000,
  needleBytes: 2 * 1024 * 1024,
} as const;

/** A limit crossed: where in the pack (JSON Pointer) and why. */
export interface LimitProblem {
  readonly pointer: string;
  readonly message: string;
}

/**
 * The fewest bytes a spelling's needle can have: ASCII is one byte in UTF-8, GB18030 and Big5,
 * any other character at least two (GB18030, Big5, UTF-16).
 */
export function shortestNeedleBytes(spelling: string): number {
  let bytes = 0;
  // UTF-16 code units, not a string iterator (every spelling on every start): a surrogate pair
  // is one character of at least 2 bytes, counted as such by its first half only.
  for (let i = 0; i < spelling.length; i++) {
    const unit = spelling.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0 && spelling.charCodeAt(i - 1) >= 0xd800 && spelling.charCodeAt(i - 1) <= 0xdbff) continue;
    bytes += unit < 0x80 ? 1 : 2;
  }
  return bytes;
}

// C0 controls and DEL: no term is spelled with them, and control bytes (NUL runs above all) fill images.
const controlCharacter = /[\u0000-\u001f\u007f]/u;

/** Problems of one spelling on its own: too short to be evidence, or made of control bytes. */
export function spellingProblem(spelling: string): string | undefined {
  if (controlCharacter.test(spelling)) return 'spelling holds a control character (U+0000-U+001F, U+007F); control bytes fill binary images and are never a term';
  const bytes = shortestNeedleBytes(spelling);
  if (bytes < packLimits.minNeedleBytes) {
    return `spelling encodes to ${bytes} byte${bytes === 1 ? '' : 's'} in some encoding; needles shorter than ${packLimits.minNeedleBytes} bytes match random binary data every few KiB`;
  }
  return undefined;
}

/** Running totals over the packs loaded so far; `add` refuses a pack that would cross a limit. */
export class PackBudget {
  #terms = 0;
  #spellings = 0;
  #spellingBytes = 0;

  /** Adds the pack's terms, or returns the limit it would cross (the totals then stay as they were). */
  add(terms: readonly Term[]): LimitProblem | undefined {
    const spellings = terms.flatMap((term) => [term.text, ...term.variants]);
    const totalTerms = this.#terms + terms.length;
    const totalSpellings = this.#spellings + spellings.length;
    const totalBytes = this.#spellingBytes + spellings.reduce((sum, spelling) => sum + Buffer.byteLength(spelling, 'utf8'), 0);
    if (totalTerms > packLimits.terms) return { pointer: '/terms', message: `the packs hold ${totalTerms} terms together, more than the ${packLimits.terms}-term limit; pack not loaded` };
    if (totalSpellings > packLimits.spellings) return { pointer: '/terms', message: `the packs hold ${totalSpellings} spellings (texts and variants) together, more than the ${packLimits.spellings}-spelling limit; pack not loaded` };
    if (totalBytes > packLimits.spellingBytes) return { pointer: '/terms', message: `the packs' spellings take ${totalBytes} bytes of UTF-8 together, more than the ${packLimits.spellingBytes}-byte limit (about ${packLimits.needleBytes} bytes of needles); pack not loaded` };
    this.#terms = totalTerms;
    this.#spellings = totalSpellings;
    this.#spellingBytes = totalBytes;
    return undefined;
  }
}

/** The expanded needle set's size against the automaton bound: an empty list when within it. */
export function needleSetProblems(set: NeedleSet): LimitProblem[] {
  const problems: LimitProblem[] = [];
  if (set.needles.length > packLimits.needles) problems.push({ pointer: '/', message: `the packs expand to ${set.needles.length} needles, more than the ${packLimits.needles}-needle limit` });
  const bytes = set.needles.reduce((sum, needle) => sum + needle.bytes.length, 0);
  if (bytes > packLimits.needleBytes) problems.push({ pointer: '/', message: `the packs expand to ${bytes} needle bytes, more than the ${packLimits.needleBytes}-byte limit (each byte can be an automaton state)` });
  return problems;
}
