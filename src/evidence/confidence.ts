/**
 * Confidence of a verified hit (DESIGN "Matching", confidence paragraph): a pure function of
 * the needle, the bytes around the hit and the verification verdict, so it is deterministic
 * and table-tested. Every step that moves the level, or that a reader should know about,
 * leaves a reason `code:detail` in the finding.
 *
 * Order of the steps: term precision → face-attribute co-occurrence (raises) → ID-card,
 * ethnic-group-list, country and language contexts (lower) → character alignment → how
 * text-like the window is → verifier notes (a possible GBK trail-byte overlap lowers).
 *
 * Escaped and base64 hits are judged in their host text (ASCII, read as UTF-8); probe words are
 * written like the hit (性别 next to `\u4eba\u79cd` is looked for as `\u6027\u522b`), except for
 * base64, where only ASCII probe words in the surrounding text are looked for.
 */
import type { Candidate, Verdict, Window } from '../match/types.js';
import { possibleTrailByteOverlap } from '../match/verify.js';
import { missingBoundary, symbolNotePrefix } from '../match/verify-symbols.js';
import type { Encoding, Precision, Term } from '../patterns/types.js';
import type { Confidence } from '../core/types.js';
import { decodeContext } from './context.js';
import { commonHanzi } from './hanzi.js';
import { surroundingEncoding } from './host-text.js';
import { WindowProbe } from './window-probe.js';
import { inWordList } from './word-list.js';

/**
 * Face-attribute vocabulary, grouped by attribute (vocabulary.md §2.7 rule 4, and the Dahua
 * product pages and `NET_FACE_ATTRIBUTE`-style structs quoted at the top of vocabulary.md:
 * 性别,年龄,眼镜,表情,口罩,胡子 next to 人种/肤色). Two or more *attributes* present (not two
 * spellings of one, e.g. `emSex` and its comment 性别) mean a face-analytics neighbourhood.
 * Traditional spellings (性別, 年齡…) are added so Big5 windows, which cannot encode the
 * simplified ones, are probed too; the longer identifier comes before the word it contains.
 */
const faceAttributeProbes = [
  { attribute: 'sex', words: ['性别', '性別', 'emSex', 'bySex', 'gender', 'sex'] },
  { attribute: 'age', words: ['年龄', '年齡', 'nAge', 'age'] },
  { attribute: 'glasses', words: ['眼镜', '眼鏡', 'emGlasses', 'glasses', 'glass'] },
  { attribute: 'mask', words: ['口罩', 'emMask', 'mask'] },
  { attribute: 'beard', words: ['胡子', '鬍子', 'emBeard', 'beard'] },
  { attribute: 'expression', words: ['表情', 'smile'] },
] as const;

/** Distinct face attributes needed to raise a hit one level. */
const faceAttributesToRaise = 2;
/**
 * Distinct face attributes that make the window a face-attribute record and raise a second
 * level (issue 12 point 7: a `race` member among `age`, `sex`, `beard`, `mask` is high).
 */
const faceAttributesToRaiseTwice = 4;

/**
 * Contexts that mean "identity document or country field", not ethnicity analytics; each one
 * present lowers the hit one level and is named in the reasons. ID cards: vocabulary.md §2.5
 * (`民族` in Dahua `EM_CITIZENIDCARD_*`, Hikvision `byNation`) and §2.7 rule 5. Countries:
 * §2.5 (`NET_NATION_INFO` is ISO 3166, Uniview `szNation` commented 国籍, Hikvision
 * `wNationalityID`) and §2.7 rule 6.
 */
const demotingContexts = [
  { code: 'id-card', words: ['CITIZENIDCARD', 'ID_CARD', 'IDCard', '身份证', '身份證', 'Citizen'] },
  { code: 'country', words: ['国籍', '國籍', 'ISO3166', 'Nationality', 'NET_NATION_INFO', 'Country'] },
  // vocabulary.md §2.5: font names (`Microsoft Uighur`, Tailwind `fontFamily.uyghur`), ISO 639 tables, Windows LANGIDs.
  { code: 'language', words: ['fontFamily', 'font-family', 'FontName', 'LANGID', 'SUBLANG', 'ISO639', 'ISO_639', 'locale'] },
] as const;

