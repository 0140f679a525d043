/**
 * Character references: the decoding rules shared by the HTML and XML views (WHATWG HTML
 * §13.2.5.72–80 "character reference" states; XML 1.0 §4.1). Pure functions; the tokenizer
 * owns the state machine around them and maps every decoded piece to its raw bytes.
 *
 * The names and what they stand for come from the `entities` package (fb55, the decoder of
 * htmlparser2 and parse5): its decode trees are generated from the spec's entities.json, and its
 * `EntityDecoder` applies the spec's rules for a reference without `;` (the longest legacy name,
 * and in attribute values none followed by `=` or an alphanumeric). Here it is handed one
 * reference at a time, and only how many characters it used is taken from it.
 */
import { DecodingMode, EntityDecoder, htmlDecodeTree, replaceCodePoint, xmlDecodeTree } from 'entities/decode';

/** Longest named reference, semicolon included (`&CounterClockwiseContourIntegral;`). */
export const maxEntityNameLength = 32;

/**
 * The character a numeric reference stands for (`&#20154;` → 人); out-of-range values, NUL and
 * surrogates give U+FFFD. HTML (§13.2.5.80) also reads references to C1 controls as the
 * windows-1252 characters (`&#x80;` → €); XML does not.
 */
export function numericReference(value: number, html: boolean): string {
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(html ? replaceCodePoint(value) : value);
}

/**
 * Resolves `&name` followed by `next` (`;`, or the first character that ended the name, or
 * `undefined` at the end of input). Returns the decoded text and how many characters of
 * `name` it used (plus one when it used the `;`), or `undefined` when nothing is decoded.
 * HTML: a name with `;` from the full table, else the longest legacy prefix (`&ampx` → `&` +
 * `x`), except in an attribute value where a legacy match followed by `=` or an alphanumeric
 * stays literal (§13.2.5.73). XML: the five predefined names, semicolon required.
 */
export function namedReference(name: string, next: string | undefined, html: boolean, inAttribute: boolean): { readonly text: string; readonly used: number } | undefined {
  let text = '';
  let consumed = 0;
  const decoder = new EntityDecoder(html ? htmlDecodeTree : xmlDecodeTree, (codePoint, used) => {
    // Two calls for the names that stand for two characters (`&NotEqualTilde;` → ≂̸), with the same count.
    text += String.fromCodePoint(codePoint);
    consumed = used;
  });
  decoder.startEntity(!html ? DecodingMode.Strict : inAttribute ? DecodingMode.Attribute : DecodingMode.Legacy);
  // The decoder returns -1 when the input ran out inside a possible name: that is the end of the document.
  if (decoder.write(name + (next ?? ''), 0) < 0) decoder.end();
  // `consumed` counts the `&` too.
  return text === '' ? undefined : { text, used: consumed - 1 };
}
