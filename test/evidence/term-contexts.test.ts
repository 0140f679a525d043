// Pack-level contexts (`boostContexts` / `demoteContexts`, docs/patterns.md "How confidence is
// decided"): a term's own corroborating and false-positive contexts move its confidence one
// level each, on top of the built-in face-attribute, ID-card and country contexts. The cases
// use the shipped packs' terms, so a pack edit that drops a documented context fails here.
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreConfidence } from '../../src/evidence/confidence.js';
import type { Candidate, Verdict, Window } from '../../src/match/types.js';
import { loadPacks, shippedPackPaths } from '../../src/patterns/load.js';
import { encodeText, expandTerms } from '../../src/patterns/needles.js';
import type { Encoding, Needle, Term } from '../../src/patterns/types.js';
import type { Confidence } from '../../src/report/types.js';
import { makeTerm } from '../helpers/terms.js';
import { rawNeedle } from '../helpers/needles.js';

let terms: ReadonlyMap<string, Term>;

beforeAll(async () => {
  const { packs, problems } = await loadPacks(shippedPackPaths());
  expect(problems).toEqual([]);
  terms = new Map(packs.flatMap((pack) => pack.terms).map((term) => [term.id, term]));
});

function shipped(id: string): Term {
  const term = terms.get(id);
  if (term === undefined) throw new Error(`no shipped term ${id}`);
  return term;
}

function encode(text: string, encoding: Encoding): Uint8Array {
  const bytes = encodeText(text, encoding);
  if (bytes === undefined) throw new Error(`${text} is not encodable in ${encoding}`);
  return bytes;
}

/** Scores `term` hit between `before` and `after`, all written with `needle`'s encoding (and syntax). */
function score(term: Term, before: string, after: string, encoding: Encoding = 'utf-8', needle?: Needle): { confidence: Confidence; reasons: string[] } {
  const hitNeedle = needle ?? rawNeedle(term, encoding, encode(term.text, encoding));
  const write = (text: string): Uint8Array => (needle === undefined ? encode(text, encoding) : new TextEncoder().encode(text));
  const head = write(before);
  const windowStart = 4096;
  const candidate: Candidate = { needle: hitNeedle, start: windowStart + head.length, end: windowStart + head.length + hitNeedle.bytes.length };
  const bytes = new Uint8Array([...head, ...hitNeedle.bytes, ...write(after)]);
  const window: Window = { bytes, windowStart, atObjectStart: false, atObjectEnd: false };
  const verdict: Extract<Verdict, { ok: true }> = { ok: true, alignment: 'aligned', notes: [] };
  return scoreConfidence(candidate, window, verdict);
}

describe('term boost and demote contexts', () => {
  it('raises GA/T 1400 EthicCode back to medium when the country field next to it lowered it', () => {
    const result = score(shipped('gat1400.ethic-code'), '{"AgeLowerLimit":20,"', '":"01","NationalityCode":"CHN","SkinColor":"1"}');
    expect(result.confidence).toBe('medium');
    expect(result.reasons).toEqual(['precision:medium', 'context:term-boost (AgeLowerLimit, SkinColor)', 'context:country (Nationality)']);
  });

  it('leaves EthicCode lowered by the country field when no other GA/T 1400 field is near', () => {
    const result = score(shipped('gat1400.ethic-code'), '{"', '":"01","NationalityCode":"CHN"}');
    expect(result.confidence).toBe('low');
    expect(result.reasons).toEqual(['precision:medium', 'context:country (Nationality)']);
  });

  it('raises ambiguous byRace to medium with its comment 人种, and to high with face attributes too', () => {
    const byRace = shipped('hikvision.by-race');
    expect(score(byRace, '/** ', ' */').confidence).toBe('low');
    expect(score(byRace, '  /* 人种, 0-不支持 */ BYTE ', ';').reasons).toEqual(['precision:ambiguous', 'context:term-boost (人种)']);
    const struct = score(byRace, 'BYTE byBeard; // 胡子\nBYTE byMask; // 口罩\n/* 人种, 0-不支持 */ BYTE ', ';');
    expect(struct.confidence).toBe('high');
    expect(struct.reasons).toEqual(['precision:ambiguous', 'context:face-attributes (口罩, mask, 胡子, beard)', 'context:term-boost (人种)']);
  });

  it('counts a boost word even when a built-in probe already claimed it', () => {
    const term = makeTerm('人种', { precision: 'ambiguous', boostContexts: ['性别'] });
    const result = score(term, '性别,年龄,', ',胡子');
    expect(result.reasons).toEqual(['precision:ambiguous', 'context:face-attributes (性别, 年龄, 胡子)', 'context:term-boost (性别)']);
    expect(result.confidence).toBe('high');
  });

  it('lowers 种族 in game code (人族, 兽人) and names the words', () => {
    const result = score(shipped('zh.zhongzu'), 'enum RaceType { 人族, 兽人 }; // ', '');
    expect(result.confidence).toBe('low');
    expect(result.reasons).toEqual(['precision:medium', 'context:term-demote (人族, 兽人, RaceType)']);
  });

  it('lowers 肤色 in cosmetics text, in GBK as in UTF-8', () => {
    for (const encoding of ['utf-8', 'gb18030'] as const) {
      const result = score(shipped('zh.fuse'), '美白精华，改善', '暗沉', encoding);
      expect(result.confidence, encoding).toBe('low');
      expect(result.reasons, encoding).toEqual(['precision:medium', 'context:term-demote (美白)']);
    }
  });

  it('matches ASCII contexts as whole tokens only', () => {
    const race = shipped('sophgo.race-caucasian');
    expect(score(race, 'typedef enum { RACE_UNKNOWN, ', ', RACE_ASIAN } cvai_face_race_e;').reasons).toEqual(['precision:medium', 'context:term-boost (cvai)']);
    expect(score(race, 'enum { ', ', RACE_ASIAN } cvaix_race;').reasons).toEqual(['precision:medium']);
  });

  it('looks for contexts written like an escaped hit', () => {
    const fuse = shipped('zh.fuse');
    const needle = expandTerms([fuse]).needles.find((n) => n.syntax === 'json-u' && n.variant === '肤色');
    if (needle === undefined) throw new Error('no \\u needle for 肤色');
    const result = score(fuse, '{"tag":"\\u7f8e\\u767d","attr":"', '"}', 'utf-8', needle);
    expect(result.reasons).toEqual(['precision:medium', 'context:term-demote (美白)']);
  });

  it('changes nothing for a term without contexts', () => {
    const term = makeTerm('EM_RACE_YELLOW', { kind: 'identifier', boundary: 'identifier' });
    expect(score(term, 'x = ', '; // 黄种人').reasons).toEqual(['precision:high']);
  });
});

