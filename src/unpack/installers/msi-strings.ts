/**
 * The MSI string pool: `!_StringData` holds every string of the database end to end, with no
 * separator, and `!_StringPool` their lengths. An identifier term (`EM_NATION_TYPE_UYGUR`)
 * stored next to another string (`FaceAttributeEM_NATION_TYPE_UYGURProductName`) fails the
 * identifier boundary in the raw stream, so the pool is also rendered as one line per string.
 *
 * `!_StringPool`: a 4-byte header (code page, and bit 31 set when string references are 3
 * bytes), then per string id a u16 length and a u16 reference count. A string of 64 KiB or more
 * takes two entries: a zero length, then the high and low words. Layout from Wine's
 * `msi_load_string_table` (dlls/msi/string.c).
 */
import { InputError } from '../types.js';

export interface StringPoolLines {
  /** The database code page (0: ANSI, 936: GBK, 65001: UTF-8). */
  readonly codePage: number;
  /** Every non-empty string followed by `\n`, in id order, in the code page's bytes. */
  readonly lines: Uint8Array;
}

export function stringPoolLines(pool: Uint8Array, data: Uint8Array): StringPoolLines {
  if (pool.length < 4) throw new InputError('corrupt', `msi: !_StringPool has ${pool.length} bytes, fewer than its 4-byte header`);
  const view = new DataView(pool.buffer, pool.byteOffset, pool.byteLength);
  const codePage = view.getUint32(0, true) & 0x7fffffff;
  const entries = Math.floor(pool.length / 4);
  const out = new Uint8Array(data.length + entries);
  let written = 0;
  let offset = 0;
  for (let i = 1; i < entries; ) {
    const low = view.getUint16(i * 4, true);
    const refs = view.getUint16(i * 4 + 2, true);
    let length: number;
    if (low === 0 && refs === 0) {
      i++;
      continue;
    }
    if (low === 0) {
      if (i + 1 >= entries) throw new InputError('corrupt', `msi: !_StringPool entry ${i} announces a long string but is the last entry`);
      length = view.getUint16(i * 4 + 6, true) * 65536 + view.getUint16(i * 4 + 4, true);
      i += 2;
    } else {
      length = low;
      i++;
    }
    if (offset + length > data.length) throw new InputError('corrupt', `msi: !_StringPool lengths run past the ${data.length} bytes of !_StringData (at string ${i})`);
    out.set(data.subarray(offset, offset + length), written);
    written += length;
    out[written++] = 0x0a;
    offset += length;
  }
  return { codePage, lines: out.subarray(0, written) };
}
