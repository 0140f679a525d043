// Character references through the HTML and XML views, decoded by the `entities` package: the
// decoded text agrees with CPython's html.unescape (every name of the spec's table, with and
// without `;`, and the edge cases in test/fixtures/build/html-entity-cases.py), attribute values
// keep the spec's exception, XML knows only its five names, and every decoded reference maps to
// its own raw bytes, through every chunking.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { namedReference, numericReference } from '../../src/text/entities.js';
import { htmlView } from '../../src/text/html.js';
import { xmlView } from '../../src/text/xml.js';
import { chunkings } from '../helpers/chunkings.js';
import { rawRangeOf, render, renderWhole } from './render.js';

interface Case {
  readonly raw: string;
  readonly text: string;
  readonly note?: string;
}
const cases = JSON.parse(readFileSync(new URL('../fixtures/text/html-entities.json', import.meta.url), 'utf8')) as Case[];
const paragraph = (raw: string) => `<!DOCTYPE html><meta charset="utf-8"><p>${raw}</p>`;
/** The paragraph's text between the `|` marks (white space from a reference is kept). */
const textOf = async (raw: string) => {
  const { text } = await renderWhole(htmlView, paragraph(`|${raw}|`));
  return text.slice(text.indexOf('|') + 1, text.lastIndexOf('|'));
};

describe('HTML references agree with html.unescape', () => {
  it.each(cases.map((item) => [item.note ?? item.raw, item] as const))('%s', async (_name, item) => {
    expect(await textOf(item.raw)).toBe(item.text);
  });
});

describe('HTML references in attribute values (§13.2.5.73)', () => {
  it.each([
    ['a legacy name followed by "=" stays literal', '&amp=1', '&amp=1'],
    ['a legacy name followed by an alphanumeric stays literal', '&ampx', '&ampx'],
    ['a legacy name followed by other text is decoded', '&amp-x', '&-x'],
    ['a name with ";" is decoded whatever follows', '&amp;x', '&x'],
    ['a legacy name at the end of the value is decoded', '&copy', '©'],
    ['a longer name that is not one stays literal', '&notit;', '&notit;'],
  ])('%s', async (_name, value, text) => {
    const rendered = await renderWhole(htmlView, `<p title="${value}">x</p>`);
    expect(rendered.text.split('\n').filter(Boolean)).toContain(text);
  });
});

describe('XML references', () => {
  it.each([
    ['the five predefined names', '&lt;&gt;&amp;&quot;&apos;', `<>&"'`],
    ['an HTML-only name stays literal', '&copy;&nbsp;', '&copy;&nbsp;'],
    ['a name without ";" stays literal', '&amp x', '&amp x'],
    ['numeric references, C1 controls not remapped', '&#20154;&#x79cd;&#x80;', '人种\u0080'],
  ])('%s', async (_name, body, text) => {
    const rendered = await renderWhole(xmlView, `<?xml version="1.0"?><s>${body}</s>`);
    expect(rendered.text.trim()).toBe(text);
  });
});

describe('where a decoded reference came from', () => {
  const raw = Buffer.from(paragraph('属性:&#20154;&NotEqualTilde;&amp&#x79cd;&CounterClockwiseContourIntegral;肤色'));
  const references = ['&#20154;', '&NotEqualTilde;', '&amp', '&#x79cd;', '&CounterClockwiseContourIntegral;'];

  it.each(chunkings(raw).map((chunking) => [chunking.label, chunking.chunks] as const))('maps each to its own raw bytes (%s)', async (_label, chunks) => {
    const rendered = await render(htmlView, chunks);
    expect(rendered.text.trim()).toBe('属性:人≂̸&种∳肤色');
    const decoded = ['人', '≂̸', '&', '种', '∳'];
    decoded.forEach((text, index) => {
      const start = raw.indexOf(references[index]!);
      expect(rawRangeOf(rendered, text), text).toEqual({ start, end: start + references[index]!.length });
    });
  });
});

describe('namedReference', () => {
  it.each([
    ['a name with ";"', 'amp', ';', false, { text: '&', used: 4 }],
    ['the longest legacy prefix', 'notit', ';', false, { text: '¬', used: 3 }],
    ['a legacy name at the end of the input', 'copy', undefined, false, { text: '©', used: 4 }],
    ['a name for two characters', 'NotEqualTilde', ';', false, { text: '≂̸', used: 14 }],
    ['no name', 'zzz', ';', false, undefined],
    ['a legacy prefix followed by an alphanumeric in an attribute', 'ampx', ';', true, undefined],
  ] as const)('%s', (_name, name, next, inAttribute, expected) => {
    expect(namedReference(name, next, true, inAttribute)).toEqual(expected);
  });
});

describe('numericReference', () => {
  it.each([
    [0x4eba, true, '人'],
    [0x80, true, '€'],
    [0x80, false, '\u0080'],
    [0, true, '\ufffd'],
    [0xd800, false, '\ufffd'],
    [0x110000, true, '\ufffd'],
  ])('%i (html %s) → %j', (value, html, text) => {
    expect(numericReference(value, html)).toBe(text);
  });
});
