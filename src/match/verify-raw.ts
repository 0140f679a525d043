/**
 * Verification rules for bytes in a character encoding (DESIGN.md, "Matching"; vocabulary.md
 * §2.6–2.7; requirements R17, R21): character alignment, token boundary, pack exclusions. Used
 * for raw hits, and for base64 hits on the bytes decoded around them.
 *
 * The file is longer than most because each encoding's alignment rule is written out with the
 * reasoning that justifies it; the rules share helpers and are tested together.
 */
import { encodeText, writeText } from '../patterns/needles.js';
import type { Encoding, Needle } from '../patterns/types.js';
import type { RejectReason } from './types.js';
import { rescueBoundary } from './verify-symbols.js';

export type Alignment = 'aligned' | 'indeterminate';
export type Rejection = { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

/** Hit bytes and window, with the hit as indices into `b`. */
export interface Hit {
  readonly needle: Needle;
  readonly b: Uint8Array;
  readonly s: number;
  readonly e: number;
  /** `b[0]` is the first byte of the object (nothing before it to judge). */
  readonly atStart: boolean;
  /** `b[b.length - 1]` is the last byte of the object. */
  readonly atEnd: boolean;
}

/**
 * Alignment, then boundary, then exclusions, for a hit of bytes in `hit.needle.encoding`. A
 * boundary rejection is overruled by a compiled-symbol form (`verify-symbols.ts`), whose note is
 * pushed to `notes`.
 */
export function checkEncoded(hit: Hit, notes: string[]): Alignment | Rejection {
  const alignment = checkAlignment(hit);
  if (typeof alignment !== 'string') return alignment;
  // A JNI-escaped spelling (`EM_1RACE_1TYPE`) is evidence only inside a `Java_` symbol, never on its own.
  const boundary = hit.needle.jni ? reject('boundary', 'a JNI-escaped spelling outside a Java_ symbol') : checkBoundary(hit, charBefore(hit), charAfter(hit));
  if (boundary !== undefined) {
    const rescue = rescueBoundary(hit);
    if (rescue === undefined) return boundary;
    notes.push(rescue);
  }
  return checkExclusions(hit) ?? alignment;
}

// ---------------------------------------------------------------------------------------------
// Alignment: does the hit start on a character boundary of its encoding?

function checkAlignment(hit: Hit): Alignment | Rejection {
  switch (hit.needle.encoding) {
    case 'utf-8':
      return utf8Alignment();
    case 'gb18030':
    case 'big5':
      return doubleByteAlignment(hit);
    case 'utf-16le':
    case 'utf-16be':
      return unitAlignment(hit, 2, hit.needle.encoding === 'utf-16le');
    case 'utf-32le':
    case 'utf-32be':
      return unitAlignment(hit, 4, hit.needle.encoding === 'utf-32le');
  }
}

/**
 * UTF-8 is self-synchronising: needles start with an ASCII or lead byte, and neither can be
 * the continuation of a sequence before it, so a UTF-8 hit is always on a character boundary.
 * An incomplete sequence right before the hit (a length byte in a binary, GBK text) is that
 * sequence's problem, not the hit's: rejecting it would turn a real string into a miss.
 */
function utf8Alignment(): Alignment {
  return 'aligned';
}

/**
 * True when the first byte of `encoded` (GB18030 or Big5) could be the trail byte of a
 * character before it: a lead-range byte, an ASCII-range trail (0x40–0x7E), or the start of a
 * GB18030 four-byte sequence `digit lead digit`.
 */
export function mayStartOnTrail(encoded: Uint8Array, encoding: Encoding): boolean {
  const first = encoded[0]!;
  return (
    first >= 0x81 ||
    (first >= 0x40 && first <= 0x7e) ||
    (encoding === 'gb18030' && isDigit(first) && encoded.length >= 3 && encoded[1]! >= 0x81 && isDigit(encoded[2]!))
  );
}

/**
 * GB18030 and Big5 lead bytes are 0x81–0xFE and every trail byte follows its lead, so a run of
 * 0x81–0xFE bytes starts on a character boundary (the byte before it is ASCII, a trail in
 * 0x40–0x7E, a GB18030 four-byte tail digit, or invalid) and is read in pairs. An odd run
 * before the hit means the hit's first byte is the trail of the run's last lead: misaligned
 * (叭酥帧 `b0 c8 cb d6 d6 a1` contains 人种 `c8 cb d6 d6` at an odd run of 1). A needle that starts
 * with an ASCII-range byte is only at risk when that byte can be a trail.
 *
 * The end needs no check: decoding is left to right and the needle is a complete encoding, so
 * once its first byte starts a character its last character ends at its last byte, and the next
 * byte starts a new one whatever it is.
 */
function doubleByteAlignment({ needle, b, s, atStart }: Hit): Alignment | Rejection {
  if (!mayStartOnTrail(needle.bytes, needle.encoding)) return 'aligned';
  const run = leadRun(b, s);
  if (run === s && !atStart) return 'indeterminate';
  if (run % 2 === 1) {
    return reject('misaligned', `${run} byte(s) in 0x81–0xFE precede the hit: its first byte is the trail of 0x${hex(b[s - 1]!)}`);
  }
  return 'aligned';
}

/** Number of consecutive bytes in 0x81–0xFE ending just before index `at`. */
export function leadRun(b: Uint8Array, at: number): number {
  let k = at;
  while (k > 0 && b[k - 1]! >= 0x81 && b[k - 1]! <= 0xfe) k--;
  return at - k;
}

/** Units read on each side when comparing grids. */
const maxContextUnits = 16;
/** An alternative grid must score at least this many text units on each side to overrule the hit's own. */
const minOppositeSideScore = 6;

/**
 * UTF-16/UTF-32 hits carry no parity of their own: a binary gives no reliable even/odd origin,
 * so compare the hit's grid with each shifted grid (by 1 byte for UTF-16; 1–3 for UTF-32).
 *
 * 1. Cover: on the shifted grid, every unit overlapping the hit must be plausible text, and
 *    most of them more than "weak" (below); otherwise the shifted reading breaks inside the hit
 *    and the hit's grid wins: `aligned`. (ASCII in UTF-16 read one byte off is all weak units,
 *    `45 00 4d 00` → U+4D00 U+5F00…: a run of CJK characters that all end in 00 is not text, so
 *    a UTF-16 identifier is never taken for a straddle, whatever text surrounds it.)
 * 2. Score each grid outward from the hit, up to 16 units per side: +1 per text unit
 *    (ASCII printable or tab/CR/LF; Latin, Greek, Cyrillic, Arabic, punctuation, CJK, kana,
 *    Hangul, full-width), 0 for a "weak" unit whose low byte is 0 (ASCII read one byte off,
 *    e.g. `00 41` in UTF-16LE = U+4100; also 一 U+4E00), +1 and stop at a NUL unit (a string
 *    terminator), stop at anything else or at the window edge.
 * 3. `misaligned` when a shifted grid scores at least 6 on *each* side and at least
 *    2 × own + 2 in total: the text run clearly lives on the other grid, on both sides, and the
 *    hit straddles its characters. `indeterminate` when a shifted grid scores at least as much
 *    as the hit's own grid in total; otherwise `aligned`.
 *
 * Random bytes read as text units about 60 % of the time (CJK and Hangul fill much of the BMP),
 * hence the two-sided margin: a genuine hit amid binary fields must not be rejected by chance
 * (about 0.2 % of 人种 hits in random bytes are; a one-sided total of 6 rejected 7 %). A hit at
 * the very edge of a straddled run is accepted: a miss is worse than a false hit. ASCII text
 * in UTF-16 read in both byte orders is the same text shifted by one byte (`x\0R\0A\0` holds
 * UTF-16BE `\0R\0A` at offset 1); both grids score alike and this rule cannot tell them apart.
 */
function unitAlignment(hit: Hit, unit: number, le: boolean): Alignment | Rejection {
  const own = gridScores(hit, hit.s, unit, le).reduce((x, y) => x + y);
  let verdict: Alignment = 'aligned';
  for (let d = 1; d < unit; d++) {
    const start = hit.s - d;
    let covered = true;
    let text = 0;
    let units = 0;
    for (let at = start; at < hit.e; at += unit) {
      const v = unitAt(hit.b, at, unit, le);
      const kind = v === undefined ? 'stop' : classify(v);
      if (kind === 'stop') covered = false;
      if (kind === 'text') text++;
      units++;
    }
    if (!covered || 2 * text <= units) continue;
    const [left, right] = gridScores(hit, start, unit, le);
    const other = left + right;
    if (left >= minOppositeSideScore && right >= minOppositeSideScore && other >= 2 * own + 2) {
      return reject('misaligned', `the text run lies ${d} byte(s) off the hit (${other} text units vs ${own}): the hit straddles characters`);
    }
    if (other >= own) verdict = 'indeterminate';
  }
  return verdict;
}

/** Text scores of the grid through `origin`, left of the hit and right of it. */
function gridScores({ b, e }: Hit, origin: number, unit: number, le: boolean): [number, number] {
  let after = origin; // first unit of the grid starting at or after the hit's end
  while (after < e) after += unit;
  return [sideScore(b, origin - unit, -unit, unit, le), sideScore(b, after, unit, unit, le)];
}

function sideScore(b: Uint8Array, from: number, step: number, unit: number, le: boolean): number {
  let score = 0;
  for (let i = 0, at = from; i < maxContextUnits; i++, at += step) {
    const v = unitAt(b, at, unit, le);
    if (v === undefined) break;
    const kind = v === 0 ? 'nul' : classify(v);
    if (kind === 'stop') break;
    if (kind === 'nul') return score + 1;
    if (kind === 'text') score++;
  }
  return score;
}

function classify(v: number): 'text' | 'weak' | 'stop' {
  if (v === 0x09 || v === 0x0a || v === 0x0d || (v >= 0x20 && v <= 0x7e)) return 'text';
  if (v > 0xffff) return v <= 0x10ffff && v >= 0x20000 && v <= 0x3ffff ? 'text' : 'stop';
  if ((v & 0xff) === 0 && v !== 0) return 'weak';
  if (
    (v >= 0x00a0 && v <= 0x024f) ||
    (v >= 0x0370 && v <= 0x04ff) ||
    (v >= 0x0600 && v <= 0x06ff) ||
    (v >= 0x2000 && v <= 0x206f) ||
    (v >= 0x3000 && v <= 0x30ff) ||
    (v >= 0x3400 && v <= 0x4dbf) ||
    (v >= 0x4e00 && v <= 0x9fff) ||
    (v >= 0xac00 && v <= 0xd7a3) ||
    (v >= 0xff00 && v <= 0xffef)
  ) {
    return 'text';
  }
  return 'stop';
}

function unitAt(b: Uint8Array, at: number, unit: number, le: boolean): number | undefined {
  if (at < 0 || at + unit > b.length) return undefined;
  let v = 0;
  for (let k = 0; k < unit; k++) v = v * 256 + b[le ? at + unit - 1 - k : at + k]!;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Boundary: identifier and word terms must not touch [A-Za-z0-9_] / [A-Za-z0-9].

/** `before`/`after` are the ASCII codes of the neighbouring characters, undefined when there is none or it is not ASCII. */
export function checkBoundary(hit: Hit, before: number | undefined, after: number | undefined): Rejection | undefined {
  const { boundary } = hit.needle.term;
  if (boundary === 'none') return undefined;
  const isWord = boundary === 'identifier' ? isIdentifierChar : isWordChar;
  if (before !== undefined && isWord(before)) {
    return reject('boundary', `'${String.fromCharCode(before)}' directly before the hit continues the ${boundary}`);
  }
  if (after !== undefined && isWord(after)) {
    return reject('boundary', `'${String.fromCharCode(after)}' directly after the hit continues the ${boundary}`);
  }
  return undefined;
}

/** The ASCII code of the character before the hit, if it is one; undefined when not decidable. */
function charBefore({ needle, b, s }: Hit): number | undefined {
  const unit = unitSize(needle.encoding);
  if (unit > 1) return unitAt(b, s - unit, unit, needle.encoding.endsWith('le'));
  if (s === 0) return undefined;
  const v = b[s - 1]!;
  // In GB18030/Big5 an ASCII-range byte after an odd run of lead bytes is a trail, not a letter.
  if ((needle.encoding === 'gb18030' || needle.encoding === 'big5') && leadRun(b, s - 1) % 2 === 1) return undefined;
  return v;
}

function charAfter({ needle, b, e }: Hit): number | undefined {
  const unit = unitSize(needle.encoding);
  if (unit > 1) return unitAt(b, e, unit, needle.encoding.endsWith('le'));
  return e < b.length ? b[e] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Exclusions: notAfter / notBefore from the pack, compared as the needle writes its text.

interface Exclusions {
  readonly after: readonly Uint8Array[];
  readonly before: readonly Uint8Array[];
  /** `after` entries that are literal ASCII text (a digit), as opposed to an escape written in ASCII. */
  readonly literalAfter: ReadonlySet<Uint8Array>;
  /** Compare ASCII letters in either case: letters of a case-insensitive term, hex digits of escapes. */
  readonly fold: boolean;
}
const exclusionCache = new WeakMap<Needle, Exclusions>();

/**
 * Rejects a hit right after a `notAfter` text or right before a `notBefore` text. Memory: the
 * exclusions of each needle, encoded once and cached (WeakMap keyed by the needle).
 */
export function checkExclusions(hit: Hit): Rejection | undefined {
  const { needle, b, s, e } = hit;
  let ex = exclusionCache.get(needle);
  if (!ex) exclusionCache.set(needle, (ex = encodeExclusions(needle)));
  // In written text a literal digit before the hit is an exclusion; the last hex digit of an
  // escape (`\u5982` is 如) is not.
  const escapedBefore = needle.syntax !== 'raw' && endsWithEscape(b, s);
  for (const x of ex.after) {
    if (escapedBefore && ex.literalAfter.has(x)) continue;
    if (s >= x.length && bytesEqual(b, s - x.length, x, ex.fold)) {
      return reject('excluded-context', `preceded by excluded context ${hexString(x)} (notAfter)`);
    }
  }
  for (const x of ex.before) {
    if (e + x.length <= b.length && bytesEqual(b, e, x, ex.fold)) {
      return reject('excluded-context', `followed by excluded context ${hexString(x)} (notBefore)`);
    }
  }
  return undefined;
}

/**
 * An ASCII-only raw needle is labelled UTF-8 but also stands for GB18030 and Big5 (same bytes),
 * so its exclusions are encoded in all three. A written needle's exclusions are written in its
 * syntax (运 before `\u7ef4\u65cf` is `\u8fd0`). Unencodable exclusions are skipped.
 */
function encodeExclusions(needle: Needle): Exclusions {
  const raw = needle.syntax === 'raw';
  const encodings: Encoding[] = raw && needle.encoding === 'utf-8' && isAsciiOnly(needle.bytes) ? ['utf-8', 'gb18030', 'big5'] : [needle.encoding];
  const encodeAll = (texts: readonly string[]): Uint8Array[] => {
    const out = new Map<string, Uint8Array>();
    for (const text of texts) {
      for (const enc of encodings) {
        const bytes = raw ? encodeText(text, enc) : writeText(text, enc, needle.syntax);
        if (bytes && bytes.length > 0) out.set(hexString(bytes), bytes);
      }
    }
    return [...out.values()];
  };
  const after = encodeAll(needle.term.notAfter);
  const literal = new Set(needle.term.notAfter.filter((text) => /^[\x00-\x7f]+$/.test(text)).map((text) => hexString(Buffer.from(text, 'latin1'))));
  return {
    after,
    before: encodeAll(needle.term.notBefore),
    literalAfter: new Set(after.filter((bytes) => literal.has(hexString(bytes)))),
    fold: !raw || needle.term.case === 'insensitive',
  };
}

/** True when the bytes before `end` finish a `\uXXXX`, `\xNN`, octal `\NNN` or `%XX` escape. */
function endsWithEscape(b: Uint8Array, end: number): boolean {
  const tail = Buffer.from(b.subarray(Math.max(0, end - 6), end)).toString('latin1');
  return /\\u[0-9a-fA-F]{4}$|\\x[0-9a-fA-F]{2}$|\\[0-7]{3}$|%[0-9a-fA-F]{2}$/.test(tail);
}

function bytesEqual(b: Uint8Array, at: number, x: Uint8Array, fold: boolean): boolean {
  for (let i = 0; i < x.length; i++) {
    const got = b[at + i]!;
    const want = x[i]!;
    if (got !== want && !(fold && isAsciiLetter(want) && (got | 0x20) === (want | 0x20))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

export function reject(reason: RejectReason, detail: string): Rejection {
  return { ok: false, reason, detail };
}

function unitSize(encoding: Encoding): number {
  return encoding.startsWith('utf-32') ? 4 : encoding.startsWith('utf-16') ? 2 : 1;
}

export function isAsciiOnly(bytes: Uint8Array): boolean {
  return bytes.every((v) => v < 0x80);
}

function isAsciiLetter(v: number): boolean {
  return (v >= 0x41 && v <= 0x5a) || (v >= 0x61 && v <= 0x7a);
}

function isDigit(v: number): boolean {
  return v >= 0x30 && v <= 0x39;
}

function isWordChar(v: number): boolean {
  return isAsciiLetter(v) || isDigit(v);
}

function isIdentifierChar(v: number): boolean {
  return isWordChar(v) || v === 0x5f;
}

export function hex(v: number): string {
  return v.toString(16).padStart(2, '0');
}

export function hexString(bytes: Uint8Array): string {
  return Array.from(bytes, hex).join(' ');
}
