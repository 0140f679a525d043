/**
 * WARC 1.0 / 1.1 (ISO 28500; https://iipc.github.io/warc-specifications/), the web-archive
 * format of wget `--warc-file`, Heritrix, Browsertrix and the Internet Archive:
 *
 *   WARC/1.1\r\n                         version line
 *   WARC-Type: response\r\n              named fields (§5), then an empty line
 *   WARC-Target-URI: http://host/p.html\r\n
 *   Content-Length: 1234\r\n             length of the block that follows
 *   \r\n
 *   <block: 1234 bytes>\r\n\r\n          then the next record
 *
 * Children: a `response` record's HTTP payload (status line and headers removed, chunked
 * transfer coding and gzip/deflate/br content codings undone, streaming), a `resource` or
 * `conversion` record's block as it is. `request`, `metadata`, `warcinfo`, `revisit` and
 * `continuation` records are not opened: their bytes are scanned raw with the WARC itself.
 * Link: `{ format: 'warc', path: <WARC-Target-URI bytes>, offset: <offset of the record's
 * "WARC/" line> }`. In a `.warc.gz` (one gzip member per record) the gzip handler hands over
 * the members' concatenated output, so the offsets are in the decompressed stream, not in the
 * `.warc.gz` file.
 *
 * Records are read in order from a stream; nothing is held beyond one header section.
 */
import { ByteReader } from '../byte-reader.js';
import { charsetOf, codingsOf, decodeCoding, dechunk, headEnd, isDecodedCoding, maxHttpHeadBytes, parseFieldLines, parseHttpResponseHead, type HttpHeader, type HttpResponseHead } from './http-message.js';
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';

/** Longest WARC header section accepted, in bytes (long URIs included; real ones are < 4 KiB). */
export const maxWarcHeadBytes = 256 * 1024;
/** Block bytes read per step. */
const readStepBytes = 64 * 1024;
/** Record types whose content is opened as a child; the others carry requests, logs and metadata. */
const contentTypes = new Set(['response', 'resource', 'conversion']);

const versionLines = ['WARC/1.0', 'WARC/1.1'].map((line) => Buffer.from(line, 'latin1'));

export interface WarcRecordHead {
  /** `1.0`, `1.1` (later records are accepted at any `WARC/x.y`). */
  readonly version: string;
  readonly fields: readonly HttpHeader[];
  /** `WARC-Type`, lowercased (`response`, `resource`…); undefined when the field is missing. */
  readonly type?: string;
  /** `WARC-Target-URI` as bytes, without the `<…>` that WARC 1.0 examples put around it. */
  readonly targetUri?: Uint8Array;
  readonly recordId?: string;
  /** Block length in bytes (`Content-Length`). */
  readonly contentLength: number;
}

/** Parses a record's header section (version line and fields, without the empty line). Pure. */
export function parseWarcHead(section: Uint8Array): WarcRecordHead | { readonly error: string } {
  const parsed = parseFieldLines(section);
  if ('error' in parsed) return parsed;
  const version = /^WARC\/(\d+\.\d+)$/.exec(parsed.first);
  if (version === null) return { error: `not a WARC version line: ${JSON.stringify(parsed.first.slice(0, 40))}` };
  const field = (name: string) => parsed.fields.find((candidate) => candidate.name === name)?.value;
  const length = field('content-length');
  if (length === undefined) return { error: 'no Content-Length field' };
  if (!/^\d{1,15}$/.test(length)) return { error: `bad Content-Length ${JSON.stringify(length.slice(0, 40))}` };
  const type = field('warc-type')?.toLowerCase();
  const uri = field('warc-target-uri');
  const recordId = field('warc-record-id');
  return {
    version: version[1]!,
    fields: parsed.fields,
    contentLength: Number(length),
    ...(type === undefined ? {} : { type }),
    ...(uri === undefined ? {} : { targetUri: Buffer.from(/^<.*>$/.test(uri) ? uri.slice(1, -1) : uri, 'latin1') }),
    ...(recordId === undefined ? {} : { recordId }),
  };
}

export const warcHandler = defineHandler({
  id: 'warc',
  kind: 'document',
  doc: {
    name: 'WARC web archive (1.0, 1.1; .warc.gz through the gzip handler)',
    references: ['https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/', 'https://www.rfc-editor.org/rfc/rfc9112#section-7.1'],
    limitations: [
      'Offsets in a .warc.gz are offsets in the decompressed stream (the gzip layer of the chain), not in the file.',
      'Segmented records (WARC-Segment-Number, continuation records) are not reassembled: each segment is scanned raw.',
      'revisit records point at an earlier capture and carry no payload; they are not resolved.',
      'Content codings other than gzip, deflate and br are not decoded here (zstd is opened by the zstd handler; others are reported unsupported and scanned as they are).',
    ],
  },
  // A WARC is trusted only at the start of an object (a file, an archive member, a gzip stream).
  signatures: versionLines.map((magic) => ({ magic, offset: 0, startOnly: true })),
  headLength: 10,
  detect(head) {
    const version = versionLines.find((line) => line.every((byte, i) => head[i] === byte));
    if (version === undefined) return { ok: false, reason: 'no WARC/1.0 or WARC/1.1 line at offset 0' };
    const after = head[version.length];
    if (after !== 0x0d && after !== 0x0a) return { ok: false, reason: 'WARC version line not followed by a line end' };
    return { ok: true };
  },
  open: openWarc,
});

