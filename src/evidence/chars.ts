/**
 * Characters counted as `Array.from` splits a string (code points: a high surrogate followed by
 * a low one is one character, any other code unit is one), without an array per call: context
 * is cut to whole characters for every hit. Walking from either end finds the same pairs (a
 * pair is exactly a high unit right before a low one).
 */

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The last `count` characters of `text`. */
export function lastChars(text: string, count: number): string {
  let from = text.length;
  for (let taken = 0; taken < count && from > 0; taken += 1) {
    from -= from >= 2 && isLowSurrogate(text.charCodeAt(from - 1)) && isHighSurrogate(text.charCodeAt(from - 2)) ? 2 : 1;
  }
  return text.slice(from);
}

/** The first `count` characters of `text`. */
export function firstChars(text: string, count: number): string {
  let to = 0;
  for (let taken = 0; taken < count && to < text.length; taken += 1) {
    to += to + 1 < text.length && isHighSurrogate(text.charCodeAt(to)) && isLowSurrogate(text.charCodeAt(to + 1)) ? 2 : 1;
  }
  return text.slice(0, to);
}
