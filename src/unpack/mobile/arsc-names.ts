/**
 * Which resource uses which string of a `resources.arsc` global string pool
 * (frameworks/base libs/androidfw/include/androidfw/ResourceTypes.h): each package holds its
 * type-name and key-name pools and one `ResTable_type` chunk per type and configuration, whose
 * entries are simple values (`Res_value`, type 0x03 = an index into the global pool) or maps
 * (string arrays, plurals) of such values. The name of global string N is the first resource
 * that points at it: `string/app_name`, with its language (`string/app_name[zh-rCN]`).
 *
 * Pure; never throws. Every walk is bounded by the chunk sizes and by `maxEntries`.
 */
import { readStringPool, stringPoolType, type StringPool } from './string-pool.js';

const packageType = 0x0200;
const typeType = 0x0201;
const valueTypeString = 0x03;
/** Entries read from all type chunks together. */
export const maxEntries = 1 << 22;

export interface ChunkRef {
  readonly type: number;
  readonly headerSize: number;
  readonly start: number;
  readonly end: number;
}

/** The chunks laid one after another in `[from, to)`; stops at the first malformed header. */
export function chunksIn(view: DataView, from: number, to: number, damage: string[]): ChunkRef[] {
  const chunks: ChunkRef[] = [];
  for (let at = from; at + 8 <= to; ) {
    const headerSize = view.getUint16(at + 2, true);
    const size = view.getUint32(at + 4, true);
    if (size < 8 || headerSize < 8 || headerSize > size || at + size > to) {
      damage.push(`chunk at 0x${at.toString(16)} has a bad size (${size} bytes, header ${headerSize})`);
      break;
    }
    chunks.push({ type: view.getUint16(at, true), headerSize, start: at, end: at + size });
    at += size;
  }
  return chunks;
}

/** Names for global-pool string indexes, from every package in the table chunk `[headerEnd, end)`. */
export function resourceNames(bytes: Uint8Array, packages: readonly ChunkRef[], damage: string[]): Map<number, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names = new Map<number, string>();
  let budget = maxEntries;
  for (const pack of packages) {
    if (pack.headerSize < 288) {
      damage.push(`package at 0x${pack.start.toString(16)} has a ${pack.headerSize}-byte header`);
      continue;
    }
    const typeNames = poolAt(bytes, pack.start + view.getUint32(pack.start + 268, true), pack.end);
    const keyNames = poolAt(bytes, pack.start + view.getUint32(pack.start + 276, true), pack.end);
    for (const chunk of chunksIn(view, pack.start + pack.headerSize, pack.end, damage)) {
      if (chunk.type !== typeType || chunk.headerSize < 28) continue;
      const typeName = text(bytes, typeNames, view.getUint8(chunk.start + 8) - 1) ?? `type${view.getUint8(chunk.start + 8)}`;
      const locale = localeOf(bytes, chunk.start + 20 + 8);
      budget -= nameEntries(view, chunk, (key, index) => {
        if (!names.has(index)) names.set(index, `${typeName}/${text(bytes, keyNames, key) ?? `#${key}`}${locale}`);
      }, budget);
      if (budget <= 0) {
        damage.push(`more than ${maxEntries} resource entries: later strings keep their index as their name`);
        return names;
      }
    }
  }
  return names;
}

/** Calls `use(key, stringIndex)` for every string value of the type chunk's entries; returns the entries read. */
function nameEntries(view: DataView, chunk: ChunkRef, use: (key: number, index: number) => void, budget: number): number {
  const flags = view.getUint8(chunk.start + 9);
  const sparse = (flags & 0x01) !== 0;
  const offset16 = (flags & 0x02) !== 0;
  const count = Math.min(view.getUint32(chunk.start + 12, true), budget);
  const entriesStart = chunk.start + view.getUint32(chunk.start + 16, true);
  const width = sparse || !offset16 ? 4 : 2;
  const table = chunk.start + chunk.headerSize;
  let read = 0;
  for (let i = 0; i < count && table + (i + 1) * width <= chunk.end; i++, read++) {
    const raw = width === 4 ? view.getUint32(table + i * 4, true) : view.getUint16(table + i * 2, true);
    if (!sparse && raw === (width === 4 ? 0xffff_ffff : 0xffff)) continue;
    const offset = sparse ? (raw >>> 16) * 4 : offset16 ? raw * 4 : raw;
    const entry = entriesStart + offset;
    if (entry + 8 > chunk.end) continue;
    const size = view.getUint16(entry, true);
    const entryFlags = view.getUint16(entry + 2, true);
    if (entryFlags & 0x08) {
      // FLAG_COMPACT (Android 14): key in the size field, value type in the high flag byte.
      if (entryFlags >>> 8 === valueTypeString) use(size, view.getUint32(entry + 4, true));
      continue;
    }
    const key = view.getUint32(entry + 4, true);
    if ((entryFlags & 0x01) === 0) {
      if (entry + size + 8 <= chunk.end && view.getUint8(entry + size + 3) === valueTypeString) use(key, view.getUint32(entry + size + 4, true));
      continue;
    }
    if (entry + 16 > chunk.end) continue;
    const maps = view.getUint32(entry + 12, true);
    for (let m = 0, at = entry + size; m < maps && at + 12 <= chunk.end; m++, at += 12) {
      if (view.getUint8(at + 7) === valueTypeString) use(key, view.getUint32(at + 8, true));
    }
  }
  return Math.max(read, 1);
}

function poolAt(bytes: Uint8Array, at: number, end: number): StringPool | undefined {
  if (at + 8 > end || bytes[at] !== stringPoolType || bytes[at + 1] !== 0) return undefined;
  const pool = readStringPool(bytes.subarray(0, end), at);
  return 'error' in pool ? undefined : pool;
}

/** A pool string as text (type and key names are short identifiers). */
export function text(bytes: Uint8Array, pool: StringPool | undefined, index: number): string | undefined {
  const range = pool?.strings[index];
  if (pool === undefined || range === undefined) return undefined;
  return Buffer.from(bytes.subarray(range.start, Math.min(range.end, range.start + 512))).toString(pool.utf8 ? 'utf8' : 'utf16le');
}

/** `[zh-rCN]` from ResTable_config's language and country (two ASCII letters each), or '' for the default. */
function localeOf(bytes: Uint8Array, at: number): string {
  const letters = (from: number) => {
    const pair = bytes.subarray(from, from + 2);
    return pair.length === 2 && pair.every((byte) => (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a)) ? Buffer.from(pair).toString('latin1') : '';
  };
  const language = letters(at);
  const country = letters(at + 2);
  if (language === '') return '';
  return country === '' ? `[${language}]` : `[${language}-r${country}]`;
}
