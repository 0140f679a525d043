// R44 (coverage matrix) and R20 (expected random hits) from src/patterns/coverage.ts.
import { describe, expect, it } from 'vitest';
import { randomHits, renderCoverageTable, summariseCoverage } from '../../src/patterns/coverage.js';
import { expandTerms } from '../../src/patterns/needles.js';
import { makeTerm } from '../helpers/terms.js';
import { rawNeedle } from '../helpers/needles.js';

describe('summariseCoverage', () => {
  it('lists 肤色/Big5 without a variant as unencodable (R44)', () => {
    const { spellings } = summariseCoverage(expandTerms([makeTerm('肤色')]), 0);
    expect(spellings).toHaveLength(1);
    expect(spellings[0]).toMatchObject({ term: 'test.肤色', variant: '肤色', unencodable: ['big5/raw'], disabled: [] });
    expect(spellings[0]!.searched).toContain('gb18030/url-percent');
    expect(spellings[0]!.searched).not.toContain('big5/raw');
  });

  it('shows which variant covers which encoding (R3)', () => {
    const { spellings } = summariseCoverage(expandTerms([makeTerm('肤色', { variants: ['膚色'] })]), 0);
    expect(spellings.map((s) => [s.variant, s.searched.includes('big5/raw'), s.unencodable])).toEqual([
      ['肤色', false, ['big5/raw']],
      ['膚色', true, []],
    ]);
  });

  it('lists cells left out by the caller as disabled, and counts needles per cell', () => {
    const summary = summariseCoverage(expandTerms([makeTerm('人种')], ['utf-8', 'gb18030'], ['raw', 'url-percent']), 0);
    expect(summary.spellings[0]!.searched).toEqual(['utf-8/raw', 'gb18030/raw', 'utf-8/url-percent', 'gb18030/url-percent']);
    expect(summary.spellings[0]!.disabled).toContain('utf-16le/raw');
    expect(summary.spellings[0]!.disabled).toContain('utf-8/base64');
    expect(summary.needles).toEqual({ 'utf-8/raw': 1, 'gb18030/raw': 1, 'utf-8/url-percent': 1, 'gb18030/url-percent': 1 });
  });
});

describe('randomHits (R20)', () => {
  it('expects about 25 hits of 100 four-byte needles in 1 GiB of random bytes', () => {
    const term = makeTerm('x');
    const needles = Array.from({ length: 100 }, (_, i) => rawNeedle(term, 'gb18030', Uint8Array.of(0xb0, 0xa1 + i, 0xc8, 0xcb), i));
    expect(randomHits({ needles }, 2 ** 30)).toEqual([{ minBytes: 4, maxBytes: 4, needles: 100, expected: 25 }]);
  });

  it('counts a folded byte as two of 256 and puts needles over 8 bytes in one bucket', () => {
    const set = expandTerms([makeTerm('AB', { case: 'insensitive' }), makeTerm('EM_NATION_TYPE_UYGUR')], ['utf-8'], ['raw']);
    const buckets = randomHits(set, 2 ** 16);
    expect(buckets[0]).toEqual({ minBytes: 2, maxBytes: 2, needles: 1, expected: 4 }); // 2^16 × (2/256)²
    expect(buckets[1]).toMatchObject({ minBytes: 20, maxBytes: 20, needles: 1 });
    expect(buckets[1]!.expected).toBeLessThan(1e-40);
  });
});

describe('renderCoverageTable', () => {
  it('marks searched, unencodable and disabled cells and leaves cells that do not apply blank', () => {
    const table = renderCoverageTable(expandTerms([makeTerm('肤色'), makeTerm('EM_RACE_TYPE')], ['utf-8', 'big5'], ['raw', 'json-escape']));
    const [forms, encodings, fuse, race] = table.split('\n');
    expect(forms!.trim().split(/\s+/)).toEqual(['raw', 'raw', 'raw', 'raw', 'raw', 'raw', 'raw', 'json', 'json', 'html', 'url', 'url', 'c', 'c', 'b64', 'b64', 'b64']);
    expect(encodings!.trim().split(/\s+/)).toEqual(['u8', 'u16le', 'u16be', 'u32le', 'u32be', 'gb', 'big5', 'u16be', 'u32be', 'u32be', 'u8', 'gb', 'u8', 'gb', 'u8', 'u16le', 'gb']);
    expect(fuse!.split(/\s+/).slice(2)).toEqual(['✓', '·', '·', '·', '·', '·', '✗', '·', '·', '·', '·', '·', '·', '·', '·', '·', '·']);
    // No escapes of ASCII text: blank json…c columns, then base64.
    expect(race!.replace(/\s+/g, ' ')).toBe('test.EM_RACE_TYPE EM_RACE_TYPE ✓ · · · · · ✓ · · ·');
    expect(race!.indexOf('·', race!.indexOf('✓', race!.indexOf('✓') + 1))).toBe(forms!.indexOf('b64')); // ASCII row: characters are columns
    expect(table).toContain('2 spellings, 2 needles; cells: 3 searched (✓), 1 unencodable (✗), 23 disabled (·)');
  });
});
