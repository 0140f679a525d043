/**
 * Hikvision firmware update `digicap.dav`. No public specification: the layout comes from
 * Hikvision's own `upgrade_file.h` (an upgrade tool published in Akagi201/akcode:
 * `FIRMWARE_HEADER`, `UPGRADE_FILE_HEADER`), MatrixEditor/hiktools `hiktools/fmod/digicap.py`
 * and an "SWKH format (IPC R2 series)" unpacker (vocabulary.md §3.2).
 *
 * The header and the file table are XOR-obfuscated with a public 16-byte key, key index
 * `(i + (i >> 4)) & 0xF` for the byte at offset i. Decoded, all little-endian uint32:
 *   0x00 magic "SWKH" (0x484b5753)   0x04 header_checksum   0x08 header_length   0x0c file_count
 *   0x10 language   0x14 device_class   0x18 oem_code   0x1c signature   0x20 features
 *   0x40 file table: per file a 32-byte name, then two uint32 (see below) and a checksum (44 bytes)
 * A header as stored (test/fixtures/build/make-digicap.py, two files; the magic bytes
 * e9 9a f7 b6 are also what public YARA-style rules for "DavContainer" look for):
 *
 *   00000000: e99a f7b6 cfc3 ddd3 22b9 a3ab bdcb b5be   stored
 *             5357 4b48 1909 0000 9800 0000 0200 0000   decoded: "SWKH", header_checksum, header_length 0x98, file_count 2
 *   00000010: cfbc fed6 c8dd d3ba b8a3 abbf cbb5 beba   stored
 *             0200 0000 0200 0000 0100 0000 0000 0000   decoded: language 2, device_class 2, oem_code 1, signature 0
 *
 * The two sources disagree on the order of the table's two uint32: Hikvision's header and the
 * SWKH unpacker read (start_offset, file_len), hiktools reads (length, offset). Both are tried:
 * the order under which every file lies inside the image and the files follow each other from
 * the end of the table wins (hiktools' order on a tie). Checksums, as Hikvision's header
 * describes them: header_checksum is the 32-bit sum of the decoded header bytes from file_count
 * (offset 12) to header_length; each file's checksum the 32-bit sum of its bytes. A mismatch is
 * a `corrupt` problem; the payload is opened anyway.
 *
 * Variants: magic "02KH" is XOR-obfuscated the same way and read with the same table layout;
 * "03KH" has an AES-encrypted table (keys unpublished), so its files cannot be located: an
 * `encrypted` problem, the bytes scanned raw. Newer firmware also AES-encrypts payloads: a file
 * whose bytes no handler recognises, with entropy of at least 7.9 bits per byte, in an image
 * whose header does not rule encryption out (variant other than SWKH, or any `features` bit
 * set; the field's meaning is unpublished) is reported `encrypted`, and its bytes are still
 * scanned raw.
 */
import { openWindow, windowSlice } from '../file-window.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

export const hikXorKey = Uint8Array.of(0xba, 0xcd, 0xbc, 0xfe, 0xd6, 0xca, 0xdd, 0xd3, 0xba, 0xb9, 0xa3, 0xab, 0xbf, 0xcb, 0xb5, 0xbe);
export const davHeaderBytes = 0x40;
export const davEntryBytes = 44;
const davNameBytes = 32;
/** Files per image accepted (real images hold a handful; Hikvision's tool allows 32). */
export const maxDavFiles = 1024;
export const maxDavHeaderBytes = davHeaderBytes + davEntryBytes * maxDavFiles + 64 * 1024;

export type DavVariant = 'SWKH' | '02KH' | '03KH';
const variants: readonly DavVariant[] = ['SWKH', '02KH', '03KH'];

/** Applies the XOR schedule to `bytes`, which start at offset `start` of the image. XOR is its own inverse. */
export function xorDigicap(bytes: Uint8Array, start = 0): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const at = start + i;
    out[i] = bytes[i]! ^ hikXorKey[(at + (at >> 4)) & 0xf]!;
  }
  return out;
}

export interface DavHeader {
  readonly variant: DavVariant;
  readonly headerChecksum: number;
  readonly headerLength: number;
  readonly fileCount: number;
  readonly language: number;
  readonly deviceClass: number;
  readonly oemCode: number;
  readonly signature: number;
  readonly features: number;
}

export type DavParse = { readonly ok: true; readonly header: DavHeader } | { readonly ok: false; readonly reason: string };

