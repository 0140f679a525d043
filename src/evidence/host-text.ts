/**
 * The encoding of the text around a hit. A non-ASCII needle carries its own encoding (人种 in
 * GB18030 is GB18030 text). An ASCII hit (`EM_NATION_TYPE_UYGUR`, `byRace`, and escapes, which
 * are ASCII) stands for UTF-8, GB18030 and Big5 alike, so the text around it decides: valid
 * UTF-8 stays UTF-8; otherwise GB18030 or Big5, whichever decodes with fewer errors into more
 * hanzi of its own everyday set (GB2312, Big5 level 1), GB18030 winning ties; UTF-8 again when
 * neither reads as Chinese (more errors than everyday hanzi: binary, Latin-1). A GBK header's
 * `// 未知` (`2f 2f 20 ce b4 d6 aa`) is then shown as 未知, not as `// δ֪`.
 *
 * UTF-16/32 text needs no guess: ASCII in it is interleaved with NUL bytes, so only the
 * UTF-16/32 needles (which carry their encoding) can hit there.
 *
 * Cost: at most `spanBytes` on each side of the hit, decoded three times: O(window) per hit.
 */
import { isUtf8 as isWellFormedUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Candidate, Window } from '../match/types.js';
import { hostEncoding } from '../patterns/escapes.js';
import type { Encoding } from '../patterns/types.js';
import { big5Level1Hanzi, gb2312Hanzi, type HanziSet } from './hanzi.js';

/** Bytes read on each side of the hit to decide: enough for a comment line, bounded per hit. */
const spanBytes = 160;
/** An error costs as much as this many everyday hanzi (a right decoding has no errors at all). */
const errorWeight = 4;

const lenient = {
  gb18030: new TextDecoder('gb18030', { fatal: false, ignoreBOM: true }),
  big5: new TextDecoder('big5', { fatal: false, ignoreBOM: true }),
} as const;

/** The encoding of the text around `candidate`: its needle's own, or for ASCII host text the one the bytes around it are in. */
export function surroundingEncoding(candidate: Candidate, window: Window): Encoding {
  const encoding = hostEncoding(candidate.needle);
  if (encoding !== 'utf-8' || !isAscii(candidate.needle.bytes)) return encoding;
  const start = candidate.start - window.windowStart;
  const end = candidate.end - window.windowStart;
  const before = window.bytes.subarray(Math.max(0, start - spanBytes), start);
  const after = window.bytes.subarray(end, Math.min(window.bytes.length, end + spanBytes));
  if (isAscii(before) && isAscii(after)) return 'utf-8';
  if (isUtf8Side(before, 'before') && isUtf8Side(after, 'after')) return 'utf-8';
  const gb = score(before, after, 'gb18030', gb2312Hanzi());
  const big5 = score(before, after, 'big5', big5Level1Hanzi());
  // Neither reads as Chinese text (binary, Latin-1): keep UTF-8, the label of the needle.
  if (gb <= 0 && big5 <= 0) return 'utf-8';
  return big5 > gb ? 'big5' : 'gb18030';
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}

/**
 * Valid UTF-8 apart from a sequence cut by the span's far edge: `before` may begin with up to
 * three continuation bytes, `after` may end inside a sequence. The edge next to the hit is
 * exact (the hit is ASCII, so a sequence never runs into it).
 */
function isUtf8Side(bytes: Uint8Array, side: 'before' | 'after'): boolean {
  let from = 0;
  let to = bytes.length;
  if (side === 'before') {
    while (from < Math.min(3, to) && ((bytes[from] ?? 0) & 0xc0) === 0x80) from += 1;
  } else {
    to = completeUtf8End(bytes);
  }
  return isWellFormedUtf8(bytes.subarray(from, to));
}

/** End of the last complete UTF-8 sequence: drops a lead byte at the end whose continuation bytes were cut off. */
function completeUtf8End(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function score(before: Uint8Array, after: Uint8Array, encoding: 'gb18030' | 'big5', everyday: HanziSet): number {
  let total = 0;
  // The span's far edge of `before` may cut a character: try both byte phases, keep the better.
  total += Math.max(scoreText(lenient[encoding].decode(before), everyday), scoreText(lenient[encoding].decode(before.subarray(1)), everyday));
  total += scoreText(lenient[encoding].decode(after), everyday);
  return total;
}

function scoreText(text: string, everyday: HanziSet): number {
  let total = 0;
  // Code units, not code points: U+FFFD and the everyday hanzi are single units, and neither
  // half of a surrogate pair is one of them, so a pair scores 0 either way.
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit === 0xfffd) total -= errorWeight;
    else if (everyday.has(unit)) total += 1;
  }
  return total;
}