// Issue 12 point 7: real labels get real confidence; word lists, dictionaries and fiction stay low.
describe('real labels and word lists', () => {
  it('raises 黄种人 beside EM_RACE_YELLOW to high (a Dahua-style race enum)', () => {
    const result = score(shipped('zh.huangzhongren'), '    EM_RACE_NODISTI,                        // 未识别\n    EM_RACE_YELLOW,                         // ', '\n    EM_RACE_BLACK,                          // 黑人\n');
    expect(result.confidence).toBe('high');
    expect(result.reasons).toContain('context:term-boost (RACE_YELLOW)');
  });

  it('raises 肤色 as the comment of a skin-colour enum to high', () => {
    const result = score(shipped('zh.fuse'), '/* ', ' */\ntypedef enum tagNETDEV_SKINCOLOR_TYPE_E\n{\n    NETDEV_SKINCOLOR_TYPE_YELLOW = 0,', 'gb18030');
    expect(result).toEqual({ confidence: 'high', reasons: ['precision:medium', 'context:term-boost (SKINCOLOR)'] });
  });

  it('raises a race member among age, sex, beard and mask to high (Sophgo TDL-style face struct)', () => {
    const member = score(shipped('en.race-field'), '  cvtdl_face_gender_e gender;\n  cvtdl_face_race_e ', '\n  float age;\n  float mask_score;\n  int beard;\n} cvtdl_face_info_t;');
    expect(member.confidence).toBe('high');
    expect(member.reasons).toEqual(['precision:ambiguous', 'context:face-attributes (gender, age, mask, beard; 4 attributes, raised two levels)', 'context:term-boost (face)']);
  });

  it.each([
    ['a race-condition flag in a config struct', 'struct Opts { bool detect_data_race; int ', ' int age_limit; bool mask_errors; } /* go test -race */'],
    ['a game character sheet', 'struct Character { char name[32]; int ', ' int sex; int age; int mana; /* elf, dwarf, orc */ };'],
  ])('keeps `race` below high in %s', (_name, before, after) => {
    expect(score(shipped('en.race-field'), before, after).confidence).not.toBe('high');
  });

  it.each([
    ['a jieba dictionary (word, frequency, tag)', '黄热病 107 n\n黄种 18 n\n', ' 3 n\n黄竹 33 nr\n'],
    ['a word-frequency list', '黄皮书 311\n黄瓜 2113\n', ' 150\n黄昏 4015\n'],
    ['a pinyin IME table', "huang'zhong 黄种\n", " huang'zhong'ren 12\n黄州 huang'zhou 20\n"],
  ])('lowers 黄种人 in %s to low', (_name, before, after) => {
    const result = score(shipped('zh.huangzhongren'), before, after);
    expect(result.confidence).toBe('low');
    expect(result.reasons).toContain('context:word-list (a dictionary, word-frequency or input-method table line)');
  });

  it('does not take code lines for a word list', () => {
    const result = score(shipped('zh.huangzhongren'), '#define EM_RACE_NODISTI 1\n#define EM_RACE_YELLOW 2 // ', '\n#define EM_RACE_BLACK 3\n');
    expect(result.reasons.filter((reason) => reason.startsWith('context:word-list'))).toEqual([]);
  });
});

