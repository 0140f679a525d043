/**
 * Verification of written forms (escapes and base64; `src/patterns/escapes.ts`). They are ASCII
 * text, so character alignment in the host text does not apply; what can go wrong is the
 * syntax around the hit:
 *
 * - a backslash escape (`\uXXXX`, `\\uXXXX`, `\xNN`, `\NNN`) preceded by an odd number of
 *   backslashes is literal text, not an escape: `\\u4eba` in a JSON string is the six
 *   characters `\u4eba`. That text is the double-escaped form, which its own needle reports;
 * - percent and C escapes of GB18030 bytes can start on a trail byte, just like raw GB18030:
 *   `%B0%C8%CB%D6%D6%A1` (叭酥帧) holds `%C8%CB%D6%D6` (人种), so lead-byte parity is counted over
 *   the escaped bytes before the hit;
 * - a base64 needle is the stable middle of a base64 string (YARA semantics), so the edge
 *   characters that mix the term with its neighbours must be there, and the run of base64
 *   characters before the hit must put the hit at its phase's place in a 4-character group.
 *
 * Entities and `\u{…}` need no check of their own: the needle holds each complete token, from
 * `&#`/`\u{` to `;`/`}`, so a hit is never part of a longer token.
 *
 * Token boundaries and pack exclusions are checked as for raw hits: on the literal characters
 * and escape tokens next to an escaped hit, and on the decoded bytes around a base64 hit.
 */
import { Buffer } from 'node:buffer';
import { base64Layout, base64Phase } from '../patterns/escapes.js';
import type { Needle, Syntax } from '../patterns/types.js';
import { checkBoundary, checkExclusions, hex, leadRun, mayStartOnTrail, reject, type Alignment, type Hit, type Rejection } from './verify-raw.js';

/** Checks a hit of a needle whose syntax is not `raw`. */
export function checkWritten(hit: Hit): Alignment | Rejection {
  const { syntax } = hit.needle;
  switch (syntax) {
    case 'raw':
      throw new RangeError('checkWritten() is for escaped and base64 needles');
    case 'base64-phase0':
    case 'base64-phase1':
    case 'base64-phase2':
      return checkBase64(hit);
    case 'json-u':
    case 'json-u-double':
    case 'c-hex':
    case 'c-octal': {
      const escaped = checkBackslashes(hit);
      if (escaped !== undefined) return escaped;
      return checkEscaped(hit, syntax);
    }
    case 'js-u-brace':
    case 'html-decimal':
    case 'html-hex':
    case 'url-percent':
      return checkEscaped(hit, syntax);
  }
}

// ---------------------------------------------------------------------------------------------
// Escapes

type EscapeSyntax = Exclude<Syntax, 'raw' | 'base64-phase0' | 'base64-phase1' | 'base64-phase2'>;

/** Backslashes pair up from the left: the hit's own backslash starts an escape only after an even number of them. */
function checkBackslashes({ b, s, atStart }: Hit): Rejection | 'indeterminate' | undefined {
  let k = s;
  while (k > 0 && b[k - 1] === 0x5c) k--;
  const count = s - k;
  if (k === 0 && !atStart && count > 0) return 'indeterminate';
  if (count % 2 === 1) {
    return reject('syntax', `${count} backslash(es) precede the hit: its first backslash is escaped, so this is literal text (the double-escaped form has its own needle)`);
  }
  return undefined;
}

function checkEscaped(hit: Hit, syntax: EscapeSyntax): Alignment | Rejection {
  const alignment = escapedAlignment(hit, syntax);
  if (typeof alignment !== 'string') return alignment;
  return checkBoundary(hit, tokenBefore(hit, syntax), tokenAfter(hit, syntax)) ?? checkExclusions(hit) ?? alignment;
}

