/**
 * Escaped forms: the ways a term hides inside other text (DESIGN "Matching", vocabulary.md
 * §2.6, requirements R4 and R5). A syntax turns a spelling's bytes in one encoding into the
 * ASCII text a JSON or JavaScript string, an HTML page, a URL, C source or a base64 blob holds,
 * together with a per-byte fold mask: hex digits may be in either case (`\u4eba`, `\u4EBA`,
 * `\u4Eba` are one needle; the automaton folds ASCII case and the verifier enforces the mask),
 * the `\u`, `\x` and `%` around them may not.
 *
 * Escapes (every syntax but `raw` and base64) are made only for spellings that contain a
 * non-ASCII character, and only non-ASCII characters are escaped: ASCII stays literal, the way
 * JSON encoders with `ensure_ascii`, `native2ascii`, `encodeURIComponent` and C string
 * literals written by code generators write it. An ASCII identifier escaped is itself.
 *
 * Limits, on purpose (each would multiply needles for rare input): escapes are searched in
 * ASCII-compatible text only (not a `\u` escape inside a UTF-16 string); no `\UXXXXXXXX`,
 * `%uXXXX`, double percent-encoding (`%25E4`), `&#` with leading zeros or without `;`, URL-safe
 * base64; percent and C escapes cover UTF-8 and GB18030 bytes, not Big5.
 */
import { Buffer } from 'node:buffer';
import type { Encoding, Form, Syntax } from './types.js';

export interface SyntaxInfo {
  readonly form: Form;
  /** Encodings this syntax writes out, in needle order; the needle's `encoding` label. */
  readonly encodings: readonly Encoding[];
  /** What the syntax looks like, for `fwsift patterns` and the docs. */
  readonly description: string;
}

/**
 * Every syntax, in the order needles are generated. Code-point escapes carry the encoding
 * whose units they spell: `\uXXXX` is a UTF-16 code unit, most significant digit first (RFC
 * 8259 §7: characters beyond the BMP as a surrogate pair), so `utf-16be`; `\u{…}` and `&#…;`
 * are code points, so `utf-32be`.
 */
export const syntaxInfo: Readonly<Record<Syntax, SyntaxInfo>> = {
  raw: { form: 'raw', encodings: ['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be', 'gb18030', 'big5'], description: 'the encoded bytes themselves' },
  'json-u': { form: 'json-escape', encodings: ['utf-16be'], description: '\\uXXXX per UTF-16 code unit (JSON, Java, JavaScript, Python)' },
  'json-u-double': { form: 'json-escape', encodings: ['utf-16be'], description: '\\\\uXXXX: a \\u escape written inside another string (JSON in JSON)' },
  'js-u-brace': { form: 'json-escape', encodings: ['utf-32be'], description: '\\u{X…} per code point (JavaScript ES2015, Rust, Swift)' },
  'html-decimal': { form: 'html-entity', encodings: ['utf-32be'], description: '&#DDDDD; per code point' },
  'html-hex': { form: 'html-entity', encodings: ['utf-32be'], description: '&#xHHHH; per code point (x in either case)' },
  'url-percent': { form: 'url-percent', encodings: ['utf-8', 'gb18030'], description: '%XX per byte of 0x80 and above' },
  'c-hex': { form: 'c-escape', encodings: ['utf-8', 'gb18030'], description: '\\xNN per byte of 0x80 and above' },
  'c-octal': { form: 'c-escape', encodings: ['utf-8', 'gb18030'], description: '\\NNN (octal) per byte of 0x80 and above' },
  'base64-phase0': { form: 'base64', encodings: ['utf-8', 'utf-16le', 'gb18030'], description: 'base64, term at byte 0 of a 3-byte group' },
  'base64-phase1': { form: 'base64', encodings: ['utf-8', 'utf-16le', 'gb18030'], description: 'base64, term at byte 1 of a 3-byte group' },
  'base64-phase2': { form: 'base64', encodings: ['utf-8', 'utf-16le', 'gb18030'], description: 'base64, term at byte 2 of a 3-byte group' },
};

/** Shortest encoded spelling given base64 needles (YARA-X: shorter ones match noise). */
export const minBase64Bytes = 3;

/** The bytes searched for and which of them may differ in ASCII case. */
export interface Written {
  readonly bytes: Uint8Array;
  readonly foldMask: Uint8Array;
}

/** True when `syntax` is generated for a spelling: escapes need a non-ASCII character, base64 three bytes. */
export function syntaxApplies(syntax: Syntax, variant: string, encoded: Uint8Array): boolean {
  switch (syntaxInfo[syntax].form) {
    case 'raw':
      return true;
    case 'base64':
      return encoded.length >= minBase64Bytes;
    case 'json-escape':
    case 'html-entity':
    case 'url-percent':
    case 'c-escape':
    case 'text-view':
      return /[^\x00-\x7f]/.test(variant);
  }
}

/**
 * Writes `encoded` (a complete encoding in one of the syntax's encodings) in `syntax`.
 * `letterFold[i]` is 1 where byte `i` of `encoded` is an ASCII letter that may change case (a
 * case-insensitive term); literal characters keep that, hex digits of escapes always fold.
 * Memory: the written bytes and mask (at most 4 written bytes per encoded byte).
 * Throws `RangeError` when the syntax does not apply (see `syntaxApplies`): misuse.
 */
