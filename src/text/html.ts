/**
 * HTML and XHTML pages (saved vendor product pages, device web UIs) as text: tags and comments
 * removed so 疆<b>藏</b> reads 疆藏, character references decoded (the full HTML5 table, decimal
 * and hex), a line break at block edges so unrelated cells do not run together, selected
 * attribute values and inline-script string literals as lines of their own.
 *
 * Charset (WHATWG order): BOM; `<meta charset>` / `http-equiv="Content-Type"` found by the
 * prescan in the first `declarationBytes`; an XML declaration (XHTML); else sniffed (UTF-8 if
 * it decodes, else GB18030 or Big5). Detected by content only: a document type, or one of
 * html/head/body/meta/title as the first tag (after a BOM, white space and comments such as
 * IE's `<!-- saved from url=… -->`), or an XML declaration with `<html` in the first KiB.
 */
import type { Detection } from '../core/types.js';
import { prescanMeta, resolveLabel, sniffBom, xmlDeclarationLabel, type CharsetDecision } from './charset.js';
import { renderMarkup } from './markup-view.js';
import type { MarkupDialect, RawContent } from './markup.js';
import { defineTextView } from './types.js';

/** Bytes of the head that `detect` reads. */
const detectBytes = 1024;

/** Elements whose edges end a line of text (HTML's block-level and table elements, and the head's). */
const blockElements = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'legend', 'li', 'link', 'main', 'menu',
  'meta', 'nav', 'noscript', 'ol', 'optgroup', 'option', 'p', 'pre', 'script', 'section', 'select', 'style',
  'summary', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul',
]);

/** WHATWG HTML §13.2.6.2: elements whose content the tokenizer reads as raw text or RCDATA. */
const rawContent: Readonly<Record<string, RawContent>> = {
  script: 'script',
  style: 'skip',
  title: 'rcdata',
  textarea: 'rcdata',
  xmp: 'text',
  iframe: 'text',
  noembed: 'text',
  noframes: 'text',
  plaintext: 'text',
};

/** Attributes whose values are human-readable text. */
const textAttributes = new Set(['title', 'alt', 'content', 'value', 'placeholder', 'aria-label', 'label', 'summary']);

export const htmlDialect: MarkupDialect = {
  html: true,
  tag(name, end) {
    const content = end ? undefined : rawContent[name];
    return content === undefined ? { block: blockElements.has(name) } : { block: blockElements.has(name), content };
  },
  attribute(_element, name) {
    return textAttributes.has(name) || name.startsWith('data-');
  },
};

export const htmlView = defineTextView({
  id: 'html',
  doc: {
    name: 'HTML and XHTML documents',
    references: [
      'https://html.spec.whatwg.org/multipage/parsing.html#tokenization',
      'https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding',
      'https://encoding.spec.whatwg.org/',
    ],
    limitations: [
      'Text is not whitespace-normalised: a term broken by a newline in the source (人\\n种) is not joined.',
      'Attribute values and script strings are written at the next block edge, on their own lines, not where they stand.',
      'Script is lexed, not parsed: a quote inside a regular expression literal can open a string that runs to the end of the line.',
      'Foreign content (SVG, MathML) is read with HTML rules; CDATA sections are always text.',
      'A charset declared after the first 4 KiB is not seen; an undeclared page is sniffed from at most its first 1 MiB.',
      'EUC-JP and ISO-2022 pages are read as windows-1252 (an `unsupported` problem).',
      'Findings in Shift_JIS, EUC-KR and single-byte pages are labelled utf-8: the report has no name for those charsets yet.',
    ],
  },
  headLength: detectBytes,
  detect(head): Detection {
    const text = asciiHead(head);
    const start = skipLeadingComments(text);
    const first = text.slice(start, start + 16);
    const tag = /^<(!doctype\s+html|html|head|body|meta|title)[\s/>]/.exec(first)?.[1];
    if (tag !== undefined) return { ok: true, reasons: [`starts with <${tag.replace(/\s+/, ' ')}`] };
    if (first.startsWith('<?xml') && /<(html|!doctype\s+html)[\s>]/.test(text.slice(0, detectBytes))) return { ok: true, reasons: ['XML declaration followed by <html'] };
    return { ok: false, reason: 'does not start with an HTML document type or html/head/body/meta/title tag' };
  },
  render: (input, ctx) => renderMarkup(input, ctx, declaredHtmlCharset, htmlDialect),
});

