// The probe finds every occurrence of its words in one pass, ruling positions out by their first
// two bytes: words of one byte, words ending at the window's last byte and ASCII words in any
// letter case must still be found.
import { describe, expect, it } from 'vitest';
import { WindowProbe } from '../../src/evidence/window-probe.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { encodeText } from '../../src/patterns/needles.js';
import type { Encoding } from '../../src/patterns/types.js';
import { rawNeedle } from '../helpers/needles.js';
import { makeTerm } from '../helpers/terms.js';

const term = makeTerm('人种', { category: 'race', precision: 'medium', lang: 'zh-Hans' });

/** A probe over `before` + 人种 + `after`, all in `encoding`. */
function probeAround(before: string, after: string, words: readonly string[], encoding: Encoding = 'gb18030'): WindowProbe {
  const hit = encodeText(term.text, encoding)!;
  const head = encodeText(before, encoding)!;
  const bytes = Uint8Array.from([...head, ...hit, ...encodeText(after, encoding)!]);
  const candidate: Candidate = { needle: rawNeedle(term, encoding, hit), start: 100 + head.length, end: 100 + head.length + hit.length };
  const window: Window = { bytes, windowStart: 100, atObjectStart: false, atObjectEnd: false };
  return new WindowProbe(candidate, window, words);
}

describe('WindowProbe', () => {
  it('finds a one-byte word, and a word ending at the last byte', () => {
    const words = ['x', 'age'];
    const probe = probeAround('x ', ' age', words);
    expect(words.map((word) => probe.claim(word))).toEqual([true, true]);
  });

  it('finds ASCII words in any letter case, the second letter included', () => {
    for (const spelling of ['AGE', 'aGe', 'Age', 'agE']) {
      const words = ['age'];
      expect(probeAround(`${spelling}: `, '', words).claim('age')).toBe(true);
    }
  });

  it('finds UTF-16 words on the hit grid only', () => {
    const words = ['性别'];
    expect(probeAround('性别 ', '', words, 'utf-16le').claim('性别')).toBe(true);
    expect(probeAround('x', '', words, 'utf-16le').claim('性别')).toBe(false);
  });

  it('does not find a word whose first byte matches but the second does not', () => {
    const words = ['age', '性别'];
    const probe = probeAround('aXe 性 ', '', words);
    expect(words.map((word) => probe.claim(word))).toEqual([false, false]);
  });
});
