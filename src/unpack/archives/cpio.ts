/**
 * cpio archives in the three ASCII formats: "new" (newc, 070701), "new with CRC" (crc, 070702)
 * and "old portable" (odc, 070707). man 5 cpio (libarchive `cpio.5`), GNU cpio manual
 * "Options" (`--format`), Linux `Documentation/driver-api/early-userspace/buffer-format.rst`
 * (initramfs is newc). A real newc header (`cpio -o -H newc --reproducible`, file a.txt):
 *
 *   00000000: 3037 3037 3031 3030 3030 3030 3030 3030   "070701", c_ino "00000000"
 *   00000010: 3030 3831 4134 3030 3030 3030 3030 3030   c_mode "000081A4" (regular, 0644), c_uid
 *   00000020: 3030 3030 3030 3030 3030 3030 3031 3642   c_gid, c_nlink "00000001", c_mtime "6B..."
 *   00000030: 3043 3635 3730 3030 3030 3030 3036 3030   ..."0C657", c_filesize "00000006", c_devmajor...
 *   00000060: 3030 3030 3036 3030 3030 3030 3030 612e   c_namesize "00000006", c_check "00000000", "a."
 *   00000070: 7478 7400 6865 6c6c 6f0a 0000             "txt\0", data "hello\n", padding to 4
 *
 * newc/crc: 13 fields of 8 hex digits after the magic (110 bytes); the name and the data are
 * each padded to a multiple of 4. crc: `c_check` is the 32-bit sum of the data bytes. odc: 11
 * octal fields (76 bytes), no padding. The archive ends at the member named `TRAILER!!!`.
 *
 * Only regular files become children (named by their stored name, bytes as stored, never used
 * as a path). Symbolic links (whose data is the target), devices and directories are skipped,
 * and links are never followed; a hard link or a repeated name is just another member. A
 * truncated archive yields every member that exists and then a `corrupt` problem.
 */
import { ByteReader, MemberBody } from '../byte-reader.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

export type CpioFormat = 'newc' | 'crc' | 'odc';

/** Longest name kept in the chain; a longer name is cut there (a `corrupt` problem) and the archive goes on. */
export const maxCpioNameBytes = 4096;

const newcHeaderBytes = 110;
const odcHeaderBytes = 76;
const fileTypeMask = 0o170000;
const regularFile = 0o100000;
/** "TRAILER!!!" */
const trailerName = Uint8Array.of(0x54, 0x52, 0x41, 0x49, 0x4c, 0x45, 0x52, 0x21, 0x21, 0x21);

/** "070701", "070702", "070707": the ASCII magics. */
const magics: Readonly<Record<CpioFormat, Uint8Array>> = {
  newc: Uint8Array.from(Buffer.from('070701', 'latin1')),
  crc: Uint8Array.from(Buffer.from('070702', 'latin1')),
  odc: Uint8Array.from(Buffer.from('070707', 'latin1')),
};

export interface CpioHeader {
  readonly format: CpioFormat;
  /** Bytes of the fixed header (110 or 76). */
  readonly headerBytes: number;
  readonly inode: number;
  readonly mode: number;
  readonly nlink: number;
  readonly mtime: number;
  readonly fileSize: number;
  /** Bytes of the name field, its terminating NUL included. */
  readonly nameSize: number;
  /** crc format: 32-bit sum of the data bytes; 0 for newc and odc. */
  readonly check: number;
}

export type CpioParse = { readonly ok: true; readonly header: CpioHeader } | { readonly ok: false; readonly reason: string };

export function cpioFormatOf(bytes: Uint8Array): CpioFormat | undefined {
  for (const format of ['newc', 'crc', 'odc'] as const) {
    if (bytes.length >= 6 && magics[format].every((byte, i) => bytes[i] === byte)) return format;
  }
  return undefined;
}