/** Decodes and checks the header from the image's first bytes as stored (obfuscated). Pure; never throws. */
export function parseDavHeader(stored: Uint8Array): DavParse {
  if (stored.length < davHeaderBytes) return { ok: false, reason: `digicap header needs ${davHeaderBytes} bytes, got ${stored.length}` };
  const decoded = xorDigicap(stored.subarray(0, davHeaderBytes));
  const variant = variants.find((name) => Buffer.from(decoded.subarray(0, 4)).toString('latin1') === name);
  if (variant === undefined) return { ok: false, reason: 'no SWKH/02KH/03KH magic under the digicap XOR key' };
  const view = new DataView(decoded.buffer);
  const u32 = (at: number) => view.getUint32(at, true);
  const header: DavHeader = {
    variant,
    headerChecksum: u32(4),
    headerLength: u32(8),
    fileCount: u32(12),
    language: u32(16),
    deviceClass: u32(20),
    oemCode: u32(24),
    signature: u32(28),
    features: u32(32),
  };
  if (header.fileCount === 0 || header.fileCount > maxDavFiles) return { ok: false, reason: `digicap file_count ${header.fileCount} (1 to ${maxDavFiles})` };
  if (header.headerLength > maxDavHeaderBytes) return { ok: false, reason: `digicap header_length ${header.headerLength} over ${maxDavHeaderBytes}` };
  if (variant !== '03KH' && header.headerLength < davHeaderBytes + davEntryBytes * header.fileCount) {
    return { ok: false, reason: `digicap header_length ${header.headerLength} cannot hold ${header.fileCount} table entries` };
  }
  return { ok: true, header };
}

export type DavEntryOrder = 'length-first' | 'offset-first';

export interface DavEntry {
  /** The 32-byte name up to its first NUL, bytes as stored. */
  readonly name: Uint8Array;
  readonly offset: number;
  readonly length: number;
  readonly checksum: number;
  /** Offset of the entry in the table (in the image). */
  readonly entryOffset: number;
}

