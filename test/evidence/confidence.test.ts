// DESIGN "Matching" (confidence) and vocabulary.md §2.5/§2.7: precision, face-attribute
// co-occurrence, ID-card and country contexts, alignment and binary windows.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { scoreConfidence } from '../../src/evidence/confidence.js';
import type { Candidate, Verdict, Window } from '../../src/match/types.js';
import { possibleTrailByteOverlap } from '../../src/match/verify.js';
import { encodeText, expandTerms } from '../../src/patterns/needles.js';
import type { Category, Encoding, Precision, Term, TermKind } from '../../src/patterns/types.js';
import type { Confidence } from '../../src/report/types.js';
import { rawNeedle } from '../helpers/needles.js';

interface TermSpec {
  readonly text: string;
  readonly precision: Precision;
  readonly kind?: TermKind;
  readonly category?: Category;
}

function term(spec: TermSpec): Term {
  const kind = spec.kind ?? 'phrase';
  return {
    id: `test.${spec.text}`,
    text: spec.text,
    category: spec.category ?? 'ethnicity',
    precision: spec.precision,
    meaning: 'test term',
    lang: kind === 'identifier' ? 'und' : 'zh-Hans',
    kind,
    case: 'sensitive',
    boundary: kind === 'identifier' ? 'identifier' : 'none',
    variants: [],
    notAfter: [],
    notBefore: [],
    references: [],
    pack: 'test',
  };
}

function encode(text: string, encoding: Encoding): Uint8Array {
  const bytes = encodeText(text, encoding);
  if (bytes === undefined) throw new Error(`${text} is not encodable in ${encoding}`);
  return bytes;
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Deterministic binary-looking bytes (xorshift32): random, with a quarter of them NUL like the padding of real binaries. */
function binaryNoise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = (state & 0x300) === 0 ? 0 : state & 0xff;
  }
  return out;
}

type Part = string | Uint8Array;

interface Case {
  readonly name: string;
  readonly term: TermSpec;
  readonly encoding: Encoding;
  /** Window bytes before and after the hit; strings are encoded in the hit's encoding. */
  readonly before: Part;
  readonly after: Part;
  readonly alignment?: 'aligned' | 'indeterminate';
  readonly notes?: readonly string[];
  readonly confidence: Confidence;
  /** Exactly these reasons, in order. */
  readonly reasons: readonly string[];
}

function score(c: Case): { confidence: Confidence; reasons: string[] } {
  const bytesOf = (part: Part): Uint8Array => (typeof part === 'string' ? encode(part, c.encoding) : part);
  const hit = encode(c.term.text, c.encoding);
  const before = bytesOf(c.before);
  const windowStart = 10_000;
  const candidate: Candidate = {
    needle: rawNeedle(term(c.term), c.encoding, hit),
    start: windowStart + before.length,
    end: windowStart + before.length + hit.length,
  };
  const window: Window = { bytes: concat(before, hit, bytesOf(c.after)), windowStart, atObjectStart: false, atObjectEnd: false };
  const verdict: Extract<Verdict, { ok: true }> = { ok: true, alignment: c.alignment ?? 'aligned', notes: c.notes ?? [] };
  return scoreConfidence(candidate, window, verdict);
}

const uygur: TermSpec = { text: 'EM_NATION_TYPE_UYGUR', precision: 'high', kind: 'identifier' };
const skinColour: TermSpec = { text: '肤色', precision: 'medium', category: 'skin-colour' };

