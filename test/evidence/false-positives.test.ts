// vocabulary.md §2.5: every confirmed false-positive family, run through the shipped pack with
// the real matcher (every encoding and form), verifier and confidence. None may reach `high`;
// most are rejected by verification outright (`rejected`), the rest are scored below high
// (`below-high`). A Dahua-style enum next to face attributes, in every encoding, is `high`.
import { Buffer } from 'node:buffer';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreConfidence } from '../../src/evidence/confidence.js';
import { compileAutomaton, type Automaton } from '../../src/match/automaton.js';
import { createSearcher } from '../../src/match/searcher.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { verifyCandidate } from '../../src/match/verify.js';
import { loadPacks, shippedPackPaths } from '../../src/patterns/load.js';
import { encodeText, expandTerms } from '../../src/patterns/needles.js';
import type { Encoding, Needle } from '../../src/patterns/types.js';
import type { Confidence } from '../../src/report/types.js';

interface Family {
  readonly name: string;
  readonly text: string;
  readonly expected: 'rejected' | 'below-high';
}

const families: readonly Family[] = [
  { name: 'race inside printStackTrace, autoFocusTrace, Terrace, Embrace, Bracelet', text: 'e.printStackTrace(); autoFocusTrace; PanoramicTrace; "Terrace Connect"; Embrace; Bracelet', expected: 'rejected' },
  { name: 'RACE_TYPE inside game enums (Mass Effect, BYOND)', text: 'BIO_ATTRIBUTES_ITEM_RACE_TYPE_HUMAN, NON_DWARVEN_NON_GOLEM_RACE_TYPES, W_RACE', expected: 'rejected' },
  // The plain `race` field (en.race-field, issue 12) is found here, but stays low without face attributes.
  { name: 'race as election and character JSON', text: '{"race":{"type":"presidential"}} {"race":{"type":"string"}}', expected: 'below-high' },
  { name: 'race conditions, car races and game races', text: 'go test -race ./...; a data race on age; F1 race results; race: elf, dwarf, orc (mana +5)', expected: 'below-high' },
  { name: '白种人 and 黑种人 in history writing', text: '十九世纪的殖民者把人类分为白种人、黄种人和黑种人, 这种分类早已被否定。', expected: 'below-high' },
  { name: 'nation inside Destination, combination, Illumination', text: 'szDestination; EM_COMBINATION_MODE; byIllumination; Termination; Determination; Inclination', expected: 'rejected' },
  { name: 'Nation as country (NET_NATION_INFO, 国籍)', text: 'BOOL CLIENT_GetNationInfo(NET_NATION_INFO *p); char szNation[64]; /* 国籍 */ WORD wNationalityID; //国籍 BYTE byNationality;', expected: 'rejected' },
  { name: 'ByEthnicity statistics and ethnic repositories', text: 'GET /stats/ByEthnicity; class EthnicRepository; getArtisanByEthnic(); https://ethiccode.in/', expected: 'rejected' },
  { name: 'Uighur as a font, ISO 639 name and Windows LANGID', text: 'font = new Font("Microsoft Uighur", 9F); fontFamily: { uyghur: [...] }; { code: "ug", name: "Uighur" }; LANG_UIGHUR, SUBLANG_UIGHUR_PRC', expected: 'below-high' },
  { name: 'Uygur as a surname and in population genetics', text: 'Authors: Onur Uygur, Ekin Uygur. HGDP populations: Han, Uygur, Yakut, Mongola', expected: 'below-high' },
  { name: '维族 in maths and ops (一维族, 低维族, 运维族, 维族赛)', text: '一维族的参数, 低维族, 开发运维族的日常, 运维族, 维族赛的比赛', expected: 'rejected' },
  { name: '新疆维吾尔自治区 in an address picker', text: '省份: 北京市, 天津市, 新疆维吾尔自治区, 西藏自治区, 广西壮族自治区', expected: 'rejected' },
  { name: '人种 in 达人种草, 单人种田, 私人种子库', text: '达人种草笔记, 单人种田游戏, 私人种子库', expected: 'rejected' },
  // 人种 is excluded after 非; 种族 ("races", of an RPG) stays a medium hit.
  { name: '人种 in 非人种族 (RPG)', text: '非人种族设定: 精灵, 矮人', expected: 'below-high' },
  { name: '人种 in a textbook and a prompt guideline', text: '比如黄色人种会大笑; 禁止使用肤色、人种等歧视性描述', expected: 'below-high' },
  { name: '人種 in 聯絡人種類, 個人種目, 職人種別', text: '聯絡人種類, 個人種目, 職人種別', expected: 'rejected' },
  { name: '膚色 in cosmetics and tag lists', text: '改善膚色暗啞, 提亮膚色, 標籤: 深膚色', expected: 'below-high' },
  { name: '肤色 in image processing skin masks', text: 'cv::Mat skinMask; // 肤色检测, 肤色区域掩码', expected: 'below-high' },
  { name: 'SkinColor in UI themes, avatars and WebRTC', text: 'enum SkinColorType { Light, Dark }; avatar.SkinColors; MbHasSkinColor(mb);', expected: 'rejected' },
  { name: 'SkinColor in a Brazilian census form', text: 'public enum SkinColor { Branca, Preta, Parda, Amarela, Indigena } // IBGE', expected: 'below-high' },
  { name: 'complexion in matrimony profiles', text: 'complexion: Fair | Wheatish | Dark; body_type: Slim', expected: 'rejected' },
  {
    name: '56-group ID-card list',
    text: 'typedef enum { EM_CITIZENIDCARD_NATION_HAN, EM_CITIZENIDCARD_NATION_MONGOLIAN } /* 民族: 汉族, 蒙古族, 回族, 藏族, 维吾尔族, 苗族, 彝族, 壮族, 少数民族 */ 身份证',
    expected: 'below-high',
  },
  { name: 'HR enum and 中华民族', text: 'enum Nation { HAN, MONGOLIAN, HUI, ZANG, UYGUI, MIAO }; 中华民族伟大复兴', expected: 'rejected' },
];