/** BOM, then `<meta>`, then an XML declaration; UTF-16 without a BOM when the first character is `<` in UTF-16. */
export function declaredHtmlCharset(prefix: Uint8Array): CharsetDecision | undefined {
  const bom = sniffBom(prefix);
  if (bom !== undefined) return { charset: bom.charset, source: 'bom', bomLength: bom.length };
  const utf16 = utf16WithoutBom(prefix);
  if (utf16 !== undefined) return { charset: utf16, source: 'sniffed', bomLength: 0 };
  const label = prescanMeta(prefix) ?? xmlDeclarationLabel(prefix, skipSpaces(prefix));
  return label === undefined ? undefined : fromLabel(label, 'meta');
}

/** A declared label as a decision: UTF-16 declared inside ASCII bytes means UTF-8; an unknown label is ignored. */
export function fromLabel(label: string, source: 'meta' | 'xml-declaration'): CharsetDecision | undefined {
  const charset = resolveLabel(label);
  if (charset === undefined) return undefined;
  if (charset === 'unsupported') return { charset: 'windows-1252', source, bomLength: 0, unsupportedLabel: label };
  if (charset === 'utf-16le' || charset === 'utf-16be') return { charset: 'utf-8', source, bomLength: 0 };
  return { charset, source, bomLength: 0 };
}

/** `<` then a NUL (UTF-16LE) or a NUL then `<` (UTF-16BE) at the start: ASCII markup written in UTF-16 without a BOM. */
export function utf16WithoutBom(prefix: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (prefix.length < 4) return undefined;
  if (prefix[0] === 0x3c && prefix[1] === 0 && prefix[2] !== 0 && prefix[3] === 0) return 'utf-16le';
  if (prefix[0] === 0 && prefix[1] === 0x3c && prefix[2] === 0 && prefix[3] !== 0) return 'utf-16be';
  return undefined;
}

function skipSpaces(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
  return at;
}

/**
 * The head as lowercase ASCII for detection: the BOM dropped, UTF-16 (with a BOM, or ASCII
 * markup without one) reduced to its low bytes, other non-ASCII bytes kept as U+0080.
 */
export function asciiHead(head: Uint8Array): string {
  const bom = sniffBom(head);
  const utf16 = bom !== undefined && bom.charset !== 'utf-8' ? bom.charset : utf16WithoutBom(head);
  const bytes = head.subarray(bom?.length ?? 0);
  // Built as bytes and decoded once: every object's head is looked at, most of them binary.
  const text = Buffer.allocUnsafe(utf16 === undefined ? bytes.length : bytes.length >> 1);
  for (let i = 0; i < text.length; i++) {
    let byte = bytes[i]!;
    if (utf16 !== undefined) {
      const unitLow = utf16 === 'utf-16le' ? bytes[2 * i]! : bytes[2 * i + 1]!;
      const unitHigh = utf16 === 'utf-16le' ? bytes[2 * i + 1]! : bytes[2 * i]!;
      byte = unitHigh === 0 && unitLow < 0x80 ? unitLow : 0x80;
    }
    text[i] = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : Math.min(byte, 0x80);
  }
  return text.toString('latin1');
}

/** Index of the first character after leading white space and complete `<!-- … -->` comments. */
export function skipLeadingComments(text: string): number {
  let at = 0;
  for (;;) {
    while (at < text.length && /[\t\n\f\r ]/.test(text[at]!)) at++;
    if (!text.startsWith('<!--', at)) return at;
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return at;
    at = end + 3;
  }
}
