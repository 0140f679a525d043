/**
 * Text views: a document (HTML, XML, a PDF page…) decoded into UTF-8 text that the matcher
 * searches besides the document's raw bytes, so 疆<b>藏</b>, `&#30086;&#34255;` or a GB2312
 * page's text are found as text. Every stretch of text carries the raw byte range it came
 * from, so a finding in a view points at the document's own bytes. A view never sees a term.
 */
import type { Encoding } from '../core/types.js';
import type { Detection, FormatDoc as HandlerDoc } from '../core/types.js';

/**
 * `text[textStart - chunkStart …]` came from raw bytes `[rawStart, rawEnd)` of the document.
 * Segments of a chunk are in text order and cover all of its text; `textStart` is absolute
 * (counted over every chunk the view produced).
 */
export interface TextSegment {
  readonly textStart: number;
  readonly rawStart: number;
  readonly rawEnd: number;
}

export interface TextChunk {
  /** UTF-8. */
  readonly text: Uint8Array;
  readonly segments: readonly TextSegment[];
}

export interface ViewContext {
  /** Records a problem with the document (a bad charset label, an unterminated tag) without stopping the view. */
  problem(kind: 'corrupt' | 'unsupported', message: string, offset?: number): void;
  /** The charset the document's container declared for it (MHTML part, HTTP header), used when the document declares none. */
  readonly declaredCharset?: string;
  /** The document's character encoding as the view decided it (`gb18030`, `big5`, `utf-8`…), recorded with its findings. */
  setCharset(charset: Encoding): void;
}

export interface TextView {
  readonly id: string;
  readonly doc: HandlerDoc;
  /** Bytes of the object's start that `detect` needs. */
  readonly headLength: number;
  /** Pure; never throws on bad input. */
  detect(head: Uint8Array): Detection;
  /** Decodes the document, reading `input` once from its first byte. Input problems go to `ctx.problem`. */
  render(input: AsyncIterable<Uint8Array>, ctx: ViewContext): AsyncIterable<TextChunk>;
}

/** Identity helper: gives every view the same checked shape. */
export function defineTextView(view: TextView): TextView {
  return view;
}
