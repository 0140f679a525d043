/**
 * The source of a hit in derived text (PDF page text): the bytes of the sibling object that
 * drew its characters (a content stream's glyph codes), from the object's `TextSources`. A hit
 * has a source only when one object drew every non-blank byte of it; otherwise none.
 */
import type { ChainLink, TextSources } from '../core/types.js';

export interface HitSource {
  /** The chain of the object that drew the text (a sibling of the derived text). */
  readonly chain: readonly ChainLink[];
  /** Its byte ranges that drew the hit, in text order (glyph codes written next to each other merged). */
  readonly ranges: readonly { readonly offset: number; readonly length: number }[];
  /** Those bytes, the ranges' in order. */
  readonly hex: string;
}

const isBlank = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

export function sourceOf(sources: TextSources, chain: readonly ChainLink[], start: number, end: number, matched: Uint8Array): HitSource | undefined {
  let low = 0;
  let high = sources.textStarts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sources.textEnds[middle]! <= start) low = middle + 1;
    else high = middle;
  }
  let object = -1;
  let covered = 0;
  const ranges: { offset: number; length: number }[] = [];
  const pieces: Uint8Array[] = [];
  for (let i = low; i < sources.textStarts.length && sources.textStarts[i]! < end; i++) {
    if (object >= 0 && sources.objects[i] !== object) return undefined;
    object = sources.objects[i]!;
    covered += Math.min(end, sources.textEnds[i]!) - Math.max(start, sources.textStarts[i]!);
    const last = ranges.at(-1);
    if (last !== undefined && last.offset + last.length === sources.starts[i]) last.length += sources.ends[i]! - sources.starts[i]!;
    else ranges.push({ offset: sources.starts[i]!, length: sources.ends[i]! - sources.starts[i]! });
    pieces.push(sources.pieces[i]!);
  }
  const blanks = matched.reduce((count, byte) => count + (isBlank(byte) ? 1 : 0), 0);
  if (object < 0 || covered + blanks < end - start) return undefined;
  return { chain: [...chain.slice(0, -1), sources.links[object]!], ranges, hex: Buffer.concat(pieces).toString('hex') };
}