/** Decodes the fixed header at the start of `bytes`. Pure; never throws. */
export function parseCpioHeader(bytes: Uint8Array): CpioParse {
  const format = cpioFormatOf(bytes);
  if (format === undefined) return { ok: false, reason: 'no cpio magic 070701, 070702 or 070707' };
  if (format === 'odc') {
    if (bytes.length < odcHeaderBytes) return { ok: false, reason: `odc header needs ${odcHeaderBytes} bytes, got ${bytes.length}` };
    // dev 6, ino 6, mode 6, uid 6, gid 6, nlink 6, rdev 6, mtime 11, namesize 6, filesize 11 (octal)
    const widths = [6, 6, 6, 6, 6, 6, 6, 11, 6, 11];
    const values: number[] = [];
    let at = 6;
    for (const width of widths) {
      const value = digits(bytes, at, width, 8);
      if (value === undefined) return { ok: false, reason: `odc field at ${at} is not ${width} octal digits` };
      values.push(value);
      at += width;
    }
    const [, inode, mode, , , nlink, , mtime, nameSize, fileSize] = values as [number, number, number, number, number, number, number, number, number, number];
    if (nameSize === 0) return { ok: false, reason: 'odc name size is 0' };
    return { ok: true, header: { format, headerBytes: odcHeaderBytes, inode, mode, nlink, mtime, fileSize, nameSize, check: 0 } };
  }
  if (bytes.length < newcHeaderBytes) return { ok: false, reason: `${format} header needs ${newcHeaderBytes} bytes, got ${bytes.length}` };
  const values: number[] = [];
  for (let field = 0; field < 13; field++) {
    const value = digits(bytes, 6 + field * 8, 8, 16);
    if (value === undefined) return { ok: false, reason: `${format} field ${field} is not 8 hex digits` };
    values.push(value);
  }
  const [inode, mode, , , nlink, mtime, fileSize, , , , , nameSize, check] = values as number[] as [number, number, number, number, number, number, number, number, number, number, number, number, number];
  if (nameSize === 0) return { ok: false, reason: `${format} name size is 0` };
  return { ok: true, header: { format, headerBytes: newcHeaderBytes, inode, mode, nlink, mtime, fileSize, nameSize, check } };
}

/** `width` ASCII digits in `radix` at `at`, or `undefined` when any is not one. At most 11 octal or 8 hex digits: always a safe integer. */
function digits(bytes: Uint8Array, at: number, width: number, radix: 8 | 16): number | undefined {
  let value = 0;
  for (let i = at; i < at + width; i++) {
    const c = bytes[i]!;
    let digit: number;
    if (c >= 0x30 && c <= 0x39) digit = c - 0x30;
    else if (radix === 16 && c >= 0x41 && c <= 0x46) digit = c - 0x37;
    else if (radix === 16 && c >= 0x61 && c <= 0x66) digit = c - 0x57;
    else return undefined;
    if (digit >= radix) return undefined;
    value = value * radix + digit;
  }
  return value;
}

export const cpioHandler = defineHandler({
  id: 'cpio',
  kind: 'archive',
  doc: {
    name: 'cpio archive (newc, crc, odc)',
    references: [
      'https://man.freebsd.org/cgi/man.cgi?query=cpio&sektion=5',
      'https://www.kernel.org/doc/html/latest/driver-api/early-userspace/buffer-format.html',
    ],
    limitations: [
      'The old binary format (magic 0x71c7, either byte order) is not opened; its bytes are scanned raw.',
      'Only regular files are children; symbolic link targets, devices and directories are not (their bytes are scanned raw in the archive).',
      'Reading stops at `TRAILER!!!`: archives concatenated after it (as in some initramfs images) are left to the carver, which is told where this one ended.',
      `Names longer than ${maxCpioNameBytes} bytes are cut to that length in the chain (a \`corrupt\` problem).`,
      'Stops at the first malformed header (a `corrupt` problem); the rest is scanned raw, not resynchronised.',
    ],
  },
  signatures: [
    { magic: magics.newc, offset: 0 },
    { magic: magics.crc, offset: 0 },
    { magic: magics.odc, offset: 0 },
  ],
  headLength: newcHeaderBytes,
  detect(head) {
    const parsed = parseCpioHeader(head);
    return parsed.ok ? { ok: true } : parsed;
  },
  open: openCpio,
});

