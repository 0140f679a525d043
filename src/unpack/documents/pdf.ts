/**
 * PDF (ISO 32000): datasheets and saved product pages. Two kinds of children:
 *
 * - `{ format: 'pdf', path: 'obj N', offset }`: each stream found by scanning the file
 *   (pdf-objects.ts), decoded through its filters (pdf-filters.ts). Content streams, object
 *   streams (compressed dictionaries with their strings), embedded files, XMP metadata and
 *   font programs are searched as bytes, and the driver opens what they contain (an embedded
 *   zip is opened like any other). Offset: the `N G obj` line for a decoded stream; the data
 *   itself for an unfiltered stream, which is a verbatim slice of the PDF.
 * - `{ format: 'pdf', path: 'page N', offset: 0 }` and `{ …, path: 'info', offset: 0 }`: the
 *   text of page N (1-based) and the document information strings, as pdf.js extracts them
 *   (pdf-text.ts), written as UTF-8. These are derived text, not bytes of the file: a CJK
 *   datasheet whose content streams hold only glyph ids of a subset font is searchable only
 *   here. Offsets in them are UTF-8 byte offsets in that text; each page-text child also carries
 *   `sources` (pdf-page-map.ts): which bytes of which content-stream child drew each glyph, so a
 *   finding there names the string-operand bytes it came from.
 *
 * pdf.js needs the whole file, so the PDF is read into memory up to `maxPdfBytes`; a larger
 * one is scanned raw only (a `limit` problem). The driver scans the raw bytes in every case.
 */
import { openWindow } from '../file-window.js';
import { applyFilter, filterKind, type FilterKind } from './pdf-filters.js';
import { maxShownBytes, shownStrings, type ShownStrings } from './pdf-content.js';
import { scanPdf, type PdfLayout, type PdfStream } from './pdf-objects.js';
import { indexShownOperations, mapPageText } from './pdf-page-map.js';
import { extractPdfText, maxPageTextChars, maxPdfPages, type GlyphRun } from './pdf-text.js';
import { defineHandler, InputError, type ChainLink, type Child, type OpenContext, type OpenInput, type TextSources } from '../types.js';

/** Largest PDF opened (read into memory for pdf.js and the stream scan), in bytes. */
export const maxPdfBytes = 64 * 1024 * 1024;
/**
 * Largest decoded output kept per stream, in bytes; the rest of a bigger stream is a `limit`.
 * A decoded stream is held whole while it is searched: this bounds that share of the 256 MiB.
 */
export const maxStreamOutputBytes = 16 * 1024 * 1024;
/** Bytes at the start searched for `%PDF-` (readers accept a header anywhere in the first 1024 bytes). */
const headerSearchBytes = 1024;
/** Objects named in one aggregated problem message. */
const listedObjects = 10;

const headerMagic = Buffer.from('%PDF-', 'latin1');

export const pdfHandler = defineHandler({
  id: 'pdf',
  kind: 'document',
  doc: {
    name: 'PDF document (streams decoded, page text through pdf.js)',
    references: ['https://opensource.adobe.com/dc-acrobat-sdk-docs/pdfstandards/PDF32000_2008.pdf', 'https://github.com/mozilla/pdf.js'],
    limitations: [
      `Files larger than ${maxPdfBytes} bytes are scanned raw only.`,
      'Encrypted PDFs: streams are not decrypted; page text is extracted only when the user password is empty.',
      'Image streams (DCT, JPX, CCITT fax, JBIG2) are not decoded and text in images is not recognised (no OCR).',
      'Strings in dictionaries (annotations, bookmarks, form fields) are searched only as raw bytes, except the document information strings; hex strings and escaped literal strings there are not decoded.',
      'Page text is in pdf.js content order; a term laid out out of order on the page, or split into separately positioned pieces, is not joined.',
      'Page-text children are derived text: their offsets are in the UTF-8 text pdf.js produced. A finding there is traced to the content-stream bytes that drew it (`location.source`) when one stream spells its glyph codes; glyphs pdf.js normalised, pages over 64K characters and text drawn by Type 3 glyph procedures are not traced.',
    ],
  },
  // %PDF- may follow up to 1,024 bytes of junk (a MacBinary or mail header); the carver only trusts it at the start of an object.
  signatures: [{ magic: headerMagic, offset: 0, startOnly: true }],
  headLength: headerSearchBytes + 9,
  detect(head) {
    const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
    // Past offset 0 the header must start a line: a text file that merely mentions "%PDF-1.4" (a parser's source, a README) is not a PDF.
    for (let at = bytes.indexOf(headerMagic); at !== -1 && at < headerSearchBytes; at = bytes.indexOf(headerMagic, at + 1)) {
      if (at > 0 && bytes[at - 1] !== 0x0a && bytes[at - 1] !== 0x0d) continue;
      const version = bytes.subarray(at + 5, at + 9).toString('latin1');
      if (!/^\d\.\d(?:[\r\n \t%]|$)/.test(version)) continue;
      return { ok: true, reasons: [at === 0 ? `%PDF-${version.slice(0, 3)}` : `%PDF-${version.slice(0, 3)} at offset ${at}`] };
    }
    return { ok: false, reason: 'no %PDF-x.y header line in the first 1024 bytes' };
  },
  open: openPdf,
});

