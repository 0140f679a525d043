/**
 * Unix `ar` archives: static libraries and Debian packages. FreeBSD `ar(5)`, GNU binutils
 * `bfd/archive.c`, `deb(5)`. The global header `!<arch>\n`, then per member a 60-byte ASCII
 * header and the data, padded to an even offset with `\n`. A real GNU archive (`ar rcD`, a long
 * name first in the `//` table):
 *
 *   00000000: 213c 6172 6368 3e0a 2f2f 2020 2020 2020   "!<arch>\n", ar_name "//" (long names)
 *   00000030: 2020 2020 2020 2020 3330 2020 2020 2020   ... ar_size "30"
 *   00000040: 2020 600a 612d 7665 7279 2d6c 6f6e 672d   ar_fmag "`\n", table "a-very-long-
 *   00000050: 6d65 6d62 6572 2d6e 616d 652e 7478 742f   member-name.txt/\n"
 *   00000060: 0a0a 7368 6f72 742e 6f2f 2020 2020 2020   pad, ar_name "short.o/"
 *
 * Header fields: ar_name[16] ar_date[12] ar_uid[6] ar_gid[6] ar_mode[8] ar_size[10] ar_fmag[2],
 * decimal (mode octal), space padded. Names: GNU/SysV `name/`, `/N` (offset N in the `//`
 * table, entries ending `/\n`), `/` and `/SYM64/` (symbol tables); BSD `#1/N` (the name is the
 * first N bytes of the data) and `__.SYMDEF` symbol tables; Debian plain `debian-binary`.
 *
 * Every member except the symbol and name tables becomes a child with its data as a verbatim
 * slice. A `.deb` is an ar of `debian-binary`, `control.tar.{gz,xz,zst}` and
 * `data.tar.{gz,xz,bz2,zst}`: ar is all fwsift needs, since the driver detects each tar and its
 * compression by content.
 */
import { ByteReader, MemberBody } from '../byte-reader.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

export const arMemberHeaderBytes = 60;
/** GNU `//` long-name tables larger than this are not read (a `limit` problem); members keep their `/N` names. */
export const maxLongNameTableBytes = 8 * 1024 * 1024;
/** BSD `#1/N` names longer than this are corrupt input. */
export const maxBsdNameBytes = 4096;

/** "!<arch>\n" */
const arMagic = Uint8Array.from(Buffer.from('!<arch>\n', 'latin1'));
/** "`\n": ar_fmag, the end of every member header. */
const fmag = [0x60, 0x0a] as const;

export interface ArMemberHeader {
  /** ar_name with the trailing spaces removed, as stored (`name/`, `/12`, `#1/20`, `//`, `/`). */
  readonly rawName: Uint8Array;
  readonly mtime: number | undefined;
  readonly mode: number | undefined;
  /** ar_size: bytes of data after the header (BSD names included). */
  readonly size: number;
}

export type ArParse = { readonly ok: true; readonly header: ArMemberHeader } | { readonly ok: false; readonly reason: string };

/** Decodes one 60-byte member header. Pure; never throws. */
export function parseArMemberHeader(bytes: Uint8Array): ArParse {
  if (bytes.length < arMemberHeaderBytes) return { ok: false, reason: `member header needs ${arMemberHeaderBytes} bytes, got ${bytes.length}` };
  if (bytes[58] !== fmag[0] || bytes[59] !== fmag[1]) return { ok: false, reason: 'no ar_fmag "`\\n" at the end of the member header' };
  const size = decimal(bytes.subarray(48, 58));
  if (size === undefined) return { ok: false, reason: 'ar_size is not a decimal number' };
  const field = bytes.subarray(0, 16);
  let end = field.length;
  while (end > 0 && field[end - 1] === 0x20) end--;
  return { ok: true, header: { rawName: Uint8Array.from(field.subarray(0, end)), mtime: decimal(bytes.subarray(16, 28)), mode: octal(bytes.subarray(40, 48)), size } };
}

