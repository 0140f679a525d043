/**
 * One streaming tokenizer for HTML and XML text views, after the WHATWG HTML tokenizer
 * (§13.2.5) reduced to what text extraction needs: character data, tags and their attributes,
 * comments, bogus comments, doctypes (with an XML internal subset), processing instructions,
 * CDATA sections, character references, and the raw-text elements (script, style, title,
 * textarea…). It takes one decoded character at a time with the raw byte range it came from,
 * so a construct split across input chunks is simply a state carried to the next character.
 *
 * What becomes text (through `TextOutput`): character data with references decoded and tags
 * and comments removed (`疆<b>藏</b>` → 疆藏); a line break at block edges, which the dialect
 * decides; the values of the attributes the dialect names, and an inline script's string
 * literals, as side text on lines of their own. This file is long because it is one state
 * machine; the dialects (which tags break lines, which attributes count) live with the views.
 *
 * Never throws on input. An unterminated construct at the end that swallowed bytes (a comment,
 * a tag) is reported as `corrupt` through `problem`.
 */
import { maxEntityNameLength, namedReference, numericReference } from './entities.js';
import { JsStrings } from './js-strings.js';
import type { TextOutput } from './text-output.js';

/** How an element's content is read: markup (`undefined`), or raw text up to its end tag. */
export type RawContent = 'script' | 'skip' | 'text' | 'rcdata';

export interface TagEffect {
  /** The tag is a block edge: a line break, and queued side text is written out. */
  readonly block: boolean;
  /** HTML only: the element's content is raw text of this kind. */
  readonly content?: RawContent;
}

export interface MarkupDialect {
  /** HTML rules (case-insensitive names, legacy references, raw-text elements) or XML rules. */
  readonly html: boolean;
  tag(name: string, end: boolean, selfClosing: boolean): TagEffect;
  /** Whether the value of attribute `name` of `element` is text worth searching. */
  attribute(element: string, name: string): boolean;
}

export type ProblemSink = (kind: 'corrupt' | 'unsupported', message: string, offset?: number) => void;

const S = {
  text: 0,
  tagOpen: 1,
  endTagOpen: 2,
  tagName: 3,
  beforeAttrName: 4,
  attrName: 5,
  afterAttrName: 6,
  beforeAttrValue: 7,
  attrValueDouble: 8,
  attrValueSingle: 9,
  attrValueUnquoted: 10,
  afterAttrValue: 11,
  selfClosing: 12,
  markupDeclaration: 13,
  comment: 14,
  bogusComment: 15,
  declaration: 16,
  processingInstruction: 17,
  cdata: 18,
  rawText: 19,
  rawTextLessThan: 20,
  rawTextEndName: 21,
  reference: 22,
  numericStart: 23,
  numeric: 24,
  named: 25,
} as const;
type State = (typeof S)[keyof typeof S];

/** Where characters of the current state go. */
const Sink = { text: 0, aside: 1, none: 2, script: 3 } as const;
type Sink = (typeof Sink)[keyof typeof Sink];

interface Held {
  readonly codePoint: number;
  readonly start: number;
  readonly end: number;
}

/** Longest tag or attribute name kept; longer names are compared by their first characters. */
const maxNameChars = 128;

