// Context is cut to whole characters without building arrays; the cut must be the one
// `Array.from` makes, surrogate pairs (and lone halves) included.
import { describe, expect, it } from 'vitest';
import { firstChars, lastChars } from '../../src/evidence/chars.js';

/** Strings of ASCII, hanzi, emoji (pairs) and lone or reversed surrogate halves, from a fixed seed. */
function mixedStrings(count: number): string[] {
  const pieces = ['a', '人', '😀', '\ud83d', '\ude00', '\ude00\ud83d', '\ufffd', '\n'];
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 16;
  return Array.from({ length: count }, () => Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]!).join(''));
}

describe('whole characters', () => {
  it('cuts like Array.from from either end', () => {
    for (const text of mixedStrings(2000)) {
      const chars = Array.from(text);
      for (const count of [0, 1, 2, 3, 5, 40]) {
        expect(firstChars(text, count)).toBe(chars.slice(0, count).join(''));
        expect(lastChars(text, count)).toBe(chars.slice(Math.max(0, chars.length - count)).join(''));
      }
    }
  });

  it('keeps a pair whole and a lone half alone', () => {
    expect(lastChars('x😀', 1)).toBe('😀');
    expect(firstChars('😀x', 1)).toBe('😀');
    expect(lastChars('\ud83d\ud83d\ude00', 2)).toBe('\ud83d\ud83d\ude00');
    expect(firstChars('\ude00\ud83dx', 2)).toBe('\ude00\ud83d');
  });
});