/** Space-padded ASCII digits (at least one); `undefined` otherwise. At most 12 digits: a safe integer. */
function decimal(field: Uint8Array): number | undefined {
  return digitsOf(field, 10);
}

function octal(field: Uint8Array): number | undefined {
  return digitsOf(field, 8);
}

function digitsOf(field: Uint8Array, radix: number): number | undefined {
  let value = 0;
  let seen = 0;
  let i = 0;
  for (; i < field.length && field[i] !== 0x20; i++) {
    const digit = field[i]! - 0x30;
    if (digit < 0 || digit >= radix) return undefined;
    value = value * radix + digit;
    seen++;
  }
  for (; i < field.length; i++) if (field[i] !== 0x20) return undefined;
  return seen === 0 ? undefined : value;
}

/** What a member's raw name says it is. */
export type ArName =
  | { readonly kind: 'symbols' }
  | { readonly kind: 'long-names' }
  | { readonly kind: 'gnu-long'; readonly offset: number }
  | { readonly kind: 'bsd-long'; readonly length: number }
  | { readonly kind: 'plain'; readonly name: Uint8Array };

export function classifyArName(raw: Uint8Array): ArName {
  const text = Buffer.from(raw).toString('latin1');
  if (text === '/' || text === '/SYM64/' || text === '__.SYMDEF' || text === '__.SYMDEF SORTED') return { kind: 'symbols' };
  if (text === '//') return { kind: 'long-names' };
  if (/^\/[0-9]+$/.test(text)) return { kind: 'gnu-long', offset: Number(text.slice(1)) };
  if (/^#1\/[0-9]+$/.test(text)) return { kind: 'bsd-long', length: Number(text.slice(3)) };
  // GNU ends short names with '/'; BSD and Debian do not.
  return { kind: 'plain', name: raw.at(-1) === 0x2f ? raw.subarray(0, raw.length - 1) : raw };
}

/** The name at `offset` of a GNU `//` table: up to "/\n" (or "\n", or the end). */
export function longName(table: Uint8Array, offset: number): Uint8Array | undefined {
  if (offset >= table.length) return undefined;
  let end = table.indexOf(0x0a, offset);
  if (end === -1) end = table.length;
  if (end > offset && table[end - 1] === 0x2f) end--;
  return table.slice(offset, end);
}

export const arHandler = defineHandler({
  id: 'ar',
  kind: 'archive',
  doc: {
    name: 'ar archive (GNU, BSD, SysV; Debian .deb)',
    references: [
      'https://man.freebsd.org/cgi/man.cgi?query=ar&sektion=5',
      'https://sourceware.org/git/?p=binutils-gdb.git;a=blob;f=bfd/archive.c',
      'https://manpages.debian.org/deb.5',
    ],
    limitations: [
      'Thin archives (`!<thin>\\n`) hold no member data and are not opened; their bytes are scanned raw.',
      'Symbol tables (`/`, `/SYM64/`, `__.SYMDEF`) and the `//` name table are not children; their bytes are scanned raw with the archive.',
      `A GNU name table over ${maxLongNameTableBytes / 1024 / 1024} MiB is not read (a \`limit\` problem): members keep their \`/N\` names.`,
      'Stops at the first malformed member header (a `corrupt` problem); the rest is scanned raw.',
    ],
  },
  signatures: [{ magic: arMagic, offset: 0 }],
  headLength: arMagic.length + arMemberHeaderBytes,
  detect(head) {
    if (head.length < arMagic.length || !arMagic.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no ar magic !<arch>\\n' };
    if (head.length >= arMagic.length + arMemberHeaderBytes) {
      const first = parseArMemberHeader(head.subarray(arMagic.length));
      if (!first.ok) return { ok: false, reason: `ar: first member header: ${first.reason}` };
    }
    return { ok: true };
  },
  open: openAr,
});

async function* openAr(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new ByteReader(input.stream);
  await reader.skip(arMagic.length);
  let table: Uint8Array | undefined;
  for (;;) {
    const start = reader.position;
    if (await reader.atEnd()) {
      ctx.setLength(start);
      return;
    }
    const bytes = await reader.read(arMemberHeaderBytes);
    if (bytes.length < arMemberHeaderBytes) throw new InputError('corrupt', `ar: archive ends inside the member header at ${start}`, start);
    const parsed = parseArMemberHeader(bytes);
    if (!parsed.ok) throw new InputError('corrupt', `ar: bad member header at ${start}: ${parsed.reason}`, start);
    const { size } = parsed.header;
    const name = classifyArName(parsed.header.rawName);
    let dataStart = reader.position;
    let dataSize = size;
    let memberName: Uint8Array | undefined;
    switch (name.kind) {
      case 'symbols':
        break;
      case 'long-names':
        if (size > maxLongNameTableBytes) {
          ctx.problem('limit', `ar: long-name table of ${size} bytes (over ${maxLongNameTableBytes}) not read; members keep their /N names`, start);
          break;
        }
        table = await reader.read(size);
        if (table.length < size) throw new InputError('corrupt', `ar: archive ends inside the long-name table at ${dataStart}`, dataStart);
        dataSize = 0;
        break;
      case 'gnu-long':
        memberName = (table === undefined ? undefined : longName(table, name.offset)) ?? parsed.header.rawName;
        if (table === undefined || memberName === parsed.header.rawName) {
          ctx.problem('corrupt', `ar: member at ${start} names long-name offset ${name.offset}, which the archive's // table does not hold`, start);
        }
        break;
      case 'bsd-long': {
        if (name.length > maxBsdNameBytes || name.length > size) throw new InputError('corrupt', `ar: BSD name of ${name.length} bytes at ${start} (member size ${size})`, start);
        const bsd = await reader.read(name.length);
        if (bsd.length < name.length) throw new InputError('corrupt', `ar: archive ends inside the BSD name at ${dataStart}`, dataStart);
        const nul = bsd.indexOf(0);
        memberName = Uint8Array.from(nul === -1 ? bsd : bsd.subarray(0, nul));
        dataStart += name.length;
        dataSize -= name.length;
        break;
      }
      case 'plain':
        memberName = name.name;
        break;
    }
    if (memberName !== undefined && !isBsdSymbolTable(memberName)) {
      const member = memberName;
      const body = new MemberBody(reader, dataSize, (got) => truncated(member, got, dataSize, dataStart));
      yield {
        link: { format: 'ar', path: member, offset: dataStart },
        stream: body.stream,
        size: dataSize,
        verbatim: { start: dataStart, end: dataStart + dataSize },
      };
      if (!(await body.finish())) {
        if (!body.reported) throw truncated(member, body.delivered, dataSize, dataStart);
        return;
      }
    } else if ((await reader.skip(dataSize)) < dataSize) {
      throw new InputError('corrupt', `ar: archive ends inside the member at ${start}`, start);
    }
    // Members start at even offsets; the pad byte may be missing after the last one.
    if (reader.position % 2 === 1) await reader.skip(1);
  }
}

/** BSD names its symbol tables through `#1/N` too (`__.SYMDEF SORTED` in an extended name). */
function isBsdSymbolTable(name: Uint8Array): boolean {
  const text = Buffer.from(name).toString('latin1');
  return text === '__.SYMDEF' || text === '__.SYMDEF SORTED' || text === '__.SYMDEF_64' || text === '__.SYMDEF_64 SORTED';
}

function truncated(name: Uint8Array, got: number, size: number, dataStart: number): InputError {
  return new InputError('corrupt', `ar: member ${JSON.stringify(Buffer.from(name).toString('latin1'))} ends after ${got} of ${size} bytes`, dataStart + got);
}
