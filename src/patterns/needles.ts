/**
 * Needle expansion: each term spelling becomes one byte sequence per encoding (DESIGN.md,
 * "Matching: encode the terms, not the files"). The haystack is never transcoded.
 *
 * A spelling an encoding cannot represent is recorded as `unencodable` in the coverage list and
 * produces no needle: iconv-lite silently writes `?` for unmappable characters, so every
 * encoding is checked by decoding it back. Escaped forms and UTF-32 arrive with issue #3 as new
 * entries in `defaultEncodings` and new forms; today every needle has form `raw`.
 */
import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import type { CoverageCell, Encoding, Form, Needle, Term } from './types.js';

/** The needles of a set of terms and the coverage matrix that says what was searched. */
export interface NeedleSet {
  /** Ids are `0..needles.length-1`, in order; deterministic for the same terms and encodings. */
  readonly needles: readonly Needle[];
  /** One cell per (term, spelling, encoding, form), `searched` or `unencodable`. */
  readonly coverage: readonly CoverageCell[];
  /** Longest needle in bytes; 0 when there are no needles. */
  readonly maxNeedleLength: number;
}

/** Encodings searched by default, in the order needles are generated and labelled. */
export const defaultEncodings: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5'];

const utf8Encoder = new TextEncoder();

/**
 * Encodes `text` in `encoding`, or returns `undefined` when the encoding cannot represent it
 * (a character missing from GB18030/Big5, or a lone surrogate). Never returns substituted bytes.
 *
 * Memory: one `Uint8Array` of the encoded length (at most 4 bytes per UTF-16 code unit).
 * Errors: none; unencodable text is a value (`undefined`), not an exception.
 */
export function encodeText(text: string, encoding: Encoding): Uint8Array | undefined {
  if (!isWellFormed(text)) return undefined;
  switch (encoding) {
    case 'utf-8':
      return utf8Encoder.encode(text);
    case 'utf-16le':
    case 'utf-16be':
      return encodeUtf16(text, encoding === 'utf-16le');
    case 'utf-32le':
    case 'utf-32be':
      return encodeUtf32(text, encoding === 'utf-32le');
    case 'gb18030':
    case 'big5': {
      const bytes = iconv.encode(text, encoding);
      // Round trip through the same tables: a `?` substitute decodes as `?`, not as the input.
      if (iconv.decode(bytes, encoding) !== text) return undefined;
      return new Uint8Array(bytes); // a copy: small Buffers are slices of a shared 8 KiB pool
    }
  }
}

/**
 * Expands every spelling (`term.text`, then `term.variants`) of every term into one raw needle
 * per encoding. Identical bytes for the same term (ASCII in UTF-8, GB18030 and Big5; a variant
 * equal to the text; spellings differing only in ASCII case for a case-insensitive term) give
 * one needle, labelled with the first encoding that produced it; the coverage still lists every
 * cell as `searched`.
 *
 * Memory: the needles' bytes plus one coverage cell per (term, spelling, encoding).
 * Errors: throws `RangeError` for an empty spelling (the pack loader must reject those first).
 */
export function expandTerms(terms: readonly Term[], encodings: readonly Encoding[] = defaultEncodings): NeedleSet {
  const needles: Needle[] = [];
  const coverage: CoverageCell[] = [];
  let maxNeedleLength = 0;
  const form: Form = 'raw';
  for (const term of terms) {
    const seen = new Set<string>();
    const caseFold = term.case === 'insensitive';
    for (const variant of [term.text, ...term.variants]) {
      if (variant.length === 0) throw new RangeError(`term ${term.id}: empty spelling`);
      for (const encoding of encodings) {
        const bytes = encodeText(variant, encoding);
        coverage.push({ termId: term.id, variant, encoding, form, status: bytes ? 'searched' : 'unencodable' });
        if (!bytes) continue;
        const key = `${form}:${hex(caseFold ? foldAscii(bytes, encoding) : bytes)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        needles.push({ id: needles.length, term, variant, encoding, form, bytes, caseFold });
        maxNeedleLength = Math.max(maxNeedleLength, bytes.length);
      }
    }
  }
  return { needles, coverage, maxNeedleLength };
}

/**
 * Positions of `bytes` (a complete encoding of some text in `encoding`) that hold an ASCII letter
 * as a character of its own, as opposed to a byte that only looks like one (the trail byte
 * `4e` of GB18030 人種 `c8 cb b7 4e`, the low byte of UTF-16LE 人 `ba 4e`). Only these may
 * differ in case when a term is case-insensitive.
 */
export function asciiLetterMask(bytes: Uint8Array, encoding: Encoding): Uint8Array {
  const mask = new Uint8Array(bytes.length);
  const unit = encoding.startsWith('utf-32') ? 4 : encoding.startsWith('utf-16') ? 2 : 1;
  if (unit > 1) {
    const le = encoding.endsWith('le');
    for (let i = 0; i + unit <= bytes.length; i += unit) {
      const at = le ? i : i + unit - 1;
      let zeros = true;
      for (let k = i; k < i + unit; k++) if (k !== at && bytes[k] !== 0) zeros = false;
      if (zeros && isAsciiLetter(bytes[at]!)) mask[at] = 1;
    }
    return mask;
  }
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (isAsciiLetter(b)) mask[i] = 1;
      i += 1;
    } else if (encoding === 'utf-8') {
      i += 1; // lead and continuation bytes are all >= 0x80: never letters
    } else if (encoding === 'gb18030' && b >= 0x81 && isDigit(bytes[i + 1])) {
      i += 4;
    } else {
      i += b >= 0x81 ? 2 : 1;
    }
  }
  return mask;
}

function foldAscii(bytes: Uint8Array, encoding: Encoding): Uint8Array {
  const mask = asciiLetterMask(bytes, encoding);
  return bytes.map((b, i) => (mask[i] === 1 ? b | 0x20 : b));
}

function isAsciiLetter(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

function encodeUtf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

function encodeUtf32(text: string, littleEndian: boolean): Uint8Array {
  const points = Array.from(text, (ch) => ch.codePointAt(0)!);
  const out = new Uint8Array(points.length * 4);
  const view = new DataView(out.buffer);
  points.forEach((p, i) => view.setUint32(i * 4, p, littleEndian));
  return out;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
