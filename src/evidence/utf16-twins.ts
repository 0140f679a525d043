/**
 * ASCII text in UTF-16LE (`S 00 k 00 … r 00`) also holds the UTF-16BE encoding of the same text
 * one byte earlier (`00 S 00 k … 00 r`), and the reverse holds for UTF-16BE text: both needles
 * hit, on two grids that read the same characters. Only one reading is the text's; this keeps
 * the one the object's byte-order mark names, else UTF-16LE (Windows and every little-endian
 * SoC write it), and drops its twin.
 */
import type { Needle } from '../patterns/types.js';

export type ByteOrderMark = 'utf-16le' | 'utf-16be' | undefined;

/** The UTF-16 byte-order mark at the start of an object, if any. */
export function utf16ByteOrderMark(head: Uint8Array): ByteOrderMark {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Removes the shifted twin of each ASCII UTF-16 hit. A twin is a BE hit at `t` paired with an LE hit at `t + 1` of the same spelling. */
export function dropUtf16Twins<T extends { readonly needle: Needle; readonly start: number }>(hits: readonly T[], bom: ByteOrderMark): T[] {
  const key = (hit: T, start: number) => `${hit.needle.term.id}\u0000${hit.needle.variant}\u0000${start}`;
  const littleEndian = new Set<string>();
  const bigEndian = new Set<string>();
  for (const hit of hits) {
    if (!isAscii(hit.needle.variant)) continue;
    if (hit.needle.encoding === 'utf-16le') littleEndian.add(key(hit, hit.start));
    if (hit.needle.encoding === 'utf-16be') bigEndian.add(key(hit, hit.start));
  }
  return hits.filter((hit) => {
    if (!isAscii(hit.needle.variant)) return true;
    if (hit.needle.encoding === 'utf-16be' && bom !== 'utf-16be') return !littleEndian.has(key(hit, hit.start + 1));
    if (hit.needle.encoding === 'utf-16le' && bom === 'utf-16be') return !bigEndian.has(key(hit, hit.start - 1));
    return true;
  });
}

function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}
