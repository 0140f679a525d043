/**
 * Finding the streams of a PDF by scanning its bytes (ISO 32000-1 §7.3.8), the way a
 * forensic reader does, without trusting the cross-reference table: every `N G obj << … >>
 * stream` is found, also in a truncated file, one with a broken xref, or one with incremental
 * updates. A stream's data ends at its `/Length` when that is a number (or an indirect
 * integer object) followed by `endstream`; otherwise at the next `endstream`, or at the end
 * of the file for a truncated one.
 *
 * Pure functions over the whole file's bytes (the handler bounds its size). Positions are
 * byte offsets in those bytes; the scan works on a latin1 string view, one char per byte.
 */
import { isDelimiter, isWhite } from './pdf-bytes.js';

/** A parsed PDF value, as much as this scanner needs (§7.3). */
export type PdfValue =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'ref'; readonly object: number; readonly generation: number }
  | { readonly kind: 'array'; readonly items: readonly PdfValue[] }
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PdfValue> }
  | { readonly kind: 'other' };

export interface PdfStream {
  readonly object: number;
  readonly generation: number;
  /** Offset of the `N G obj` line. */
  readonly objectOffset: number;
  /** `[dataStart, dataEnd)`: the stream's encoded bytes. */
  readonly dataStart: number;
  readonly dataEnd: number;
  /** Filter names in decoding order (`/Filter /FlateDecode` or an array), without the slash. */
  readonly filters: readonly string[];
  /** The matching `/DecodeParms` entries (undefined where absent or null). */
  readonly decodeParms: readonly (ReadonlyMap<string, PdfValue> | undefined)[];
  /** `/Type`, when the dictionary names one (`ObjStm`, `XRef`, `Metadata`, `EmbeddedFile`…). */
  readonly type?: string;
  /** How the end was found: `/Length`, the next `endstream` keyword, or the end of the file (truncated). */
  readonly end: 'length' | 'endstream' | 'end-of-file';
}

export interface PdfLayout {
  readonly streams: readonly PdfStream[];
  /** True when the stream limit stopped the scan. */
  readonly tooManyStreams: boolean;
  /** A trailer or cross-reference stream dictionary has `/Encrypt`. */
  readonly encrypted: boolean;
  /** What is wrong with the file's structure (missing `startxref`, a pointer to nothing, truncation), for a `corrupt` problem; empty when sound. */
  readonly damage: readonly string[];
}

/** Streams recorded per document; beyond it the rest is scanned raw only. */
export const maxStreamsPerDocument = 100_000;
/** Bytes of a dictionary parsed before giving up on it (real ones are < 4 KiB; huge ones are broken). */
const maxDictionaryBytes = 1024 * 1024;
/** Bytes before the end searched for `startxref` and `%%EOF` (§7.5.5: "the last line"; writers append a little). */
const trailerSearchBytes = 64 * 1024;

const objectHeader = /(?<![0-9])(\d{1,10})[\0\t\n\f\r ]+(\d{1,5})[\0\t\n\f\r ]+obj(?![A-Za-z0-9])/g;