/** The file table under one field order, from the decoded header bytes. Pure. */
export function davEntries(decoded: Uint8Array, header: DavHeader, order: DavEntryOrder): DavEntry[] {
  const view = new DataView(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  const entries: DavEntry[] = [];
  for (let i = 0; i < header.fileCount; i++) {
    const at = davHeaderBytes + davEntryBytes * i;
    if (at + davEntryBytes > decoded.length) break;
    const nameField = decoded.subarray(at, at + davNameBytes);
    const nul = nameField.indexOf(0);
    const first = view.getUint32(at + davNameBytes, true);
    const second = view.getUint32(at + davNameBytes + 4, true);
    entries.push({
      name: Uint8Array.from(nul === -1 ? nameField : nameField.subarray(0, nul)),
      length: order === 'length-first' ? first : second,
      offset: order === 'length-first' ? second : first,
      checksum: view.getUint32(at + davNameBytes + 8, true),
      entryOffset: at,
    });
  }
  return entries;
}

/**
 * Picks the field order: both are scored on a `size`-byte image (every file inside it after the
 * table, then files that start where the previous one ended); the higher wins, hiktools' order on
 * a tie. Pure.
 */
export function chooseDavOrder(decoded: Uint8Array, header: DavHeader, size: number): { readonly order: DavEntryOrder; readonly entries: readonly DavEntry[]; readonly inBounds: boolean } {
  const score = (entries: readonly DavEntry[]) => {
    const inBounds = entries.every((entry) => entry.offset >= header.headerLength && entry.offset + entry.length <= size);
    let chained = 0;
    let end = header.headerLength;
    for (const entry of entries) {
      if (entry.offset === end) chained++;
      end = entry.offset + entry.length;
    }
    return { inBounds, value: (inBounds ? 1_000_000 : 0) + chained };
  };
  const lengthFirst = davEntries(decoded, header, 'length-first');
  const offsetFirst = davEntries(decoded, header, 'offset-first');
  const a = score(lengthFirst);
  const b = score(offsetFirst);
  return b.value > a.value ? { order: 'offset-first', entries: offsetFirst, inBounds: b.inBounds } : { order: 'length-first', entries: lengthFirst, inBounds: a.inBounds };
}

/** The 32-bit sum of `bytes`, continued from `sum`. */
export function byteSum(bytes: Uint8Array, sum = 0): number {
  let total = sum;
  for (let i = 0; i < bytes.length; i++) total = (total + bytes[i]!) >>> 0;
  return total;
}

export const hikvisionDavHandler = defineHandler({
  id: 'hikvision-dav',
  kind: 'firmware',
  doc: {
    name: 'Hikvision digicap.dav firmware image',
    references: [
      'https://github.com/MatrixEditor/hiktools/blob/master/hiktools/fmod/digicap.py',
      'https://github.com/Akagi201/akcode (c/update_tool/.../upgrade_file.h: FIRMWARE_HEADER, UPGRADE_FILE_HEADER)',
    ],
    limitations: [
      'No published specification: field order and checksums follow Hikvision\'s own upgrade header and public tools; a mismatch is reported, never trusted to stop opening.',
      '03KH images (AES-encrypted file table) are reported `encrypted` and not opened; their bytes are scanned raw.',
      'AES-encrypted payloads are not decrypted: a payload that looks encrypted is reported `encrypted` and scanned raw.',
      'The image is read through random access: met inside a stream, it is spilled to a private temp file first.',
    ],
  },
  // "SWKH", "02KH", "03KH" under the XOR key (bytes 0-3 use key bytes 0-3).
  signatures: variants.map((variant) => ({ magic: xorDigicap(Buffer.from(variant, 'latin1')), offset: 0 })),
  headLength: davHeaderBytes,
  detect(head) {
    const parsed = parseDavHeader(head);
    return parsed.ok ? { ok: true } : parsed;
  },
  open: openDav,
});

async function* openDav(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const file = await input.file();
  const window = await openWindow(file, 'hikvision-dav');
  let header: DavHeader;
  let decoded: Uint8Array;
  try {
    const parsed = parseDavHeader(await window.read(0, Math.min(davHeaderBytes, window.size)));
    if (!parsed.ok) throw new InputError('corrupt', `hikvision-dav: ${parsed.reason}`, 0);
    header = parsed.header;
    if (header.variant === '03KH') {
      ctx.problem('encrypted', 'hikvision-dav: 03KH image: the file table is AES-encrypted (keys unpublished); its files were not opened, the image was scanned raw', 0);
      return;
    }
    if (header.headerLength > window.size) throw new InputError('corrupt', `hikvision-dav: header_length ${header.headerLength} runs past the end (${window.size} bytes)`, 8);
    decoded = xorDigicap(await window.read(0, header.headerLength));
  } finally {
    await window.close();
  }
  const headerSum = byteSum(decoded.subarray(12));
  if (headerSum !== header.headerChecksum) {
    ctx.problem('corrupt', `hikvision-dav: header checksum ${hex32(header.headerChecksum)} does not match the header's byte sum ${hex32(headerSum)}`, 4);
  }
  const { entries } = chooseDavOrder(decoded, header, file.size);
  const encryptionPossible = header.variant !== 'SWKH' || header.features !== 0;
  let end = header.headerLength;
  for (const entry of entries) {
    const where = `file ${JSON.stringify(Buffer.from(entry.name).toString('latin1'))}`;
    if (entry.offset < header.headerLength || entry.offset + entry.length > file.size) {
      ctx.problem('corrupt', `hikvision-dav: ${where} at [${entry.offset}, ${entry.offset + entry.length}) lies outside the image (${file.size} bytes) under either table layout; not opened`, entry.entryOffset);
      continue;
    }
    end = Math.max(end, entry.offset + entry.length);
    yield {
      link: { format: 'hikvision-dav', path: entry.name, offset: entry.offset },
      stream: checked(windowSlice(file, entry.offset, entry.offset + entry.length), entry, ctx, where),
      size: entry.length,
      verbatim: { start: entry.offset, end: entry.offset + entry.length },
      ...(encryptionPossible ? { opaqueMeansEncrypted: true } : {}),
    };
  }
  ctx.setLength(end);
}

/** Passes a payload on while summing it; once all of it went past (not when the consumer stops early), checks its checksum. */
async function* checked(stream: AsyncIterable<Uint8Array>, entry: DavEntry, ctx: OpenContext, where: string): AsyncGenerator<Uint8Array> {
  let sum = 0;
  for await (const chunk of stream) {
    for (let i = 0; i < chunk.length; i++) sum = (sum + chunk[i]!) >>> 0;
    yield chunk;
  }
  if (sum !== entry.checksum) ctx.problem('corrupt', `hikvision-dav: ${where} checksum ${hex32(entry.checksum)} does not match its byte sum ${hex32(sum)}`, entry.entryOffset);
}

function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
