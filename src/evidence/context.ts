/**
 * Context of a hit for readers of the report: the characters before and after it, decoded in
 * the encoding of the text around the hit (the needle's own; for ASCII hits and escapes the one
 * the surrounding bytes are in, see `host-text.ts`), that encoding's name, and the raw bytes in hex.
 *
 * Decoding starts on a character boundary of that encoding so the first characters are not
 * garbage: UTF-16/32 step back whole code units from the hit; UTF-8 skips continuation bytes;
 * GB18030 and Big5 pick the starting byte whose decoding lands cleanly on the hit.
 */
import { TextDecoder } from 'node:util';
import type { Candidate, Window } from '../match/types.js';
import type { Encoding } from '../patterns/types.js';
import { firstChars, lastChars } from './chars.js';
import { surroundingEncoding } from './host-text.js';

/** Characters shown on each side of a hit by default (the schema's `context.before/after`). */
export const defaultContextChars = 40;
/** Bytes of hex shown on each side of a hit by default (R22: ±32 bytes). */
export const defaultContextHexBytes = 32;

/** Shown in place of undecodable bytes and of characters that must not reach a terminal. */
export const placeholderChar = '·';

/** Most bytes one character can take in each encoding: bounds how far back and ahead we read. */
const maxBytesPerChar: Readonly<Record<Encoding, number>> = {
  'utf-8': 4,
  'utf-16le': 4,
  'utf-16be': 4,
  'utf-32le': 4,
  'utf-32be': 4,
  gb18030: 4,
  big5: 2,
};

/*
 * Replaced by `·`: C0/C1 controls and DEL (terminal escapes), U+FFFD (undecodable bytes),
 * zero-width and bidi controls (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069: "Trojan Source"
 * reordering), line/paragraph separators, the BOM/ZWNBSP and interlinear annotation marks.
 */
const unsafeChars = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffd]/gu;

const decoders = new Map<Encoding, TextDecoder>();

function decoderFor(encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5'): TextDecoder {
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    // Not fatal: context is for reading, invalid bytes become U+FFFD and then `·`.
    // ignoreBOM: a U+FEFF in the middle of binary must not vanish silently.
    decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
    decoders.set(encoding, decoder);
  }
  return decoder;
}

/** Decodes `bytes` in `encoding`; invalid sequences become U+FFFD. UTF-32 is decoded by hand (TextDecoder has no UTF-32). */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding): string {
  switch (encoding) {
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be':
    case 'gb18030':
    case 'big5':
      return decoderFor(encoding).decode(bytes);
    case 'utf-32le':
    case 'utf-32be':
      return decodeUtf32(bytes, encoding === 'utf-32le');
  }
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text = '';
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const unit = view.getUint32(i, littleEndian);
    const valid = unit <= 0x10ffff && !(unit >= 0xd800 && unit <= 0xdfff);
    text += valid ? String.fromCodePoint(unit) : '\ufffd';
  }
  if (i < bytes.length) text += '\ufffd'; // a truncated last unit
  return text;
}

/** Byte position in `bytes` where decoding may start so that it reaches `end` on a character boundary, reading at most `chars` characters back. */
function alignedStart(bytes: Uint8Array, end: number, chars: number, encoding: Encoding): number {
  switch (encoding) {
    case 'utf-16le':
    case 'utf-16be': {
      let start = end - 2 * Math.min(chars, Math.floor(end / 2));
      // Do not begin on the low half of a surrogate pair.
      const highByte = encoding === 'utf-16le' ? bytes[start + 1] : bytes[start];
      if (start < end && highByte !== undefined && highByte >= 0xdc && highByte <= 0xdf) start += 2;
      return start;
    }
    case 'utf-32le':
    case 'utf-32be':
      return end - 4 * Math.min(chars, Math.floor(end / 4));
    case 'utf-8': {
      let start = Math.max(0, end - chars * maxBytesPerChar[encoding]);
      // Skip at most three continuation bytes (10xxxxxx) to reach a lead byte.
      for (let skipped = 0; skipped < 3 && start < end && ((bytes[start] ?? 0) & 0xc0) === 0x80; skipped += 1) start += 1;
      return start;
    }
    case 'gb18030':
    case 'big5': {
      // Lead and trail byte ranges overlap, so a boundary cannot be recognised locally. Try the
      // first few starting bytes and keep the one whose decoding reaches the (aligned) hit with
      // the fewest undecodable bytes: a wrong start leaves a lone lead byte before the hit or
      // pairs a byte with a trail below 0x40, both of which decode as U+FFFD.
      const limit = Math.max(0, end - chars * maxBytesPerChar[encoding]);
      let best = limit;
      let bestErrors = Number.POSITIVE_INFINITY;
      for (let start = limit; start < Math.min(end, limit + maxBytesPerChar[encoding]); start += 1) {
        const errors = countReplacements(decodeBytes(bytes.subarray(start, end), encoding));
        if (errors < bestErrors) {
          best = start;
          bestErrors = errors;
        }
        if (errors === 0) break;
      }
      return best;
    }
  }
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 0xfffd) count += 1; // one code unit, never half a pair
  return count;
}

