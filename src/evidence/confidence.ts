/**
 * Confidence of a verified hit (DESIGN "Matching", confidence paragraph): a pure function of
 * the needle, the bytes around the hit and the verification verdict, so it is deterministic
 * and table-tested. Every step that moves the level, or that a reader should know about,
 * leaves a reason `code:detail` in the finding.
 *
 * Order of the steps: term precision → face-attribute co-occurrence (raises) → ID-card and
 * country contexts (lower) → character alignment → how text-like the window is.
 */
import type { Candidate, Verdict, Window } from '../match/types.js';
import { encodeText } from '../patterns/needles.js';
import type { Encoding, Precision } from '../patterns/types.js';
import type { Confidence } from '../report/types.js';
import { decodeBytes, decodeContext } from './context.js';

/**
 * Face-attribute vocabulary, grouped by attribute (vocabulary.md §2.7 rule 4, and the Dahua
 * product pages and `NET_FACE_ATTRIBUTE`-style structs quoted at the top of vocabulary.md:
 * 性别,年龄,眼镜,表情,口罩,胡子 next to 人种/肤色). Two or more *attributes* present (not two
 * spellings of one, e.g. `emSex` and its comment 性别) mean a face-analytics neighbourhood.
 * Traditional spellings (性別, 年齡…) are added so Big5 windows, which cannot encode the
 * simplified ones, are probed too; the longer identifier comes before the word it contains.
 */
const faceAttributeProbes = [
  { attribute: 'sex', words: ['性别', '性別', 'emSex', 'gender'] },
  { attribute: 'age', words: ['年龄', '年齡', 'nAge', 'age'] },
  { attribute: 'glasses', words: ['眼镜', '眼鏡', 'emGlasses', 'glasses'] },
  { attribute: 'mask', words: ['口罩', 'emMask', 'mask'] },
  { attribute: 'beard', words: ['胡子', '鬍子', 'emBeard', 'beard'] },
  { attribute: 'expression', words: ['表情', 'smile'] },
] as const;

/** Distinct face attributes needed to raise a hit one level. */
const faceAttributesToRaise = 2;

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
] as const;

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
 * - an ID-card context (CITIZENIDCARD, 身份证…) lowers one level, a country context (国籍,
 *   ISO3166, Nationality…) lowers one level; never below low;
 * - alignment `indeterminate` lowers high to medium;
 * - a window that is not text-like in the hit's encoding (under 50% plausible characters within
 *   ±32 characters) lowers one level, except for high-precision identifiers and long
 *   high-precision needles.
 * Probe words are searched as bytes in the hit's encoding over the whole window (ASCII ones
 * case-insensitively, on identifier/camelCase boundaries, never overlapping the hit). Known
 * gap: a CJK probe in GB18030/Big5 is not checked for lead-byte parity.
 * Pure; cost is one pass per probe word over the window.
 */
export function scoreConfidence(
  candidate: Candidate,
  window: Window,
  verdict: Extract<Verdict, { ok: true }>,
): { confidence: Confidence; reasons: string[] } {
  const term = candidate.needle.term;
  const reasons: string[] = [`precision:${term.precision}`];
  let level = startLevel(term.precision);

  const probe = new WindowProbe(candidate, window);

  const faceWords: string[] = [];
  let faceAttributes = 0;
  for (const group of faceAttributeProbes) {
    const found = group.words.filter((word) => probe.claim(word));
    if (found.length > 0) faceAttributes += 1;
    faceWords.push(...found);
  }
  if (faceAttributes >= faceAttributesToRaise) {
    level = raise(level);
    reasons.push(`context:face-attributes (${faceWords.join(', ')})`);
  }

  for (const context of demotingContexts) {
    const found = context.words.filter((word) => probe.claim(word));
    if (found.length === 0) continue;
    level = lower(level);
    reasons.push(`context:${context.code} (${found.join(', ')})`);
  }

  switch (verdict.alignment) {
    case 'aligned':
      break;
    case 'indeterminate':
      if (level === 2) level = 1;
      reasons.push('alignment:indeterminate');
      break;
  }

  const share = textShare(candidate, window);
  if (share !== undefined && share < minTextShare) {
    const percent = `${Math.round(share * 100)}% text-like`;
    const strong = term.precision === 'high' && (term.kind === 'identifier' || candidate.needle.bytes.length >= strongNeedleBytes);
    if (strong) {
      reasons.push(`text:binary-window (${percent}; high-precision term kept)`);
    } else {
      level = lower(level);
      reasons.push(`text:binary-window (${percent})`);
    }
  }

  for (const note of verdict.notes) reasons.push(`verify:${note}`);

  return { confidence: levels[level], reasons };
}