async function* openPdf(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  if (window.size > maxPdfBytes) {
    ctx.problem('limit', `PDF of ${window.size} bytes is larger than the ${maxPdfBytes}-byte bound for opening PDFs: its streams were not decoded and no page text was extracted; its raw bytes were scanned`);
    return;
  }
  const reader = await openWindow(window, 'pdf');
  let bytes: Uint8Array;
  try {
    bytes = await reader.read(0, window.size);
  } finally {
    await reader.close();
  }
  const layout = scanPdf(bytes);
  if (layout.damage.length > 0) ctx.problem('corrupt', `PDF structure: ${layout.damage.join('; ')}`);
  if (layout.tooManyStreams) ctx.problem('limit', `PDF has more than ${layout.streams.length} streams: the rest were scanned raw only`);
  const oversized = { streams: 0 };
  const shown: Shown = { streams: [], bytes: 0 };
  if (!layout.encrypted) yield* streamChildren(bytes, layout, ctx, oversized, shown);
  // pdf.js would decode an oversized stream whole in its thread, outside the thread's heap limit:
  // such a document keeps the memory bound by not being rendered (its streams' first bytes were searched).
  if (oversized.streams > 0) {
    ctx.problem('limit', `PDF: page text was not extracted: ${oversized.streams} stream(s) decode to more than ${maxStreamOutputBytes} bytes, more than pdf.js can render within the memory bound`);
    return;
  }
  // The bytes go to pdf.js last: they are transferred to its thread.
  yield* textChildren(bytes, layout, ctx, shown);
}

/** The strings a stream child shows, kept to map page text back to them (pdf-page-map.ts). */
interface ShownStream {
  readonly link: ChainLink;
  readonly strings: ShownStrings;
}

/** The document's streams with shown strings, and the string bytes they hold together. */
interface Shown {
  readonly streams: ShownStream[];
  bytes: number;
}

/** Keeps a stream's shown strings while the document's total stays under the bound. */
function keepShown(shown: Shown, link: ChainLink, data: Uint8Array): void {
  if (shown.bytes >= maxShownBytes) return;
  const strings = shownStrings(data, maxShownBytes - shown.bytes);
  if (strings.bytes.length === 0) return;
  shown.streams.push({ link, strings });
  shown.bytes += strings.bytes.length;
}

/** Each stream, decoded where its filters allow; problems aggregated per document. */
async function* streamChildren(bytes: Uint8Array, layout: PdfLayout, ctx: OpenContext, oversized: { streams: number }, shown: Shown): AsyncGenerator<Child> {
  const unsupported = new Map<string, number[]>();
  const damaged: string[] = [];
  const limited: number[] = [];
  for (const stream of layout.streams) {
    if (ctx.signal.aborted) return;
    const kinds = stream.filters.map(filterKind);
    // Pixels, not text; their bytes are scanned raw with the PDF.
    if (kinds.includes('image')) continue;
    const unknown = stream.filters.find((name) => filterKind(name) === 'unsupported');
    if (unknown !== undefined) {
      unsupported.set(unknown, [...(unsupported.get(unknown) ?? []), stream.object]);
      continue;
    }
    const path = Buffer.from(stream.generation === 0 ? `obj ${stream.object}` : `obj ${stream.object} ${stream.generation}`, 'latin1');
    if (kinds.length === 0) {
      if (stream.dataEnd > stream.dataStart) {
        const link = { format: 'pdf', path, offset: stream.dataStart };
        if (stream.type === undefined) keepShown(shown, link, bytes.subarray(stream.dataStart, stream.dataEnd));
        yield { link, stream: once(bytes.slice(stream.dataStart, stream.dataEnd)), size: stream.dataEnd - stream.dataStart, verbatim: { start: stream.dataStart, end: stream.dataEnd } };
      }
      continue;
    }
    const decoded = await decodeStream(bytes, stream, kinds as Exclude<FilterKind, 'image' | 'unsupported'>[]);
    if (decoded.damage !== undefined) damaged.push(`obj ${stream.object}: ${decoded.damage}`);
    if (decoded.limited) limited.push(stream.object);
    if (decoded.bytes.length > 0) {
      const link = { format: 'pdf', path, offset: stream.objectOffset };
      // Content streams and form XObjects have no /Type worth naming here (ObjStm, XRef, Metadata… do).
      if (stream.type === undefined || stream.type === 'XObject') keepShown(shown, link, decoded.bytes);
      yield { link, stream: once(decoded.bytes) };
    }
  }
  if (unsupported.size > 0) {
    const names = [...unsupported].map(([name, objects]) => `/${name} (${list(objects)})`).join(', ');
    ctx.problem('unsupported', `PDF streams with filters not decoded here: ${names}; their bytes were scanned raw only`);
  }
  if (damaged.length > 0) {
    ctx.problem('corrupt', `PDF: ${damaged.length} stream(s) could not be fully decoded (${damaged.slice(0, listedObjects).join('; ')}${damaged.length > listedObjects ? '; …' : ''}); the bytes decoded before the damage were scanned`);
  }
  oversized.streams = limited.length;
  if (limited.length > 0) ctx.problem('limit', `PDF: ${limited.length} stream(s) decode to more than ${maxStreamOutputBytes} bytes (${list(limited)}); only their first ${maxStreamOutputBytes} bytes were scanned`);
}