const cases: readonly Case[] = [
  {
    name: 'Dahua-style EM_NATION_TYPE_UYGUR next to face attributes stays high, with the attributes named',
    term: uygur,
    encoding: 'utf-8',
    before: 'typedef struct {\n    EM_SEX_TYPE emSex;      // 性别\n    int nAge;               // 年龄\n    EM_NATION_TYPE emNation; // ',
    after: ' = 1, 维族(新疆)\n} NET_FACE_ATTRIBUTE;\n',
    confidence: 'high',
    reasons: ['precision:high', 'context:face-attributes (性别, emSex, sex, 年龄, nAge)'],
  },
  {
    name: 'medium 肤色 in GBK next to 性别 and 年龄 is raised to high',
    term: skinColour,
    encoding: 'gb18030',
    before: '支持人脸属性提取,支持7种属性: 性别,年龄,眼镜,',
    after: ',胡子',
    confidence: 'high',
    reasons: ['precision:medium', 'context:face-attributes (性别, 年龄, 眼镜, 胡子; 4 attributes, raised two levels)'],
  },
  {
    name: 'medium 肤色 alone in cosmetics text stays medium',
    term: skinColour,
    encoding: 'utf-8',
    before: '本品温和不刺激，适合各种',
    after: '，改善暗沉，提亮',
    confidence: 'medium',
    reasons: ['precision:medium'],
  },
  {
    name: 'traditional face attributes are found in a Big5 window',
    term: { text: '人種', precision: 'medium', category: 'race' },
    encoding: 'big5',
    before: '人臉屬性: 性別, 年齡, ',
    after: ', 鬍子',
    confidence: 'high',
    reasons: ['precision:medium', 'context:face-attributes (性別, 年齡, 鬍子)'],
  },
  {
    name: 'a traditional ID-card context is found in a Big5 window',
    term: { text: '民族', precision: 'ambiguous' },
    encoding: 'big5',
    before: '身份證資料: ',
    after: ' ',
    confidence: 'low',
    reasons: ['precision:ambiguous', 'context:id-card (身份證)'],
  },
  {
    name: 'one face attribute is not enough to raise',
    term: skinColour,
    encoding: 'utf-8',
    before: '用户资料: 年龄, ',
    after: ', 爱好, 职业',
    confidence: 'medium',
    reasons: ['precision:medium'],
  },
  {
    name: 'face attributes are found in the hit’s encoding (UTF-16LE), camelCase humps included',
    term: { text: '人种', precision: 'ambiguous', category: 'race' },
    encoding: 'utf-16le',
    before: 'szGender; emGlassesType; ',
    after: ' ',
    confidence: 'medium',
    reasons: ['precision:ambiguous', 'context:face-attributes (gender, emGlasses)'],
  },
  {
    name: 'probe words inside other words do not count (image, message, bitmask, agent)',
    term: { text: '人种', precision: 'ambiguous', category: 'race' },
    encoding: 'utf-8',
    before: 'image message bitmask AGENT smiley ',
    after: ' page usage',
    confidence: 'low',
    reasons: ['precision:ambiguous'],
  },
  {
    name: 'probe words inside the hit itself do not count',
    term: { text: '性别年龄人种', precision: 'ambiguous', category: 'race' },
    encoding: 'utf-8',
    before: '属性: ',
    after: ' 等',
    confidence: 'low',
    reasons: ['precision:ambiguous'],
  },
  {
    name: 'an ASCII probe right after a possible GB18030 lead byte is not counted',
    term: { text: '人种', precision: 'ambiguous', category: 'race' },
    encoding: 'gb18030',
    before: concat(Uint8Array.of(0xc8), encode('gender 年龄 ', 'gb18030')),
    after: '',
    confidence: 'low',
    reasons: ['precision:ambiguous'],
  },
  {
    name: 'ambiguous 民族 in an ID-card struct stays low and names the ID-card context',
    term: { text: '民族', precision: 'ambiguous' },
    encoding: 'gb18030',
    before: 'typedef struct tagNET_CITIZENIDCARD_INFO {\n  char szName[64]; // 姓名\n  int nNation;     // ',
    after: '\n  char szNumber[36]; // 身份证号码\n',
    confidence: 'low',
    reasons: ['precision:ambiguous', 'context:id-card (CITIZENIDCARD, 身份证)'],
  },
  {
    name: 'an ID-card context lowers a medium term to low',
    term: skinColour,
    encoding: 'utf-8',
    before: 'struct IDCard { int ',
    after: '; }',
    confidence: 'low',
    reasons: ['precision:medium', 'context:id-card (IDCard)'],
  },
  {
    name: 'a nation-like term next to 国籍 is lowered',
    term: { text: 'Nation', precision: 'medium', kind: 'identifier' },
    encoding: 'utf-8',
    before: 'typedef struct { char sz',
    after: '[64]; /* 国籍 */ char szName[64]; } NET_PERSON_INFO;',
    confidence: 'low',
    reasons: ['precision:medium', 'context:country (国籍)'],
  },
  {
    name: 'country contexts lower a high term one step and name every word found',
    term: uygur,
    encoding: 'utf-8',
    before: 'NET_NATION_INFO stuInfo; // ISO3166 ',
    after: ' wNationalityID',
    confidence: 'medium',
    reasons: ['precision:high', 'context:country (ISO3166, Nationality, NET_NATION_INFO)'],
  },
  {
    name: 'ID-card and country contexts together lower two steps, never below low',
    term: uygur,
    encoding: 'utf-8',
    before: 'CITIZENIDCARD 国籍 ',
    after: ' ',
    confidence: 'low',
    reasons: ['precision:high', 'context:id-card (CITIZENIDCARD)', 'context:country (国籍)'],
  },
  {
    name: 'face attributes and an ID-card context cancel out',
    term: skinColour,
    encoding: 'utf-8',
    before: '身份证: 性别, 年龄, ',
    after: '',
    confidence: 'medium',
    reasons: ['precision:medium', 'context:face-attributes (性别, 年龄)', 'context:id-card (身份证)'],
  },
  {
    name: 'indeterminate alignment lowers high to medium',
    term: { text: '维族人员实时预警', precision: 'high', category: 'minority-alert' },
    encoding: 'gb18030',
    before: '告警类型: ',
    after: ' 开启',
    alignment: 'indeterminate',
    confidence: 'medium',
    reasons: ['precision:high', 'alignment:indeterminate'],
  },
  {
    name: 'indeterminate alignment does not lower medium',
    term: skinColour,
    encoding: 'utf-16le',
    before: '属性: ',
    after: ', 发型',
    alignment: 'indeterminate',
    confidence: 'medium',
    reasons: ['precision:medium', 'alignment:indeterminate'],
  },
  {
    name: 'a binary window lowers medium 肤色 (UTF-16LE) to low',
    term: skinColour,
    encoding: 'utf-16le',
    before: binaryNoise(64, 7),
    after: binaryNoise(64, 11),
    confidence: 'low',
    reasons: ['precision:medium', 'text:binary-window (20% text-like; a 4-byte needle also occurs in random bytes)'],
  },
  {
    name: 'the same 肤色 inside UTF-16LE text stays medium',
    term: skinColour,
    encoding: 'utf-16le',
    before: '人脸属性: 发型, 发色, ',
    after: ', 服装颜色, 帽子',
    confidence: 'medium',
    reasons: ['precision:medium'],
  },
  {
    name: 'a high-precision identifier keeps high in a binary window',
    term: uygur,
    encoding: 'utf-8',
    before: binaryNoise(64, 3),
    after: binaryNoise(64, 5),
    confidence: 'high',
    reasons: ['precision:high', 'text:binary-window (36% text-like; high-precision term kept)'],
  },
  {
    name: 'R19: a 4-byte high-precision needle in a binary window is low (random bytes hold it once per 4 GiB)',
    term: { text: '疆藏', precision: 'high', category: 'region-targeting' },
    encoding: 'gb18030',
    before: binaryNoise(64, 13),
    after: binaryNoise(64, 17),
    confidence: 'low',
    reasons: ['precision:high', 'text:binary-window (31% text-like; a 4-byte needle also occurs in random bytes)'],
  },
  {
    name: 'R19: the same 4-byte needle in UTF-16LE random bytes is low',
    term: { text: '疆藏', precision: 'high', category: 'region-targeting' },
    encoding: 'utf-16le',
    before: binaryNoise(64, 23),
    after: binaryNoise(64, 29),
    confidence: 'low',
    reasons: ['precision:high', 'text:binary-window (23% text-like; a 4-byte needle also occurs in random bytes)'],
  },
  {
    name: 'R19: the same 4-byte needle inside UTF-16LE text stays high',
    term: { text: '疆藏', precision: 'high', category: 'region-targeting' },
    encoding: 'utf-16le',
    before: '告警类型: 重点人员 ',
    after: ' (需定制支持), 开启',
    confidence: 'high',
    reasons: ['precision:high'],
  },
  {
    name: 'a short medium phrase in a binary window is lowered one level when longer than 4 bytes',
    term: { text: '黄种人', precision: 'medium', category: 'race' },
    encoding: 'gb18030',
    before: binaryNoise(64, 13),
    after: binaryNoise(64, 17),
    confidence: 'low',
    reasons: ['precision:medium', 'text:binary-window (31% text-like)'],
  },
  {
    name: 'verifier notes are passed on as reasons',
    term: uygur,
    encoding: 'utf-8',
    before: 'enum { ',
    after: ' };',
    notes: ['some-note'],
    confidence: 'high',
    reasons: ['precision:high', 'verify:some-note'],
  },
  {
    name: 'R18: a possible GBK trail-byte overlap (丒M_NATION…) lowers one level',
    term: uygur,
    encoding: 'utf-8',
    before: concat(encode('enum { ', 'utf-8'), Uint8Array.of(0x81)),
    after: ' };',
    notes: [possibleTrailByteOverlap],
    confidence: 'medium',
    reasons: [
      'precision:high',
      'verify:possible-trail-byte-overlap (the byte before is a possible GBK/Big5 lead: in such text the hit would start inside a character)',
    ],
  },
  {
    name: 'a 56-group list (ID-card reader, HR form) lowers like an ID-card struct',
    term: { text: '维吾尔族', precision: 'medium' },
    encoding: 'utf-8',
    before: '<select name="nation"><option>汉族</option><option>蒙古族</option><option>回族</option><option>藏族</option><option>',
    after: '</option><option>苗族</option><option>彝族</option>',
    confidence: 'low',
    reasons: ['precision:medium', 'context:id-card (ethnic-group list: 汉族 蒙古族 回族 藏族 苗族 … 6 names)'],
  },
  {
    name: 'two groups named as examples are not a list (种族属性(如维族、汉族))',
    term: { text: '种族属性', precision: 'medium' },
    encoding: 'utf-8',
    before: '支持',
    after: '(如维族、汉族)',
    confidence: 'medium',
    reasons: ['precision:medium'],
  },
  {
    name: 'a font or language table lowers (Microsoft Uighur, ISO 639)',
    term: { text: 'Uighur', precision: 'medium', kind: 'word' },
    encoding: 'utf-8',
    before: '{ fontFamily: "Microsoft ',
    after: '", LANGID: 0x0480 }',
    confidence: 'low',
    reasons: ['precision:medium', 'context:language (fontFamily, LANGID)'],
  },
];