/** Scans `bytes` (a whole PDF) for stream objects and structural damage. */
export function scanPdf(bytes: Uint8Array, maxStreams = maxStreamsPerDocument): PdfLayout {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const streams: PdfStream[] = [];
  const dictionaries: { start: number; entries: ReadonlyMap<string, PdfValue> }[] = [];
  let integers: Map<string, number> | undefined;
  let tooManyStreams = false;
  objectHeader.lastIndex = 0;
  for (let match = objectHeader.exec(text); match !== null; match = objectHeader.exec(text)) {
    const objectOffset = match.index;
    let at = skipWhite(bytes, objectHeader.lastIndex);
    if (bytes[at] !== 0x3c || bytes[at + 1] !== 0x3c) continue;
    const parsed = parseValue(bytes, at, Math.min(bytes.length, at + maxDictionaryBytes));
    if (parsed === undefined || parsed.value.kind !== 'dict') continue;
    const entries = parsed.value.entries;
    dictionaries.push({ start: at, entries });
    at = skipWhite(bytes, parsed.end);
    if (!text.startsWith('stream', at)) {
      objectHeader.lastIndex = parsed.end;
      continue;
    }
    if (streams.length >= maxStreams) {
      tooManyStreams = true;
      break;
    }
    at += 'stream'.length;
    // §7.3.8.1: `stream` is followed by CRLF or LF; a lone CR is accepted as readers do.
    if (bytes[at] === 0x0d) at++;
    if (bytes[at] === 0x0a) at++;
    const dataStart = at;
    const lengthValue = entries.get('Length');
    let length: number | undefined;
    if (lengthValue?.kind === 'number') length = lengthValue.value;
    else if (lengthValue?.kind === 'ref') {
      integers ??= indirectIntegers(text);
      length = integers.get(`${lengthValue.object} ${lengthValue.generation}`);
    }
    const located = locateEnd(bytes, text, dataStart, length);
    const filters = arrayOf(entries.get('Filter')).flatMap((value) => (value.kind === 'name' ? [value.name] : []));
    const parms = arrayOf(entries.get('DecodeParms') ?? entries.get('DP'));
    const type = entries.get('Type');
    streams.push({
      object: Number(match[1]),
      generation: Number(match[2]),
      objectOffset,
      dataStart,
      dataEnd: located.dataEnd,
      filters,
      decodeParms: filters.map((_, i) => {
        const parm = parms[i];
        return parm?.kind === 'dict' ? parm.entries : undefined;
      }),
      ...(type?.kind === 'name' ? { type: type.name } : {}),
      end: located.end,
    });
    objectHeader.lastIndex = located.resumeAt;
    if (located.end === 'end-of-file') break;
  }
  const damage = structureDamage(bytes, text, streams);
  return { streams, tooManyStreams, encrypted: hasEncrypt(dictionaries) || trailerEncrypted(bytes, text, streams), damage };
}

/** Where a stream's data ends, trusting `/Length` only when `endstream` follows it. */
function locateEnd(bytes: Uint8Array, text: string, dataStart: number, length: number | undefined): { dataEnd: number; end: PdfStream['end']; resumeAt: number } {
  if (length !== undefined && Number.isSafeInteger(length) && length >= 0 && dataStart + length <= bytes.length) {
    const after = skipWhite(bytes, dataStart + length);
    if (text.startsWith('endstream', after)) return { dataEnd: dataStart + length, end: 'length', resumeAt: after + 'endstream'.length };
  }
  const keyword = text.indexOf('endstream', dataStart);
  if (keyword === -1) return { dataEnd: bytes.length, end: 'end-of-file', resumeAt: bytes.length };
  let dataEnd = keyword;
  if (dataEnd > dataStart && bytes[dataEnd - 1] === 0x0a) dataEnd--;
  if (dataEnd > dataStart && bytes[dataEnd - 1] === 0x0d) dataEnd--;
  return { dataEnd, end: 'endstream', resumeAt: keyword + 'endstream'.length };
}

/** `N G obj <integer> endobj` objects, for indirect `/Length` values. */
function indirectIntegers(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const match of text.matchAll(/(?<![0-9])(\d{1,10})[\0\t\n\f\r ]+(\d{1,5})[\0\t\n\f\r ]+obj[\0\t\n\f\r ]*(\d{1,15})[\0\t\n\f\r ]*endobj/g)) {
    found.set(`${Number(match[1])} ${Number(match[2])}`, Number(match[3]));
  }
  return found;
}

/** An encryption dictionary is named by the trailer (§7.5.5) or by a cross-reference stream's dictionary (§7.5.8.2). */
function hasEncrypt(dictionaries: readonly { entries: ReadonlyMap<string, PdfValue> }[]): boolean {
  return dictionaries.some(({ entries }) => {
    const type = entries.get('Type');
    return type?.kind === 'name' && type.name === 'XRef' && entries.has('Encrypt');
  });
}

