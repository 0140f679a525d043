/**
 * Android's ResStringPool (frameworks/base libs/androidfw/ResourceTypes.cpp, include
 * ResourceTypes.h): the string table of `resources.arsc` and of binary XML. A chunk header
 * (`u16 type = 0x0001, u16 headerSize, u32 size`), then `stringCount`, `styleCount`, `flags`
 * (0x100: UTF-8), `stringsStart`, `stylesStart`, then one `u32` offset per string.
 *
 * - UTF-16 strings: a length in code units (`u16`, or two when the high bit is set), the units
 *   (UTF-16LE), a `u16` 0.
 * - UTF-8 strings: the UTF-16 length (1 or 2 bytes), the UTF-8 byte length (1 or 2 bytes), the
 *   bytes, a 0.
 *
 * Both are searchable as stored, so a string is returned as its byte range. Pure; never throws.
 */

export const stringPoolType = 0x0001;
/** Strings read from one pool; aapt2 itself caps a pool far lower. */
export const maxPoolStrings = 1 << 20;

export interface PoolString {
  /** Byte range of the string's characters in the buffer given (length prefixes and terminator excluded). */
  readonly start: number;
  readonly end: number;
}

export interface StringPool {
  readonly utf8: boolean;
  /** One entry per string index; `undefined` where the string's offset or length is bad. */
  readonly strings: readonly (PoolString | undefined)[];
  readonly damage: string[];
}

/** Each readable string's range, named by `names` (index → name) or `string #N`. */
export function namedPoolRanges(pool: StringPool, names: ReadonlyMap<number, string>): { path: string; start: number; end: number }[] {
  return pool.strings.flatMap((range, index) => (range === undefined ? [] : [{ path: names.get(index) ?? `string #${index}`, start: range.start, end: range.end }]));
}

/** Reads the pool whose chunk starts at `at` in `bytes` (the chunk's own size bounds every read). */
export function readStringPool(bytes: Uint8Array, at: number): StringPool | { readonly error: string } {
  if (at + 28 > bytes.length) return { error: `string pool header at 0x${at.toString(16)} is cut short` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(at, true) !== stringPoolType) return { error: `chunk at 0x${at.toString(16)} is not a string pool` };
  const headerSize = view.getUint16(at + 2, true);
  const chunkEnd = Math.min(at + view.getUint32(at + 4, true), bytes.length);
  const count = view.getUint32(at + 8, true);
  const utf8 = (view.getUint32(at + 16, true) & 0x100) !== 0;
  const stringsStart = at + view.getUint32(at + 20, true);
  const indexStart = at + headerSize;
  if (count > maxPoolStrings || indexStart + count * 4 > chunkEnd) return { error: `string pool at 0x${at.toString(16)} claims ${count} strings, more than its ${chunkEnd - at} bytes hold` };
  const strings: (PoolString | undefined)[] = [];
  const damage: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = stringsStart + view.getUint32(indexStart + i * 4, true);
    const string = start < chunkEnd ? (utf8 ? utf8String(bytes, start, chunkEnd) : utf16String(view, start, chunkEnd)) : undefined;
    if (string === undefined && damage.length < 5) damage.push(`string ${i} at 0x${start.toString(16)} runs past its pool`);
    strings.push(string);
  }
  return { utf8, strings, damage };
}

function utf16String(view: DataView, at: number, end: number): PoolString | undefined {
  if (at + 2 > end) return undefined;
  let length = view.getUint16(at, true);
  let start = at + 2;
  if (length & 0x8000) {
    if (at + 4 > end) return undefined;
    length = ((length & 0x7fff) << 16) | view.getUint16(at + 2, true);
    start += 2;
  }
  return start + length * 2 <= end ? { start, end: start + length * 2 } : undefined;
}

function utf8String(bytes: Uint8Array, at: number, end: number): PoolString | undefined {
  // Skip the UTF-16 length, then read the byte length; each is 1 byte, or 2 with the high bit set.
  const skip = (position: number) => (position < end && bytes[position]! & 0x80 ? 2 : 1);
  const lengthAt = at + skip(at);
  if (lengthAt + 1 > end) return undefined;
  const long = (bytes[lengthAt]! & 0x80) !== 0;
  if (long && lengthAt + 2 > end) return undefined;
  const length = long ? ((bytes[lengthAt]! & 0x7f) << 8) | bytes[lengthAt + 1]! : bytes[lengthAt]!;
  const start = lengthAt + (long ? 2 : 1);
  return start + length <= end ? { start, end: start + length } : undefined;
}
