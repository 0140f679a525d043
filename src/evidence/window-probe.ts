/**
 * Finds the probe words of `confidence.ts` in a hit's window, as bytes written like the hit.
 *
 * Cost: all words of a list are found in one pass over the window (a table from a byte to the
 * probes that start with it), so a hit costs O(window), not O(words × window) as one native
 * scan and a new `Buffer` per word did: search, verification, confidence and context of 9,000
 * hits of 人种 in a 252 KB text file went from 0.99 s to 0.36 s of CPU (`bench/hits.mjs`, load
 * average 17 on 2 cores). The byte table of a word list is built once per needle family (see
 * `familyKey`) and kept.
 */
import type { Candidate, Window } from '../match/types.js';
import { hostEncoding } from '../patterns/escapes.js';
import { encodeText, writeText } from '../patterns/needles.js';
import type { Encoding, Needle } from '../patterns/types.js';

const asciiWord = /^[\x20-\x7e]+$/;
const utf8Encoder = new TextEncoder();

/** A probe word as bytes next to a hit: written like the hit, compared with ASCII case folded (`fold`), on token boundaries when `ascii`. */
interface ProbeBytes {
  /** Index of the word in its `ProbeIndex`. */
  readonly word: number;
  readonly bytes: Uint8Array;
  readonly ascii: boolean;
  readonly fold: boolean;
}

/** The probes of a word list for one needle family, by their first bytes (both ASCII cases for folded letters). */
interface ProbeIndex {
  readonly words: ReadonlyMap<string, number>;
  /** Probes of one byte, by that byte (rare: a one-letter word of a pack). */
  readonly singles: readonly (readonly ProbeBytes[] | undefined)[];
  /**
   * Longer probes by their first two bytes (`first << 8 | second`). By the first byte alone, a
   * window of UTF-8 hanzi would try a dozen ethnic-group names at every 人 (京族 also starts
   * `e4 ba`), and every letter of ASCII text the several words it starts.
   */
  readonly byPair: ReadonlyMap<number, readonly ProbeBytes[]>;
  /** Bit `first << 8 | second` is set when `byPair` has that key: most positions are ruled out without a map lookup. */
  readonly startPairs: Uint8Array;
}

const indexes = new WeakMap<readonly string[], Map<string, ProbeIndex>>();

/** The index of an empty word list (most terms have no context words of their own): shared, never searched. */
const emptyIndex: ProbeIndex = { words: new Map(), singles: [], byPair: new Map(), startPairs: new Uint8Array(0) };

/** A word written one way next to a hit (`ProbeBytes` without the list's word id). */
type Spelling = Omit<ProbeBytes, 'word'>;

/**
 * Spellings by needle family and word: the terms' own word lists share many words (歧视, 宗教…)
 * and each is encoded once per family, not once per list (GB18030 and Big5 go through iconv).
 */
const spellings = new Map<string, Map<string, readonly Spelling[]>>();

/**
 * Needles whose probes are written alike share a key: an ASCII raw UTF-8 needle stands for
 * UTF-8, GB18030 and Big5 text; every base64 needle (any encoding, any phase) looks for the
 * ASCII words as they are; any other needle writes its probes in its encoding and syntax.
 */
function familyKey(needle: Needle): { key: string; asciiNeedle: boolean } {
  const asciiNeedle = needle.syntax === 'raw' && needle.encoding === 'utf-8' && needle.bytes.every((b) => b < 0x80);
  return { key: asciiNeedle ? 'ascii' : needle.form === 'base64' ? 'base64' : `${needle.encoding}/${needle.syntax}`, asciiNeedle };
}

function probeIndex(words: readonly string[], needle: Needle): ProbeIndex {
  if (words.length === 0) return emptyIndex;
  const family = familyKey(needle);
  let byKey = indexes.get(words);
  if (byKey === undefined) indexes.set(words, (byKey = new Map()));
  let index = byKey.get(family.key);
  if (index === undefined) byKey.set(family.key, (index = buildIndex(words, needle, family)));
  return index;
}

function buildIndex(words: readonly string[], needle: Needle, family: { key: string; asciiNeedle: boolean }): ProbeIndex {
  let byWord = spellings.get(family.key);
  if (byWord === undefined) spellings.set(family.key, (byWord = new Map()));
  const ids = new Map<string, number>();
  // Filled, not sparse: a sparse array would be a dictionary, slow to index on every byte.
  const singles: (ProbeBytes[] | undefined)[] = Array.from({ length: 256 }, () => undefined);
  const byPair = new Map<number, ProbeBytes[]>();
  const startPairs = new Uint8Array(65536 / 8);
  for (const word of words) {
    if (ids.has(word)) continue;
    const id = ids.size;
    ids.set(word, id);
    let spelled = byWord.get(word);
    if (spelled === undefined) byWord.set(word, (spelled = writeProbes(word, needle, family.asciiNeedle)));
    for (const spelling of spelled) {
      const probe: ProbeBytes = { word: id, ...spelling };
      const first = probe.bytes[0];
      if (first === undefined) continue;
      const firsts = casesOf(first, probe.fold);
      const second = probe.bytes[1];
      if (second === undefined) {
        for (const a of firsts) (singles[a] ??= []).push(probe);
        continue;
      }
      for (const a of firsts) {
        for (const b of casesOf(second, probe.fold)) {
          const pair = (a << 8) | b;
          let probes = byPair.get(pair);
          if (probes === undefined) byPair.set(pair, (probes = []));
          probes.push(probe);
          startPairs[pair >> 3]! |= 1 << (b & 7);
        }
      }
    }
  }
  return { words: ids, singles, byPair, startPairs };
}

