/**
 * The string literals of an inline script (`'…'`, `"…"`, `` `…` ``), with their escapes
 * decoded (`\u4eba`, `\u{79cd}`, `\xNN`, legacy octal `\NNN`, `\n`…), each written to the
 * output's side text as a line of its own. Comments are skipped. Everything else is code and
 * produces no text.
 *
 * A lexer, not a parser: a regular expression literal is read as code, so a quote inside one
 * (`/'/`) opens a string that the next quote or line end closes. Single- and double-quoted
 * strings cannot span lines, which bounds the damage. Template literals nest through `${…}`
 * (to `maxTemplateDepth`).
 */
import type { TextOutput } from './text-output.js';

const maxTemplateDepth = 32;
/** Longest escape: `\u{10FFFF}`. */
const maxEscapeChars = 10;

const State = {
  code: 0,
  slash: 1,
  lineComment: 2,
  blockComment: 3,
  blockCommentStar: 4,
  string: 5,
  escape: 6,
} as const;
type State = (typeof State)[keyof typeof State];

interface Held {
  readonly codePoint: number;
  readonly start: number;
  readonly end: number;
}

const isHex = (cp: number) => (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x46) || (cp >= 0x61 && cp <= 0x66);
const isLineTerminator = (cp: number) => cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029;

export class JsStrings {
  readonly #out: TextOutput;
  #state: State = State.code;
  /** The quote that ends the current string (`'`, `"` or `` ` ``). */
  #quote = 0;
  /** Brace depth of each open `${` (innermost last); a `}` at its depth resumes the template. */
  #templates: number[] = [];
  #braces = 0;
  /** The escape being read, backslash first. */
  #escape: Held[] = [];
  /** A decoded high surrogate waiting for a `\u` low surrogate. */
  #high: { readonly unit: number; readonly start: number; readonly end: number } | undefined;

  constructor(out: TextOutput) {
    this.#out = out;
  }

  char(cp: number, start: number, end: number): void {
    switch (this.#state) {
      case State.code:
        return this.#code(cp);
      case State.slash:
        if (cp === 0x2f) this.#state = State.lineComment;
        else if (cp === 0x2a) this.#state = State.blockComment;
        else {
          this.#state = State.code;
          this.#code(cp);
        }
        return;
      case State.lineComment:
        if (isLineTerminator(cp)) this.#state = State.code;
        return;
      case State.blockComment:
        if (cp === 0x2a) this.#state = State.blockCommentStar;
        return;
      case State.blockCommentStar:
        if (cp === 0x2f) this.#state = State.code;
        else if (cp !== 0x2a) this.#state = State.blockComment;
        return;
      case State.string:
        return this.#string(cp, start, end);
      case State.escape:
        return this.#escapeChar(cp, start, end);
    }
  }

