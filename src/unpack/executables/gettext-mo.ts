/**
 * GNU gettext catalogues (`.mo`, written by `msgfmt`; gettext manual "The Format of GNU MO
 * Files"): magic `0x950412de` in the file's byte order, revision, the message count N, the
 * offsets of two tables of N `(length, offset)` pairs (original strings, translations). Strings
 * are NUL-ended in the catalogue's charset (usually UTF-8, sometimes GBK), searchable as stored.
 * Each translation becomes a verbatim child named after its msgid
 * (`{ format: 'mo', path: 'msgstr "Race"' }`), each msgid one named `msgid "Race"`.
 */
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';
import { rangeChildren, readWhole, type NamedRange } from './slices.js';

export const maxMoBytes = 64 * 1024 * 1024;
const nameChars = 80;
const moMagic = 0x9504_12de;

export const gettextMoHandler = defineHandler({
  id: 'mo',
  kind: 'document',
  doc: {
    name: 'GNU gettext catalogue (.mo)',
    references: ['https://www.gnu.org/software/gettext/manual/html_node/MO-Files.html'],
    limitations: [`Catalogues larger than ${maxMoBytes} bytes are scanned raw only.`, 'The hash table is not checked.'],
  },
  // de 12 04 95 (little-endian) or 95 04 12 de (big-endian): four bytes, trusted at an object's start only.
  signatures: [],
  headLength: 28,
  detect(head) {
    const header = moHeader(head);
    return header === undefined ? { ok: false, reason: 'no .mo magic with revision 0 or 1' } : { ok: true, reasons: [`${header.count} messages`] };
  },
  open: openMo,
});

interface MoHeader {
  readonly littleEndian: boolean;
  readonly count: number;
  readonly originals: number;
  readonly translations: number;
}

function moHeader(head: Uint8Array): MoHeader | undefined {
  if (head.length < 28) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const littleEndian = view.getUint32(0, true) === moMagic;
  if (!littleEndian && view.getUint32(0, false) !== moMagic) return undefined;
  // Major revision 0 or 1 (the minor half may be anything).
  if (view.getUint32(4, littleEndian) >>> 16 > 1) return undefined;
  return { littleEndian, count: view.getUint32(8, littleEndian), originals: view.getUint32(12, littleEndian), translations: view.getUint32(16, littleEndian) };
}

async function* openMo(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const bytes = await readWhole(input, maxMoBytes, 'gettext catalogue');
  const header = moHeader(bytes)!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tableEnd = (at: number) => at + header.count * 8;
  if (tableEnd(header.originals) > bytes.length || tableEnd(header.translations) > bytes.length) {
    throw new InputError('corrupt', `.mo string tables for ${header.count} messages run past the ${bytes.length}-byte file`);
  }
  const string = (table: number, i: number) => {
    const length = view.getUint32(table + i * 8, header.littleEndian);
    const start = view.getUint32(table + i * 8 + 4, header.littleEndian);
    return start + length <= bytes.length ? { start, end: start + length } : undefined;
  };
  const ranges: NamedRange[] = [];
  let bad = 0;
  for (let i = 0; i < header.count; i++) {
    const original = string(header.originals, i);
    const translation = string(header.translations, i);
    if (original === undefined || translation === undefined) bad++;
    // The msgid up to its first NUL (a plural msgid continues after it); the header entry has an empty msgid.
    const msgid = original === undefined ? `#${i}` : Buffer.from(bytes.subarray(original.start, original.end)).toString('utf8').split('\0')[0]!.slice(0, nameChars);
    if (original !== undefined) ranges.push({ path: `msgid "${msgid}"`, ...original });
    if (translation !== undefined) ranges.push({ path: `msgstr "${msgid}"`, ...translation });
  }
  if (bad > 0) ctx.problem('corrupt', `.mo: ${bad} string(s) lie outside the file; the others were opened`);
  yield* rangeChildren('mo', bytes, ranges, ctx);
}