/** Encrypt in a classic `trailer << … >>` (not inside stream data): the trailer is not an object, so it is parsed here. */
function trailerEncrypted(bytes: Uint8Array, text: string, streams: readonly PdfStream[]): boolean {
  for (let at = text.indexOf('trailer'); at !== -1; at = text.indexOf('trailer', at + 7)) {
    if (streams.some((stream) => at >= stream.dataStart && at < stream.dataEnd)) continue;
    const start = skipWhite(bytes, at + 7);
    const parsed = parseValue(bytes, start, Math.min(bytes.length, start + maxDictionaryBytes));
    if (parsed?.value.kind === 'dict' && parsed.value.entries.has('Encrypt')) return true;
  }
  return false;
}

/**
 * §7.5.5: a file ends with `startxref`, the offset of the last cross-reference section, and
 * `%%EOF`. Offsets count from the `%PDF-` header (a file may have bytes before it).
 */
function structureDamage(bytes: Uint8Array, text: string, streams: readonly PdfStream[]): string[] {
  const damage: string[] = [];
  const truncated = streams.find((stream) => stream.end === 'end-of-file');
  if (truncated !== undefined) damage.push(`stream of object ${truncated.object} at offset ${truncated.objectOffset} has no endstream: the file is truncated`);
  const tailStart = Math.max(0, bytes.length - trailerSearchBytes);
  const startxref = text.lastIndexOf('startxref');
  if (startxref === -1 || startxref < tailStart) {
    damage.push('no startxref near the end of the file: truncated or damaged; objects were found by scanning');
    return damage;
  }
  if (text.indexOf('%%EOF', startxref) === -1) damage.push('no %%EOF after the last startxref: the file is truncated');
  const number = /^[\0\t\n\f\r ]*(\d{1,15})/.exec(text.slice(startxref + 9, startxref + 40));
  const header = text.indexOf('%PDF-');
  const candidates = number === null ? [] : [Number(number[1]), Number(number[1]) + Math.max(0, header)];
  const pointsAtXref = candidates.some((offset) => {
    if (offset >= bytes.length) return false;
    let at = offset;
    while (at < bytes.length && isWhite(bytes[at])) at++;
    if (text.startsWith('xref', at)) return true;
    // A cross-reference stream (§7.5.8): `N G obj << /Type /XRef … >> stream`.
    const objectLine = /^\d{1,10}[\0\t\n\f\r ]+\d{1,5}[\0\t\n\f\r ]+obj/.exec(text.slice(at, at + 40));
    if (objectLine === null) return false;
    const start = skipWhite(bytes, at + objectLine[0].length);
    const parsed = parseValue(bytes, start, Math.min(bytes.length, start + maxDictionaryBytes));
    const type = parsed?.value.kind === 'dict' ? parsed.value.entries.get('Type') : undefined;
    return type?.kind === 'name' && type.name === 'XRef';
  });
  if (!pointsAtXref) damage.push(`startxref ${number === null ? '(no number)' : number[1]} does not point at a cross-reference section: the table is broken; objects were found by scanning`);
  return damage;
}

function arrayOf(value: PdfValue | undefined): readonly PdfValue[] {
  if (value === undefined) return [];
  return value.kind === 'array' ? value.items : [value];
}

/** Skips white space and comments (§7.2.3). */
export function skipWhite(bytes: Uint8Array, at: number): number {
  let position = at;
  for (;;) {
    while (position < bytes.length && isWhite(bytes[position])) position++;
    if (bytes[position] !== 0x25) return position;
    while (position < bytes.length && bytes[position] !== 0x0a && bytes[position] !== 0x0d) position++;
  }
}

