// Issue 12 point 6: one finding per place; the contained terms are listed in the longer one.
import { describe, expect, it } from 'vitest';
import { mergeContainedHits, type PlacedHit } from '../../src/evidence/merge.js';

function hit(termId: string, start: number, end: number, confidence: PlacedHit['confidence'] = 'medium', placeKey = 'a'): PlacedHit {
  return { placeKey, start, end, termId, confidence };
}

function summary(hits: readonly PlacedHit[]): string[] {
  return mergeContainedHits(hits).map((m) => `${m.hit.termId}@${m.hit.start} ${m.confidence} [${m.contained.map((c) => c.termId).join(',')}]`);
}

describe('mergeContainedHits', () => {
  it('folds 疆藏 into 疆藏(需定制支持) and 维族 into 维族(新疆), keeping the longer term and the higher confidence', () => {
    // UTF-8 bytes: 疆藏(需定制支持) is 22 bytes at 10, 疆藏 its first 6; 维族(新疆) 14 bytes at 40.
    expect(summary([hit('zh.jiangzang', 10, 16, 'low'), hit('zh.jiangzang-xu-dingzhi-zhichi', 10, 32, 'high'), hit('zh.weizu', 40, 46, 'high'), hit('zh.weizu-xinjiang', 40, 54, 'medium')])).toEqual([
      'zh.jiangzang-xu-dingzhi-zhichi@10 high [zh.jiangzang]',
      'zh.weizu-xinjiang@40 high [zh.weizu]',
    ]);
  });

  it('folds nested terms into the outermost and keeps input order', () => {
    expect(summary([hit('uygur', 15, 20), hit('EM_NATION_TYPE_UYGUR', 0, 20, 'high'), hit('EM_NATION_TYPE', 0, 14, 'medium')])).toEqual([
      'EM_NATION_TYPE_UYGUR@0 high [EM_NATION_TYPE,uygur]',
    ]);
  });

  it('keeps overlapping (not contained) hits, hits in other objects and the same term twice', () => {
    expect(summary([hit('a', 0, 10), hit('b', 5, 15), hit('c', 2, 8, 'medium', 'other'), hit('a', 0, 10, 'low')])).toEqual([
      'a@0 medium []',
      'b@5 medium []',
      'c@2 medium []',
      'a@0 low []',
    ]);
  });

  it('does not fold into a hit that ended before', () => {
    expect(summary([hit('long', 0, 10), hit('x', 12, 14), hit('y', 4, 9)])).toEqual(['long@0 medium [y]', 'x@12 medium []']);
  });
});
