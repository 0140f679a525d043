/**
 * The render loop the HTML and XML views share: read enough of the document to decide its
 * charset, then decode → tokenize → write text, chunk by chunk, in one pass.
 *
 * Deciding the charset reads ahead at most `declarationBytes` (BOM, `<meta>`, XML declaration)
 * and, for an undeclared document with non-ASCII bytes, up to `sniffEnoughNonAsciiBytes` of
 * them or `sniffMaxBytes` in all. Both cut points depend on the bytes, never on how they were
 * chunked, so the decision is the same for every chunking.
 *
 * Memory: the read-ahead (at most `sniffMaxBytes`), one output chunk, and the tokenizer's
 * small held buffers.
 */
import type { Encoding } from '../core/types.js';
import { resolveLabel, sniffCharset, sniffEnoughNonAsciiBytes, sniffMaxBytes, type CharsetDecision } from './charset.js';
import { StreamDecoder, type Charset } from './decoder.js';
import { MarkupTokenizer, type MarkupDialect } from './markup.js';
import { TextOutput } from './text-output.js';
import type { TextChunk, ViewContext } from './types.js';

/** Bytes at the start of a document where a BOM, `<meta charset>` or XML declaration is looked for. */
export const declarationBytes = 4096;

/** Finds a declared charset in the first `declarationBytes` (fewer when the document is shorter). */
export type DeclaredCharset = (prefix: Uint8Array) => CharsetDecision | undefined;

/** The report's name for a charset, where the report schema has one (see the view docs for the rest). */
export function reportEncoding(charset: Charset): Encoding | undefined {
  switch (charset) {
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be':
    case 'gb18030':
    case 'big5':
      return charset;
    default:
      return undefined;
  }
}

export async function* renderMarkup(
  input: AsyncIterable<Uint8Array>,
  ctx: ViewContext,
  declared: DeclaredCharset,
  dialect: MarkupDialect,
): AsyncGenerator<TextChunk> {
  const iterator = input[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const readMore = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      return false;
    }
    buffered.push(next.value);
    total += next.value.length;
    return true;
  };

  while (total < declarationBytes && (await readMore()));
  let decision = declared(concat(buffered, Math.min(total, declarationBytes))) ?? fromContainer(ctx.declaredCharset);
  if (decision === undefined) {
    // Read until enough non-ASCII bytes were seen to tell the charset, counting from the start.
    let nonAscii = 0;
    let cut = 0;
    let enough = false;
    const examine = (chunk: Uint8Array) => {
      for (let i = 0; i < chunk.length && !enough; i++) {
        cut++;
        if ((chunk[i]! >= 0x80 && ++nonAscii >= sniffEnoughNonAsciiBytes) || cut >= sniffMaxBytes) enough = true;
      }
    };
    for (const chunk of buffered) if (!enough) examine(chunk);
    while (!enough && (await readMore())) examine(buffered[buffered.length - 1]!);
    decision = { charset: sniffCharset(concat(buffered, cut), !enough), source: 'sniffed', bomLength: 0 };
  }

  const { charset, source, bomLength } = decision;
  const encoding = reportEncoding(charset);
  if (encoding !== undefined) ctx.setCharset(encoding);
  if (decision.unsupportedLabel !== undefined) {
    ctx.problem('unsupported', `the document declares charset "${decision.unsupportedLabel}", which the text view does not decode: read as windows-1252 (ASCII text and character references only; the bytes were scanned raw)`);
  }

  const out = new TextOutput();
  const tokenizer = new MarkupTokenizer(dialect, out, (kind, message, offset) => ctx.problem(kind, message, offset));
  const decoder = new StreamDecoder(charset, bomLength, (codePoint, start, end) => tokenizer.char(codePoint, start, end));
  let skip = bomLength;
  const feed = (chunk: Uint8Array) => {
    if (skip > 0) {
      const skipped = Math.min(skip, chunk.length);
      skip -= skipped;
      chunk = chunk.subarray(skipped);
    }
    decoder.push(chunk);
  };
  for (const chunk of buffered.splice(0)) {
    feed(chunk);
    yield* out.take();
  }
  while (await readMore()) {
    feed(buffered.pop()!);
    yield* out.take();
  }
  decoder.end();
  tokenizer.end(total);
  if (decoder.errors > 0) {
    ctx.problem(
      'corrupt',
      `${decoder.errors} byte sequence${decoder.errors === 1 ? ' is' : 's are'} not valid ${charset} (charset from ${source}), the first at offset ${decoder.firstErrorOffset}: the text view has U+FFFD there (the bytes were scanned raw)`,
      decoder.firstErrorOffset,
    );
  }
  yield* out.finish(total);
}

/** The first `length` bytes of `chunks` as one array. */
function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= length) break;
    const part = chunk.subarray(0, length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The charset the container declared, when it names one the view decodes (UTF-16 labels are left to sniffing: the bytes tell). */
function fromContainer(label: string | undefined): CharsetDecision | undefined {
  const charset = label === undefined ? undefined : resolveLabel(label);
  if (charset === undefined || charset === 'unsupported' || charset === 'utf-16le' || charset === 'utf-16be') return undefined;
  return { charset, source: 'container', bomLength: 0 };
}
