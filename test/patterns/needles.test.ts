import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { asciiLetterMask, defaultEncodings, encodeText, expandTerms } from '../../src/patterns/needles.js';
import type { Encoding } from '../../src/patterns/types.js';
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

describe('expandTerms', () => {
  it('generates one needle per encoding for 人种 with ids in order (R1)', () => {
    const { needles, coverage, maxNeedleLength } = expandTerms([makeTerm('人种')]);
    expect(needles.map((n) => [n.id, n.encoding, n.form, hex(n.bytes)])).toEqual([
      [0, 'utf-8', 'raw', 'e4babae7a78d'],
      [1, 'utf-16le', 'raw', 'ba4ecd79'],
      [2, 'utf-16be', 'raw', '4eba79cd'],
      [3, 'gb18030', 'raw', 'c8cbd6d6'],
      [4, 'big5', 'raw', 'a448cffa'],
    ]);
    expect(coverage.every((c) => c.status === 'searched')).toBe(true);
    expect(maxNeedleLength).toBe(6);
  });

  it('lists 肤色/Big5 as unencodable and never searches substitute bytes (R2)', () => {
    const { needles, coverage } = expandTerms([makeTerm('肤色')]);
    expect(coverage.find((c) => c.encoding === 'big5')).toMatchObject({ variant: '肤色', status: 'unencodable' });
    expect(needles.map((n) => n.encoding)).toEqual(['utf-8', 'utf-16le', 'utf-16be', 'gb18030']);
    expect(needles.some((n) => n.bytes.includes(0x3f))).toBe(false);
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

  it('makes one needle for ASCII text shared by UTF-8, GB18030 and Big5, labelled utf-8', () => {
    const { needles, coverage } = expandTerms([makeTerm('EM_RACE_TYPE')]);
    expect(needles.map((n) => n.encoding)).toEqual(['utf-8', 'utf-16le', 'utf-16be']);
    expect(coverage).toHaveLength(defaultEncodings.length);
    expect(coverage.every((c) => c.status === 'searched')).toBe(true);
  });

  it('dedupes spellings that differ only in ASCII case when the term is case-insensitive', () => {
    const folded = expandTerms([makeTerm('Uyghur', { case: 'insensitive', variants: ['UYGHUR'] })]);
    expect(folded.needles).toHaveLength(3);
    expect(folded.needles.every((n) => n.caseFold && n.variant === 'Uyghur')).toBe(true);
    expect(folded.coverage).toHaveLength(10);
    const exact = expandTerms([makeTerm('Uyghur', { variants: ['UYGHUR'] })]);
    expect(exact.needles).toHaveLength(6);
    expect(exact.needles.every((n) => !n.caseFold)).toBe(true);
  });

  it('keeps identical bytes from different terms as separate needles', () => {
    const { needles } = expandTerms([makeTerm('维族', { id: 'a' }), makeTerm('维族', { id: 'b' })]);
    expect(needles.map((n) => n.term.id)).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']);
  });

  it('is deterministic', () => {
    const terms = [makeTerm('人种', { variants: ['人種'] }), makeTerm('byRace', { case: 'insensitive' })];
    const a = expandTerms(terms);
    const b = expandTerms(terms);
    expect(a.needles.map((n) => [n.id, n.term.id, n.variant, n.encoding, hex(n.bytes)])).toEqual(
      b.needles.map((n) => [n.id, n.term.id, n.variant, n.encoding, hex(n.bytes)]),
    );
  });

  it('adds encodings by listing them', () => {
    const { needles } = expandTerms([makeTerm('人种')], ['utf-32le', 'utf-32be']);
    expect(needles.map((n) => hex(n.bytes))).toEqual(['ba4e0000cd790000', '00004eba000079cd']);
  });

  it('rejects an empty spelling as misuse', () => {
    expect(() => expandTerms([makeTerm('x', { variants: [''] })])).toThrow(RangeError);
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
