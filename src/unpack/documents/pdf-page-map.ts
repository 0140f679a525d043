/**
 * Maps a page's text (pdf.js's, as pdf-text.ts extracts it) back to the content-stream bytes
 * that drew it. pdf.js's operator list gives, per text-showing operation, each glyph's char
 * code and the text it decoded the glyph to (`GlyphRun`); pdf-content.ts gives, per operation
 * of each content stream, the string bytes and where each was written (`ShownStrings`).
 *
 * 1. Each run is matched with the operation whose bytes spell its codes (one to four bytes per
 *    code, as the font's CMap has them), trying the operation after the last one matched first:
 *    a page's operations are one stream in order, or several streams and form XObjects.
 * 2. The page text is walked with the glyph texts in order: each glyph whose text comes next
 *    (white space pdf.js inserted is skipped) maps those characters to its code's bytes.
 *
 * Text that matches nothing (a glyph pdf.js normalised, a run no stream spells) stays unmapped:
 * a finding there has no source, never a wrong one.
 */
import type { TextSources } from '../types.js';
import type { ShownStrings } from './pdf-content.js';
import type { GlyphRun } from './pdf-text.js';

/** Per mapped glyph: its UTF-8 range in the page text and the stream bytes that drew it (`objects`: the stream's index in the list given to `mapPageText`). */
export type PageTextMap = Omit<TextSources, 'links'>;

/** Candidate operations tried per run before it is left unmatched. */
const maxTriesPerRun = 64;
/** Glyphs looked ahead for the next character of the text. */
const lookAheadGlyphs = 16;

interface Placed {
  readonly unicode: string;
  readonly stream: number;
  readonly start: number;
  readonly end: number;
  readonly piece?: Uint8Array;
}

/** Every operation of every stream, by flat index: its stream, its first string byte there, and the indexes by that byte. */
export interface ShownOperations {
  readonly streams: readonly ShownStrings[];
  readonly streamOf: readonly number[];
  readonly firstOf: readonly number[];
  readonly byFirstByte: ReadonlyMap<number, readonly number[]>;
}

/** The operations of a document's streams, indexed once for all of its pages. */
export function indexShownOperations(streams: readonly ShownStrings[]): ShownOperations {
  const streamOf: number[] = [];
  const firstOf: number[] = [];
  const byFirstByte = new Map<number, number[]>();
  streams.forEach((shown, stream) => {
    for (let op = 0; op + 1 < shown.opStarts.length; op++) {
      const first = shown.opStarts[op]!;
      if (first === shown.opStarts[op + 1]) continue;
      const index = streamOf.length;
      streamOf.push(stream);
      firstOf.push(op);
      const key = shown.bytes[first]!;
      const list = byFirstByte.get(key);
      if (list === undefined) byFirstByte.set(key, [index]);
      else list.push(index);
    }
  });
  return { streams, streamOf, firstOf, byFirstByte };
}

export function mapPageText(text: string, runs: readonly GlyphRun[], operations: ShownOperations): PageTextMap {
  return align(text, placeGlyphs(runs, operations));
}

/** Where each glyph's code was written, for the runs some operation spells; other runs' glyphs have stream -1. */
function placeGlyphs(runs: readonly GlyphRun[], operations: ShownOperations): Placed[] {
  const { streams, streamOf, firstOf, byFirstByte } = operations;
  const glyphs: Placed[] = [];
  let last = -1;
  for (const run of runs) {
    if (run.codes.length === 0) continue;
    let matched: { readonly index: number; readonly from: number; readonly cuts: Int32Array } | undefined;
    for (const index of candidates(last + 1, firstBytes(run.codes[0]!), byFirstByte)) {
      if (index >= streamOf.length) continue;
      const shown = streams[streamOf[index]!]!;
      const from = shown.opStarts[firstOf[index]!]!;
      const cuts = spell(shown.bytes.subarray(from, shown.opStarts[firstOf[index]! + 1]), run.codes);
      if (cuts !== undefined) {
        matched = { index, from, cuts };
        break;
      }
    }
    if (matched === undefined) {
      for (const unicode of run.unicode) glyphs.push({ unicode, stream: -1, start: 0, end: 0 });
      continue;
    }
    last = matched.index;
    const stream = streamOf[matched.index]!;
    const shown = streams[stream]!;
    run.unicode.forEach((unicode, glyph) => {
      const first = matched.from + matched.cuts[glyph]!;
      const after = matched.from + matched.cuts[glyph + 1]!;
      const piece = shown.written.subarray(shown.writtenStarts[first], shown.writtenStarts[after]);
      glyphs.push({ unicode, stream, start: shown.starts[first]!, end: shown.ends[after - 1]!, piece });
    });
  }
  return glyphs;
}

