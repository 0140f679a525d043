import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { asciiLetterMask, defaultEncodings, encodeText, expandTerms, writeText, type NeedleSet } from '../../src/patterns/needles.js';
import type { Encoding, Needle, Syntax } from '../../src/patterns/types.js';
import { makeTerm } from '../helpers/terms.js';

const hex = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('hex'));

describe('encodeText', () => {
  it.each<[string, Encoding, string | undefined]>([
    // R1 test vectors (research/search-and-reports.md §1.1)
    ['人种', 'utf-8', 'e4babae7a78d'],
    ['人种', 'utf-16le', 'ba4ecd79'],
    ['人种', 'utf-16be', '4eba79cd'],
    ['人种', 'gb18030', 'c8cbd6d6'],
    ['人种', 'big5', 'a448cffa'],
    ['人种', 'utf-32le', 'ba4e0000cd790000'],
    ['人种', 'utf-32be', '00004eba000079cd'],
    ['肤色', 'gb18030', 'b7f4c9ab'],
    ['肤色', 'big5', undefined], // 肤 is not in Big5: iconv-lite would write 3f a6 e2
    ['膚色', 'big5', 'bda7a6e2'],
    ['人種', 'gb18030', 'c8cbb74e'],
    ['维族', 'big5', undefined],
    ['?', 'big5', '3f'], // a real question mark is encodable
    ['\u{20000}', 'utf-16le', '40d800dc'],
    ['\u{20000}', 'utf-32le', '00000200'],
    ['\ud800', 'utf-8', undefined], // lone surrogate: TextEncoder would write U+FFFD
    ['\ud800', 'utf-16le', undefined],
    ['\ud800', 'gb18030', undefined],
  ])('%s in %s → %s', (text, encoding, expected) => {
    expect(hex(encodeText(text, encoding))).toBe(expected);
  });
});

const raw = (set: NeedleSet) => set.needles.filter((n) => n.form === 'raw');
/** Needle bytes as text when they are ASCII (escapes, base64), else hex. */
const shown = (n: Needle) => (n.bytes.every((b) => b < 0x80) ? Buffer.from(n.bytes).toString('latin1') : hex(n.bytes));