describe('scoreConfidence', () => {
  it.each(cases)('$name', (c) => {
    expect(score(c)).toEqual({ confidence: c.confidence, reasons: c.reasons });
  });

  it('is deterministic', () => {
    const c = cases[1]!;
    expect(score(c)).toEqual(score(c));
  });
});

describe('scoreConfidence for escaped and base64 hits', () => {
  function scoreWritten(spec: TermSpec, syntax: string, encoding: Encoding, before: string, after: string) {
    const needle = expandTerms([term(spec)]).needles.find((n) => n.syntax === syntax && n.encoding === encoding)!;
    const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
    const bytes = concat(ascii(before), needle.bytes, ascii(after));
    const windowStart = 500;
    const candidate: Candidate = { needle, start: windowStart + before.length, end: windowStart + before.length + needle.bytes.length };
    return scoreConfidence(candidate, { bytes, windowStart, atObjectStart: false, atObjectEnd: false }, { ok: true, alignment: 'aligned', notes: [] });
  }

  it('finds escaped face attributes next to an escaped hit (性别, 年龄 as \\u escapes)', () => {
    expect(scoreWritten(skinColour, 'json-u', 'utf-16be', '{"attrs":"\\u6027\\u522B,\\u5e74\\u9f84,', '"}')).toEqual({
      confidence: 'high',
      reasons: ['precision:medium', 'context:face-attributes (性别, 年龄)'],
    });
  });

  it('finds ASCII face attributes next to a percent-encoded hit', () => {
    expect(scoreWritten(skinColour, 'url-percent', 'utf-8', '/api/face?attrs=gender,age,', '&x=1')).toEqual({
      confidence: 'high',
      reasons: ['precision:medium', 'context:face-attributes (gender, age)'],
    });
  });

  it('judges the text around an escape as ASCII text, not as the escaped encoding', () => {
    expect(scoreWritten(skinColour, 'c-hex', 'gb18030', 'static const char attr[] = "', '"; /* skin */')).toEqual({
      confidence: 'medium',
      reasons: ['precision:medium'],
    });
  });

  it('scores a short base64 needle low: base64 text holds it by chance', () => {
    expect(scoreWritten(skinColour, 'base64-phase1', 'gb18030', '{"b":"Zm9vYmFy', 'Zm9v"}')).toEqual({
      confidence: 'low',
      reasons: ['precision:medium', 'form:base64 (a 4-character base64 needle also occurs in random base64 text)'],
    });
  });

  it('keeps a long base64 needle at its precision', () => {
    expect(scoreWritten(uygur, 'base64-phase0', 'utf-8', '{"b":"', 'I="}')).toEqual({ confidence: 'high', reasons: ['precision:high'] });
  });
});