/** The Dahua header quoted in vocabulary.md: ethnicity enum next to face attributes. */
const dahua =
  'typedef struct tagNET_FACE_ATTRIBUTE {\n  EM_SEX_TYPE emSex;   // 性别\n  int nAge;            // 年龄\n  EM_NATION_TYPE emNation; // 民族\n} NET_FACE_ATTRIBUTE;\ntypedef enum tagEM_NATION_TYPE {\n  EM_NATION_TYPE_UNKNOWN,\n  EM_NATION_TYPE_UYGUR,  // 维族(新疆)\n  EM_NATION_TYPE_OTHER,\n} EM_NATION_TYPE;\n';

interface Finding {
  readonly needle: Needle;
  readonly confidence: Confidence;
  readonly reasons: readonly string[];
}

let needles: readonly Needle[];
let automaton: Automaton;

beforeAll(async () => {
  const { packs, problems } = await loadPacks(shippedPackPaths());
  expect(problems).toEqual([]);
  needles = expandTerms(packs.flatMap((p) => p.terms)).needles;
  automaton = compileAutomaton(needles);
});

function findings(haystack: Uint8Array): Finding[] {
  const out: Finding[] = [];
  const searcher = createSearcher(automaton, needles);
  const sink = (c: Candidate, w: Window) => {
    const verdict = verifyCandidate(c, w);
    if (verdict.ok) out.push({ needle: c.needle, ...scoreConfidence(c, w, verdict) });
  };
  searcher.push(haystack, sink);
  searcher.end(sink);
  return out;
}

/** `\uXXXX` for every non-ASCII character, as JSON encoders with ensure_ascii write it. */
function jsonEscaped(text: string): Uint8Array {
  const escaped = Array.from(text, (ch) => {
    if (ch.charCodeAt(0) < 0x80) return ch;
    return Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
  }).join('');
  return new Uint8Array(Buffer.from(escaped, 'latin1'));
}

/** The text in every encoding that can hold it, and JSON-escaped. */
function renderings(text: string): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const encoding of ['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-32be'] satisfies Encoding[]) {
    const bytes = encodeText(text, encoding);
    if (bytes !== undefined) out.push([encoding, bytes]);
  }
  out.push(['json-escape', jsonEscaped(text)]);
  return out;
}

const describeFinding = (f: Finding) => `${f.needle.term.id} ${f.needle.encoding}/${f.needle.syntax} ${f.confidence} [${f.reasons.join('; ')}]`;

describe('false-positive families (vocabulary.md §2.5) stay below high', () => {
  it('has unique names', () => {
    expect(new Set(families.map((f) => f.name)).size).toBe(families.length);
  });

  it.each(families.map((f) => [f.name, f] as const))('%s', (_name, family) => {
    for (const [rendering, bytes] of renderings(family.text)) {
      const found = findings(bytes);
      expect(found.filter((f) => f.confidence === 'high').map(describeFinding), rendering).toEqual([]);
      if (family.expected === 'rejected') expect(found.map(describeFinding), rendering).toEqual([]);
    }
  });
});

describe('a Dahua-style enum block next to face attributes', () => {
  it.each(renderings(dahua))('scores EM_NATION_TYPE_UYGUR and 维族(新疆) high in %s', (_rendering, bytes) => {
    const found = findings(bytes);
    const byTerm = (id: string) => found.filter((f) => f.needle.term.id === id).map((f) => f.confidence);
    // ASCII text in UTF-16/32 also reads as the other byte order one byte off: the scan driver drops those twins.
    expect(byTerm('dahua.em-nation-type-uygur')).toContain('high');
    expect(byTerm('dahua.em-nation-type-uygur').every((c) => c === 'high')).toBe(true);
    if (_rendering !== 'big5') expect(byTerm('zh.weizu-xinjiang')).toEqual(['high']); // 维 is not in Big5
    // 256-byte windows: in UTF-16/32 the struct with emSex and nAge is out of reach of the enum member.
    if (['utf-8', 'gb18030', 'big5', 'json-escape'].includes(_rendering)) {
      const reasons = found.find((f) => f.needle.term.id === 'dahua.em-nation-type-uygur')!.reasons;
      expect(reasons.some((r) => r.startsWith('context:face-attributes'))).toBe(true);
    }
  });
});
