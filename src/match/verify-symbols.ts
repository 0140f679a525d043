/**
 * Identifiers inside compiled symbols (issue 12 point 5). Binaries join names without the
 * separators the boundary rule looks for: Itanium C++ (`_ZN6NETDEV27NETDEV_SKINCOLOR_TYPE_WHITEE`),
 * legacy and v0 Rust and Swift put each name's decimal length right before it; JNI joins the
 * package, class and method with `_` (`Java_com_vendor_sdk_FaceAttr_getRace`); Objective-C's
 * class and ivar symbols start the name after `$_` (`_OBJC_CLASS_$_EMRaceType`). Go (`sdk.EM_RACE_TYPE`)
 * and demangled Rust/C++ (`sdk::SkinColor`) need nothing: `.` and `:` are boundaries already.
 *
 * When the boundary rule rejects a raw identifier hit, `rescueBoundary` says whether one of
 * these forms explains the neighbours (the hit is reported with the form as a note), or, for a
 * high-precision identifier joined only by digits or `_` (`EM_RACE_TYPE_EX`, `2EM_RACE_TYPE`) that no
 * form explains, that it is kept with a missing boundary (the confidence drops one level). Short ambiguous words keep their boundary rule: only the
 * length-prefixed form, whose decimal length must equal the name's, applies to them. A
 * JNI-escaped spelling (`EM_1RACE_1TYPE`, `src/patterns/needles.ts`) is kept only in the JNI form.
 */
import type { Needle } from '../patterns/types.js';

/** The hit as `verify-raw.ts` sees it: `b[s, e)` holds the needle's bytes. */
interface Hit {
  readonly needle: Needle;
  readonly b: Uint8Array;
  readonly s: number;
  readonly e: number;
}

/** Note prefix of a hit found inside a compiled symbol: `symbol:itanium`, `symbol:jni`… */
export const symbolNotePrefix = 'symbol:';
/** Note on a high-precision identifier kept although a letter, digit or `_` touches it. */
export const missingBoundary = 'boundary-missing';

/** Bytes looked at before the hit to find where a symbol starts. */
const maxSymbolLookBehind = 256;

/** A note that keeps a boundary-rejected hit, or undefined to keep the rejection. */
export function rescueBoundary(hit: Hit): string | undefined {
  const { needle } = hit;
  if (needle.syntax !== 'raw' || needle.encoding !== 'utf-8' || needle.term.kind !== 'identifier') return undefined;
  if (needle.jni) return joinedForm(hit) === 'jni' ? `${symbolNotePrefix}jni` : undefined;
  const lengthPrefixed = lengthPrefixedForm(hit);
  if (lengthPrefixed !== undefined) return `${symbolNotePrefix}${lengthPrefixed}`;
  if (needle.term.precision === 'ambiguous') return undefined;
  const joined = joinedForm(hit);
  if (joined !== undefined) return `${symbolNotePrefix}${joined}`;
  // A letter next to the hit continues a word (`ITEM_RACE_TYPE_HUMAN` holds `EM_RACE_TYPE`): keep the rejection.
  if (needle.term.precision !== 'high' || isLetter(hit.b[hit.s - 1]) || isLetter(hit.b[hit.e])) return undefined;
  return missingBoundary;
}

/**
 * A decimal length right before the hit that equals the length of the name starting there
 * (the name may run past the hit only if the byte after the hit is checked like any other).
 * Named after the symbol's prefix: `_Z` Itanium C++ (and legacy Rust), `_R` Rust v0, `$s`/`$S`
 * Swift; otherwise plain `length-prefixed`.
 */
function lengthPrefixedForm({ b, s, e }: Hit): string | undefined {
  let digitsStart = s;
  while (digitsStart > 0 && s - digitsStart < 4 && isDigit(b[digitsStart - 1]!)) digitsStart--;
  if (digitsStart === s || b[digitsStart] === 0x30) return undefined;
  // Take the longest digit suffix that names a length fitting the hit (`_ZN16…` could be 1 then 6…).
  for (let from = digitsStart; from < s; from++) {
    if (b[from] === 0x30) continue;
    const length = Number(String.fromCharCode(...b.subarray(from, s)));
    if (s + length < e || s + length > b.length) continue;
    if (!allIdentifierChars(b, s, s + length)) continue;
    if (s + length > e && isIdentifierChar(b[e]!)) continue; // the name goes on past the hit: not this term's whole name
    return symbolFamily(b, from);
  }
  return undefined;
}

function symbolFamily(b: Uint8Array, nameStart: number): string {
  const start = symbolStart(b, nameStart);
  const head = String.fromCharCode(...b.subarray(start, Math.min(nameStart, start + 4)));
  if (/^_{1,2}Z/.test(head)) return 'itanium';
  if (/^_R/.test(head)) return 'rust-v0';
  if (/^_?\$[sS]/.test(head)) return 'swift';
  return 'length-prefixed';
}

/** JNI `Java_pkg_Class_method` (the hit after a `_` of a symbol starting `Java_`) or Objective-C `…$_Name`. */
function joinedForm({ b, s, e }: Hit): string | undefined {
  const before = b[s - 1];
  const after = b[e];
  if (before === 0x5f && b[s - 2] === 0x24) return endsName(after) ? 'objective-c' : undefined;
  if (before !== 0x5f) return undefined;
  const start = symbolStart(b, s);
  if (!startsWith(b, start, 'Java_')) return undefined;
  // After the name: the end of the symbol, or `_` joining the next part (`_0xxxx`, `_1`…`_3` are JNI escapes inside a name).
  if (after === 0x5f) return isDigit(b[e + 1] ?? 0) && b[e + 1]! <= 0x33 ? undefined : 'jni';
  return endsName(after) ? 'jni' : undefined;
}

function endsName(after: number | undefined): boolean {
  return after === undefined || !isIdentifierChar(after);
}

/** Where the symbol holding `at` starts: back over identifier characters and `$`. */
function symbolStart(b: Uint8Array, at: number): number {
  let start = at;
  while (start > 0 && at - start < maxSymbolLookBehind && (isIdentifierChar(b[start - 1]!) || b[start - 1] === 0x24)) start--;
  return start;
}

function startsWith(b: Uint8Array, at: number, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (b[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function allIdentifierChars(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isIdentifierChar(b[i]!)) return false;
  return true;
}

function isLetter(v: number | undefined): boolean {
  return v !== undefined && ((v >= 0x41 && v <= 0x5a) || (v >= 0x61 && v <= 0x7a));
}

function isDigit(v: number): boolean {
  return v >= 0x30 && v <= 0x39;
}

function isIdentifierChar(v: number): boolean {
  return isLetter(v) || isDigit(v) || v === 0x5f;
}
