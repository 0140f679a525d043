import { describe, expect, it } from 'vitest';
import { disjointRanges, groupRanges } from '../../../src/unpack/executables/slices.js';

const range = (path: string, start: number, end: number) => ({ path, start, end });

describe('disjointRanges', () => {
  it('keeps offset order, drops empty ranges and exact duplicates silently, and counts overlaps', () => {
    const { kept, overlapping } = disjointRanges([range('b', 10, 20), range('a', 0, 5), range('a again', 0, 5), range('empty', 7, 7), range('overlap', 15, 25), range('c', 20, 30)]);
    expect(kept.map((item) => item.path)).toEqual(['a', 'b', 'c']);
    expect(overlapping).toBe(1);
  });
});

describe('groupRanges', () => {
  const many = Array.from({ length: 10 }, (_, i) => range(`string #${i}`, i * 10, i * 10 + 8));
  it('leaves up to the maximum alone', () => {
    expect(groupRanges(many, 10)).toEqual(many);
  });
  it('groups neighbours beyond it, each group spanning its first start to its last end', () => {
    expect(groupRanges(many, 4)).toEqual([range('string #0 … string #2', 0, 28), range('string #3 … string #5', 30, 58), range('string #6 … string #8', 60, 88), range('string #9', 90, 98)]);
  });
});