describe('expandTerms', () => {
  it('generates one raw needle per encoding for 人种 with ids in order (R1, UTF-32 for wchar_t)', () => {
    const set = expandTerms([makeTerm('人种')]);
    expect(raw(set).map((n) => [n.id, n.encoding, n.form, hex(n.bytes)])).toEqual([
      [0, 'utf-8', 'raw', 'e4babae7a78d'],
      [1, 'utf-16le', 'raw', 'ba4ecd79'],
      [2, 'utf-16be', 'raw', '4eba79cd'],
      [3, 'utf-32le', 'raw', 'ba4e0000cd790000'],
      [4, 'utf-32be', 'raw', '00004eba000079cd'],
      [5, 'gb18030', 'raw', 'c8cbd6d6'],
      [6, 'big5', 'raw', 'a448cffa'],
    ]);
    expect(set.needles.map((n) => n.id)).toEqual(set.needles.map((_, i) => i));
    expect(set.coverage.every((c) => c.status === 'searched')).toBe(true);
    expect(set.maxNeedleLength).toBe(24); // \xe4\xba\xba\xe7\xa7\x8d
  });

  it('writes every escaped form of 人种 once, labelled with form and encoding (R4, R5)', () => {
    const set = expandTerms([makeTerm('人种')]);
    expect(set.needles.filter((n) => n.form !== 'raw').map((n) => [n.syntax, n.encoding, n.form, shown(n)])).toEqual([
      ['json-u', 'utf-16be', 'json-escape', '\\u4eba\\u79cd'],
      ['json-u-double', 'utf-16be', 'json-escape', '\\\\u4eba\\\\u79cd'],
      ['js-u-brace', 'utf-32be', 'json-escape', '\\u{4eba}\\u{79cd}'],
      ['html-decimal', 'utf-32be', 'html-entity', '&#20154;&#31181;'],
      ['html-hex', 'utf-32be', 'html-entity', '&#x4eba;&#x79cd;'],
      ['url-percent', 'utf-8', 'url-percent', '%E4%BA%BA%E7%A7%8D'],
      ['url-percent', 'gb18030', 'url-percent', '%C8%CB%D6%D6'],
      ['c-hex', 'utf-8', 'c-escape', '\\xe4\\xba\\xba\\xe7\\xa7\\x8d'],
      ['c-hex', 'gb18030', 'c-escape', '\\xc8\\xcb\\xd6\\xd6'],
      ['c-octal', 'utf-8', 'c-escape', '\\344\\272\\272\\347\\247\\215'],
      ['c-octal', 'gb18030', 'c-escape', '\\310\\313\\326\\326'],
      ['base64-phase0', 'utf-8', 'base64', '5Lq656eN'], // research §1.1 vector
      ['base64-phase0', 'utf-16le', 'base64', 'uk7Ne'],
      ['base64-phase0', 'gb18030', 'base64', 'yMvW1'],
      ['base64-phase1', 'utf-8', 'base64', 'S6uuenj'],
      ['base64-phase1', 'utf-16le', 'base64', 'pOzX'],
      ['base64-phase1', 'gb18030', 'base64', 'jL1t'],
      ['base64-phase2', 'utf-8', 'base64', 'kurrnp4'],
      ['base64-phase2', 'utf-16le', 'base64', '6Ts15'],
      ['base64-phase2', 'gb18030', 'base64', 'Iy9bW'],
    ]);
  });

  it('folds hex digits in one needle instead of generating case combinations', () => {
    const byIds = (syntax: string) => expandTerms([makeTerm('人种')]).needles.find((n) => n.syntax === syntax)!;
    const mask = (syntax: string) => Array.from(byIds(syntax).foldMask).join('');
    expect(mask('json-u')).toBe('000111' + '000011'); // \u4eba\u79cd: the a-f digits fold, \, u and 0-9 never
    expect(mask('html-hex')).toBe('0010111' + '0' + '00100110'.slice(0, 8)); // &#x4eba;&#x79cd;: x folds too
    expect(mask('url-percent').length).toBe(18);
    expect(mask('c-octal')).toMatch(/^0+$/);
    expect(mask('base64-phase0')).toMatch(/^0+$/); // base64 letters are data
  });

  it('gives a case-insensitive term folding literal letters, and only real letters', () => {
    const [n] = expandTerms([makeTerm('x人', { case: 'insensitive' })], ['utf-8'], ['url-percent']).needles;
    expect([shown(n!), Array.from(n!.foldMask).join('')]).toEqual(['x%E4%BA%BA', '1' + '010' + '011' + '011']);
    const [gbk] = expandTerms([makeTerm('人種', { case: 'insensitive' })], ['gb18030'], ['url-percent']).needles;
    expect(shown(gbk!)).toBe('%C8%CB%B7N'); // 種 = b7 4e: the trail byte stays literal and never folds
    expect(gbk!.foldMask.at(-1)).toBe(0);
  });

  it('escapes only non-ASCII characters and keeps ASCII literal', () => {
    const { needles } = expandTerms([makeTerm('维族(新疆)')], ['utf-16be', 'utf-32be'], ['json-escape', 'html-entity']);
    expect(needles.map(shown)).toEqual([
      '\\u7ef4\\u65cf(\\u65b0\\u7586)',
      '\\\\u7ef4\\\\u65cf(\\\\u65b0\\\\u7586)',
      '\\u{7ef4}\\u{65cf}(\\u{65b0}\\u{7586})',
      '&#32500;&#26063;(&#26032;&#30086;)',
      '&#x7ef4;&#x65cf;(&#x65b0;&#x7586;)',
    ]);
  });

  it('writes characters beyond the BMP as surrogate pairs in \\u escapes and whole in \\u{…} and &#…;', () => {
    const { needles } = expandTerms([makeTerm('\u{20000}')], ['utf-16be', 'utf-32be'], ['json-escape', 'html-entity']);
    expect(needles.map(shown)).toEqual(['\\ud840\\udc00', '\\\\ud840\\\\udc00', '\\u{20000}', '&#131072;', '&#x20000;']);
  });

  it('makes no escapes for ASCII identifiers, only base64 (R5) and raw (R6)', () => {
    const { needles, coverage } = expandTerms([makeTerm('EM_NATION_TYPE_UYGUR')]);
    expect(needles.map((n) => `${n.encoding}/${n.syntax}`)).toEqual([
      'utf-8/raw', 'utf-16le/raw', 'utf-16be/raw', 'utf-32le/raw', 'utf-32be/raw',
      'utf-8/base64-phase0', 'utf-16le/base64-phase0', 'utf-8/base64-phase1', 'utf-16le/base64-phase1', 'utf-8/base64-phase2', 'utf-16le/base64-phase2',
    ]);
    expect(needles.find((n) => n.syntax === 'base64-phase0' && n.encoding === 'utf-8')!.bytes).toEqual(new TextEncoder().encode('RU1fTkFUSU9OX1RZUEVfVVlHVV'));
    expect(coverage.map((c) => `${c.encoding}/${c.form}`)).not.toContain('utf-8/json-escape');
    expect(coverage.filter((c) => c.form === 'base64').map((c) => [c.encoding, c.status])).toEqual([
      ['utf-8', 'searched'],
      ['utf-16le', 'searched'],
      ['gb18030', 'searched'], // same bytes as UTF-8: searched by that needle
    ]);
  });

  it('skips base64 of spellings under 3 bytes (YARA-X rule)', () => {
    const { needles, coverage } = expandTerms([makeTerm('ab')], ['utf-8'], ['raw', 'base64']);
    expect(needles.map((n) => n.syntax)).toEqual(['raw']);
    expect(coverage.filter((c) => c.status !== 'disabled').map((c) => c.form)).toEqual(['raw']);
    expect(coverage.filter((c) => c.form === 'base64').map((c) => [c.encoding, c.status])).toEqual([['utf-16le', 'disabled']]); // 4 bytes in UTF-16
  });

  it('lists 肤色/Big5 as unencodable and never searches substitute bytes (R2, R44)', () => {
    const { needles, coverage } = expandTerms([makeTerm('肤色')]);
    expect(coverage.find((c) => c.encoding === 'big5')).toMatchObject({ variant: '肤色', form: 'raw', status: 'unencodable' });
    expect(raw({ needles, coverage, maxNeedleLength: 0 }).map((n) => n.encoding)).toEqual(['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be', 'gb18030']);
    expect(needles.some((n) => n.encoding === 'big5')).toBe(false);
    expect(needles.filter((n) => n.syntax === 'raw').some((n) => n.bytes.includes(0x3f))).toBe(false);
  });

  it('lists escapes of unencodable bytes as unencodable too', () => {
    const { coverage } = expandTerms([makeTerm('\u{1F600}人')]);
    expect(coverage.filter((c) => c.encoding === 'gb18030').map((c) => [c.form, c.status])).toEqual([
      ['raw', 'searched'], // GB18030 encodes every code point (four-byte sequences)
      ['url-percent', 'searched'],
      ['c-escape', 'searched'],
      ['base64', 'searched'],
    ]);
    const big5 = expandTerms([makeTerm('肤色')]).coverage.filter((c) => c.encoding === 'big5');
    expect(big5).toHaveLength(1);
  });

  it('covers Big5 through the traditional variant 膚色 (R3)', () => {
    const { needles, coverage } = expandTerms([makeTerm('肤色', { variants: ['膚色'] })]);
    const big5 = needles.filter((n) => n.encoding === 'big5');
    expect(big5.map((n) => [n.variant, hex(n.bytes)])).toEqual([['膚色', 'bda7a6e2']]);
    expect(coverage.filter((c) => c.encoding === 'big5').map((c) => [c.variant, c.status])).toEqual([
      ['肤色', 'unencodable'],
      ['膚色', 'searched'],
    ]);
  });

  it('marks cells outside the chosen encodings and forms as disabled', () => {
    const { needles, coverage } = expandTerms([makeTerm('人种')], ['utf-8'], ['raw', 'url-percent']);
    expect(needles.map((n) => `${n.encoding}/${n.form}`)).toEqual(['utf-8/raw', 'utf-8/url-percent']);
    const status = Object.fromEntries(coverage.map((c) => [`${c.encoding}/${c.form}`, c.status]));
    expect(status).toMatchObject({ 'utf-8/raw': 'searched', 'utf-16le/raw': 'disabled', 'gb18030/url-percent': 'disabled', 'utf-8/base64': 'disabled' });
    expect(coverage).toHaveLength(17);
  });

  it('makes one needle for ASCII text shared by UTF-8, GB18030 and Big5, labelled utf-8', () => {
    const { needles, coverage } = expandTerms([makeTerm('EM_RACE_TYPE')], defaultEncodings, ['raw']);
    expect(needles.map((n) => n.encoding)).toEqual(['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']);
    expect(coverage.filter((c) => c.status === 'searched')).toHaveLength(defaultEncodings.length);
  });

  it('dedupes spellings that differ only in ASCII case when the term is case-insensitive', () => {
    const folded = expandTerms([makeTerm('Uyghur', { case: 'insensitive', variants: ['UYGHUR'] })], defaultEncodings, ['raw']);
    expect(folded.needles).toHaveLength(5);
    expect(folded.needles.every((n) => n.variant === 'Uyghur' && n.foldMask.some((f) => f === 1))).toBe(true);
    expect(folded.coverage.filter((c) => c.form === 'raw')).toHaveLength(14);
    const exact = expandTerms([makeTerm('Uyghur', { variants: ['UYGHUR'] })], defaultEncodings, ['raw']);
    expect(exact.needles).toHaveLength(10);
    expect(exact.needles.every((n) => n.foldMask.every((f) => f === 0))).toBe(true);
  });

  it.each([
    ['case-insensitive', 'insensitive'],
    ['case-sensitive', 'sensitive'],
  ] as const)('makes one needle when a %s variant is spelled like the JNI form of the text (`_` kept, not folded)', (_name, termCase) => {
    const term = makeTerm('EM_RACE', { kind: 'identifier', case: termCase, variants: ['EM_1RACE'] });
    const { needles } = expandTerms([term], ['utf-8'], ['raw']);
    const spelled = (text: string) => needles.filter((n) => Buffer.from(n.bytes).toString('latin1') === text);
    // The literal variant came first and searches the same bytes (a `Java_` symbol rescues it too).
    expect(spelled('EM_1RACE').map((n) => [n.variant, n.jni === true])).toEqual([['EM_1RACE', false]]);
    expect(spelled('EM_RACE')).toHaveLength(1);
    // The JNI spelling of the variant (`EM_11RACE`) is a needle of its own.
    expect(spelled('EM_11RACE')).toMatchObject([{ jni: true }]);
    expect(needles).toHaveLength(3);
  });

  it('keeps identical bytes from different terms as separate needles', () => {
    const { needles } = expandTerms([makeTerm('维族', { id: 'a' }), makeTerm('维族', { id: 'b' })], ['utf-8', 'gb18030'], ['raw']);
    expect(needles.map((n) => n.term.id)).toEqual(['a', 'a', 'b', 'b']);
  });

  it('is deterministic', () => {
    const terms = [makeTerm('人种', { variants: ['人種'] }), makeTerm('byRace', { case: 'insensitive' })];
    const a = expandTerms(terms);
    const b = expandTerms(terms);
    expect(a.needles.map((n) => [n.id, n.term.id, n.variant, n.encoding, n.syntax, hex(n.bytes)])).toEqual(
      b.needles.map((n) => [n.id, n.term.id, n.variant, n.encoding, n.syntax, hex(n.bytes)]),
    );
  });

  it('adds encodings by listing them', () => {
    const { needles } = expandTerms([makeTerm('人种')], ['utf-32le', 'utf-32be'], ['raw']);
    expect(needles.map((n) => hex(n.bytes))).toEqual(['ba4e0000cd790000', '00004eba000079cd']);
  });

  it('rejects an empty spelling as misuse', () => {
    expect(() => expandTerms([makeTerm('x', { variants: [''] })])).toThrow(RangeError);
  });
});