// Issue 12 point 8: the researched vocabulary (patterns/standard-onvif.json, vendor-face-apis.json,
// race.json) in real-shaped text, and its false-positive families kept below high.
describe('researched vendor vocabulary', () => {
  it.each([
    ['ONVIF HumanFace Complexion type', 'onvif.complexion-type', '\t</xs:simpleType>\n\t<xs:', '>\n\t\t<xs:restriction base="xs:string">\n\t\t\t<xs:enumeration value="White"/>\n\t\t\t<xs:enumeration value="Asian"/>\n\t\t</xs:restriction>\n\t</xs:simpleType>\n\t<xs:simpleType name="FacialShape">'],
    ['ONVIF HumanFace metadata', 'onvif.humanface-complexion', '<tt:HumanFace><fc:Gender>Male</fc:Gender><', '>Asian</fc:Complexion><fc:FacialShape>Oval</fc:FacialShape>'],
    ['Tencent Cloud Skin attribute', 'tencent.skin-type-values', '  /**\n   * 肤色信息。\n  - AttributeItem对应的Type为 —— ', '\n   */\n  Skin?: AttributeItem'],
    ['Face++ Detect response', 'facepp.ethnicity-value', '"attributes": {"gender": {"value": "Male"}, "age": {"value": 38}, "ethnicity": {', '}, "facequality": {"threshold": 70.1}}'],
    ['Face++ Detect response, WHITE', 'facepp.ethnicity-value-colour', '"attributes": {"gender": {"value": "Female"}, "age": {"value": 25}, "ethnicity": {', '}}'],
    ['Face++ Detect request', 'facepp.return-attributes-ethnicity', "payload = {'image_base64': image, 'return_attributes': 'gender,age,", "'}"],
    ['InspireFace attribute result', 'inspireface.hf-face-attribute-result', 'HFFaceAttributeResult attr = {};\nr = HFGetFaceAttributeResult(session, &attr);\nif (!attr.race) return -1;\n', ' results;'],
    ['FairFace labels', 'fairface.latino-hispanic', 'labels = {"Black", "East Asian", "Indian", "', '", "Middle Eastern", "Southeast Asian", "White"};'],
    ['VisionLabs ethnicity estimator', 'visionlabs.ethnicity-estimator', 'fsdk::', 'Ptr estimator = faceEngine->createEthnicityEstimator();'],
  ])('%s is high', (_name, id, before, after) => {
    const term = shipped(id);
    expect(score(term, before, after).confidence, JSON.stringify(score(term, before, after).reasons)).toBe('high');
  });

  it('raises 亚洲人 listed with 黑人 and 白人 (a race label set) to medium, and leaves it low alone', () => {
    const term = shipped('zh.yazhouren');
    expect(score(term, 'ASIAN("', '"), WHITE("白人"), BLACK("黑人"),').confidence).toBe('medium');
    expect(score(term, '欢迎来自世界各地的朋友，包括', '和欧洲人。').confidence).toBe('low');
  });

  it('raises a race member among four face attributes two levels (SenseTime faceapi-style struct)', () => {
    const result = score(shipped('en.race-field'), '    public boolean hasMask;\n    public boolean isSmile;\n    public float eyeGlassScore;\n    public int ', '\n    public int sex;\n');
    expect(result).toEqual({ confidence: 'high', reasons: ['precision:ambiguous', 'context:face-attributes (sex, glass, mask, smile; 4 attributes, raised two levels)'] });
  });

  it.each([
    ['a colour value (`"value": "WHITE"`)', 'facepp.ethnicity-value-colour', '{"paint": {"color": {', '}, "finish": "matte"}}', 'low'],
    ['a cuisine value (`"value": "ASIAN"`)', 'facepp.ethnicity-value', '{"restaurant": {"cuisine": {', '}}}', 'medium'],
    ['a cosmetics schema with a Complexion element', 'onvif.complexion-type', '<xs:complexType name="Foundation"><xs:sequence><xs:', ' type="xs:string"/><xs:element name="Shade" type="xs:string"/>', 'medium'],
    ['a CSV header of a survey', 'facepp.return-attributes-ethnicity', 'id,name,', '_score,income\n', 'low'],
    ['a game YAML record', 'en.race-field', 'name: Legolas\n', ' elf\nclass: ranger\nmana: 40\n', 'low'],
    ['prose about a race', 'en.race-field', 'Results of the ', ' the marathon was won in 2:05.', 'low'],
  ])('keeps %s below high', (_name, id, before, after, level) => {
    expect(score(shipped(id), before, after).confidence).toBe(level);
  });
});
