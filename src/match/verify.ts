/**
 * Verification of raw automaton hits (DESIGN.md, "Matching"; research/vocabulary.md §2.6–2.7;
 * requirements R17, R18, R21). A pure function of the candidate and the bytes around it, applied
 * in a fixed order: case (the needle's fold mask), then for raw bytes character alignment, token
 * boundary and pack exclusions (`verify-raw.ts`), for escapes and base64 the syntax around the
 * hit, then boundary and exclusions in that syntax (`verify-forms.ts`).
 */
import { isUtf8 } from 'node:buffer';
import { asciiLetterMask } from '../patterns/needles.js';
import type { Needle } from '../patterns/types.js';
import type { Candidate, Verdict, Window } from './types.js';
import { checkWritten } from './verify-forms.js';
import { checkEncoded, hex, isAsciiOnly, leadRun, reject, type Hit, type Rejection } from './verify-raw.js';

/** Note on an ASCII needle hit whose first byte may be the trail of a GBK/Big5 lead byte before it (R18). */
export const possibleTrailByteOverlap = 'possible-trail-byte-overlap';

/**
 * Decides whether a candidate is a real occurrence of its needle's text in the needle's encoding
 * and form. Rejections carry a reason and a human-readable detail; acceptance carries the
 * alignment (`indeterminate` when the window is too short to decide, when for UTF-16/32 a
 * shifted byte grid reads as text at least as well as the hit's own, or when a base64 run's
 * start cannot be seen) and notes.
 *
 * Memory: a few small temporaries per call; once per needle (cached in WeakMaps keyed by the
 * needle) its exclusions written like the needle.
 * Errors: throws `RangeError` when the candidate does not lie inside the window with the needle's
 * length (misuse of the searcher contract).
 */
export function verifyCandidate(c: Candidate, w: Window): Verdict {
  const s = c.start - w.windowStart;
  const e = c.end - w.windowStart;
  if (s < 0 || e > w.bytes.length || e - s !== c.needle.bytes.length) {
    throw new RangeError(`candidate [${c.start}, ${c.end}) does not fit its window at ${w.windowStart}`);
  }
  const hit: Hit = { needle: c.needle, b: w.bytes, s, e, atStart: w.atObjectStart, atEnd: w.atObjectEnd };
  const caseRejection = checkCase(hit);
  if (caseRejection) return caseRejection;
  const symbolNotes: string[] = [];
  const result = hit.needle.syntax === 'raw' ? checkEncoded(hit, symbolNotes) : checkWritten(hit);
  if (typeof result !== 'string') return result;
  return { ok: true, alignment: result, notes: [...symbolNotes, ...notesOf(hit)] };
}

/** The automaton folds every ASCII letter; only the needle's fold mask may differ in case. */
function checkCase({ needle, b, s }: Hit): Rejection | undefined {
  const { bytes, foldMask } = needle;
  for (let i = 0; i < bytes.length; i++) {
    const want = bytes[i]!;
    const got = b[s + i]!;
    if (got === want || (foldMask[i] === 1 && (got | 0x20) === (want | 0x20))) continue;
    return reject('case', `byte ${i} of the hit is 0x${hex(got)}, needle has 0x${hex(want)} (${caseWhy(needle, i)})`);
  }
  return undefined;
}

function caseWhy(needle: Needle, i: number): string {
  if (needle.syntax !== 'raw') return needle.form === 'base64' ? 'base64 letters are data' : 'only hex digits of an escape may change case';
  if (needle.term.case === 'sensitive') return 'the needle is case-sensitive';
  return asciiLetterMask(needle.encoded, needle.encoding)[i] === 1 ? 'not the same letter' : 'a byte that is not an ASCII letter of the text';
}

/**
 * R18: an ASCII needle (labelled UTF-8, standing for GB18030 and Big5 too) after an odd run of
 * 0x81–0xFE bytes, starting with a byte that can be a trail (0x40–0x7E), may be the tail of a
 * GBK character plus the rest (丒M_NATION… = `81 45 4d …` reads 丒 then `M_NATION…`). It stays a
 * hit (a binary's length byte looks the same) and confidence is lowered.
 */
function notesOf({ needle, b, s }: Hit): string[] {
  if (needle.syntax !== 'raw' || needle.encoding !== 'utf-8' || !isAsciiOnly(needle.bytes)) return [];
  const first = needle.bytes[0]!;
  if (first < 0x40 || first > 0x7e) return [];
  if (leadRun(b, s) % 2 === 0 || endsInUtf8Text(b, s)) return [];
  return [possibleTrailByteOverlap];
}

/**
 * True when the non-ASCII bytes right before `at` are whole UTF-8 characters: `# 参考EM_RACE_TYPE`
 * (`e5 8f 82 e8 80 83 45 4d …`) is UTF-8 text, where a trail byte cannot be the hit's first byte.
 * A run that reaches the window's start proves nothing.
 */
function endsInUtf8Text(b: Uint8Array, at: number): boolean {
  let from = at;
  while (from > 0 && b[from - 1]! >= 0x80) from--;
  if (from === 0) return false; // the run may go on before the window: cannot tell
  return isUtf8(b.subarray(from, at)); // well-formed UTF-8 as a fatal TextDecoder reads it, without a thrown error per miss
}