async function* openWarc(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new ByteReader(input.stream);
  for (let number = 1; !(await reader.atEnd()); number++) {
    const start = reader.position;
    const section = await readSection(reader, maxWarcHeadBytes, `WARC record ${number} at offset ${start}`);
    const head = parseWarcHead(section);
    if ('error' in head) throw new InputError('corrupt', `WARC record ${number} at offset ${start}: ${head.error}; the rest of the input was scanned raw, not opened`, start);
    const label = `WARC record ${number} (${head.type ?? 'no WARC-Type'}${head.targetUri === undefined ? '' : ` ${display(head.targetUri)}`}) at offset ${start}`;
    const block = new Block(reader, head.contentLength, label);
    const link = { format: 'warc', offset: start, ...pathOf(head) };
    if (head.type !== undefined && contentTypes.has(head.type)) {
      if (head.type === 'response') yield* responseChildren(block, link, label, ctx);
      else if (head.contentLength > 0) yield { link, stream: keptCounting(block.stream(), label), size: head.contentLength, verbatim: { start: block.start, end: block.end } };
    }
    if (!(await block.skipRest())) {
      // A child that read up to the cut has already reported it, with what it kept.
      if (!block.reported) ctx.problem('corrupt', `${label}: truncated: the input ends after ${block.consumed} of ${head.contentLength} block bytes; they were scanned raw, the record was not opened past the cut`, block.start + block.consumed);
      return;
    }
    await skipRecordEnd(reader);
  }
}

/** The record's path in the chain: its target URI, else its record id, else none. */
function pathOf(head: WarcRecordHead): { path?: Uint8Array } {
  if (head.targetUri !== undefined) return { path: head.targetUri };
  return head.recordId === undefined ? {} : { path: Buffer.from(head.recordId, 'latin1') };
}

/**
 * The payload of a `response` record. An HTTP message (the block starts with `HTTP/`) loses
 * its status line and headers, then the codings are undone in reverse order of application:
 * transfer codings, then content codings. A payload with no coding is a verbatim slice.
 */
async function* responseChildren(block: Block, link: Child['link'], label: string, ctx: OpenContext): AsyncGenerator<Child> {
  const first = await block.peek(5);
  if (Buffer.from(first).toString('latin1') !== 'HTTP/') {
    // dns:, whois: and other non-HTTP responses: the block is the content.
    if (block.length > 0) yield { link, stream: keptCounting(block.stream(), label), size: block.length, verbatim: { start: block.start, end: block.end } };
    return;
  }
  let head = await httpHead(block, label, ctx);
  // Interim 1xx responses (100 Continue) precede the final one in the same block.
  while (head !== undefined && head.status >= 100 && head.status < 200 && head.status !== 101) head = await httpHead(block, label, ctx);
  if (head === undefined) return;
  const charset = charsetOf(head.headers);
  const declared = charset === undefined ? {} : { charset };
  const transfer = codingsOf(head.headers, 'transfer-encoding');
  const content = codingsOf(head.headers, 'content-encoding');
  const remaining = block.length - block.consumed;
  if (transfer.length === 0 && content.length === 0) {
    if (remaining > 0) yield { link, stream: keptCounting(block.stream(), label), size: remaining, verbatim: { start: block.start + block.consumed, end: block.end }, ...declared };
    return;
  }
  let stream: AsyncIterable<Uint8Array> = block.stream();
  let undecoded: string | undefined;
  // Chunk data with no content coding is the payload verbatim, piece by piece: those pieces are the child's.
  const owns: { start: number; end: number }[] = [];
  const payloadStart = block.start + block.consumed;
  const verbatimPieces = content.length === 0 && transfer.length === 1;
  const onData = (start: number, end: number) => {
    const last = owns.at(-1);
    if (last !== undefined && last.end === payloadStart + start) last.end = payloadStart + end;
    else owns.push({ start: payloadStart + start, end: payloadStart + end });
  };
  for (const coding of [...content, ...transfer].reverse()) {
    if (coding === 'chunked') stream = dechunk(stream, verbatimPieces ? onData : undefined);
    else if (isDecodedCoding(coding)) stream = decodeCoding(stream, coding);
    else {
      undecoded = coding;
      break;
    }
  }
  if (undecoded !== undefined && undecoded !== 'zstd') {
    ctx.problem('unsupported', `${label}: coding ${JSON.stringify(undecoded)} is not decoded; the payload is scanned with it still applied`, block.start + block.consumed);
  }
  yield { link, stream: keptCounting(stream, label), ...(verbatimPieces ? { owns } : {}), ...declared };
}