/** Runs the stream's filters in order; a damaged filter passes on what it produced. */
async function decodeStream(bytes: Uint8Array, stream: PdfStream, kinds: readonly Exclude<FilterKind, 'image' | 'unsupported'>[]): Promise<{ bytes: Uint8Array; damage?: string; limited: boolean }> {
  let data = bytes.subarray(stream.dataStart, stream.dataEnd);
  let damage: string | undefined;
  let limited = false;
  for (const [i, kind] of kinds.entries()) {
    const early = stream.decodeParms[i]?.get('EarlyChange');
    const result = await applyFilter(kind, data, maxStreamOutputBytes, early?.kind === 'number' ? { earlyChange: early.value } : {});
    data = result.bytes;
    damage ??= result.damage;
    limited ||= result.limited === true;
  }
  return { bytes: data, limited, ...(damage === undefined ? {} : { damage }) };
}

/** The document information strings and each page's text, from pdf.js. */
async function* textChildren(bytes: Uint8Array, layout: PdfLayout, ctx: OpenContext, shown: Shown): AsyncGenerator<Child> {
  let count: number | undefined;
  let extracted = 0;
  const pageErrors: string[] = [];
  const cutPages: number[] = [];
  // The streams' operations and links, the same for every page: built on the first page that has glyph runs.
  let sourcesOf: ((text: string, runs: readonly GlyphRun[]) => TextSources | undefined) | undefined;
  try {
    for await (const event of extractPdfText(bytes, { signal: ctx.signal })) {
      switch (event.kind) {
        case 'pages':
          count = event.count;
          if (count > maxPdfPages) ctx.problem('limit', `PDF has ${count} pages: the text of pages after ${maxPdfPages} was not extracted (their raw bytes were scanned)`);
          break;
        case 'info':
          yield { link: { format: 'pdf', path: Buffer.from('info', 'latin1'), offset: 0 }, stream: once(Buffer.from(event.text, 'utf8')), derived: true };
          break;
        case 'page':
          extracted++;
          if (event.cut === true) cutPages.push(event.number);
          if (event.text !== '') {
            const sources = event.runs === undefined ? undefined : (sourcesOf ??= pageSources(shown.streams))(event.text, event.runs);
            yield { link: { format: 'pdf', path: Buffer.from(`page ${event.number}`, 'latin1'), offset: 0 }, stream: once(Buffer.from(event.text, 'utf8')), derived: true, ...(sources === undefined ? {} : { sources }) };
          }
          break;
        case 'page-error':
          pageErrors.push(event.number === 0 ? event.message : `page ${event.number}: ${event.message}`);
          break;
        default: {
          const never: never = event;
          throw new Error(`unexpected PDF text event ${JSON.stringify(never)}`);
        }
      }
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.kind === 'encrypted') {
      ctx.problem('encrypted', `PDF is encrypted and needs a password (${error.message}): no stream was decrypted and no page text extracted; its raw bytes were scanned`);
      return;
    }
    const progress = count === undefined ? 'the document could not be opened' : `the text of ${extracted} of ${count} pages was extracted`;
    ctx.problem(error.kind, `PDF page text: ${error.message}; ${progress}; the raw bytes and decoded streams were scanned`);
  }
  if (cutPages.length > 0) ctx.problem('limit', `PDF: the text of ${cutPages.length} page(s) is longer than ${maxPageTextChars} characters (${cutPages.slice(0, listedObjects).map((page) => `page ${page}`).join(', ')}); only the start of each was searched as text; the raw bytes and decoded streams were scanned`);
  if (pageErrors.length > 0) ctx.problem('corrupt', `PDF: text extraction failed for ${pageErrors.length} part(s) (${pageErrors.slice(0, listedObjects).join('; ')}); the raw bytes were scanned`);
  if (layout.encrypted && count !== undefined) {
    ctx.problem('encrypted', `PDF is encrypted with an empty user password: pdf.js extracted the page text, but its ${layout.streams.length} streams were not decrypted and were scanned raw only`);
  }
}

/** For a page's text: the content-stream bytes behind it, where its glyphs can be matched (pdf-page-map.ts). */
function pageSources(shown: readonly ShownStream[]): (text: string, runs: readonly GlyphRun[]) => TextSources | undefined {
  const operations = indexShownOperations(shown.map((stream) => stream.strings));
  const links = shown.map((stream) => stream.link);
  return (text, runs) => {
    const map = mapPageText(text, runs, operations);
    return map.textStarts.length === 0 ? undefined : { links, ...map };
  };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function list(objects: readonly number[]): string {
  const shown = objects.slice(0, listedObjects).map((object) => `obj ${object}`).join(', ');
  return objects.length > listedObjects ? `${shown}, … ${objects.length - listedObjects} more` : shown;
}
