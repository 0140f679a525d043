// A hit's evidence judges the encoding around it once for scoring and context; the result must
// be what scoring and describing it apart give (each judging the encoding itself), for ASCII
// identifiers in UTF-8, GBK, Big5 and binary surroundings and for hits in every encoding. This
// proves the sharing only: that the rewritten pieces (character cutting, text share, UTF-8
// validity) give what the old code gave is tested in chars.test.ts and utf8-validity.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreConfidence } from '../../src/evidence/confidence.js';
import { describeContext } from '../../src/evidence/context.js';
import { hitEvidence } from '../../src/evidence/hit-evidence.js';
import { compileAutomaton, type Automaton } from '../../src/match/automaton.js';
import { createSearcher } from '../../src/match/searcher.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { verifyCandidate } from '../../src/match/verify.js';
import { loadPacks, shippedPackPaths } from '../../src/patterns/load.js';
import { encodeText, expandTerms } from '../../src/patterns/needles.js';
import type { Encoding, Needle } from '../../src/patterns/types.js';

const texts = [
  'typedef struct { EM_SEX_TYPE emSex; // 性别\n int nAge; // 年龄\n EM_NATION_TYPE_UYGUR; // 维族(新疆) 人种 肤色\n}',
  '民族: 汉族, 蒙古族, 回族, 藏族, 维吾尔族 身份证 byRace 國籍 人種 膚色',
  '黄种人 3 n\n白种人 5 n\n黑种人 2 n\n',
  '/* 臉部屬性: 性別, 年齡, 眼鏡 */ int byRace; // 人種 膚色 國籍 身份證 漢族',
];

let needles: readonly Needle[];
let automaton: Automaton;

beforeAll(async () => {
  const { packs } = await loadPacks(shippedPackPaths());
  needles = expandTerms(packs.flatMap((p) => p.terms)).needles;
  automaton = compileAutomaton(needles);
});

/** The texts in each encoding that holds them, then between random bytes from a fixed seed. */
function haystacks(): Uint8Array[] {
  let state = 7;
  const noise = Uint8Array.from({ length: 300 }, () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24);
  const out: Uint8Array[] = [];
  for (const text of texts) {
    for (const encoding of ['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-32be'] satisfies Encoding[]) {
      const bytes = encodeText(text, encoding) ?? encodeText(text.replace(/[^\x00-\x7f]/gu, ''), encoding)!;
      out.push(bytes, Uint8Array.from([...noise, ...bytes, ...noise.subarray(0, 100)]));
    }
  }
  return out;
}

describe('hitEvidence', () => {
  it('scores and describes every verified hit as scoreConfidence and describeContext do apart', () => {
    let compared = 0;
    const asciiHostEncodings = new Set<Encoding>();
    for (const haystack of haystacks()) {
      const searcher = createSearcher(automaton, needles);
      const sink = (candidate: Candidate, window: Window) => {
        const verdict = verifyCandidate(candidate, window);
        if (!verdict.ok) return;
        const apart = { ...scoreConfidence(candidate, window, verdict), context: describeContext(candidate, window, { chars: 40, hexBytes: 32 }) };
        const evidence = hitEvidence(candidate, window, verdict, { chars: 40, hexBytes: 32 });
        expect(evidence).toEqual(apart);
        if (candidate.needle.encoding === 'utf-8' && candidate.needle.bytes.every((byte) => byte < 0x80)) asciiHostEncodings.add(evidence.context.encoding);
        compared += 1;
      };
      searcher.push(haystack, sink);
      searcher.end(sink);
    }
    expect(compared).toBeGreaterThan(50);
    // ASCII identifiers were judged in each surrounding text, not only as UTF-8.
    expect([...asciiHostEncodings].sort()).toEqual(['big5', 'gb18030', 'utf-8']);
  });
});
