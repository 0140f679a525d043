/**
 * PE/COFF headers (Microsoft "PE Format"): the DOS stub's `e_lfanew`, the `PE\0\0` signature,
 * the COFF file header, the optional header's data directories and the section table. A real
 * header (x86_64-w64-mingw32-ld 2.40, one .rsrc section):
 *
 *   00000000: 4d5a 9000 ...                         "MZ"
 *   0000003c: 8000 0000                             e_lfanew = 0x80
 *   00000080: 5045 0000 6486 ....                   "PE\0\0", machine 0x8664 (x86-64)
 *   00000098: 0b02 ...                              optional header magic 0x20b (PE32+)
 *
 * Pure; never throws: every field read is checked against the bytes given.
 */

/** Sections a PE may have (the loader's own limit). */
export const maxSections = 96;
/** Data directory indexes used here. */
export const resourceDirectory = 2;
export const clrDirectory = 14;

export interface PeSection {
  /** Up to 8 bytes, NUL-trimmed, as latin1 (names are ASCII by convention). */
  readonly name: string;
  readonly virtualAddress: number;
  readonly virtualSize: number;
  readonly rawOffset: number;
  readonly rawSize: number;
}

export interface PeHeaders {
  readonly pe32Plus: boolean;
  readonly machine: number;
  readonly sizeOfHeaders: number;
  readonly sections: readonly PeSection[];
  /** `[rva, size]` per data directory present. */
  readonly directories: readonly (readonly [number, number])[];
  /** End of the image as its headers state it: the furthest section raw data end, or the headers. */
  readonly imageEnd: number;
}

export type PeParse = { readonly ok: true; readonly headers: PeHeaders } | { readonly ok: false; readonly reason: string };

export function parsePeHeaders(bytes: Uint8Array): PeParse {
  if (bytes.length < 0x40 || bytes[0] !== 0x4d || bytes[1] !== 0x5a) return { ok: false, reason: 'no MZ header' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const peOffset = view.getUint32(0x3c, true);
  if (peOffset + 24 > bytes.length) return { ok: false, reason: `e_lfanew 0x${peOffset.toString(16)} lies beyond the ${bytes.length} header bytes read` };
  if (view.getUint32(peOffset, true) !== 0x0000_4550) return { ok: false, reason: 'no PE\\0\\0 signature at e_lfanew' };
  const machine = view.getUint16(peOffset + 4, true);
  const sectionCount = view.getUint16(peOffset + 6, true);
  const optionalSize = view.getUint16(peOffset + 20, true);
  if (sectionCount > maxSections) return { ok: false, reason: `${sectionCount} sections (more than ${maxSections})` };
  const optional = peOffset + 24;
  if (optional + Math.max(optionalSize, 2) > bytes.length) return { ok: false, reason: 'optional header beyond the header bytes read' };
  const magic = view.getUint16(optional, true);
  if (magic !== 0x10b && magic !== 0x20b) return { ok: false, reason: `optional header magic 0x${magic.toString(16)} is neither PE32 nor PE32+` };
  const pe32Plus = magic === 0x20b;
  const countAt = optional + (pe32Plus ? 108 : 92);
  if (countAt + 4 > optional + optionalSize) return { ok: false, reason: 'optional header too short for its data directories' };
  const sizeOfHeaders = view.getUint32(optional + 60, true);
  const directoryCount = Math.min(view.getUint32(countAt, true), 16, Math.floor((optional + optionalSize - countAt - 4) / 8));
  const directories: (readonly [number, number])[] = [];
  for (let i = 0; i < directoryCount; i++) directories.push([view.getUint32(countAt + 4 + i * 8, true), view.getUint32(countAt + 8 + i * 8, true)]);
  const table = optional + optionalSize;
  if (table + sectionCount * 40 > bytes.length) return { ok: false, reason: `section table ends beyond the ${bytes.length} header bytes read` };
  const sections: PeSection[] = [];
  let imageEnd = sizeOfHeaders;
  for (let i = 0; i < sectionCount; i++) {
    const at = table + i * 40;
    const rawName = bytes.subarray(at, at + 8);
    const nul = rawName.indexOf(0);
    const section: PeSection = {
      name: Buffer.from(nul === -1 ? rawName : rawName.subarray(0, nul)).toString('latin1'),
      virtualSize: view.getUint32(at + 8, true),
      virtualAddress: view.getUint32(at + 12, true),
      rawSize: view.getUint32(at + 16, true),
      rawOffset: view.getUint32(at + 20, true),
    };
    sections.push(section);
    if (section.rawSize > 0) imageEnd = Math.max(imageEnd, section.rawOffset + section.rawSize);
  }
  return { ok: true, headers: { pe32Plus, machine, sizeOfHeaders, sections, directories, imageEnd } };
}

/** The file offset of `rva` and how many bytes follow it in its section's raw data; undefined when the RVA maps to no file bytes. */
export function rvaToOffset(headers: PeHeaders, rva: number): { readonly offset: number; readonly available: number } | undefined {
  if (rva < headers.sizeOfHeaders) return { offset: rva, available: headers.sizeOfHeaders - rva };
  for (const section of headers.sections) {
    const delta = rva - section.virtualAddress;
    if (delta >= 0 && delta < section.rawSize && delta < Math.max(section.virtualSize, section.rawSize)) {
      return { offset: section.rawOffset + delta, available: section.rawSize - delta };
    }
  }
  return undefined;
}
