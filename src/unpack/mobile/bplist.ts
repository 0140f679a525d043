/**
 * Apple binary property lists (`bplist00`: `Info.plist`, compiled `.strings` and `.nib`
 * strings in an IPA; CoreFoundation `CFBinaryPList.c`): objects, an offset table, and a 32-byte
 * trailer (offset and reference sizes, object count, top object, offset-table position).
 * Strings are ASCII (marker 0x5_), UTF-16BE (0x6_) or UTF-8 (0x7_), data blobs 0x4_: each is
 * searchable as stored and becomes a verbatim child named by its key path from the top object
 * (`{ format: 'bplist', path: 'NSFaceAttributes/2/label' }`); dictionary keys are named
 * `…/key (key)`. Objects the walk does not reach keep their number (`object #7`). Data blobs
 * are children too, so a plist or archive stored inside one is opened.
 */
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';
import { rangeChildren, readWhole, type NamedRange } from '../executables/slices.js';

export const maxBplistBytes = 64 * 1024 * 1024;
/** Nesting followed from the top object; deeper containers are named by number. */
const maxDepth = 64;
const keyChars = 64;
const magic = Buffer.from('bplist00', 'latin1');

export const bplistHandler = defineHandler({
  id: 'bplist',
  kind: 'document',
  doc: {
    name: 'Apple binary property list (bplist00)',
    references: ['https://opensource.apple.com/source/CF/CF-1153.18/CFBinaryPList.c'],
    limitations: [`Lists larger than ${maxBplistBytes} bytes are scanned raw only.`, 'NSKeyedArchiver object graphs are walked as plain dictionaries: key paths name archive slots ($objects/12), not the archived classes.'],
  },
  signatures: [{ magic, offset: 0, startOnly: true }],
  headLength: magic.length,
  detect(head) {
    return magic.equals(Buffer.from(head.subarray(0, magic.length))) ? { ok: true } : { ok: false, reason: 'no bplist00 magic' };
  },
  open: openBplist,
});

interface Layout {
  readonly bytes: Uint8Array;
  readonly offsets: readonly number[];
  readonly refSize: number;
}

async function* openBplist(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const bytes = await readWhole(input, maxBplistBytes, 'binary plist');
  if (bytes.length < magic.length + 32) throw new InputError('corrupt', 'binary plist is shorter than its header and trailer');
  const trailer = bytes.length - 32;
  const offsetSize = bytes[trailer + 6]!;
  const refSize = bytes[trailer + 7]!;
  const count = readUint(bytes, trailer + 8, 8);
  const top = readUint(bytes, trailer + 16, 8);
  const tableAt = readUint(bytes, trailer + 24, 8);
  if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8 || tableAt + count * offsetSize > trailer || top >= count) {
    throw new InputError('corrupt', `binary plist trailer is inconsistent (${count} objects, offset table at ${tableAt}, ${offsetSize}-byte offsets, ${refSize}-byte refs, top ${top})`);
  }
  const offsets = Array.from({ length: count }, (_, i) => readUint(bytes, tableAt + i * offsetSize, offsetSize));
  const layout: Layout = { bytes, offsets, refSize };
  const names = new Map<number, string>();
  walk(layout, top, '', 0, names);
  const ranges: NamedRange[] = [];
  let bad = 0;
  for (let object = 0; object < count; object++) {
    const item = leaf(layout, object);
    if (item === 'bad') bad++;
    else if (item !== undefined) ranges.push({ path: names.get(object) ?? `object #${object}`, ...item });
  }
  if (bad > 0) ctx.problem('corrupt', `binary plist: ${bad} object(s) lie outside the file or run past it`);
  yield* rangeChildren('bplist', bytes, ranges, ctx);
}

/** Names every object reachable from `object`, first path wins (a shared object keeps its first name; cycles end there). */
function walk(layout: Layout, object: number, path: string, depth: number, names: Map<number, string>): void {
  if (names.has(object) || depth > maxDepth) return;
  names.set(object, path === '' ? '/' : path);
  const header = objectHeader(layout, object);
  if (header === undefined) return;
  const refs = (i: number) => readUint(layout.bytes, header.start + i * layout.refSize, layout.refSize);
  if (header.kind === 0xa) {
    for (let i = 0; i < header.count && header.start + (i + 1) * layout.refSize <= layout.bytes.length; i++) walk(layout, refs(i), `${path}/${i}`, depth + 1, names);
  } else if (header.kind === 0xd) {
    for (let i = 0; i < header.count && header.start + (header.count + i + 1) * layout.refSize <= layout.bytes.length; i++) {
      const key = refs(i);
      const keyText = stringText(layout, key) ?? `#${key}`;
      if (!names.has(key)) names.set(key, `${path}/${keyText} (key)`);
      walk(layout, refs(header.count + i), `${path}/${keyText}`, depth + 1, names);
    }
  }
}

/** Marker kind, element count and where the elements start, for object `object`. */
function objectHeader(layout: Layout, object: number): { kind: number; count: number; start: number } | undefined {
  const at = layout.offsets[object];
  if (at === undefined || at >= layout.bytes.length) return undefined;
  const marker = layout.bytes[at]!;
  const kind = marker >> 4;
  let count = marker & 0x0f;
  let start = at + 1;
  if (count === 0x0f && kind >= 0x4) {
    // The count follows as an int object: 0x1n, then 2^n big-endian bytes.
    const intMarker = layout.bytes[start];
    if (intMarker === undefined || intMarker >> 4 !== 0x1 || (intMarker & 0x0f) > 3) return undefined;
    const size = 1 << (intMarker & 0x0f);
    if (start + 1 + size > layout.bytes.length) return undefined;
    count = readUint(layout.bytes, start + 1, size);
    start += 1 + size;
  }
  return { kind, count, start };
}

/** The byte range of a string or data object; undefined for other kinds, 'bad' when it runs past the file. */
function leaf(layout: Layout, object: number): { start: number; end: number } | 'bad' | undefined {
  const header = objectHeader(layout, object);
  if (header === undefined) return 'bad';
  const unit = header.kind === 0x6 ? 2 : header.kind === 0x4 || header.kind === 0x5 || header.kind === 0x7 ? 1 : 0;
  if (unit === 0) return undefined;
  const end = header.start + header.count * unit;
  return end <= layout.bytes.length ? { start: header.start, end } : 'bad';
}

function stringText(layout: Layout, object: number): string | undefined {
  const header = objectHeader(layout, object);
  const range = leaf(layout, object);
  if (header === undefined || range === undefined || range === 'bad' || header.kind === 0x4) return undefined;
  const slice = Buffer.from(layout.bytes.subarray(range.start, Math.min(range.end, range.start + keyChars * 2)));
  if (header.kind === 0x6) slice.swap16();
  return slice.toString(header.kind === 0x6 ? 'utf16le' : 'utf8').slice(0, keyChars);
}

/** A big-endian unsigned integer of 1 to 8 bytes (above 2^53 it is returned imprecisely, and then fails the bounds checks). */
function readUint(bytes: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + (bytes[at + i] ?? 0);
  return value;
}
