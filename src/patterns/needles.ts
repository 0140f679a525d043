/**
 * Needle expansion: each term spelling becomes one byte sequence per encoding and syntax
 * (DESIGN.md, "Matching: encode the terms, not the files"). The haystack is never transcoded.
 *
 * A spelling an encoding cannot represent is recorded as `unencodable` in the coverage list and
 * produces no needle: iconv-lite silently writes `?` for unmappable characters, so every
 * encoding is checked by decoding it back. Escaped forms (`src/patterns/escapes.ts`) are written
 * from the same encoded bytes, so an unencodable spelling has no escapes in that encoding either.
 */
import { Buffer } from 'node:buffer';
import { iconv } from '../core/iconv.js';
import { syntaxApplies, syntaxInfo, writeSyntax } from './escapes.js';
import { syntaxes, type CoverageBasis, type CoverageCell, type Encoding, type Form, type Needle, type Syntax, type Term } from './types.js';

/** The needles of a set of terms and the coverage matrix that says what was searched. */
export interface NeedleSet {
  /** Ids are `0..needles.length-1`, in order; deterministic for the same terms, encodings and forms. */
  readonly needles: readonly Needle[];
  /**
   * One cell per (term, spelling, encoding, form) that applies: `searched`, `unencodable`, or
   * `disabled` (left out by the caller's encodings or forms). Escapes of ASCII-only spellings
   * and base64 of spellings under 3 bytes do not apply and have no cell.
   */
  readonly coverage: readonly CoverageCell[];
  /** Longest needle in bytes; 0 when there are no needles. */
  readonly maxNeedleLength: number;
  /** `coverageBasis(this)`, when it is already known (a set read from the needle cache carries it). */
  readonly coverageBasis?: CoverageBasis;
}

/** Encodings searched by default, in the order needles are generated and labelled. */
export const defaultEncodings: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be', 'gb18030', 'big5'];

/** Forms searched by default: all but `text-view`, which document views assign to raw needles. */
export const defaultForms: readonly Form[] = ['raw', 'json-escape', 'html-entity', 'url-percent', 'c-escape', 'base64'];

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
      const bytes = iconv().encode(text, encoding);
      // Round trip through the same tables: a `?` substitute decodes as `?`, not as the input.
      if (iconv().decode(bytes, encoding) !== text) return undefined;
      return new Uint8Array(bytes); // a copy: small Buffers are slices of a shared 8 KiB pool
    }
  }
}

/**
 * Expands every spelling (`term.text`, then `term.variants`) of every term into needles: for
 * each syntax in `syntaxes` order (raw first), each of its encodings that is in `encodings`,
 * when its form is in `forms`. Identical bytes for the same term (ASCII in UTF-8, GB18030 and
 * Big5; a variant equal to the text; spellings differing only in ASCII case for a
 * case-insensitive term) give one needle, labelled with the first encoding that produced it;
 * the coverage still lists every cell as `searched`.
 *
 * Case: a case-insensitive term folds the ASCII letters of its text (not bytes that only look
 * like letters, see `asciiLetterMask`); hex digits of escapes always fold. Base64 never folds:
 * its letters are data. The automaton folds all ASCII letters; `verifyCandidate` applies each
 * needle's `foldMask`, so one needle covers `\u4eba`, `\u4EBA` and `\u4Eba`.
 *
 * Identifier terms with a `_` also get their JNI spelling (`jniSpellings`): one raw UTF-8 needle
 * marked `jni`, with its own coverage cell.
 *
 * Memory: the needles' bytes (about 30× the spelling's UTF-8 length over all syntaxes) plus one
 * coverage cell per (term, spelling, encoding, form).
 * Errors: throws `RangeError` for an empty spelling (the pack loader must reject those first).
 */