/** Hit position relative to the window; throws `RangeError` if the window does not hold the hit (misuse). */
function hitInWindow(candidate: Candidate, window: Window): { readonly start: number; readonly end: number } {
  const start = candidate.start - window.windowStart;
  const end = candidate.end - window.windowStart;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= window.bytes.length)) {
    throw new RangeError(
      `hit [${candidate.start}, ${candidate.end}) is not inside window [${window.windowStart}, ${window.windowStart + window.bytes.length})`,
    );
  }
  return { start, end };
}

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

/**
 * Up to `chars` characters before and after the hit, decoded in the encoding of the text around
 * it (returned as `encoding`; a caller decoding one hit several times passes the
 * `surroundingEncoding` it already has, which is the costly part), *raw*:
 * undecodable bytes are U+FFFD and control characters are kept. For measuring the window
 * (see `confidence.ts`); use `describeContext` for anything shown to people.
 * Throws `RangeError` when the window does not contain the hit.
 */
export function decodeContext(
  candidate: Candidate,
  window: Window,
  chars: number,
  encoding: Encoding = surroundingEncoding(candidate, window),
): { readonly before: string; readonly after: string; readonly encoding: Encoding } {
  checkCount('chars', chars);
  const { start, end } = hitInWindow(candidate, window);
  const bytes = window.bytes;
  const beforeBytes = bytes.subarray(alignedStart(bytes, start, chars, encoding), start);
  const afterBytes = bytes.subarray(end, Math.min(bytes.length, end + chars * maxBytesPerChar[encoding]));
  return {
    before: lastChars(decodeBytes(beforeBytes, encoding), chars),
    after: firstChars(decodeBytes(afterBytes, encoding), chars),
    encoding,
  };
}

/** Replaces undecodable and control/invisible characters by `·`, one for one. */
export function sanitizeForDisplay(text: string): string {
  return text.replace(unsafeChars, placeholderChar);
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * The report's `context` for one hit: `before`/`after` are up to `chars` (default 40)
 * characters on each side, decoded in the surrounding text's encoding (named in `encoding`) from an aligned position, with
 * undecodable bytes and control or invisible characters shown as `·` (binary noise stays
 * readable, nothing reaches a terminal as an escape). `hex` is the lower-case hex of up to
 * `hexBytes` (default 32) bytes before the hit, the hit itself and up to `hexBytes` after,
 * clipped to the window. `encoding`, when given, is the hit's `surroundingEncoding` (computed once
 * per hit by the caller). Pure; memory is a few strings of that size.
 * Throws `RangeError` for negative or fractional counts, or a window that does not hold the hit.
 */
export function describeContext(
  candidate: Candidate,
  window: Window,
  options: { readonly chars?: number; readonly hexBytes?: number; readonly encoding?: Encoding } = {},
): { before: string; after: string; hex: string; encoding: Encoding } {
  const chars = checkCount('chars', options.chars ?? defaultContextChars);
  const hexBytes = checkCount('hexBytes', options.hexBytes ?? defaultContextHexBytes);
  const { start, end } = hitInWindow(candidate, window);
  const decoded = decodeContext(candidate, window, chars, options.encoding);
  return {
    before: sanitizeForDisplay(decoded.before),
    after: sanitizeForDisplay(decoded.after),
    hex: toHex(window.bytes.subarray(Math.max(0, start - hexBytes), Math.min(window.bytes.length, end + hexBytes))),
    encoding: decoded.encoding,
  };
}
