// The everyday hanzi sets hold exactly the characters of their tables, and nothing outside the block.
import { describe, expect, it } from 'vitest';
import { big5Level1Hanzi, commonHanzi, gb2312Hanzi, type HanziSet } from '../../src/evidence/hanzi.js';

function members(set: HanziSet): number {
  let count = 0;
  for (let codePoint = 0; codePoint <= 0xffff; codePoint += 1) if (set.has(codePoint)) count += 1;
  return count;
}

describe('everyday hanzi', () => {
  it('counts the GB2312 and Big5 level-1 hanzi, and both together', () => {
    expect(members(gb2312Hanzi())).toBe(6763);
    expect(members(big5Level1Hanzi())).toBe(5401);
    expect(members(commonHanzi())).toBe(8836);
  });

  it('knows simplified and traditional spellings apart', () => {
    const [simplified, traditional] = ['种', '種'].map((char) => char.codePointAt(0)!);
    expect(gb2312Hanzi().has(simplified!)).toBe(true);
    expect(big5Level1Hanzi().has(simplified!)).toBe(false);
    expect(big5Level1Hanzi().has(traditional!)).toBe(true);
    expect(commonHanzi().has(0x3400)).toBe(false); // CJK extension A
  });
});
