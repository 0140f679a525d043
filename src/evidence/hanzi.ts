/**
 * Sets of hanzi read from the decoders' own tables, built once on first use: the GB2312 hanzi
 * (rows 0xB0–0xF7, 6,763 characters: nearly all simplified text) and Big5 level 1
 * (0xA440–0xC67E, 5,401 characters: everyday traditional text).
 */
import { TextDecoder } from 'node:util';

/** First and last code point of the CJK unified ideographs block that the sets are drawn from. */
const firstHanzi = 0x4e00;
const lastHanzi = 0x9fff;

/**
 * A set of hanzi as one flag byte per code point of the block (21 KiB): looked up for every
 * decoded character around every hit, where a `Set<number>` lookup costs a hash each.
 */
export class HanziSet {
  readonly #flags = new Uint8Array(lastHanzi - firstHanzi + 1);

  add(codePoint: number): void {
    if (codePoint >= firstHanzi && codePoint <= lastHanzi) this.#flags[codePoint - firstHanzi] = 1;
  }

  has(codePoint: number): boolean {
    return codePoint >= firstHanzi && codePoint <= lastHanzi && this.#flags[codePoint - firstHanzi] === 1;
  }

  union(other: HanziSet): HanziSet {
    const both = new HanziSet();
    for (let codePoint = firstHanzi; codePoint <= lastHanzi; codePoint += 1) if (this.has(codePoint) || other.has(codePoint)) both.add(codePoint);
    return both;
  }
}

let gb2312Set: HanziSet | undefined;
let big5Set: HanziSet | undefined;
let commonSet: HanziSet | undefined;

function decodedPairs(encoding: 'gb18030' | 'big5', leads: readonly [number, number], trails: readonly (readonly [number, number])[], last: number): HanziSet {
  const pairs: number[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead += 1) {
    for (const [from, to] of trails) for (let trail = from; trail <= to; trail += 1) if (((lead << 8) | trail) <= last) pairs.push(lead, trail);
  }
  const set = new HanziSet();
  for (const char of new TextDecoder(encoding).decode(Uint8Array.from(pairs))) set.add(char.codePointAt(0) ?? 0);
  return set;
}

/** The 6,763 hanzi of GB2312. */
export function gb2312Hanzi(): HanziSet {
  return (gb2312Set ??= decodedPairs('gb18030', [0xb0, 0xf7], [[0xa1, 0xfe]], 0xf7fe));
}

/** The 5,401 hanzi of Big5 level 1. */
export function big5Level1Hanzi(): HanziSet {
  return (big5Set ??= decodedPairs('big5', [0xa4, 0xc6], [[0x40, 0x7e], [0xa1, 0xfe]], 0xc67e));
}

/**
 * Both sets together: 8,836 code points, so a random UTF-16 unit is one of them with odds of
 * about 1 in 7 instead of 1 in 3 for all CJK unified ideographs.
 */
export function commonHanzi(): HanziSet {
  return (commonSet ??= gb2312Hanzi().union(big5Level1Hanzi()));
}
