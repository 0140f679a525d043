/** Scrub detection: a placeholder at the same structural position, and the families that only look like one. */
import { describe, expect, it } from 'vitest';
import { findPlaceholder, isPlaceholder } from '../../src/index.js';

const struct = (member: string, comment = '') => `typedef struct {\n    BYTE byAge;\n    BYTE byAgeDeviation;\n    BYTE ${member};${comment}\n    BYTE byMask;\n    BYTE bySmile;\n} F;\n`;
const oldRace = { before: 'Age;·    BYTE byAgeDeviation;·    BYTE ', term: 'byEthnic', after: ';·    BYTE byMask;·    BYTE bySmile;·} F' };

describe('isPlaceholder', () => {
  it.each(['byRes1', 'byRes', 'dwRes2', 'reserved', 'Reserved3', 'szReserved', 'EM_NATION_TYPE_RESERVED', 'RSVD', 'byPad', 'spare1'])('accepts %s', (name) => {
    expect(isPlaceholder(name)).toBe(true);
  });
  it.each(['byResolution', 'dwResult', 'Restore', 'byRace', 'presence', 'byResX'])('rejects %s', (name) => {
    expect(isPlaceholder(name)).toBe(false);
  });
});

describe('findPlaceholder', () => {
  it('finds a member renamed to a reserved name between the same neighbours, whatever the comment says', () => {
    expect(findPlaceholder(oldRace, struct('byRes1', ' /* reserved */'))).toMatchObject({ text: 'byRes1', anchors: { before: [';', 'BYTE', 'byAgeDeviation', ';', 'BYTE'], after: [';', 'BYTE', 'byMask', ';', 'BYTE'] } });
  });

  it('finds an anonymous padding array that took the place of two members', () => {
    const old = { before: 'Age;·    BYTE byAgeDeviation;·    BYTE ', term: 'byEthnic', after: ';·    BYTE byRace;·    BYTE byMask;·' };
    const text = 'BYTE byAge;\n    BYTE byAgeDeviation;\n    BYTE byRes[2];\n    BYTE byMask;\n';
    expect(findPlaceholder(old, text)?.text).toBe('byRes');
  });

  it('accepts a neighbour that was scrubbed too (byEthnic and byRace both renamed)', () => {
    const old = { before: 'Age;·    BYTE byAgeDeviation;·    BYTE ', term: 'byEthnic', after: ';·    BYTE byRace;·    BYTE byMask;·' };
    const text = 'BYTE byAge;\n    BYTE byAgeDeviation;\n    BYTE byRes1;\n    BYTE byRes2;\n    BYTE byMask;\n';
    expect(findPlaceholder(old, text)?.text).toBe('byRes1');
  });

  it('finds an enum member renamed to …_RESERVED', () => {
    const old = { before: 'TYPE {·    EM_NATION_TYPE_UNKNOWN,·    ', term: 'EM_NATION_TYPE_UYGUR', after: ',·    EM_NATION_TYPE_OTHER,·    EM_NATIO' };
    expect(findPlaceholder(old, 'enum {\n    EM_NATION_TYPE_UNKNOWN,\n    EM_NATION_TYPE_RESERVED,\n    EM_NATION_TYPE_OTHER,\n};')?.text).toBe('EM_NATION_TYPE_RESERVED');
  });

  it('uses the whole identifier around a term found inside it', () => {
    const old = { before: 'TYPE {·    EM_NATION_TYPE_UNKNOWN,·    EM_NATION_TYPE_', term: 'UYGUR', after: ',·    EM_NATION_TYPE_OTHER,·    EM_NATIO' };
    expect(findPlaceholder(old, 'enum TYPE {\n    EM_NATION_TYPE_UNKNOWN,\n    EM_NATION_TYPE_RESERVED,\n    EM_NATION_TYPE_OTHER,')?.text).toBe('EM_NATION_TYPE_RESERVED');
  });

  describe('is not fooled by', () => {
    it('a reserved member elsewhere in the same struct (the trailing byRes[4])', () => {
      expect(findPlaceholder(oldRace, 'BYTE byAge;\n BYTE byAgeDeviation;\n BYTE byMask;\n BYTE bySmile;\n BYTE byHat;\n BYTE byRes[4];\n')).toBeUndefined();
    });
    it('a placeholder whose neighbours differ on one side', () => {
      expect(findPlaceholder(oldRace, 'BYTE byAge;\n BYTE byAgeDeviation;\n BYTE byRes1;\n DWORD dwColor;\n')).toBeUndefined();
    });
    it('a member renamed to an ordinary name (a rename is removed, not scrubbed)', () => {
      expect(findPlaceholder(oldRace, struct('byPeople'))).toBeUndefined();
    });
    it('a placeholder whose only agreeing neighbours are punctuation and types (no identical identifier)', () => {
      const old = { before: 'x;·    BYTE byA;·    BYTE ', term: 'byEthnic', after: ';·    BYTE byB;·    BYTE byC;' };
      expect(findPlaceholder(old, 'BYTE byQ;\n BYTE byRes1;\n BYTE byR;\n BYTE byS;')).toBeUndefined();
    });
    it('a term that is prose, not an identifier', () => {
      expect(findPlaceholder({ before: '<td>性别、年龄、', term: '人种', after: '、眼镜</td>' }, '<td>性别、年龄、reserved、眼镜</td>')).toBeUndefined();
    });
    it('a context too short to show the neighbours', () => {
      expect(findPlaceholder({ before: ' ', term: 'byRace', after: ';' }, 'BYTE byRes1;')).toBeUndefined();
    });
  });
});