/** The byte, and its other ASCII case when `fold` and it is a letter. */
function casesOf(byte: number, fold: boolean): number[] {
  return fold && isAsciiLetter(byte) ? [byte, byte ^ 0x20] : [byte];
}

/** The ways `word` may be written next to a hit of `needle` (several for ASCII needles, which stand for UTF-8, GB18030 and Big5 text alike). */
function writeProbes(word: string, needle: Needle, asciiNeedle: boolean): Spelling[] {
  const ascii = asciiWord.test(word);
  if (needle.syntax === 'raw') {
    const encodings: readonly Encoding[] = asciiNeedle && !ascii ? ['utf-8', 'gb18030', 'big5'] : [needle.encoding];
    return encodings.flatMap((encoding) => {
      const bytes = encodeText(word, encoding);
      return bytes === undefined ? [] : [{ bytes, ascii, fold: ascii }];
    });
  }
  if (needle.form === 'base64') return ascii ? [{ bytes: utf8Encoder.encode(word), ascii, fold: true }] : [];
  const bytes = writeText(word, needle.encoding, needle.syntax);
  return bytes === undefined ? [] : [{ bytes, ascii, fold: true }]; // hex digits of escapes in either case
}

/** Finds probe words in a window, as bytes of the hit's encoding. */
export class WindowProbe {
  readonly #bytes: Uint8Array;
  /** Encoding of the text around the hit (UTF-8 for escapes and base64). */
  readonly #encoding: Encoding;
  readonly #hitStart: number;
  readonly #hitEnd: number;
  /** Bytes per code unit: ASCII probes are compared and bounded unit by unit. */
  readonly #unit: number;
  readonly #words: ReadonlyMap<string, number>;
  /** Word id, start and end of each occurrence, flattened (few per window: one list, not one per word). */
  readonly #found: number[] = [];
  /** Byte ranges of probe words already claimed, flattened. */
  readonly #claimed: number[] = [];

  /** Finds every occurrence of every word of `words` in one pass; `words` should be a long-lived array (its byte tables are kept per array). */
  constructor(candidate: Candidate, window: Window, words: readonly string[]) {
    this.#bytes = window.bytes;
    this.#encoding = hostEncoding(candidate.needle);
    this.#hitStart = candidate.start - window.windowStart;
    this.#hitEnd = candidate.end - window.windowStart;
    this.#unit = unitBytes(this.#encoding);
    const index = probeIndex(words, candidate.needle);
    this.#words = index.words;
    // Most terms have no context words of their own: nothing to look for, no pass over the window.
    if (index.words.size > 0) this.#findAll(index);
  }

  /**
   * True when `word` occurs in the window outside the hit and outside every earlier claimed
   * occurrence, and claims its occurrences: so `age` inside an already found `nAge`, or
   * `glasses` inside `emGlasses`, is not listed twice. Probe tables list the longer spelling first.
   * Throws `RangeError` for a word not in the list the probe was built with (misuse).
   */
  claim(word: string): boolean {
    const id = this.#words.get(word);
    if (id === undefined) throw new RangeError(`probe word ${JSON.stringify(word)} is not in the probe's word list`);
    const found = this.#found;
    const claimed = this.#claimed;
    const before = claimed.length;
    let fresh = false;
    for (let k = 0; k < found.length; k += 3) {
      if (found[k] !== id) continue;
      const pos = found[k + 1]!;
      const end = found[k + 2]!;
      if (!fresh && !isInside(claimed, before, pos, end)) fresh = true;
      claimed.push(pos, end);
    }
    return fresh;
  }

  #findAll({ singles, byPair, startPairs }: ProbeIndex): void {
    const bytes = this.#bytes;
    const length = bytes.length;
    const unit = this.#unit;
    // UTF-16/32: a probe must sit on the same code-unit grid as the hit, so only grid positions are tried.
    for (let pos = ((this.#hitStart % unit) + unit) % unit; pos < length; pos += unit) {
      const first = bytes[pos]!;
      const single = singles[first];
      if (single !== undefined) this.#tryAll(single, pos);
      if (pos + 1 === length) break;
      const second = bytes[pos + 1]!;
      if ((startPairs[(first << 5) | (second >> 3)]! & (1 << (second & 7))) === 0) continue;
      this.#tryAll(byPair.get((first << 8) | second)!, pos);
    }
  }

  /** Records each of `probes` that occurs at `pos` (a position on the hit's code-unit grid). */
  #tryAll(probes: readonly ProbeBytes[], pos: number): void {
    const bytes = this.#bytes;
    for (const probe of probes) {
      const end = pos + probe.bytes.length;
      if (end > bytes.length) continue;
      // Never count the hit itself (or a piece of it) as its own context.
      if (pos < this.#hitEnd && end > this.#hitStart) continue;
      if (!bytesEqual(bytes, pos, probe.bytes, probe.fold)) continue;
      if (probe.ascii && !this.#asciiBoundaries(pos, probe.bytes.length)) continue;
      this.#found.push(probe.word, pos, end);
    }
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

/** Whether `[pos, end)` lies inside one of the first `count / 2` flattened ranges. */
function isInside(ranges: readonly number[], count: number, pos: number, end: number): boolean {
  for (let k = 0; k < count; k += 2) if (ranges[k]! <= pos && end <= ranges[k + 1]!) return true;
  return false;
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
