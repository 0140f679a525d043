/**
 * Qt translation catalogues (`.qm`, written by `lrelease`; QtCore `qtranslator.cpp`): a 16-byte
 * magic, then tagged sections (`u8 tag, u32 BE length`). The messages section (0x69) is a run
 * of messages, each a list of tagged items ended by `Tag_End` (1): `Tag_Translation` (3,
 * UTF-16BE), `Tag_SourceText` (6), `Tag_Context` (7), `Tag_Comment` (8), each with a `u32 BE`
 * byte length. Each translation becomes a verbatim child named after its context and source
 * text (`{ format: 'qm', path: 'FaceDialog/Race' }`), each source text one named
 * `FaceDialog/Race (source)`. Both are searchable as stored.
 */
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';
import { rangeChildren, readWhole, type NamedRange } from './slices.js';

export const maxQmBytes = 64 * 1024 * 1024;
/** Characters of a source text kept in a child's name. */
const nameChars = 80;
/** QTranslator's magic (qtranslator.cpp `magic`). */
const qmMagic = Uint8Array.of(0x3c, 0xb8, 0x64, 0x18, 0xca, 0xef, 0x9c, 0x95, 0xcd, 0x21, 0x1c, 0xbf, 0x60, 0xa1, 0xbd, 0xdd);
const messagesTag = 0x69;
const tags = { end: 1, translation: 3, obsolete1: 5, sourceText: 6, context: 7, comment: 8 } as const;

export const qmHandler = defineHandler({
  id: 'qm',
  kind: 'document',
  doc: {
    name: 'Qt translation catalogue (.qm)',
    references: ['https://code.qt.io/cgit/qt/qtbase.git/tree/src/corelib/kernel/qtranslator.cpp'],
    limitations: [`Catalogues larger than ${maxQmBytes} bytes are scanned raw only.`, 'Plural forms of one message are one child (their UTF-16BE strings follow each other).'],
  },
  signatures: [{ magic: qmMagic, offset: 0 }],
  headLength: qmMagic.length,
  detect(head) {
    return qmMagic.every((byte, i) => head[i] === byte) ? { ok: true } : { ok: false, reason: 'no .qm magic' };
  },
  open: openQm,
});

async function* openQm(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const bytes = await readWhole(input, maxQmBytes, 'Qt catalogue');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = qmMagic.length;
  let end = at;
  while (at + 5 <= bytes.length) {
    const tag = bytes[at]!;
    const length = view.getUint32(at + 1);
    if (at + 5 + length > bytes.length) throw new InputError('corrupt', `.qm section 0x${tag.toString(16)} at 0x${at.toString(16)} claims ${length} bytes, past the file`, at);
    if (tag === messagesTag) yield* messages(bytes, view, at + 5, at + 5 + length, ctx);
    at += 5 + length;
    end = at;
  }
  ctx.setLength(end);
}

function* messages(bytes: Uint8Array, view: DataView, start: number, end: number, ctx: OpenContext): Generator<Child> {
  const ranges: NamedRange[] = [];
  let translations: { start: number; end: number }[] = [];
  let source: { start: number; end: number } | undefined;
  let context = '';
  const textOf = (range: { start: number; end: number } | undefined) => (range === undefined ? '' : Buffer.from(bytes.subarray(range.start, Math.min(range.end, range.start + nameChars * 4))).toString('utf8').slice(0, nameChars));
  for (let at = start; at < end; ) {
    const tag = bytes[at]!;
    at++;
    if (tag === tags.end) {
      const name = `${context}/${textOf(source)}`;
      for (const range of translations) ranges.push({ path: name, ...range });
      if (source !== undefined) ranges.push({ path: `${name} (source)`, ...source });
      translations = [];
      source = undefined;
      context = '';
      continue;
    }
    if (tag === tags.obsolete1) {
      at += 4;
      continue;
    }
    if (at + 4 > end || ![tags.translation, tags.sourceText, tags.context, tags.comment].includes(tag as 3)) {
      ctx.problem('corrupt', `.qm message item with tag ${tag} at 0x${(at - 1).toString(16)} cannot be read; the messages after it were scanned raw only`, at - 1);
      break;
    }
    const length = view.getUint32(at);
    at += 4;
    // 0xFFFFFFFF: a translation that is null (untranslated), not a length.
    if (tag === tags.translation && length === 0xffff_ffff) continue;
    if (at + length > end) {
      ctx.problem('corrupt', `.qm message item at 0x${(at - 5).toString(16)} claims ${length} bytes, past its section; the messages after it were scanned raw only`, at - 5);
      break;
    }
    const range = { start: at, end: at + length };
    if (tag === tags.translation) translations.push(range);
    else if (tag === tags.sourceText) source = range;
    else if (tag === tags.context) context = textOf(range);
    at += length;
  }
  yield* rangeChildren('qm', bytes, ranges, ctx);
}