/** Reads the next HTTP head from the block; a problem and undefined when there is none. */
async function httpHead(block: Block, label: string, ctx: OpenContext): Promise<HttpResponseHead | undefined> {
  const at = block.start + block.consumed;
  const limit = Math.min(maxHttpHeadBytes, block.length - block.consumed);
  const available = await block.peek(limit);
  const end = headEnd(available);
  if (end === -1) {
    if (available.length < limit) return undefined; // truncated: the caller's skipRest reports it
    ctx.problem('corrupt', `${label}: no end of the HTTP header section within ${limit} bytes; the record was scanned raw only`, at);
    return undefined;
  }
  const head = parseHttpResponseHead(await block.take(end));
  if ('error' in head) {
    ctx.problem('corrupt', `${label}: ${head.error}; the record was scanned raw only`, at);
    return undefined;
  }
  return head;
}

/** Passes `stream` through, and names the record and the bytes kept when it fails. */
async function* keptCounting(stream: AsyncIterable<Uint8Array>, label: string): AsyncGenerator<Uint8Array> {
  let kept = 0;
  try {
    for await (const chunk of stream) {
      kept += chunk.length;
      yield chunk;
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(error.kind, `${error.message.startsWith(label) ? error.message : `${label}: ${error.message}`}; the ${kept} payload bytes decoded before it were scanned`, error.offset);
  }
}

/**
 * One record's block, read from the shared reader. Reads are serialised on one promise chain:
 * a decoder abandoned mid-read (its pipe is torn down asynchronously) finishes its read before
 * `skipRest` reads on, so the reader never serves two callers at once.
 */
class Block {
  readonly start: number;
  readonly end: number;
  consumed = 0;
  /** Set when a child stream met the end of the input inside the block and threw (the driver recorded it). */
  reported = false;
  readonly #reader: ByteReader;
  readonly #label: string;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(reader: ByteReader, readonly length: number, label: string) {
    this.#reader = reader;
    this.#label = label;
    this.start = reader.position;
    this.end = this.start + length;
  }

  #serial<T>(step: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(step);
    this.#chain = result.catch(() => undefined);
    return result;
  }

  /** Up to `length` of the block's next bytes, not consumed (fewer at the end of the block or input). */
  peek(length: number): Promise<Uint8Array> {
    return this.#serial(() => this.#reader.peek(Math.min(length, this.length - this.consumed)));
  }

  /** Consumes exactly `length` bytes already seen by `peek`. */
  take(length: number): Promise<Uint8Array> {
    return this.#serial(async () => {
      const bytes = await this.#reader.readExactly(length, this.#label);
      this.consumed += length;
      return bytes;
    });
  }

  /** The rest of the block; throws `InputError('corrupt')` when the input ends first (and marks the cut as reported). */
  async *stream(): AsyncGenerator<Uint8Array> {
    for (;;) {
      let chunk: Uint8Array | undefined;
      try {
        chunk = await this.#next();
      } catch (error) {
        this.reported = true;
        throw error;
      }
      if (chunk === undefined) return;
      yield chunk;
    }
  }

  /** Discards what no child read. False when the input ended inside the block. */
  async skipRest(): Promise<boolean> {
    try {
      while ((await this.#next()) !== undefined);
      return true;
    } catch (error) {
      if (error instanceof InputError) return false;
      throw error;
    }
  }

  #next(): Promise<Uint8Array | undefined> {
    return this.#serial(async () => {
      const left = this.length - this.consumed;
      if (left === 0) return undefined;
      const chunk = await this.#reader.readUpTo(Math.min(left, readStepBytes));
      if (chunk.length === 0) {
        throw new InputError('corrupt', `${this.#label}: truncated: the input ends after ${this.consumed} of ${this.length} block bytes`, this.start + this.consumed);
      }
      this.consumed += chunk.length;
      return chunk;
    });
  }
}

/**
 * A header section, with the empty line that ends it, read with a growing peek. Throws
 * `InputError('corrupt')` when the input ends first or no empty line comes within `maxBytes`.
 */
async function readSection(reader: ByteReader, maxBytes: number, what: string): Promise<Uint8Array> {
  for (let want = 1024; ; want *= 4) {
    const bound = Math.min(want, maxBytes);
    const bytes = await reader.peek(bound);
    const end = headEnd(bytes);
    if (end !== -1) return reader.readExactly(end, what);
    if (bytes.length < bound) throw new InputError('corrupt', `${what}: header truncated: the input ends after ${bytes.length} bytes without the empty line that ends it`, reader.position + bytes.length);
    if (bound === maxBytes) throw new InputError('corrupt', `${what}: no end of the header within ${maxBytes} bytes`, reader.position);
  }
}

/** Skips the CRLF CRLF after a block (lenient: up to four CR or LF bytes). */
async function skipRecordEnd(reader: ByteReader): Promise<void> {
  const tail = await reader.peek(4);
  let count = 0;
  while (count < tail.length && (tail[count] === 0x0d || tail[count] === 0x0a)) count++;
  await reader.skipExactly(count, 'WARC record end');
}

/** A URI for messages: UTF-8 where it decodes, at most 120 characters. */
function display(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