async function* openCpio(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new ByteReader(input.stream);
  for (;;) {
    const start = reader.position;
    if (await reader.atEnd()) throw new InputError('corrupt', `cpio: archive ends at ${start} without a TRAILER!!! member`, start);
    const format = cpioFormatOf(await reader.peek(6));
    const fixed = await reader.read(format === 'odc' ? odcHeaderBytes : newcHeaderBytes);
    const parsed = parseCpioHeader(fixed);
    if (!parsed.ok) {
      const ended = fixed.length < (format === 'odc' ? odcHeaderBytes : newcHeaderBytes) && format !== undefined;
      throw new InputError('corrupt', ended ? `cpio: archive ends inside the header at ${start}` : `cpio: bad header at ${start}: ${parsed.reason}`, start);
    }
    const header = parsed.header;
    const kept = Math.min(header.nameSize, maxCpioNameBytes);
    const nameField = await reader.read(kept);
    if (nameField.length < kept || (await reader.skip(header.nameSize - kept)) < header.nameSize - kept) {
      throw new InputError('corrupt', `cpio: archive ends inside the name of the member at ${start}`, start);
    }
    const nul = nameField.indexOf(0);
    const name = Uint8Array.from(nul === -1 ? nameField : nameField.subarray(0, nul));
    if (header.nameSize > maxCpioNameBytes) {
      ctx.problem('corrupt', `cpio: member at ${start} has a ${header.nameSize}-byte name; its first ${maxCpioNameBytes} bytes name it in the chain`, start);
    }
    if (!(await skipPadding(reader, header.format))) throw new InputError('corrupt', `cpio: archive ends after the name of the member at ${start}`, start);
    if (Buffer.from(name).equals(trailerName)) {
      ctx.setLength(reader.position);
      return;
    }
    const dataStart = reader.position;
    if ((header.mode & fileTypeMask) === regularFile) {
      let sum = 0;
      const observe = header.format === 'crc' ? (piece: Uint8Array) => void (sum = addBytes(sum, piece)) : undefined;
      const body = new MemberBody(reader, header.fileSize, (got) => truncated(name, got, header.fileSize, dataStart), observe);
      yield {
        link: { format: 'cpio', path: name, offset: dataStart },
        stream: body.stream,
        size: header.fileSize,
        verbatim: { start: dataStart, end: dataStart + header.fileSize },
      };
      if (!(await body.finish())) {
        if (!body.reported) throw truncated(name, body.delivered, header.fileSize, dataStart);
        return; // the member's own problem names the truncation; the archive ends there
      }
      if (header.format === 'crc' && sum !== header.check) {
        ctx.problem('corrupt', `cpio: member ${describe(name)} data sum ${hex32(sum)} does not match c_check ${hex32(header.check)}`, start);
      }
    } else if ((await reader.skip(header.fileSize)) < header.fileSize) {
      throw new InputError('corrupt', `cpio: archive ends inside the data of non-file member ${describe(name)} at ${dataStart}`, dataStart);
    }
    if (!(await skipPadding(reader, header.format))) throw new InputError('corrupt', `cpio: archive ends in the padding after ${describe(name)}`, reader.position);
  }
}

/** newc and crc pad the name and the data to a multiple of 4 (from the archive start); odc does not pad. */
async function skipPadding(reader: ByteReader, format: CpioFormat): Promise<boolean> {
  if (format === 'odc') return true;
  const padding = (4 - (reader.position % 4)) % 4;
  return (await reader.skip(padding)) === padding;
}

function addBytes(sum: number, piece: Uint8Array): number {
  let total = sum;
  for (let i = 0; i < piece.length; i++) total = (total + piece[i]!) >>> 0;
  return total;
}

function truncated(name: Uint8Array, got: number, size: number, dataStart: number): InputError {
  return new InputError('corrupt', `cpio: member ${describe(name)} ends after ${got} of ${size} bytes`, dataStart + got);
}

function describe(name: Uint8Array): string {
  return JSON.stringify(Buffer.from(name).toString('latin1'));
}

function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