export function expandTerms(
  terms: readonly Term[],
  encodings: readonly Encoding[] = defaultEncodings,
  forms: readonly Form[] = defaultForms,
): NeedleSet {
  const needles: Needle[] = [];
  const coverage: CoverageCell[] = [];
  let maxNeedleLength = 0;
  for (const term of terms) {
    const seen = new Set<string>();
    const caseFold = term.case === 'insensitive';
    for (const variant of [term.text, ...term.variants]) {
      if (variant.length === 0) throw new RangeError(`term ${term.id}: empty spelling`);
      const cells = new Map<string, CoverageCell>();
      const cell = (encoding: Encoding, form: Form, status: CoverageCell['status']) => {
        const key = `${encoding}/${form}`;
        if (!cells.has(key)) cells.set(key, { termId: term.id, variant, encoding, form, status });
      };
      const encodedIn = new Map<Encoding, Uint8Array | undefined>();
      for (const syntax of syntaxes) {
        const { form, encodings: syntaxEncodings } = syntaxInfo[syntax];
        for (const encoding of syntaxEncodings) {
          if (!encodedIn.has(encoding)) encodedIn.set(encoding, encodeText(variant, encoding));
          const encoded = encodedIn.get(encoding);
          if (encoded !== undefined && !syntaxApplies(syntax, variant, encoded)) continue;
          if (!encodings.includes(encoding) || !forms.includes(form)) {
            cell(encoding, form, 'disabled');
            continue;
          }
          cell(encoding, form, encoded ? 'searched' : 'unencodable');
          if (!encoded) continue;
          const letters = caseFold ? asciiLetterMask(encoded, encoding) : new Uint8Array(encoded.length);
          const { bytes, foldMask } = writeSyntax(syntax, encoded, letters);
          const key = needleKey(form, bytes, foldMask);
          if (seen.has(key)) continue;
          seen.add(key);
          needles.push({ id: needles.length, term, variant, encoding, form, syntax, encoded, bytes, foldMask });
          maxNeedleLength = Math.max(maxNeedleLength, bytes.length);
        }
      }
      coverage.push(...cells.values());
    }
    for (const spelling of jniSpellings(term)) {
      const searched = encodings.includes('utf-8') && forms.includes('raw');
      coverage.push({ termId: term.id, variant: spelling, encoding: 'utf-8', form: 'raw', status: searched ? 'searched' : 'disabled' });
      if (!searched) continue;
      const encoded = utf8Encoder.encode(spelling);
      const foldMask = caseFold ? asciiLetterMask(encoded, 'utf-8') : new Uint8Array(encoded.length);
      const key = needleKey('raw', encoded, foldMask);
      if (seen.has(key)) continue; // a variant spelled `EM_1RACE` already searches these bytes, boundary rule and symbol forms included
      seen.add(key);
      needles.push({ id: needles.length, term, variant: spelling, encoding: 'utf-8', form: 'raw', syntax: 'raw', encoded, bytes: encoded, foldMask, jni: true });
      maxNeedleLength = Math.max(maxNeedleLength, encoded.length);
    }
  }
  return { needles, coverage, maxNeedleLength };
}

/**
 * What makes two needles of one term the same needle: their form, their bytes with the
 * case-folded positions folded, and which positions fold (a needle folding `A` and one matching
 * only `a` are not the same). The encoding is left out on purpose: ASCII bytes are the same
 * needle in UTF-8, GB18030 and Big5.
 */
function needleKey(form: Form, bytes: Uint8Array, foldMask: Uint8Array): string {
  return `${form}:${hex(bytes.map((b, i) => (foldMask[i] === 1 ? b | 0x20 : b)))}:${hex(foldMask)}`;
}

/**
 * The JNI-escaped spellings of an identifier term: JNI function names (`Java_pkg_Class_method`)
 * write each `_` of a Java class or method name as `_1`, so a native method or class named like a
 * vendor enum (`EM_RACE_TYPE`) is exported as `…_EM_1RACE_1TYPE`. Only for ASCII identifiers with a
 * `_` that are not ambiguous: a short everyday word keeps its boundary rule, and the JNI spelling
 * of one is found only inside a `Java_` symbol anyway (`src/match/verify-symbols.ts`).
 */
export function jniSpellings(term: Term): string[] {
  if (term.kind !== 'identifier' || term.precision === 'ambiguous') return [];
  const spellings = [term.text, ...term.variants].filter((spelling) => /^[A-Za-z0-9_]+$/.test(spelling) && spelling.includes('_'));
  return [...new Set(spellings.map((spelling) => spelling.replaceAll('_', '_1')))];
}

/**
 * `text` as it would appear written like a needle: encoded in `encoding`, then in `syntax`
 * (ASCII-only text stays as it is in escapes, which write only non-ASCII characters). Used for
 * contexts around a hit (exclusions, probe words). `undefined` when `text` is unencodable, and
 * for base64, whose neighbours depend on the byte phase.
 */
export function writeText(text: string, encoding: Encoding, syntax: Syntax): Uint8Array | undefined {
  const encoded = encodeText(text, encoding);
  if (encoded === undefined || syntaxInfo[syntax].form === 'base64') return undefined;
  if (syntax !== 'raw' && !syntaxApplies(syntax, text, encoded)) return utf8Encoder.encode(text);
  return writeSyntax(syntax, encoded, new Uint8Array(encoded.length)).bytes;
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