/**
 * The 56 officially recognised ethnic groups (simplified and traditional where they differ) and
 * a few pinyin enum spellings: an ID-card reader, HR form or address picker lists many of them
 * together (vocabulary.md §2.5 `民族`, `维吾尔`; §2.7 rule 5), ethnicity analytics names one or
 * two (种族属性(如维族、汉族)). At least `minEthnicGroups` distinct names besides the hit lower it.
 */
const ethnicGroups = [
  '汉族', '漢族', '蒙古族', '回族', '藏族', '维吾尔族', '維吾爾族', '苗族', '彝族', '壮族', '壯族', '布依族', '朝鲜族', '朝鮮族',
  '满族', '滿族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '哈薩克族', '傣族', '黎族', '傈僳族', '佤族', '畲族',
  '高山族', '拉祜族', '水族', '东乡族', '東鄉族', '纳西族', '納西族', '景颇族', '景頗族', '柯尔克孜族', '柯爾克孜族', '土族',
  '达斡尔族', '達斡爾族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '錫伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '烏孜別克族', '俄罗斯族', '俄羅斯族', '鄂温克族', '鄂溫克族', '德昂族', '保安族', '裕固族',
  '京族', '塔塔尔族', '塔塔爾族', '独龙族', '獨龍族', '鄂伦春族', '鄂倫春族', '赫哲族', '门巴族', '門巴族', '珞巴族', '基诺族', '基諾族',
  'Mongolian', 'Zhuang', 'Manchu', 'Tujia', 'Buyei', 'Kazak', 'Dongxiang', 'Naxi', 'Xibe',
] as const;

const minEthnicGroups = 4;

/** Every built-in probe word, found in one pass over the window (`WindowProbe`). */
const builtInWords: readonly string[] = [
  ...faceAttributeProbes.flatMap((group) => group.words),
  ...demotingContexts.flatMap((context) => context.words),
  ...ethnicGroups,
];

const termWordLists = new WeakMap<Term, readonly string[]>();

/** The term's own context words, one long-lived array per term (the probe keeps its byte tables per array). */
function termWords(term: Term): readonly string[] {
  let words = termWordLists.get(term);
  if (words === undefined) termWordLists.set(term, (words = [...(term.boostContexts ?? []), ...(term.demoteContexts ?? [])]));
  return words;
}

/** Characters decoded on each side of the hit to find the lines of a word list around it. */
const wordListChars = 64;

/** Characters decoded on each side of the hit to judge how text-like the window is (R19: ±32). */
const plausibilityChars = 32;
/** Fewer decoded characters than this say nothing about the window either way. */
const minCharsToJudge = 8;
/** Below this share of text-like characters the window is binary in the hit's encoding. */
const minTextShare = 0.5;
/**
 * A high-precision needle at least this long is kept in a binary window even if it is not an
 * identifier: a random collision has odds of 2^-64, and vendor strings live in binaries.
 */
const strongNeedleBytes = 8;
/**
 * A needle this short in a binary window drops to low (R19): random bytes hold a given 4-byte
 * needle once per 4 GiB, and the shipped packs have hundreds of 4-byte needles (GBK and UTF-16
 * of two-character terms), so a 256 MiB binary holds a few of them by chance.
 */
const shortNeedleBytes = 4;
/**
 * A base64 needle this short (30 bits or fewer) drops to low: base64 text is all alphabet, so a
 * given 5-character needle turns up once per gigabyte of base64, and the packs have a few
 * hundred such needles (two-character terms in GB18030 and UTF-16LE, at three phases).
 */
const shortBase64Chars = 5;

const levels = ['low', 'medium', 'high'] as const satisfies readonly Confidence[];
type Level = 0 | 1 | 2;

function startLevel(precision: Precision): Level {
  switch (precision) {
    case 'high':
      return 2;
    case 'medium':
      return 1;
    case 'ambiguous':
      return 0;
  }
}

function raise(level: Level): Level {
  return level === 0 ? 1 : 2;
}

