// Hostile pattern packs (issue 11): paths that are not regular files, and valid packs whose
// size would cost minutes and gigabytes, are each a clear problem before anything is scanned.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PatternPackError, preparePatterns } from '../../src/index.js';
import { needleSetProblems, packLimits, shortestNeedleBytes } from '../../src/patterns/limits.js';
import { loadPackFile, loadPacks, shippedPackPaths } from '../../src/patterns/load.js';
import { expandTerms } from '../../src/patterns/needles.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsift-packs-'));
const reference = [{ title: 'IPVM', url: 'https://ipvm.com/reports/hikvision-uyghur' }];

function term(id: string, text: string): Record<string, unknown> {
  return { id, text, category: 'race', precision: 'medium', meaning: 'test', boundary: 'none', references: reference };
}

function packFile(name: string, terms: readonly Record<string, unknown>[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ id: `test.${name.replace(/\W/g, '-')}`, version: '0.1.0', description: 'hostile', terms }));
  return path;
}

/** CJK text for term `i`, `length` characters from U+4E00 up: the first two spell `i`, so each is distinct. */
const cjk = (i: number, length: number) =>
  Array.from({ length }, (_, k) => String.fromCodePoint(0x4e00 + (k === 0 ? i % 20_000 : k === 1 ? Math.floor(i / 20_000) : k))).join('');

describe('a pack path that is not a regular file', () => {
  it('/dev/zero is refused on its handle, not read forever', async () => {
    const result = await loadPackFile('/dev/zero');
    expect(result).toEqual({ ok: false, problems: [{ file: '/dev/zero', pointer: '/', message: 'cannot read pack: a character device, not a regular file' }] });
  });

  it('a FIFO with no writer is refused at once, not waited on', async () => {
    const fifo = join(dir, 'pack.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = await loadPackFile(fifo);
    expect(result).toEqual({ ok: false, problems: [{ file: fifo, pointer: '/', message: 'cannot read pack: a FIFO, not a regular file' }] });
  });
});

describe('spellings too short or made of control bytes', () => {
  it.each([
    ['a one-byte NUL term', '\u0000', 'control character'],
    ['three NULs', '\u0000\u0000\u0000', 'control character'],
    ['one CJK character (2 bytes in GB18030 and UTF-16)', '维', 'encodes to 2 bytes in some encoding; needles shorter than 3 bytes'],
    ['two ASCII letters', 'ab', 'encodes to 2 bytes'],
  ])('%s is a problem at its pointer', async (_label, text, message) => {
    const result = await loadPackFile(packFile('short.json', [term('t.short', text)]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ pointer: '/terms/0/text', message: expect.stringContaining(message) })]);
  });

  it('the shortest encoded needle is counted per character: ASCII 1 byte, anything else 2', () => {
    expect(shortestNeedleBytes('abc')).toBe(3);
    expect(shortestNeedleBytes('人种')).toBe(4);
    expect(shortestNeedleBytes('a种')).toBe(3);
    // A character outside the BMP is one character (two UTF-16 units); a lone surrogate is one too.
    expect(shortestNeedleBytes('a😀b')).toBe(4);
    expect(shortestNeedleBytes('\ud800\ud800\udc00')).toBe(4);
    expect(shortestNeedleBytes('\udc00\ud800')).toBe(4);
  });
});

describe('packs too large for the automaton', () => {
  it('10,000 terms: refused before expansion (preparePatterns throws the pack error)', async () => {
    const path = packFile('ten-thousand.json', Array.from({ length: 10_000 }, (_, i) => term(`t.${i}`, `term-${i}-x`)));
    await expect(preparePatterns({ patterns: [path], patternsOnly: true })).rejects.toThrow(PatternPackError);
    const { problems } = await loadPacks([path]);
    expect(problems).toEqual([{ file: path, pointer: '/terms', message: 'the packs hold 10000 terms together, more than the 2000-term limit; pack not loaded' }]);
  });

  it('8,000 long CJK terms: refused', async () => {
    const path = packFile('long-cjk.json', Array.from({ length: 8_000 }, (_, i) => term(`t.${i}`, cjk(i, 40))));
    const { packs, problems } = await loadPacks([path]);
    expect(packs).toEqual([]);
    expect(problems[0]?.message).toContain('more than the 2000-term limit');
  });

  it('1,500 terms of 40 CJK characters: under the term limit, refused by spelling bytes', async () => {
    const path = packFile('wide-cjk.json', Array.from({ length: 1_500 }, (_, i) => term(`t.${i}`, cjk(i, 40))));
    const { problems } = await loadPacks([path]);
    expect(problems).toEqual([{ file: path, pointer: '/terms', message: `the packs' spellings take 180000 bytes of UTF-8 together, more than the 65536-byte limit (about 2097152 bytes of needles); pack not loaded` }]);
  });

  it('the limit counts all packs together: the shipped packs plus an extra pack that crosses it', async () => {
    const path = packFile('extra.json', Array.from({ length: packLimits.terms - 10 }, (_, i) => term(`extra.${i}`, `extra-term-${i}`)));
    const { packs, problems } = await loadPacks([...shippedPackPaths(), path]);
    expect(packs.length).toBe(shippedPackPaths().length);
    expect(problems.map((problem) => problem.file)).toEqual([path]);
  });

  it('the shipped packs pass every limit with a wide margin (at least 10×)', async () => {
    const { packs, problems } = await loadPacks(shippedPackPaths());
    expect(problems).toEqual([]);
    const terms = packs.flatMap((pack) => pack.terms);
    const spellings = terms.flatMap((item) => [item.text, ...item.variants]);
    expect(terms.length * 10).toBeLessThan(packLimits.terms);
    expect(spellings.length * 10).toBeLessThan(packLimits.spellings);
    expect(spellings.reduce((sum, spelling) => sum + Buffer.byteLength(spelling), 0) * 10).toBeLessThan(packLimits.spellingBytes);
    const set = expandTerms(terms);
    expect(needleSetProblems(set)).toEqual([]);
    expect(set.needles.length * 10).toBeLessThan(packLimits.needles);
    expect(set.needles.reduce((sum, needle) => sum + needle.bytes.length, 0) * 10).toBeLessThan(packLimits.needleBytes);
  });

  it('an expanded needle set over the needle or byte limit is named', () => {
    const needle = { bytes: new Uint8Array(40) };
    const set = { needles: Array.from({ length: 60_001 }, () => needle), coverage: [], maxNeedleLength: 40 } as unknown as Parameters<typeof needleSetProblems>[0];
    expect(needleSetProblems(set).map((problem) => problem.message)).toEqual([
      'the packs expand to 60001 needles, more than the 60000-needle limit',
      'the packs expand to 2400040 needle bytes, more than the 2097152-byte limit (each byte can be an automaton state)',
    ]);
  });
});