/** A run of regular characters (a keyword, number or name body). */
function regularEnd(bytes: Uint8Array, at: number, end: number): number {
  let position = at;
  while (position < end && !isWhite(bytes[position]) && !isDelimiter(bytes[position])) position++;
  return position;
}

/**
 * Parses one value at `at` (after white space), reading no further than `end`. Strings and
 * other values the scanner does not need are skipped as `other`. Undefined when the value is
 * malformed or runs past `end`.
 */
export function parseValue(bytes: Uint8Array, at: number, end: number, depth = 0): { value: PdfValue; end: number } | undefined {
  if (depth > 64 || at >= end) return undefined;
  const byte = bytes[at]!;
  if (byte === 0x3c && bytes[at + 1] === 0x3c) {
    const entries = new Map<string, PdfValue>();
    let position = skipWhite(bytes, at + 2);
    while (position < end) {
      if (bytes[position] === 0x3e && bytes[position + 1] === 0x3e) return { value: { kind: 'dict', entries }, end: position + 2 };
      if (bytes[position] !== 0x2f) return undefined;
      const key = parseValue(bytes, position, end, depth + 1);
      if (key === undefined || key.value.kind !== 'name') return undefined;
      const value = parseValue(bytes, skipWhite(bytes, key.end), end, depth + 1);
      if (value === undefined) return undefined;
      if (!entries.has(key.value.name)) entries.set(key.value.name, value.value);
      position = skipWhite(bytes, value.end);
    }
    return undefined;
  }
  if (byte === 0x5b) {
    const items: PdfValue[] = [];
    let position = skipWhite(bytes, at + 1);
    while (position < end) {
      if (bytes[position] === 0x5d) return { value: { kind: 'array', items }, end: position + 1 };
      const item = parseValue(bytes, position, end, depth + 1);
      if (item === undefined) return undefined;
      items.push(item.value);
      position = skipWhite(bytes, item.end);
    }
    return undefined;
  }
  if (byte === 0x2f) {
    const stop = regularEnd(bytes, at + 1, end);
    // §7.3.5: #xx is a byte in hex.
    const raw = Buffer.from(bytes.subarray(at + 1, stop)).toString('latin1');
    return { value: { kind: 'name', name: raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) }, end: stop };
  }
  if (byte === 0x28) {
    const stop = literalStringEnd(bytes, at, end);
    return stop === undefined ? undefined : { value: { kind: 'other' }, end: stop };
  }
  if (byte === 0x3c) {
    const stop = bytes.indexOf(0x3e, at + 1);
    return stop === -1 || stop >= end ? undefined : { value: { kind: 'other' }, end: stop + 1 };
  }
  const stop = regularEnd(bytes, at, end);
  if (stop === at) return undefined;
  const token = Buffer.from(bytes.subarray(at, stop)).toString('latin1');
  if (/^\d+$/.test(token)) {
    // `N G R`: an indirect reference (§7.3.10).
    const next = skipWhite(bytes, stop);
    const nextStop = regularEnd(bytes, next, end);
    const generation = Buffer.from(bytes.subarray(next, nextStop)).toString('latin1');
    if (/^\d+$/.test(generation)) {
      const r = skipWhite(bytes, nextStop);
      if (bytes[r] === 0x52 && regularEnd(bytes, r, end) === r + 1) return { value: { kind: 'ref', object: Number(token), generation: Number(generation) }, end: r + 1 };
    }
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) return { value: { kind: 'number', value: Number(token) }, end: stop };
  return { value: { kind: 'other' }, end: stop };
}

/** The end of a literal string `( … )`: balanced parentheses, backslash escapes (§7.3.4.2). */
function literalStringEnd(bytes: Uint8Array, at: number, end: number): number | undefined {
  let depth = 0;
  for (let position = at; position < end; position++) {
    const byte = bytes[position]!;
    if (byte === 0x5c) position++;
    else if (byte === 0x28) depth++;
    else if (byte === 0x29 && --depth === 0) return position + 1;
  }
  return undefined;
}