function lower(level: Level): Level {
  return level === 2 ? 1 : 0;
}

/**
 * Scores a verified hit. Rules:
 * - start from the term's precision: high → high, medium → medium, ambiguous → low;
 * - ≥ 2 distinct face attributes in the window (性别, 年龄, emSex, nAge, glasses…) raise one level;
 * - any of the term's own `boostContexts` (from its pack) raises one level, any of its
 *   `demoteContexts` lowers one level (after the built-in contexts below);
 * - a word-list line (dictionary, word frequency, input-method table; `word-list.ts`) lowers one level;
 * - an ID-card context (CITIZENIDCARD, 身份证…, or a list of 4+ of the 56 ethnic groups) lowers
 *   one level, a country context (国籍, ISO3166, Nationality…) one level, a language or font
 *   context (fontFamily, LANGID, ISO639…) one level; never below low;
 * - alignment `indeterminate` lowers high to medium;
 * - a window that is not text-like in the hit's encoding (under 50% plausible characters within
 *   ±32 characters) lowers one level, except for high-precision identifiers and long
 *   high-precision needles, and drops needles of 4 bytes or fewer to low (R19);
 * - a base64 needle of 5 characters or fewer is low;
 * - a possible GBK/Big5 trail-byte overlap before an ASCII hit (R18) lowers one level;
 * - a high-precision identifier kept without a boundary (no compiled-symbol form) lowers one level.
 * Probe words are searched as bytes written like the hit over the whole window (ASCII ones
 * case-insensitively, on identifier/camelCase boundaries, never overlapping the hit). Known
 * gap: a CJK probe in GB18030/Big5 is not checked for lead-byte parity.
 * Pure; cost is two passes over the window (built-in probe words, then the term's own) and a few
 * decodings of it; `encoding` is the hit's `surroundingEncoding` when the caller already has it.
 */
export function scoreConfidence(
  candidate: Candidate,
  window: Window,
  verdict: Extract<Verdict, { ok: true }>,
  encoding: Encoding = surroundingEncoding(candidate, window),
): { confidence: Confidence; reasons: string[] } {
  const term = candidate.needle.term;
  const reasons: string[] = [`precision:${term.precision}`];
  let level = startLevel(term.precision);

  const probe = new WindowProbe(candidate, window, builtInWords);

  const faceWords: string[] = [];
  let faceAttributes = 0;
  for (const group of faceAttributeProbes) {
    const found = group.words.filter((word) => probe.claim(word));
    if (found.length > 0) faceAttributes += 1;
    faceWords.push(...found);
  }
  if (faceAttributes >= faceAttributesToRaiseTwice) {
    level = raise(raise(level));
    reasons.push(`context:face-attributes (${faceWords.join(', ')}; ${faceAttributes} attributes, raised two levels)`);
  } else if (faceAttributes >= faceAttributesToRaise) {
    level = raise(level);
    reasons.push(`context:face-attributes (${faceWords.join(', ')})`);
  }

  // The term's own contexts from its pack (`boostContexts`/`demoteContexts`), probed apart so a
  // word the built-in probes already claimed still counts for the term.
  const termProbe = new WindowProbe(candidate, window, termWords(term));
  const boosts = (term.boostContexts ?? []).filter((word) => termProbe.claim(word));
  if (boosts.length > 0) {
    level = raise(level);
    reasons.push(`context:term-boost (${boosts.join(', ')})`);
  }

  for (const context of demotingContexts) {
    const found: string[] = context.words.filter((word) => probe.claim(word));
    // vocabulary.md §2.7 rule 5: a 56-group list is an ID-document field like an ID-card struct.
    if (context.code === 'id-card') {
      const groups = ethnicGroups.filter((word) => probe.claim(word));
      if (groups.length >= minEthnicGroups) found.push(`ethnic-group list: ${abbreviate(groups)}`);
    }
    if (found.length === 0) continue;
    level = lower(level);
    reasons.push(`context:${context.code} (${found.join(', ')})`);
  }
  const lines = decodeContext(candidate, window, wordListChars, encoding);
  if (inWordList(lines.before, candidate.needle.variant, lines.after)) {
    level = lower(level);
    reasons.push('context:word-list (a dictionary, word-frequency or input-method table line)');
  }
  const demotes = (term.demoteContexts ?? []).filter((word) => termProbe.claim(word));
  if (demotes.length > 0) {
    level = lower(level);
    reasons.push(`context:term-demote (${demotes.join(', ')})`);
  }

  switch (verdict.alignment) {
    case 'aligned':
      break;
    case 'indeterminate':
      if (level === 2) level = 1;
      reasons.push('alignment:indeterminate');
      break;
  }

  const share = textShare(candidate, window, encoding);
  if (share !== undefined && share < minTextShare) {
    const percent = `${Math.round(share * 100)}% text-like`;
    const length = candidate.needle.bytes.length;
    const strong = term.precision === 'high' && (term.kind === 'identifier' || length >= strongNeedleBytes);
    if (strong) {
      reasons.push(`text:binary-window (${percent}; high-precision term kept)`);
    } else if (length <= shortNeedleBytes) {
      level = 0;
      reasons.push(`text:binary-window (${percent}; a ${length}-byte needle also occurs in random bytes)`);
    } else {
      level = lower(level);
      reasons.push(`text:binary-window (${percent})`);
    }
  }

  if (candidate.needle.form === 'base64' && candidate.needle.bytes.length <= shortBase64Chars) {
    level = 0;
    reasons.push(`form:base64 (a ${candidate.needle.bytes.length}-character base64 needle also occurs in random base64 text)`);
  }

  for (const note of verdict.notes) {
    if (note === missingBoundary) {
      level = lower(level);
      reasons.push(`verify:${note} (a letter, digit or _ touches the identifier and no compiled-symbol form explains it)`);
    } else if (note.startsWith(symbolNotePrefix)) {
      reasons.push(`verify:${note} (the identifier is a name inside a compiled symbol)`);
    } else if (note === possibleTrailByteOverlap) {
      level = lower(level);
      reasons.push(`verify:${note} (the byte before is a possible GBK/Big5 lead: in such text the hit would start inside a character)`);
    } else {
      reasons.push(`verify:${note}`);
    }
  }

  return { confidence: levels[level], reasons };
}