const isSpace = (cp: number) => cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0c || cp === 0x0d;
const isAsciiAlpha = (cp: number) => (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
const isDigit = (cp: number) => cp >= 0x30 && cp <= 0x39;
const isHexDigit = (cp: number) => isDigit(cp) || (cp >= 0x41 && cp <= 0x46) || (cp >= 0x61 && cp <= 0x66);
const lowerAscii = (cp: number) => (cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp);

export class MarkupTokenizer {
  readonly #dialect: MarkupDialect;
  readonly #out: TextOutput;
  readonly #problem: ProblemSink;
  readonly #script: JsStrings;
  #state: State = S.text;
  #held: Held[] = [];

  #tagStart = 0;
  #tagName = '';
  #endTag = false;
  #selfClosing = false;
  #attrName = '';
  #attrSink: Sink = Sink.none;

  /** The element whose raw text is being read, and how. */
  #rawName = '';
  #rawContent: RawContent = 'skip';
  #rawMatched = 0;

  /** What followed `<!` so far, while it may still become `--` or `[CDATA[`. */
  #declarationPrefix = '';
  #comment = { chars: 0, dashes: 0, bang: false };
  #declarationDepth = 0;
  #declarationQuote = 0;
  #declarationComment = false;
  /** The last four characters of a declaration, to see `<!--` and `-->` in its internal subset. */
  #declarationTail = '';
  #questionMark = false;

  #referenceReturn: State = S.text;
  #referenceSink: Sink = Sink.text;
  #referenceInAttribute = false;
  #referenceName = '';
  #numericValue = 0;
  #numericDigits = 0;
  #numericHex = false;

  constructor(dialect: MarkupDialect, out: TextOutput, problem: ProblemSink) {
    this.#dialect = dialect;
    this.#out = out;
    this.#problem = problem;
    this.#script = new JsStrings(out);
  }

  /** One decoded character from raw bytes `[start, end)`. */
  char(cp: number, start: number, end: number): void {
    const html = this.#dialect.html;
    switch (this.#state) {
      case S.text:
        if (cp === 0x3c) this.#open(S.tagOpen, cp, start, end);
        else if (cp === 0x26) this.#startReference(S.text, Sink.text, false, cp, start, end);
        else this.#out.char(cp, start, end);
        return;

      case S.tagOpen:
        if (cp === 0x21) this.#enter(S.markupDeclaration);
        else if (cp === 0x2f) {
          this.#held.push({ codePoint: cp, start, end });
          this.#state = S.endTagOpen;
        } else if (cp === 0x3f) {
          this.#held = [];
          this.#state = html ? S.bogusComment : S.processingInstruction;
          this.#questionMark = false;
        } else if (this.#nameStart(cp)) this.#startTagName(false, cp);
        else this.#literal(S.text, cp, start, end);
        return;

      case S.endTagOpen:
        if (this.#nameStart(cp)) this.#startTagName(true, cp);
        else if (cp === 0x3e) this.#enter(S.text);
        else {
          this.#enter(S.bogusComment);
          this.char(cp, start, end);
        }
        return;

      case S.tagName:
        if (isSpace(cp)) this.#state = S.beforeAttrName;
        else if (cp === 0x2f) this.#state = S.selfClosing;
        else if (cp === 0x3e) this.#emitTag();
        else this.#tagName = this.#appendName(this.#tagName, cp);
        return;

      case S.beforeAttrName:
        if (isSpace(cp)) return;
        if (cp === 0x2f) this.#state = S.selfClosing;
        else if (cp === 0x3e) this.#emitTag();
        else {
          this.#attrName = this.#appendName('', cp);
          this.#state = S.attrName;
        }
        return;

      case S.attrName:
        if (isSpace(cp)) this.#state = S.afterAttrName;
        else if (cp === 0x2f) this.#state = S.selfClosing;
        else if (cp === 0x3d) this.#state = S.beforeAttrValue;
        else if (cp === 0x3e) this.#emitTag();
        else this.#attrName = this.#appendName(this.#attrName, cp);
        return;

      case S.afterAttrName:
        if (isSpace(cp)) return;
        if (cp === 0x2f) this.#state = S.selfClosing;
        else if (cp === 0x3d) this.#state = S.beforeAttrValue;
        else if (cp === 0x3e) this.#emitTag();
        else {
          this.#attrName = this.#appendName('', cp);
          this.#state = S.attrName;
        }
        return;

      case S.beforeAttrValue:
        if (isSpace(cp)) return;
        this.#attrSink = !this.#endTag && this.#dialect.attribute(this.#tagName, this.#attrName) ? Sink.aside : Sink.none;
        if (cp === 0x22) this.#state = S.attrValueDouble;
        else if (cp === 0x27) this.#state = S.attrValueSingle;
        else if (cp === 0x3e) this.#emitTag();
        else {
          this.#state = S.attrValueUnquoted;
          this.char(cp, start, end);
        }
        return;

      case S.attrValueDouble:
      case S.attrValueSingle:
        if (cp === (this.#state === S.attrValueDouble ? 0x22 : 0x27)) {
          this.#endValue(start);
          this.#state = S.afterAttrValue;
        } else if (cp === 0x26) this.#startReference(this.#state, this.#attrSink, true, cp, start, end);
        else this.#sinkChar(this.#attrSink, cp, start, end);
        return;

      case S.attrValueUnquoted:
        if (isSpace(cp)) {
          this.#endValue(start);
          this.#state = S.beforeAttrName;
        } else if (cp === 0x3e) {
          this.#endValue(start);
          this.#emitTag();
        } else if (cp === 0x26) this.#startReference(S.attrValueUnquoted, this.#attrSink, true, cp, start, end);
        else this.#sinkChar(this.#attrSink, cp, start, end);
        return;

      case S.afterAttrValue:
        if (isSpace(cp)) this.#state = S.beforeAttrName;
        else if (cp === 0x2f) this.#state = S.selfClosing;
        else if (cp === 0x3e) this.#emitTag();
        else {
          this.#state = S.beforeAttrName;
          this.char(cp, start, end);
        }
        return;

      case S.selfClosing:
        if (cp === 0x3e) {
          this.#selfClosing = true;
          this.#emitTag();
        } else {
          this.#state = S.beforeAttrName;
          this.char(cp, start, end);
        }
        return;

      case S.markupDeclaration:
        return this.#markupDeclaration(cp, start, end);

      case S.comment: {
        const comment = this.#comment;
        if (cp === 0x3e && (comment.dashes >= 2 || comment.bang || comment.chars === comment.dashes)) {
          this.#state = S.text;
          return;
        }
        comment.bang = cp === 0x21 && comment.dashes >= 2;
        if (cp === 0x2d) comment.dashes++;
        else if (!comment.bang) comment.dashes = 0;
        comment.chars++;
        return;
      }

      case S.bogusComment:
        if (cp === 0x3e) this.#state = S.text;
        return;

      case S.declaration:
        // Comments in an internal subset may hold brackets and quotes: skipped whole.
        this.#declarationTail = (this.#declarationTail + String.fromCharCode(cp & 0xffff)).slice(-4);
        if (this.#declarationComment) {
          if (this.#declarationTail.endsWith('-->')) this.#declarationComment = false;
          return;
        }
        if (this.#declarationQuote === 0 && this.#declarationTail === '<!--') {
          this.#declarationComment = true;
          this.#declarationTail = '';
          return;
        }
        if (this.#declarationQuote !== 0) {
          if (cp === this.#declarationQuote) this.#declarationQuote = 0;
        } else if (cp === 0x22 || cp === 0x27) this.#declarationQuote = cp;
        else if (cp === 0x5b) this.#declarationDepth++;
        else if (cp === 0x5d) this.#declarationDepth = Math.max(0, this.#declarationDepth - 1);
        else if (cp === 0x3e && this.#declarationDepth === 0) this.#state = S.text;
        return;

      case S.processingInstruction:
        if (cp === 0x3e && this.#questionMark) this.#state = S.text;
        this.#questionMark = cp === 0x3f;
        return;

      case S.cdata:
        return this.#cdata(cp, start, end);

      case S.rawText:
        if (cp === 0x3c) this.#open(S.rawTextLessThan, cp, start, end);
        else if (cp === 0x26 && this.#rawContent === 'rcdata') this.#startReference(S.rawText, Sink.text, false, cp, start, end);
        else this.#sinkChar(this.#rawSink(), cp, start, end);
        return;

      case S.rawTextLessThan:
        if (cp === 0x2f) {
          this.#held.push({ codePoint: cp, start, end });
          this.#rawMatched = 0;
          this.#state = S.rawTextEndName;
        } else this.#literal(S.rawText, cp, start, end);
        return;

      case S.rawTextEndName:
        if (this.#rawMatched < this.#rawName.length && lowerAscii(cp) === this.#rawName.charCodeAt(this.#rawMatched)) {
          this.#held.push({ codePoint: cp, start, end });
          this.#rawMatched++;
        } else if (this.#rawMatched === this.#rawName.length && (isSpace(cp) || cp === 0x2f || cp === 0x3e)) {
          if (this.#rawContent === 'script') this.#script.end(this.#held[0]!.start);
          this.#tagStart = this.#held[0]!.start;
          this.#held = [];
          this.#tagName = this.#rawName;
          this.#endTag = true;
          this.#selfClosing = false;
          this.#state = S.tagName;
          this.char(cp, start, end);
        } else this.#literal(S.rawText, cp, start, end);
        return;

      case S.reference:
        if (cp === 0x23) {
          this.#held.push({ codePoint: cp, start, end });
          this.#state = S.numericStart;
        } else if (isAsciiAlpha(cp) || isDigit(cp)) {
          this.#held.push({ codePoint: cp, start, end });
          this.#referenceName = String.fromCharCode(cp);
          this.#state = S.named;
        } else this.#literal(this.#referenceReturn, cp, start, end, this.#referenceSink);
        return;

      case S.numericStart:
        if ((cp === 0x78 || cp === 0x58) && !this.#numericHex && this.#held.length === 2) {
          this.#held.push({ codePoint: cp, start, end });
          this.#numericHex = true;
        } else if (this.#numericHex ? isHexDigit(cp) : isDigit(cp)) {
          this.#state = S.numeric;
          this.char(cp, start, end);
        } else this.#literal(this.#referenceReturn, cp, start, end, this.#referenceSink);
        return;

      case S.numeric:
        if (this.#numericHex ? isHexDigit(cp) : isDigit(cp)) {
          this.#held.push({ codePoint: cp, start, end });
          this.#numericValue = Math.min(0x110000, this.#numericValue * (this.#numericHex ? 16 : 10) + parseInt(String.fromCharCode(cp), 16));
          this.#numericDigits++;
        } else if (cp === 0x3b) this.#numericDone(end);
        else {
          this.#numericDone(this.#held[this.#held.length - 1]!.end);
          this.char(cp, start, end);
        }
        return;

      case S.named:
        if ((isAsciiAlpha(cp) || isDigit(cp)) && this.#referenceName.length < maxEntityNameLength) {
          this.#held.push({ codePoint: cp, start, end });
          this.#referenceName += String.fromCharCode(cp);
        } else this.#namedDone(cp, start, end);
        return;
    }
  }

  /** The end of the document at raw offset `at`: held characters are text again, and what an open construct swallowed is reported. */
  end(at: number): void {
    switch (this.#state) {
      case S.tagOpen:
      case S.endTagOpen:
      case S.rawTextLessThan:
      case S.rawTextEndName:
      case S.markupDeclaration:
        if (this.#state === S.markupDeclaration) this.#unterminated('markup declaration', at);
        else this.#release(this.#state === S.tagOpen || this.#state === S.endTagOpen ? Sink.text : this.#rawSink());
        break;
      case S.tagName:
      case S.beforeAttrName:
      case S.attrName:
      case S.afterAttrName:
      case S.beforeAttrValue:
      case S.attrValueDouble:
      case S.attrValueSingle:
      case S.attrValueUnquoted:
      case S.afterAttrValue:
      case S.selfClosing:
        this.#out.asideBreak(at);
        this.#unterminated(`${this.#endTag ? 'end ' : ''}tag <${this.#endTag ? '/' : ''}${this.#tagName}`, at);
        break;
      case S.comment:
        if (this.#comment.chars > 0) this.#unterminated('comment', at);
        break;
      case S.bogusComment:
      case S.declaration:
      case S.processingInstruction:
        this.#unterminated(this.#state === S.processingInstruction ? 'processing instruction' : 'declaration', at);
        break;
      case S.cdata:
        this.#release(Sink.text);
        break;
      case S.reference:
      case S.numericStart:
        this.#release(this.#referenceSink);
        break;
      case S.numeric:
        this.#numericDone(this.#held[this.#held.length - 1]!.end);
        break;
      case S.named:
        this.#namedDone(undefined, at, at);
        break;
      case S.text:
      case S.rawText:
        break;
    }
    if (this.#rawContent === 'script') this.#script.end(at);
  }

  #unterminated(what: string, at: number): void {
    const lost = at - this.#tagStart;
    if (lost > 0) this.#problem('corrupt', `${what} opened at offset ${this.#tagStart} is not closed at the end of the document: its ${lost} bytes are not in the text view (they were scanned raw)`, this.#tagStart);
  }

  #nameStart(cp: number): boolean {
    return this.#dialect.html ? isAsciiAlpha(cp) : isAsciiAlpha(cp) || cp === 0x5f || cp === 0x3a || cp >= 0x80;
  }

  #appendName(name: string, cp: number): string {
    if (name.length >= maxNameChars) return name;
    return name + String.fromCodePoint(this.#dialect.html ? lowerAscii(cp) : cp);
  }

  /** `<` (or `</` in raw text) may start markup: hold it until the next character tells. */
  #open(state: State, cp: number, start: number, end: number): void {
    if (state === S.tagOpen) this.#tagStart = start;
    this.#held = [{ codePoint: cp, start, end }];
    this.#state = state;
  }

  /** Drops the held characters (they were markup) and moves to `state`. */
  #enter(state: State): void {
    this.#held = [];
    this.#state = state;
    if (state === S.markupDeclaration) this.#declarationPrefix = '';
  }

  #startTagName(end: boolean, cp: number): void {
    this.#held = [];
    this.#endTag = end;
    this.#selfClosing = false;
    this.#tagName = this.#appendName('', cp);
    this.#state = S.tagName;
  }

  /** The held characters were text after all: write them to `sink`, then read `cp` again in `state`. */
  #literal(state: State, cp: number, start: number, end: number, sink: Sink = state === S.rawText ? this.#rawSink() : Sink.text): void {
    this.#release(sink);
    this.#state = state;
    this.char(cp, start, end);
  }

  #release(sink: Sink): void {
    const held = this.#held;
    this.#held = [];
    for (const item of held) this.#sinkChar(sink, item.codePoint, item.start, item.end);
  }

  #sinkChar(sink: Sink, cp: number, start: number, end: number): void {
    if (sink === Sink.text) this.#out.char(cp, start, end);
    else if (sink === Sink.aside) this.#out.asideChar(cp, start, end);
    else if (sink === Sink.script) this.#script.char(cp, start, end);
  }

  #sinkPiece(sink: Sink, text: string, start: number, end: number): void {
    if (sink === Sink.text) this.#out.piece(text, start, end);
    else if (sink === Sink.aside) this.#out.asidePiece(text, start, end);
  }

  #rawSink(): Sink {
    switch (this.#rawContent) {
      case 'script':
        return Sink.script;
      case 'skip':
        return Sink.none;
      case 'text':
      case 'rcdata':
        return Sink.text;
    }
  }

  #endValue(at: number): void {
    if (this.#attrSink === Sink.aside) this.#out.asideBreak(at);
    this.#attrSink = Sink.none;
  }

  #emitTag(): void {
    const effect = this.#dialect.tag(this.#tagName, this.#endTag, this.#selfClosing);
    if (effect.block) this.#out.blockBreak(this.#tagStart);
    this.#state = S.text;
    if (!this.#endTag && effect.content !== undefined) {
      this.#rawName = this.#tagName;
      this.#rawContent = effect.content;
      this.#state = S.rawText;
    } else if (this.#endTag && this.#tagName === this.#rawName) {
      this.#rawName = '';
      this.#rawContent = 'skip';
    }
  }

  /** After `<!`: `--` opens a comment, `[CDATA[` a CDATA section, anything else a declaration. */
  #markupDeclaration(cp: number, start: number, end: number): void {
    const candidate = this.#declarationPrefix + String.fromCodePoint(cp);
    if (candidate === '--') {
      this.#comment = { chars: 0, dashes: 0, bang: false };
      this.#state = S.comment;
    } else if (candidate === '[CDATA[') {
      this.#held = [];
      this.#state = S.cdata;
    } else if ('--'.startsWith(candidate) || '[CDATA['.startsWith(candidate)) {
      this.#declarationPrefix = candidate;
    } else {
      this.#declarationDepth = 0;
      this.#declarationQuote = 0;
      this.#declarationComment = false;
      this.#declarationTail = '';
      this.#state = this.#dialect.html ? S.bogusComment : S.declaration;
      this.char(cp, start, end);
    }
  }

  /** CDATA content is text; `]]>` ends it, so up to two `]` wait to see what follows. */
  #cdata(cp: number, start: number, end: number): void {
    if (cp === 0x5d) {
      this.#held.push({ codePoint: cp, start, end });
      if (this.#held.length > 2) {
        const first = this.#held.shift()!;
        this.#out.char(first.codePoint, first.start, first.end);
      }
      return;
    }
    if (cp === 0x3e && this.#held.length === 2) {
      this.#held = [];
      this.#state = S.text;
      return;
    }
    this.#release(Sink.text);
    this.#out.char(cp, start, end);
  }

  #startReference(returnState: State, sink: Sink, inAttribute: boolean, cp: number, start: number, end: number): void {
    this.#referenceReturn = returnState;
    this.#referenceSink = sink;
    this.#referenceInAttribute = inAttribute;
    this.#referenceName = '';
    this.#numericValue = 0;
    this.#numericDigits = 0;
    this.#numericHex = false;
    this.#held = [{ codePoint: cp, start, end }];
    this.#state = S.reference;
  }

  #numericDone(end: number): void {
    const start = this.#held[0]!.start;
    this.#held = [];
    this.#state = this.#referenceReturn;
    this.#sinkPiece(this.#referenceSink, numericReference(this.#numericValue, this.#dialect.html), start, end);
  }

  /** `&name` ended by `cp` (`undefined` at the end of the document). */
  #namedDone(cp: number | undefined, start: number, end: number): void {
    const name = this.#referenceName;
    const next = cp === undefined ? undefined : String.fromCodePoint(cp);
    const resolved = namedReference(name, next, this.#dialect.html, this.#referenceInAttribute);
    const sink = this.#referenceSink;
    const held = this.#held;
    this.#held = [];
    this.#state = this.#referenceReturn;
    if (resolved === undefined) {
      for (const item of held) this.#sinkChar(sink, item.codePoint, item.start, item.end);
    } else if (resolved.used > name.length) {
      // The `;` belongs to the reference.
      this.#sinkPiece(sink, resolved.text, held[0]!.start, end);
      return;
    } else {
      this.#sinkPiece(sink, resolved.text, held[0]!.start, held[resolved.used]!.end);
      for (const item of held.slice(resolved.used + 1)) this.#sinkChar(sink, item.codePoint, item.start, item.end);
    }
    if (cp !== undefined) this.char(cp, start, end);
  }
}