/**
 * Operations to try for a run, at most `maxTriesPerRun`: the one after the last match, then those
 * whose first byte fits, from the last match on (a page's operations come in stream order). Lazy:
 * with two-byte codes most operations start with the same byte.
 */
function* candidates(next: number, bytes: readonly number[], byFirstByte: ReadonlyMap<number, readonly number[]>): Generator<number> {
  yield next;
  let tries = 1;
  for (const byte of bytes) {
    const list = byFirstByte.get(byte) ?? [];
    // The first operation at or after `next` that starts with this byte, then on, wrapping round.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle]! < next) low = middle + 1;
      else high = middle;
    }
    for (let step = 0; step < list.length; step++) {
      if (tries++ >= maxTriesPerRun) return;
      yield list[(low + step) % list.length]!;
    }
  }
}

/** The bytes a code's first byte may be, for codes of one to four bytes. */
function firstBytes(code: number): number[] {
  const bytes = new Set<number>();
  for (let length = 1; length <= 4; length++) if (code < 256 ** length) bytes.add(Math.floor(code / 256 ** (length - 1)));
  return [...bytes];
}

/**
 * Where each code starts in `bytes` (and where the last ends), when `bytes` spells exactly
 * `codes`: at one width for every code first (simple fonts one byte, Identity-H two, where a
 * code such as 0 would fool a greedy reading), else code by code at the shortest width that fits
 * (CMaps mixing widths).
 */
function spell(bytes: Uint8Array, codes: readonly number[]): Int32Array | undefined {
  return spellUniform(bytes, codes) ?? spellGreedy(bytes, codes);
}

function spellUniform(bytes: Uint8Array, codes: readonly number[]): Int32Array | undefined {
  const width = bytes.length / codes.length;
  if (!Number.isInteger(width) || width < 1 || width > 4) return undefined;
  const cuts = new Int32Array(codes.length + 1);
  for (const [index, code] of codes.entries()) {
    let value = 0;
    for (let at = index * width; at < (index + 1) * width; at++) value = value * 256 + bytes[at]!;
    if (value !== code) return undefined;
    cuts[index] = index * width;
  }
  cuts[codes.length] = bytes.length;
  return cuts;
}

function spellGreedy(bytes: Uint8Array, codes: readonly number[]): Int32Array | undefined {
  const cuts = new Int32Array(codes.length + 1);
  let at = 0;
  for (const [index, code] of codes.entries()) {
    cuts[index] = at;
    let value = 0;
    let length = 0;
    for (let size = 1; size <= 4 && at + size <= bytes.length; size++) {
      value = value * 256 + bytes[at + size - 1]!;
      if (value === code) {
        length = size;
        break;
      }
      if (value > code) break;
    }
    if (length === 0) return undefined;
    at += length;
  }
  if (at !== bytes.length) return undefined;
  cuts[codes.length] = at;
  return cuts;
}

function align(text: string, glyphs: readonly Placed[]): PageTextMap {
  const textStarts: number[] = [];
  const textEnds: number[] = [];
  const streams: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const pieces: Uint8Array[] = [];
  let glyph = 0;
  let position = 0;
  let byte = 0;
  while (position < text.length) {
    const char = String.fromCodePoint(text.codePointAt(position)!);
    if (char.trim() === '') {
      position += char.length;
      byte += Buffer.byteLength(char);
      continue;
    }
    while (glyph < glyphs.length && glyphs[glyph]!.unicode.trim() === '') glyph++;
    let found = -1;
    for (let next = glyph; next < glyphs.length && next < glyph + lookAheadGlyphs; next++) {
      const unicode = glyphs[next]!.unicode;
      if (unicode !== '' && text.startsWith(unicode, position)) {
        found = next;
        break;
      }
    }
    if (found < 0) {
      position += char.length;
      byte += Buffer.byteLength(char);
      continue;
    }
    const placed = glyphs[found]!;
    const length = Buffer.byteLength(placed.unicode);
    if (placed.stream >= 0) {
      textStarts.push(byte);
      textEnds.push(byte + length);
      streams.push(placed.stream);
      starts.push(placed.start);
      ends.push(placed.end);
      pieces.push(placed.piece!);
    }
    position += placed.unicode.length;
    byte += length;
    glyph = found + 1;
  }
  return { textStarts: Int32Array.from(textStarts), textEnds: Int32Array.from(textEnds), objects: Int32Array.from(streams), starts: Int32Array.from(starts), ends: Int32Array.from(ends), pieces };
}