  /** Ends the script (its end tag, or the end of the document): an open string ends here. */
  end(at: number): void {
    if (this.#state === State.escape) this.#failEscape();
    if (this.#dollar !== undefined) this.#out.asideChar(this.#dollar.codePoint, this.#dollar.start, this.#dollar.end);
    this.#dollar = undefined;
    this.#flushHigh();
    if (this.#state === State.string || this.#state === State.escape) this.#out.asideBreak(at);
    this.#state = State.code;
    this.#templates = [];
    this.#braces = 0;
  }

  #code(cp: number): void {
    if (cp === 0x27 || cp === 0x22 || cp === 0x60) {
      this.#quote = cp;
      this.#state = State.string;
    } else if (cp === 0x2f) this.#state = State.slash;
    else if (cp === 0x7b) this.#braces++;
    else if (cp === 0x7d) {
      if (this.#templates.length > 0 && this.#templates[this.#templates.length - 1] === this.#braces) {
        this.#templates.pop();
        this.#quote = 0x60;
        this.#state = State.string;
      } else this.#braces = Math.max(0, this.#braces - 1);
    }
  }

  #string(cp: number, start: number, end: number): void {
    if (this.#skipLineFeed) {
      this.#skipLineFeed = false;
      if (cp === 0x0a) return;
    }
    const dollar = this.#dollar;
    if (dollar !== undefined) {
      this.#dollar = undefined;
      if (cp === 0x7b) {
        // `${`: the template's text so far is one item; code follows until the matching `}`.
        this.#out.asideBreak(dollar.start);
        if (this.#templates.length < maxTemplateDepth) this.#templates.push(this.#braces);
        this.#state = State.code;
        return;
      }
      this.#out.asideChar(dollar.codePoint, dollar.start, dollar.end);
    }
    if (cp === this.#quote) {
      this.#flushHigh();
      this.#out.asideBreak(end);
      this.#state = State.code;
    } else if (cp === 0x5c) {
      this.#escape = [{ codePoint: cp, start, end }];
      this.#state = State.escape;
    } else if (this.#quote === 0x60 && cp === 0x24) {
      this.#flushHigh();
      this.#dollar = { codePoint: cp, start, end };
    } else if (this.#quote !== 0x60 && isLineTerminator(cp)) {
      // An unterminated quoted string: it ends at the line's end.
      this.#flushHigh();
      this.#out.asideBreak(start);
      this.#state = State.code;
    } else {
      this.#flushHigh();
      this.#out.asideChar(cp, start, end);
    }
  }

  /** A `$` in a template literal, held until the next character tells whether it opens `${`. */
  #dollar: Held | undefined;
  #skipLineFeed = false;

  #escapeChar(cp: number, start: number, end: number): void {
    const escape = this.#escape;
    escape.push({ codePoint: cp, start, end });
    const kind = escape[1]!.codePoint;
    const body = escape.slice(2).map((held) => held.codePoint);
    if (escape.length === 2) {
      if (kind === 0x75 || kind === 0x78 || (kind >= 0x30 && kind <= 0x37)) {
        if (kind >= 0x30 && kind <= 0x37) this.#octalMaybeDone();
        return;
      }
      this.#state = State.string;
      if (isLineTerminator(kind)) {
        // A line continuation (CR LF counts as one line terminator).
        this.#skipLineFeed = kind === 0x0d;
        return;
      }
      const simple: Record<number, string> = { 0x6e: '\n', 0x74: '\t', 0x72: '\r', 0x62: '\b', 0x66: '\f', 0x76: '\v' };
      this.#decoded(simple[kind] ?? String.fromCodePoint(kind), escape);
      return;
    }
    if (kind >= 0x30 && kind <= 0x37) {
      if (cp >= 0x30 && cp <= 0x37) return this.#octalMaybeDone();
      escape.pop();
      this.#finishOctal();
      return this.char(cp, start, end);
    }
    if (kind === 0x78) {
      if (!isHex(cp)) return this.#failEscape(cp, start, end);
      if (escape.length === 4) this.#decodedUnit(parseInt(String.fromCharCode(...body), 16), escape);
      return;
    }
    // \u
    if (body[0] === 0x7b) {
      if (cp === 0x7d && body.length > 2) {
        const value = parseInt(String.fromCharCode(...body.slice(1, -1)), 16);
        if (value > 0x10ffff) return this.#failEscape();
        return this.#decodedUnit(value, escape);
      }
      if ((body.length > 1 && !isHex(cp)) || escape.length > maxEscapeChars) return this.#failEscape(cp, start, end);
      return;
    }
    if (!isHex(cp)) return this.#failEscape(cp, start, end);
    if (escape.length === 6) this.#decodedUnit(parseInt(String.fromCharCode(...body), 16), escape);
  }

  #octalMaybeDone(): void {
    const digits = this.#escape.slice(1).map((held) => held.codePoint - 0x30);
    const value = digits.reduce((sum, digit) => sum * 8 + digit, 0);
    if (digits.length === 3 || value * 8 > 0xff) this.#finishOctal();
  }

  #finishOctal(): void {
    const digits = this.#escape.slice(1).map((held) => held.codePoint - 0x30);
    this.#decodedUnit(digits.reduce((sum, digit) => sum * 8 + digit, 0), this.#escape);
  }

  /** A decoded code unit or code point; UTF-16 surrogate halves from two `\u` escapes are joined. */
  #decodedUnit(value: number, escape: readonly Held[]): void {
    const start = escape[0]!.start;
    const end = escape[escape.length - 1]!.end;
    this.#state = State.string;
    if (value >= 0xd800 && value <= 0xdbff) {
      this.#flushHigh();
      this.#high = { unit: value, start, end };
      return;
    }
    if (value >= 0xdc00 && value <= 0xdfff) {
      const high = this.#high;
      this.#high = undefined;
      if (high !== undefined) this.#out.asidePiece(String.fromCodePoint(0x10000 + ((high.unit - 0xd800) << 10) + (value - 0xdc00)), high.start, end);
      else this.#out.asidePiece('\ufffd', start, end);
      return;
    }
    this.#flushHigh();
    this.#out.asidePiece(String.fromCodePoint(value), start, end);
  }

  #decoded(text: string, escape: readonly Held[]): void {
    this.#flushHigh();
    this.#out.asidePiece(text, escape[0]!.start, escape[escape.length - 1]!.end);
  }

  /** A malformed escape: its characters are the string's text as written; the character that broke it is read again. */
  #failEscape(cp?: number, start?: number, end?: number): void {
    const escape = cp === undefined ? this.#escape : this.#escape.slice(0, -1);
    this.#escape = [];
    this.#state = State.string;
    this.#flushHigh();
    for (const held of escape) this.#out.asideChar(held.codePoint, held.start, held.end);
    if (cp !== undefined) this.char(cp, start!, end!);
  }

  #flushHigh(): void {
    const high = this.#high;
    if (high === undefined) return;
    this.#high = undefined;
    this.#out.asidePiece('\ufffd', high.start, high.end);
  }
}
