/**
 * Character references: the decoding rules shared by the HTML and XML views (WHATWG HTML
 * §13.2.5.72–80 "character reference" states; XML 1.0 §4.1). Pure functions; the tokenizer
 * owns the state machine around them.
 */
import { htmlEntities } from './html-entities.js';

/** Longest named reference, semicolon included (`&CounterClockwiseContourIntegral;`). */
export const maxEntityNameLength = 32;

/** WHATWG HTML §13.2.5.80: numeric references to C1 controls mean the windows-1252 characters. */
const c1Replacements: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** The character a numeric reference stands for (`&#20154;` → 人); out-of-range values, NUL and surrogates give U+FFFD. */
export function numericReference(value: number, html: boolean): string {
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\ufffd';
  if (html) return String.fromCodePoint(c1Replacements[value] ?? value);
  return String.fromCodePoint(value);
}

const xmlEntities: Readonly<Record<string, string>> = { 'amp;': '&', 'lt;': '<', 'gt;': '>', 'quot;': '"', 'apos;': "'" };

/**
 * Resolves `&name` followed by `next` (`;`, or the first character that ended the name, or
 * `undefined` at the end of input). Returns the decoded text and how many characters of
 * `name` it used (plus one when it used the `;`), or `undefined` when nothing is decoded.
 * HTML: a name with `;` from the full table, else the longest legacy prefix (`&ampx` → `&` +
 * `x`), except in an attribute value where a legacy match followed by `=` or an alphanumeric
 * stays literal (§13.2.5.73). XML: the five predefined names, semicolon required.
 */
export function namedReference(name: string, next: string | undefined, html: boolean, inAttribute: boolean): { readonly text: string; readonly used: number } | undefined {
  if (!html) {
    const text = next === ';' ? xmlEntities[`${name};`] : undefined;
    return text === undefined ? undefined : { text, used: name.length + 1 };
  }
  if (next === ';') {
    const text = htmlEntities[`${name};`];
    if (text !== undefined) return { text, used: name.length + 1 };
  }
  for (let length = Math.min(name.length, maxEntityNameLength); length >= 2; length--) {
    const text = htmlEntities[name.slice(0, length)];
    if (text === undefined) continue;
    const following = length < name.length ? name[length] : next;
    if (inAttribute && following !== undefined && /[=A-Za-z0-9]/.test(following)) return undefined;
    return { text, used: length };
  }
  return undefined;
}
