/**
 * NSIS (Nullsoft Scriptable Install System) structures, from NSIS 3 `Source/exehead/fileform.h`
 * and 7-Zip's `NsisIn.cpp` (how a reader tells the compression method and solid mode apart).
 *
 * The firstheader (28 bytes, 512-aligned after the exehead stub):
 *
 *   00016600: 0000 0000 efbe adde 4e75 6c6c 736f 6674   flags, 0xDEADBEEF, "Nullsoft"
 *   00016610: 496e 7374 820f 0000 cd1d 0000             "Inst", header size 0xf82, archive size 0x1dcd
 *
 * Then either one compressed stream (solid) or a sequence of blocks `u32 size (bit 31: the
 * block is compressed) + data` (non-solid). Either way the data is: the install header, then
 * one block per file `u32 size + bytes`. The header's entries (`EW_EXTRACTFILE`, opcode 20)
 * name each file and give its block's offset in the data; its string table is UTF-16LE in
 * Unicode installers (NSIS 3's default) and the system code page in ANSI ones.
 */
export const firstHeaderBytes = 28;
export const firstHeaderMagic = Uint8Array.of(0xef, 0xbe, 0xad, 0xde, 0x4e, 0x75, 0x6c, 0x6c, 0x73, 0x6f, 0x66, 0x74, 0x49, 0x6e, 0x73, 0x74);
/** FH_FLAGS_NO_CRC: the archive has no CRC-32 in its last 4 bytes. */
const flagNoCrc = 4;
const opExtractFile = 20;
const entryBytes = 28;
const blocksOffset = 4;
const entriesBlock = 2;
const stringsBlock = 3;

export interface FirstHeader {
  readonly flags: number;
  /** Bytes of the uncompressed install header. */
  readonly headerSize: number;
  /** Bytes from the firstheader to the end of the installer data (CRC included). */
  readonly archiveSize: number;
  /** Bytes of data after the firstheader, the CRC excluded. */
  readonly dataEnd: number;
}

export function parseFirstHeader(head: Uint8Array): { readonly ok: true; readonly header: FirstHeader } | { readonly ok: false; readonly reason: string } {
  if (head.length < firstHeaderBytes || !firstHeaderMagic.every((byte, i) => head[4 + i] === byte)) return { ok: false, reason: 'no NSIS firstheader (0xDEADBEEF "NullsoftInst")' };
  const view = new DataView(head.buffer, head.byteOffset, firstHeaderBytes);
  const flags = view.getUint32(0, true);
  const headerSize = view.getUint32(20, true);
  const archiveSize = view.getUint32(24, true);
  if (flags > 15) return { ok: false, reason: `NSIS firstheader flags 0x${flags.toString(16)} are not FH_FLAGS_*` };
  const crcBytes = flags & flagNoCrc ? 0 : 4;
  if (headerSize === 0 || archiveSize < firstHeaderBytes + crcBytes + 4) return { ok: false, reason: 'NSIS firstheader sizes are too small' };
  return { ok: true, header: { flags, headerSize, archiveSize, dataEnd: archiveSize - crcBytes } };
}

export type NsisMethod = 'copy' | 'deflate' | 'lzma' | 'bzip2';

export interface NsisLayout {
  readonly method: NsisMethod;
  readonly solid: boolean;
  /** LZMA only: the stream starts with a filter byte (0: none, 1: x86 BCJ) before its properties. */
  readonly filterFlag?: number;
}

/** The method and solid mode, from the first bytes after the firstheader (7-Zip's rules). */
export function detectLayout(sig: Uint8Array, headerSize: number): NsisLayout {
  const first = sig.length >= 4 ? new DataView(sig.buffer, sig.byteOffset, 4).getUint32(0, true) : 0;
  if (first === headerSize) return { method: 'copy', solid: false };
  const solidLzma = lzmaStart(sig, 0);
  if (solidLzma !== undefined) return { method: 'lzma', solid: true, ...solidLzma };
  const blockLzma = lzmaStart(sig, 4);
  if (blockLzma !== undefined) return { method: 'lzma', solid: false, ...blockLzma };
  if (sig[3] === 0x80) return { method: sig[4] === 0x31 ? 'bzip2' : 'deflate', solid: false };
  return { method: sig[0] === 0x31 ? 'bzip2' : 'deflate', solid: true };
}

/** LZMA properties 0x5D with a dictionary of 2^n or 3·2^n bytes, optionally after a filter byte 0/1. */
function lzmaStart(sig: Uint8Array, at: number): { filterFlag?: number } | undefined {
  const plain = (p: number) => sig[p] === 0x5d && sig.length >= p + 5 && isDictionary(new DataView(sig.buffer, sig.byteOffset).getUint32(p + 1, true));
  if (plain(at)) return {};
  if ((sig[at] === 0 || sig[at] === 1) && plain(at + 1)) return { filterFlag: sig[at]! };
  return undefined;
}

function isDictionary(size: number): boolean {
  for (let bits = 12; bits <= 30; bits++) if (size === 2 ** bits || size === 3 * 2 ** (bits - 1)) return true;
  return false;
}

/**
 * File names by data offset, from the install header's EW_EXTRACTFILE entries. Pure and
 * lenient: a header it cannot read gives no names (the files are still opened, named by
 * offset), never an error.
 */
export function extractFileNames(header: Uint8Array): Map<number, string> {
  const names = new Map<number, string>();
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < blocksOffset + 8 * (stringsBlock + 2)) return names;
  const entries = view.getUint32(blocksOffset + 8 * entriesBlock, true);
  const count = view.getUint32(blocksOffset + 8 * entriesBlock + 4, true);
  const strings = view.getUint32(blocksOffset + 8 * stringsBlock, true);
  if (entries > header.length || strings > header.length || count > (header.length - entries) / entryBytes) return names;
  const unicode = header[strings] === 0 && header[strings + 1] === 0;
  for (let i = 0; i < count; i++) {
    const at = entries + i * entryBytes;
    if (view.getUint32(at, true) !== opExtractFile) continue;
    const name = readString(header, strings, view.getUint32(at + 8, true), unicode);
    const offset = view.getUint32(at + 12, true);
    if (name !== undefined && !names.has(offset)) names.set(offset, name);
  }
  return names;
}

/** A string of the table; NSIS variable, shell-folder and language codes become `$…`. */
function readString(header: Uint8Array, table: number, index: number, unicode: boolean): string | undefined {
  let at = table + index * (unicode ? 2 : 1);
  let out = '';
  for (let chars = 0; chars < 1024 && at < header.length; chars++) {
    const unit = unicode ? (at + 1 < header.length ? header[at]! | (header[at + 1]! << 8) : 0) : header[at]!;
    at += unicode ? 2 : 1;
    if (unit === 0) return out;
    // Unicode: codes 1-3 (lang, shell, var) take one parameter unit, 4 (skip) quotes the next
    // unit. ANSI: 0xFD-0xFF take two parameter bytes, 0xFC quotes the next byte.
    const skip = unicode ? unit === 4 : unit === 0xfc;
    const code = unicode ? unit <= 3 : unit >= 0xfd;
    if (skip) {
      out += String.fromCharCode(unicode ? header[at]! | (header[at + 1]! << 8) : header[at]!);
      at += unicode ? 2 : 1;
    } else if (code) {
      out += '$';
      at += 2;
    } else {
      out += String.fromCharCode(unit);
    }
  }
  return undefined;
}