export function writeSyntax(syntax: Syntax, encoded: Uint8Array, letterFold: Uint8Array): Written {
  const out = new Writer();
  switch (syntax) {
    case 'raw':
      return { bytes: encoded, foldMask: letterFold };
    case 'json-u':
    case 'json-u-double': {
      const prefix = syntax === 'json-u' ? '\\u' : '\\\\u';
      for (let i = 0; i + 2 <= encoded.length; i += 2) {
        const unit = (encoded[i]! << 8) | encoded[i + 1]!;
        if (unit < 0x80) out.literal(unit, letterFold[i + 1] === 1);
        else out.escape().fixed(prefix).hex(unit, 4);
      }
      break;
    }
    case 'js-u-brace':
    case 'html-decimal':
    case 'html-hex':
      for (let i = 0; i + 4 <= encoded.length; i += 4) {
        const point = ((encoded[i]! << 24) | (encoded[i + 1]! << 16) | (encoded[i + 2]! << 8) | encoded[i + 3]!) >>> 0;
        if (point < 0x80) out.literal(point, letterFold[i + 3] === 1);
        else if (syntax === 'js-u-brace') out.escape().fixed('\\u{').hex(point, 1).fixed('}');
        else if (syntax === 'html-decimal') out.escape().fixed(`&#${point};`);
        else out.escape().fixed('&#').folding('x').hex(point, 1).fixed(';');
      }
      break;
    case 'url-percent':
    case 'c-hex':
    case 'c-octal':
      encoded.forEach((b, i) => {
        if (b < 0x80) out.literal(b, letterFold[i] === 1);
        else if (syntax === 'url-percent') out.escape().fixed('%').hex(b, 2, true);
        else if (syntax === 'c-hex') out.escape().fixed('\\x').hex(b, 2);
        else out.escape().fixed(`\\${b.toString(8).padStart(3, '0')}`);
      });
      break;
    case 'base64-phase0':
    case 'base64-phase1':
    case 'base64-phase2': {
      if (encoded.length < minBase64Bytes) throw new RangeError(`${syntax} needs at least ${minBase64Bytes} bytes, got ${encoded.length}`);
      const { firstChar, endChar } = base64Layout(syntax, encoded.length);
      const phase = base64Phase(syntax);
      const padded = new Uint8Array(phase + encoded.length + 2);
      padded.set(encoded, phase);
      return out.fixed(Buffer.from(padded).toString('base64').slice(firstChar, endChar)).done();
    }
  }
  if (out.escapes === 0) throw new RangeError(`${syntax} escapes nothing in ASCII-only text`);
  return out.done();
}

/** Byte phase (0–2) of a base64 syntax: where the term starts inside its 3-byte group. */
export function base64Phase(syntax: Syntax): 0 | 1 | 2 {
  switch (syntax) {
    case 'base64-phase1':
      return 1;
    case 'base64-phase2':
      return 2;
    default:
      return 0;
  }
}

/**
 * Which base64 characters of a term at `phase` depend only on the term (YARA `base64`
 * semantics): characters `[firstChar, endChar)` of the encoding of its group-aligned bytes.
 * Character j holds bits `[6j, 6j + 6)`; the term holds bits `[8·phase, 8·(phase + length))`.
 * The characters before `firstChar` and the one at `endChar` (when the term does not end on a
 * character boundary) mix in neighbouring bytes and are left out of the needle.
 */
export function base64Layout(syntax: Syntax, encodedLength: number): { readonly firstChar: number; readonly endChar: number; readonly tailBits: number } {
  const phase = base64Phase(syntax);
  const endBit = 8 * (phase + encodedLength);
  return { firstChar: Math.ceil((8 * phase) / 6), endChar: Math.floor(endBit / 6), tailBits: endBit % 6 };
}

/** The encoding the bytes around a hit are read in: the needle's own for raw bytes, ASCII-compatible text (read as UTF-8) for every written form. */
export function hostEncoding(needle: { readonly syntax: Syntax; readonly encoding: Encoding }): Encoding {
  return needle.syntax === 'raw' ? needle.encoding : 'utf-8';
}

class Writer {
  readonly #bytes: number[] = [];
  readonly #fold: number[] = [];

  /** Escape tokens written so far. */
  escapes = 0;

  escape(): this {
    this.escapes++;
    return this;
  }

  literal(byte: number, fold: boolean): this {
    this.#bytes.push(byte);
    this.#fold.push(fold ? 1 : 0);
    return this;
  }

  fixed(text: string): this {
    for (let i = 0; i < text.length; i++) this.literal(text.charCodeAt(i), false);
    return this;
  }

  /** A letter that the syntax accepts in either case (the `x` of `&#x`). */
  folding(letter: string): this {
    return this.literal(letter.charCodeAt(0), true);
  }

  /** Hex digits (lower case, or upper for percent-encoding as RFC 3986 §2.1 recommends); letters fold. */
  hex(value: number, width: number, upper = false): this {
    const digits = value.toString(16).padStart(width, '0');
    for (const digit of upper ? digits.toUpperCase() : digits) this.literal(digit.charCodeAt(0), digit > '9');
    return this;
  }

  done(): Written {
    return { bytes: Uint8Array.from(this.#bytes), foldMask: Uint8Array.from(this.#fold) };
  }
}