function abbreviate(words: readonly string[]): string {
  return words.length > 5 ? `${words.slice(0, 5).join(' ')} … ${words.length} names` : words.join(' ');
}

/** Share of text-like characters within ±32 decoded characters, or undefined when there are too few to judge. */
function textShare(candidate: Candidate, window: Window, encoding: Encoding): number | undefined {
  const { before, after } = decodeContext(candidate, window, plausibilityChars, encoding);
  // Code points as `Array.from` counts them: a surrogate pair is one, even split between `before` and `after`.
  const text = before + after;
  let chars = 0;
  let textLike = 0;
  for (let i = 0; i < text.length; chars += 1) {
    const codePoint = text.codePointAt(i)!;
    if (isTextLike(codePoint)) textLike += 1;
    i += codePoint > 0xffff ? 2 : 1;
  }
  if (chars < minCharsToJudge) return undefined;
  return textLike / chars;
}

/**
 * Characters that real text in these encodings is made of. Deliberately narrow: random bytes
 * read as UTF-16 land anywhere in the BMP, and CJK unified ideographs alone are a third of it,
 * so only the hanzi in everyday use count (see `commonHanzi`); Hangul, CJK extension A, Yi and
 * the Latin-1 symbols do not.
 */
function isTextLike(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    codePoint === 0x09 ||
    codePoint === 0x0a ||
    codePoint === 0x0d ||
    (codePoint >= 0xc0 && codePoint <= 0x024f) || // accented Latin letters
    (codePoint >= 0x2000 && codePoint <= 0x206f) || // general punctuation
    (codePoint >= 0x3000 && codePoint <= 0x30ff) || // CJK punctuation, kana
    (codePoint >= 0xff00 && codePoint <= 0xffef) || // full-width forms
    (codePoint >= 0x4e00 && codePoint <= 0x9fff && commonHanzi().has(codePoint))
  );
}
