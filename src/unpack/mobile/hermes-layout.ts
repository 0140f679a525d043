/**
 * The layout of a Hermes bytecode file (React Native's `index.android.bundle` when Hermes is on),
 * from facebook/hermes `BytecodeFileFormat.h`. Pure functions over bytes already read.
 *
 * The 128-byte `BytecodeFileHeader` starts with the magic `c6 1f bc 03 c1 03 19 1f` ("Ἑρμῆ" in
 * UTF-16BE), a u32 version and the source's SHA-1; the counts this handler needs sit at the same
 * offsets in every version since the first public one: fileLength, functionCount,
 * stringKindCount, identifierCount, stringCount, overflowStringCount, stringStorageSize. The
 * segments follow in `visitBytecodeSegmentsInOrder`'s order, each on a 4-byte boundary: function
 * headers (16 bytes each before version 97, 12 since), string kinds (u32 each), identifier
 * hashes (u32), the small string table (u32: isUTF16:1, offset:23, length:8), the overflow
 * table (u32 offset, u32 length; a small entry of length 255 indexes it), the string storage.
 */
export const hermesMagic = Uint8Array.of(0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f);
export const hermesHeaderBytes = 128;
/** Versions seen in shipped bundles run from 59 (2019) to the 90s; anything far outside is not Hermes. */
const minVersion = 40;
const maxVersion = 255;
const overflowedLength = 255;

export interface HermesHeader {
  readonly version: number;
  readonly fileLength: number;
  readonly stringCount: number;
  readonly overflowCount: number;
  /** Offsets in the file (all checked against fileLength by `parseHermesHeader`). */
  readonly smallTableAt: number;
  readonly overflowTableAt: number;
  readonly storageAt: number;
  readonly storageSize: number;
}

/** One string of the table: where its bytes lie in the file, and how they are stored. */
export interface HermesString {
  readonly id: number;
  readonly utf16: boolean;
  readonly start: number;
  readonly end: number;
}

const align4 = (n: number) => n + (-n & 3);

/** The header's layout, or why this is not a Hermes file; all arithmetic in safe integers. */
export function parseHermesHeader(head: Uint8Array): { readonly ok: true; readonly header: HermesHeader } | { readonly ok: false; readonly reason: string } {
  if (head.length < hermesHeaderBytes) return { ok: false, reason: 'shorter than a Hermes bytecode header' };
  if (!hermesMagic.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no Hermes bytecode magic' };
  const view = new DataView(head.buffer, head.byteOffset, hermesHeaderBytes);
  const u32 = (at: number) => view.getUint32(at, true);
  const version = u32(8);
  if (version < minVersion || version > maxVersion) return { ok: false, reason: `Hermes bytecode version ${version} is not one this reader knows` };
  const fileLength = u32(32);
  const functionHeaderBytes = version >= 97 ? 12 : 16;
  const stringCount = u32(52);
  const overflowCount = u32(56);
  const storageSize = u32(60);
  const kindsAt = align4(hermesHeaderBytes + u32(40) * functionHeaderBytes);
  const hashesAt = align4(kindsAt + u32(44) * 4);
  const smallTableAt = align4(hashesAt + u32(48) * 4);
  const overflowTableAt = align4(smallTableAt + stringCount * 4);
  const storageAt = align4(overflowTableAt + overflowCount * 8);
  if (storageAt + storageSize > fileLength) return { ok: false, reason: `Hermes string storage (${storageSize} bytes at ${storageAt}) runs past the declared file length ${fileLength}` };
  return { ok: true, header: { version, fileLength, stringCount, overflowCount, smallTableAt, overflowTableAt, storageAt, storageSize } };
}

/**
 * Every string of the tables: `small` is the small string table, `overflow` the overflow table.
 * A string whose entry points past the storage (or at a missing overflow entry) is counted in
 * `bad` and left out.
 */
export function readHermesStrings(header: HermesHeader, small: Uint8Array, overflow: Uint8Array): { readonly strings: HermesString[]; readonly bad: number } {
  const smallView = new DataView(small.buffer, small.byteOffset, small.byteLength);
  const overflowView = new DataView(overflow.buffer, overflow.byteOffset, overflow.byteLength);
  const strings: HermesString[] = [];
  let bad = 0;
  for (let id = 0; id < header.stringCount; id++) {
    const entry = smallView.getUint32(id * 4, true);
    const utf16 = (entry & 1) === 1;
    let offset = (entry >>> 1) & 0x7f_ffff;
    let length = entry >>> 24;
    if (length === overflowedLength) {
      if (offset >= header.overflowCount) {
        bad++;
        continue;
      }
      length = overflowView.getUint32(offset * 8 + 4, true);
      offset = overflowView.getUint32(offset * 8, true);
    }
    const bytes = utf16 ? length * 2 : length;
    if (offset + bytes > header.storageSize) {
      bad++;
      continue;
    }
    if (bytes > 0) strings.push({ id, utf16, start: header.storageAt + offset, end: header.storageAt + offset + bytes });
  }
  return { strings, bad };
}

/**
 * Hermes packs its storage: a string may be stored inside, or overlapping, another one's bytes.
 * Overlapping strings are merged into one range (named by its lowest id and how many more), so
 * every stored byte is in exactly one child and a term across the seam is still found.
 */
export function mergeStrings(strings: readonly HermesString[]): { readonly path: string; readonly start: number; readonly end: number }[] {
  const sorted = [...strings].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  const merged: { start: number; end: number; ids: number[] }[] = [];
  for (const string of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && string.start < last.end) {
      last.end = Math.max(last.end, string.end);
      last.ids.push(string.id);
    } else merged.push({ start: string.start, end: string.end, ids: [string.id] });
  }
  return merged.map(({ start, end, ids }) => {
    const low = ids.reduce((a, b) => Math.min(a, b));
    return { path: ids.length === 1 ? `string #${low}` : `string #${low} (+${ids.length - 1} packed with it)`, start, end };
  });
}