/** Share of text-like characters within ±32 decoded characters, or undefined when there are too few to judge. */
function textShare(candidate: Candidate, window: Window): number | undefined {
  const { before, after } = decodeContext(candidate, window, plausibilityChars);
  const chars = Array.from(before + after);
  if (chars.length < minCharsToJudge) return undefined;
  let textLike = 0;
  for (const char of chars) if (isTextLike(char.codePointAt(0) ?? 0)) textLike += 1;
  return textLike / chars.length;
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

let commonHanziSet: ReadonlySet<number> | undefined;

/**
 * The hanzi of GB2312 (6,763, rows 0xB0–0xF7: nearly all simplified text) and Big5 level 1
 * (5,401, 0xA440–0xC67E: everyday traditional text), read from the decoders' own tables:
 * 8,836 code points, so a random UTF-16 unit is one of them with odds of about 1 in 7 instead
 * of 1 in 3. Built once on first use.
 */
function commonHanzi(): ReadonlySet<number> {
  if (commonHanziSet !== undefined) return commonHanziSet;
  const set = new Set<number>();
  const addPairs = (encoding: Encoding, leads: readonly [number, number], trails: readonly (readonly [number, number])[], last: number): void => {
    const pairs: number[] = [];
    for (let lead = leads[0]; lead <= leads[1]; lead += 1) {
      for (const [from, to] of trails) for (let trail = from; trail <= to; trail += 1) if (((lead << 8) | trail) <= last) pairs.push(lead, trail);
    }
    for (const char of decodeBytes(Uint8Array.from(pairs), encoding)) {
      const codePoint = char.codePointAt(0) ?? 0;
      if (codePoint >= 0x4e00 && codePoint <= 0x9fff) set.add(codePoint);
    }
  };
  addPairs('gb18030', [0xb0, 0xf7], [[0xa1, 0xfe]], 0xf7fe);
  addPairs('big5', [0xa4, 0xc6], [[0x40, 0x7e], [0xa1, 0xfe]], 0xc67e);
  commonHanziSet = set;
  return set;
}

const probeBytes = new Map<Encoding, Map<string, Uint8Array | undefined>>();

function encodedProbe(word: string, encoding: Encoding): Uint8Array | undefined {
  let byWord = probeBytes.get(encoding);
  if (byWord === undefined) {
    byWord = new Map();
    probeBytes.set(encoding, byWord);
  }
  if (!byWord.has(word)) byWord.set(word, encodeText(word, encoding));
  return byWord.get(word);
}

const asciiWord = /^[\x20-\x7e]+$/;

/** Finds probe words in a window, as bytes of the hit's encoding. */
class WindowProbe {
  readonly #bytes: Uint8Array;
  readonly #encoding: Encoding;
  readonly #hitStart: number;
  readonly #hitEnd: number;
  /** Bytes per code unit: ASCII probes are compared and bounded unit by unit. */
  readonly #unit: number;
  /** Byte ranges of probe words already found. */
  readonly #claimed: (readonly [number, number])[] = [];

  constructor(candidate: Candidate, window: Window) {
    this.#bytes = window.bytes;
    this.#encoding = candidate.needle.encoding;
    this.#hitStart = candidate.start - window.windowStart;
    this.#hitEnd = candidate.end - window.windowStart;
    this.#unit = unitBytes(this.#encoding);
  }

  /**
   * True when `word` occurs in the window outside the hit and outside every earlier claimed
   * occurrence, and claims its occurrences: so `age` inside an already found `nAge`, or
   * `glasses` inside `emGlasses`, is not listed twice. Probe tables list the longer spelling first.
   */
  claim(word: string): boolean {
    const needle = encodedProbe(word, this.#encoding);
    if (needle === undefined || needle.length === 0) return false;
    const ascii = asciiWord.test(word);
    const bytes = this.#bytes;
    const found: (readonly [number, number])[] = [];
    let fresh = false;
    for (let pos = 0; pos + needle.length <= bytes.length; pos += 1) {
      const end = pos + needle.length;
      // Never count the hit itself (or a piece of it) as its own context.
      if (pos < this.#hitEnd && end > this.#hitStart) continue;
      // UTF-16/32: a probe must sit on the same code-unit grid as the hit.
      if ((((pos - this.#hitStart) % this.#unit) + this.#unit) % this.#unit !== 0) continue;
      if (!bytesEqual(bytes, pos, needle, ascii)) continue;
      if (ascii && !this.#asciiBoundaries(pos, needle.length)) continue;
      found.push([pos, end]);
      if (!this.#claimed.some(([from, to]) => from <= pos && end <= to)) fresh = true;
    }
    this.#claimed.push(...found);
    return fresh;
  }

  /**
   * An ASCII probe must be a whole token: the character before is not a letter or digit
   * unless it starts a camelCase hump (`nAge`, `szCountry`), and the same after
   * (`genderType`). So `age` is not found in `image`, `MESSAGE` or `agent`. In GB18030/Big5
   * a preceding 0x81–0xFE byte may be a lead byte whose trail is the probe's first byte.
   */
  #asciiBoundaries(pos: number, length: number): boolean {
    const unit = this.#unit;
    const first = this.#unitAt(pos);
    const last = this.#unitAt(pos + length - unit);
    const before = pos >= unit ? this.#unitAt(pos - unit) : undefined;
    const after = pos + length + unit <= this.#bytes.length ? this.#unitAt(pos + length) : undefined;
    if (before !== undefined) {
      if ((this.#encoding === 'gb18030' || this.#encoding === 'big5') && before >= 0x81 && before <= 0xfe) return false;
      if (isAlnum(before) && !(isLower(before) && first !== undefined && isUpper(first))) return false;
    }
    if (after !== undefined && isAlnum(after) && !(last !== undefined && isLower(last) && isUpper(after))) return false;
    return true;
  }

  /** The code unit at `pos` (one byte for UTF-8, GB18030 and Big5, where ASCII is one byte). */
  #unitAt(pos: number): number | undefined {
    const b = this.#bytes;
    if (pos < 0 || pos + this.#unit > b.length) return undefined;
    switch (this.#encoding) {
      case 'utf-8':
      case 'gb18030':
      case 'big5':
        return b[pos];
      case 'utf-16le':
        return (b[pos] ?? 0) | ((b[pos + 1] ?? 0) << 8);
      case 'utf-16be':
        return ((b[pos] ?? 0) << 8) | (b[pos + 1] ?? 0);
      case 'utf-32le':
        return ((b[pos] ?? 0) | ((b[pos + 1] ?? 0) << 8) | ((b[pos + 2] ?? 0) << 16) | ((b[pos + 3] ?? 0) << 24)) >>> 0;
      case 'utf-32be':
        return (((b[pos] ?? 0) << 24) | ((b[pos + 1] ?? 0) << 16) | ((b[pos + 2] ?? 0) << 8) | (b[pos + 3] ?? 0)) >>> 0;
    }
  }
}

function unitBytes(encoding: Encoding): number {
  switch (encoding) {
    case 'utf-8':
    case 'gb18030':
    case 'big5':
      return 1;
    case 'utf-16le':
    case 'utf-16be':
      return 2;
    case 'utf-32le':
    case 'utf-32be':
      return 4;
  }
}

/** Byte comparison; for ASCII probes, ASCII letters match in either case (the zero bytes of UTF-16/32 units still compare exactly). */
function bytesEqual(haystack: Uint8Array, pos: number, needle: Uint8Array, foldAsciiCase: boolean): boolean {
  for (let i = 0; i < needle.length; i += 1) {
    const a = haystack[pos + i] ?? -1;
    const b = needle[i] ?? -2;
    if (a === b) continue;
    if (foldAsciiCase && isAsciiLetter(b) && (a | 0x20) === (b | 0x20)) continue;
    return false;
  }
  return true;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isLower(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isUpper(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

function isAlnum(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39);
}