const tokenPatterns: Readonly<Record<EscapeSyntax, { readonly before: RegExp; readonly after: RegExp }>> = {
  'json-u': { before: /\\u([0-9a-fA-F]{4})$/, after: /^\\u([0-9a-fA-F]{4})/ },
  'json-u-double': { before: /\\\\u([0-9a-fA-F]{4})$/, after: /^\\\\u([0-9a-fA-F]{4})/ },
  'js-u-brace': { before: /\\u\{([0-9a-fA-F]{1,6})\}$/, after: /^\\u\{([0-9a-fA-F]{1,6})\}/ },
  'html-decimal': { before: /&#([0-9]{1,7});$/, after: /^&#([0-9]{1,7});/ },
  'html-hex': { before: /&#[xX]([0-9a-fA-F]{1,6});$/, after: /^&#[xX]([0-9a-fA-F]{1,6});/ },
  'url-percent': { before: /%([0-9a-fA-F]{2})$/, after: /^%([0-9a-fA-F]{2})/ },
  'c-hex': { before: /\\x([0-9a-fA-F]{2})$/, after: /^\\x([0-9a-fA-F]{2})/ },
  'c-octal': { before: /\\([0-3][0-7]{2})$/, after: /^\\([0-3][0-7]{2})/ },
};

/** Longest escape token looked at (`&#1114111;`), in bytes. */
const maxTokenBytes = 12;

function tokenValue(syntax: Syntax, digits: string): number {
  return Number.parseInt(digits, syntax === 'html-decimal' ? 10 : syntax === 'c-octal' ? 8 : 16);
}

/**
 * The ASCII character just before the hit, reading an escape token there as the character it
 * stands for: a non-ASCII one (or a byte 0x80 and above) is no word character, `undefined`.
 */
function tokenBefore({ b, s }: Hit, syntax: EscapeSyntax): number | undefined {
  if (s === 0) return undefined;
  const match = tokenPatterns[syntax].before.exec(latin1(b, Math.max(0, s - maxTokenBytes), s));
  const value = match ? tokenValue(syntax, match[1]!) : b[s - 1]!;
  return value < 0x80 ? value : undefined;
}

function tokenAfter({ b, e }: Hit, syntax: EscapeSyntax): number | undefined {
  if (e >= b.length) return undefined;
  const match = tokenPatterns[syntax].after.exec(latin1(b, e, Math.min(b.length, e + maxTokenBytes)));
  const value = match ? tokenValue(syntax, match[1]!) : b[e]!;
  return value < 0x80 ? value : undefined;
}

/**
 * Lead-byte parity of percent and C escapes of GB18030 bytes (see `doubleByteAlignment` in
 * verify-raw.ts), counting escaped bytes in 0x81–0xFE before the hit; a literal character
 * (always below 0x80) ends the run. Escapes of UTF-8 bytes and of code points are aligned by
 * construction: UTF-8 is self-synchronising, and a code point is a whole character.
 */
function escapedAlignment(hit: Hit, syntax: EscapeSyntax): Alignment | Rejection {
  const { needle, b, s, atStart } = hit;
  if (needle.encoding !== 'gb18030' || !mayStartOnTrail(needle.encoded, needle.encoding)) return 'aligned';
  const pattern = tokenPatterns[syntax].before;
  let at = s;
  let run = 0;
  for (;;) {
    const match = pattern.exec(latin1(b, Math.max(0, at - maxTokenBytes), at));
    if (match === null) {
      if (at < maxTokenBytes && !atStart) return 'indeterminate'; // a token may be cut off by the window
      break;
    }
    const value = tokenValue(syntax, match[1]!);
    if (value < 0x81 || value > 0xfe) break;
    run++;
    at -= match[0].length;
  }
  if (run % 2 === 1) {
    return reject('misaligned', `${run} escaped byte(s) in 0x81–0xFE precede the hit: its first escaped byte is the trail of the one before`);
  }
  return 'aligned';
}

// ---------------------------------------------------------------------------------------------
// Base64

const base64Alphabet = (() => {
  const table = new Uint8Array(256);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') table[c.charCodeAt(0)] = 1;
  return table;
})();

function isBase64(v: number | undefined): boolean {
  return v !== undefined && base64Alphabet[v] === 1;
}

/** A byte that ends a base64 run in text: printable ASCII outside the alphabet (`"`, `,`, `=`, `>`, space…) or a tab. */
function isTextDelimiter(v: number): boolean {
  return v === 0x09 || (v >= 0x20 && v <= 0x7e && !isBase64(v));
}

/**
 * 1. The edge characters: a phase-1 or phase-2 term shares its first group with earlier bytes,
 *    so the 2 or 3 characters before the hit must be base64; a term that does not end on a
 *    character boundary shares its last character with the next byte, so the byte after the hit
 *    must be base64 too. Otherwise the hit is not inside a base64 string: rejected.
 * 2. The phase: walking back over base64 characters counts the characters before the hit; their
 *    number modulo 4 must be the phase's place in its group (0, 2 or 3). A single line break
 *    (MIME, PEM) may continue the run or start it, so each line start on the way is a candidate
 *    run start too; a blank line or any other byte ends the run. When no candidate fits and the
 *    run starts after a text delimiter or at the object start, the hit is `misaligned`; after a
 *    binary byte (a length prefix may itself read as a base64 letter) or beyond the window it
 *    is `indeterminate`.
 * 3. Boundary and exclusions: the run is decoded around the hit and the term's own rules are
 *    applied to the decoded bytes, as for a raw hit (so `EM_NATION_TYPE` inside base64 of
 *    `EM_NATION_TYPE_UYGUR` is rejected like its raw form).
 */
function checkBase64(hit: Hit): Alignment | Rejection {
  const { needle, b, s, e } = hit;
  const phase = base64Phase(needle.syntax);
  const { firstChar, tailBits } = base64Layout(needle.syntax, needle.encoded.length);
  for (let k = 1; k <= firstChar; k++) {
    if (s - k < 0) return hit.atStart ? reject('syntax', `phase ${phase} needs ${firstChar} base64 characters before the hit; the object starts ${k - 1} before it`) : 'indeterminate';
    if (!isBase64(b[s - k])) {
      return reject('syntax', `byte 0x${hex(b[s - k]!)} ${k} before the hit is not base64, but phase ${phase} needs ${firstChar} base64 characters there`);
    }
  }
  if (tailBits !== 0) {
    if (e >= b.length) return hit.atEnd ? reject('syntax', 'the object ends where the base64 character holding the end of the term should be') : 'indeterminate';
    if (!isBase64(b[e])) return reject('syntax', `byte 0x${hex(b[e]!)} after the hit is not base64, but the term's last bits need one more character`);
  }

  const run = runBefore(b, s);
  const fitting = run.counts.find((count) => count % 4 === firstChar % 4);
  if (fitting === undefined) {
    if (run.stop === 'window' && !hit.atStart) return 'indeterminate';
    if (typeof run.stop === 'number' && !isTextDelimiter(run.stop)) return 'indeterminate';
    const count = run.counts[run.counts.length - 1]!;
    return reject(
      'misaligned',
      `the base64 run holds ${count} character(s) before the hit, so the hit starts at place ${count % 4} of a 4-character group, not ${firstChar % 4} (phase ${phase})`,
    );
  }
  const rejection = checkDecoded(hit, fitting);
  if (rejection !== undefined) return rejection;
  // The run may go on before the window: the place in the group fits, but by chance or not?
  const unsure = run.stop === 'window' && !hit.atStart && fitting === run.counts[run.counts.length - 1];
  return unsure ? 'indeterminate' : 'aligned';
}

interface RunBefore {
  /** Base64 characters between each candidate run start and the hit, nearest start first. */
  readonly counts: readonly number[];
  /** What ended the run: a byte, a blank line, or the start of the window. */
  readonly stop: number | 'blank-line' | 'window';
}

function runBefore(b: Uint8Array, s: number): RunBefore {
  const counts: number[] = [];
  let at = s;
  let count = 0;
  for (;;) {
    if (at === 0) return { counts: [...counts, count], stop: 'window' };
    const v = b[at - 1]!;
    if (isBase64(v)) {
      count++;
      at--;
      continue;
    }
    let k = at;
    if (b[k - 1] === 0x0a) k--;
    if (k > 0 && b[k - 1] === 0x0d) k--;
    if (k === at) return { counts: [...counts, count], stop: v };
    counts.push(count); // a line start: maybe the run's start
    if (k === 0) return { counts, stop: 'window' };
    const previous = b[k - 1]!;
    if (!isBase64(previous)) return { counts, stop: previous === 0x0a || previous === 0x0d ? 'blank-line' : previous };
    at = k;
  }
}

/** Groups decoded on each side of the term for boundary and exclusion checks (6 bytes: two CJK characters in UTF-8). */
const contextGroups = 2;

const rawTwins = new WeakMap<Needle, Needle>();

/** The raw needle of the same bytes, so the raw rules (and their cached exclusions) apply to decoded bytes. */
function rawTwin(needle: Needle): Needle {
  let twin = rawTwins.get(needle);
  if (twin === undefined) {
    twin = { ...needle, form: 'raw', syntax: 'raw', bytes: needle.encoded, foldMask: new Uint8Array(needle.encoded.length) };
    rawTwins.set(needle, twin);
  }
  return twin;
}

/**
 * Decodes up to two groups before the term's first group and through two groups after its
 * last one, then applies boundary and exclusion rules. `countBefore` (base64 characters between
 * the run start and the hit) bounds how far back there is data. Character alignment is not
 * judged on a few decoded bytes.
 */
function checkDecoded(hit: Hit, countBefore: number): Rejection | undefined {
  const { needle, b, s } = hit;
  const { firstChar } = base64Layout(needle.syntax, needle.encoded.length);
  const groupsBefore = Math.min(contextGroups, Math.floor((countBefore - firstChar) / 4));
  const before = collect(b, s, -1, firstChar + 4 * groupsBefore);
  const afterWanted = needle.bytes.length + 4 * (contextGroups + 1);
  const after = collect(b, s, 1, afterWanted);
  let text = before.reverse().join('') + after.join('');
  text = text.slice(0, text.length - (text.length % 4));
  const decoded = new Uint8Array(Buffer.from(text, 'base64'));
  const start = 3 * groupsBefore + base64Phase(needle.syntax);
  const end = start + needle.encoded.length;
  if (end > decoded.length || !needle.encoded.every((v, i) => decoded[start + i] === v)) return undefined;
  const twin: Hit = { needle: rawTwin(needle), b: decoded, s: start, e: end, atStart: groupsBefore * 4 + firstChar === countBefore, atEnd: false };
  return checkBoundary(twin, decodedNeighbour(twin, -1), decodedNeighbour(twin, 1)) ?? checkExclusions(twin);
}

/** The decoded character next to the term when it is ASCII (a UTF-16LE unit for UTF-16LE terms); undefined at the edge of what was decoded. */
function decodedNeighbour({ needle, b, s, e }: Hit, side: -1 | 1): number | undefined {
  const unit = needle.encoding === 'utf-16le' ? 2 : 1;
  const at = side === -1 ? s - unit : e;
  if (at < 0 || at + unit > b.length) return undefined;
  const value = unit === 2 ? b[at]! | (b[at + 1]! << 8) : b[at]!;
  return value < 0x80 ? value : undefined;
}

/** Up to `count` base64 characters from `from` going `step`, skipping single line breaks. */
function collect(b: Uint8Array, from: number, step: -1 | 1, count: number): string[] {
  const out: string[] = [];
  for (let at = step === -1 ? from - 1 : from; out.length < count && at >= 0 && at < b.length; at += step) {
    const v = b[at]!;
    if (isBase64(v) || (step === 1 && v === 0x3d)) out.push(String.fromCharCode(v));
    else if (v !== 0x0a && v !== 0x0d) break;
  }
  return out;
}

function latin1(b: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += String.fromCharCode(b[i]!);
  return text;
}