describe('writeText', () => {
  it.each<[string, Encoding, Syntax, string | undefined]>([
    ['运', 'utf-16be', 'json-u', '\\u8fd0'],
    ['1', 'utf-16be', 'json-u', '1'], // ASCII stays literal in escapes
    ['运', 'gb18030', 'url-percent', '%D4%CB'],
    ['草', 'utf-32be', 'html-decimal', '&#33609;'],
    ['草', 'utf-8', 'base64-phase0', undefined], // base64 neighbours depend on the phase
    ['肤', 'big5', 'raw', undefined],
  ])('%s in %s as %s', (text, encoding, syntax, expected) => {
    const bytes = writeText(text, encoding, syntax);
    expect(bytes === undefined ? undefined : Buffer.from(bytes).toString('latin1')).toBe(expected);
  });
});

describe('asciiLetterMask', () => {
  it.each<[string, Encoding, string]>([
    ['人種', 'gb18030', '0000'], // trail byte 4e ('N') is not a letter
    ['a人', 'gb18030', '100'],
    ['aB', 'utf-16le', '1010'],
    ['aB', 'utf-16be', '0101'],
    ['人', 'utf-16le', '00'], // ba 4e: the 4e is half of 人
    ['A', 'utf-32le', '1000'],
    ['é a', 'utf-8', '0001'],
  ])('%s in %s', (text, encoding, expected) => {
    expect(asciiLetterMask(encodeText(text, encoding)!, encoding).join('')).toBe(expected);
  });
});
