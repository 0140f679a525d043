/**
 * MHTML (RFC 2557: a MIME `multipart/related` message holding a web page and its resources;
 * Chrome's "Save as single file", IE's `.mht`) and other MIME multipart messages. The message's
 * top-level headers are at offset 0:
 *
 *   From: <Saved by Blink>
 *   MIME-Version: 1.0
 *   Content-Type: multipart/related; type="text/html"; boundary="----MultipartBoundary--…"
 *
 * Each part is a child object: its body decoded per its Content-Transfer-Encoding
 * (quoted-printable, base64; 7bit/8bit/binary as is), named by its Content-Location (bytes, as
 * written) or `part N`, with the offset of its body in the message. A part that is itself
 * multipart is opened in place (its parts become children too). The decoded page is then
 * recognised and rendered by the HTML text view like any other object.
 *
 * Streaming: a part's body is handed on as its bytes arrive; only a possible delimiter line
 * (a few bytes longer than the boundary) and one header block are ever buffered.
 *
 * Longer than most handlers because MIME has no reader elsewhere in fwsift: the header
 * parser, the delimiter matcher and the two transfer decoders live here with the handler.
 */
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';

/** Bytes of the message start that `detect` reads for the top-level headers. */
const headBytes = 8 * 1024;
/** Largest header block of the message or of a part. */
const maxHeaderBlockBytes = 64 * 1024;
/** RFC 2046 §5.1.1 allows 70 characters; a little slack for generators that exceed it. */
const maxBoundaryLength = 200;
/** Blanks allowed after a delimiter (RFC 2046 "transport padding"). */
const maxPaddingBytes = 1024;
/** Nested multiparts opened in place; deeper ones are passed on as raw parts. */
const maxNesting = 8;
/** Bytes of decoded output collected before they are handed on. */
const outputChunkBytes = 64 * 1024;

const cr = 0x0d;
const lf = 0x0a;
const dash = 0x2d;

interface Headers {
  readonly contentType: string;
  /** The part's `charset=` parameter, handed to the text view as the document's declared charset. */
  readonly charset?: string;
  readonly boundary?: string;
  readonly transferEncoding: string;
  readonly location?: Uint8Array;
}

export const mhtmlHandler = defineHandler({
  id: 'mhtml',
  kind: 'document',
  doc: {
    name: 'MHTML and MIME multipart messages',
    references: ['https://www.rfc-editor.org/rfc/rfc2557', 'https://www.rfc-editor.org/rfc/rfc2046#section-5.1', 'https://www.rfc-editor.org/rfc/rfc2045#section-6'],
    limitations: [
      'A part\'s charset parameter is passed to the text view, which uses it when the page declares none itself (BOM and <meta charset> come first).',
      'Parts are decoded copies, not slices: an 8bit part\'s terms are reported both in the message and in the part.',
      'Encoded-word headers (RFC 2047) are not decoded; Content-Location is kept as written.',
      'Transfer encodings other than quoted-printable, base64, 7bit, 8bit and binary are passed on undecoded (an `unsupported` problem).',
    ],
  },
  signatures: [],
  headLength: headBytes,
  detect(head) {
    const parsed = parseHeaderLines(head, false);
    if (parsed === undefined) return { ok: false, reason: 'does not start with MIME header lines' };
    if (!parsed.some(([name]) => name === 'mime-version')) return { ok: false, reason: 'no MIME-Version header' };
    const headers = interpret(parsed);
    if (!headers.contentType.startsWith('multipart/')) return { ok: false, reason: 'Content-Type is not multipart/*' };
    if (headers.boundary === undefined) return { ok: false, reason: 'multipart Content-Type without a usable boundary' };
    return { ok: true, reasons: [`MIME ${headers.contentType} message`] };
  },
  open: openMhtml,
});

async function* openMhtml(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new MimeReader(input.stream);
  const top = await reader.headerBlock();
  if (top === undefined) throw new InputError('corrupt', `mhtml: message headers are longer than ${maxHeaderBlockBytes} bytes or never end`, 0);
  const headers = interpret(top);
  if (headers.boundary === undefined) throw new InputError('corrupt', 'mhtml: multipart Content-Type without a usable boundary', 0);
  const boundaries = [encodeAscii(headers.boundary)];
  let count = 0;
  // The preamble, up to the first delimiter, is not a part.
  let delimiter = await reader.skipBody(boundaries);
  for (;;) {
    // A delimiter of an outer multipart ends the inner ones; a closing one returns to the parent.
    while (delimiter !== undefined) {
      boundaries.length = delimiter.level + 1;
      if (!delimiter.close || delimiter.level === 0) break;
      boundaries.length = delimiter.level;
      delimiter = await reader.skipBody(boundaries);
    }
    if (delimiter === undefined) {
      // Without the closing `--boundary--` nothing tells a complete message from a cut one.
      ctx.problem('corrupt', `mhtml: the message ends at byte ${reader.position} without its closing delimiter: cut short`, reader.position);
      return;
    }
    if (delimiter.close) return;
    const partStart = reader.position;
    const block = await reader.headerBlock();
    if (block === undefined) throw new InputError('corrupt', `mhtml: the headers of the part at offset ${partStart} are longer than ${maxHeaderBlockBytes} bytes or never end`, partStart);
    const part = interpret(block);
    count++;
    if (part.contentType.startsWith('multipart/') && part.boundary !== undefined && boundaries.length < maxNesting) {
      // A nested multipart is opened in place: its preamble is skipped, its parts follow.
      boundaries.push(encodeAscii(part.boundary));
      delimiter = await reader.skipBody(boundaries);
      continue;
    }
    const bodyStart = reader.position;
    const number = count;
    const raw = new PartBody(reader, boundaries);
    const decode = decoderFor(part.transferEncoding);
    if (decode === undefined) ctx.problem('unsupported', `mhtml: part ${number} at offset ${partStart} has Content-Transfer-Encoding "${part.transferEncoding}": passed on undecoded`, partStart);
    const stream = decoded(raw, decode ?? identity(), (message) => ctx.problem('corrupt', `mhtml: part ${number} at offset ${bodyStart}: ${message}`, bodyStart));
    yield { link: { format: 'mhtml', path: part.location ?? encodeAscii(`part ${number}`), offset: bodyStart }, stream, ...(part.charset === undefined ? {} : { charset: part.charset }) };
    // Whatever the consumer left of the body is skipped, so the next part starts where it should.
    while ((await raw.next()) !== undefined);
    delimiter = raw.delimiter;
  }
}

/** A delimiter line met: which boundary (its index in the stack) and whether it closes that multipart. */
interface Delimiter {
  readonly level: number;
  readonly close: boolean;
}

/** Sequential reads over the message with the small look-ahead that delimiter lines need. */
class MimeReader {
  readonly #iterator: AsyncIterator<Uint8Array>;
  #buffer: Uint8Array = new Uint8Array(0);
  #start = 0;
  #position = 0;
  #ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#iterator = source[Symbol.asyncIterator]();
  }

  /** Offset in the message of the next unread byte. */
  get position(): number {
    return this.#position;
  }

  get available(): Uint8Array {
    return this.#buffer.subarray(this.#start);
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Appends the next chunk to the buffer; false at the end of the stream. */
  async fill(): Promise<boolean> {
    if (this.#ended) return false;
    const next = await this.#iterator.next();
    if (next.done === true) {
      this.#ended = true;
      return false;
    }
    const rest = this.available;
    const joined = new Uint8Array(rest.length + next.value.length);
    joined.set(rest);
    joined.set(next.value, rest.length);
    this.#buffer = joined;
    this.#start = 0;
    return true;
  }

  consume(length: number): Uint8Array {
    const out = this.#buffer.subarray(this.#start, this.#start + length);
    this.#start += length;
    this.#position += length;
    return out;
  }

  /** One header block up to and including its empty line, or `undefined` when it is too long. */
  async headerBlock(): Promise<[string, Uint8Array][] | undefined> {
    for (;;) {
      const end = headerBlockEnd(this.available);
      if (end !== undefined) return parseHeaderLines(this.consume(end), true) ?? [];
      if (this.available.length > maxHeaderBlockBytes) return undefined;
      if (!(await this.fill())) {
        // Headers that run to the end of the message: a part without a body.
        return this.available.length === 0 ? [] : parseHeaderLines(this.consume(this.available.length), true) ?? [];
      }
    }
  }

  /** Skips a body (a preamble) up to the next delimiter line; `undefined` at the end of the message. */
  async skipBody(boundaries: readonly Uint8Array[]): Promise<Delimiter | undefined> {
    const body = new PartBody(this, boundaries);
    while ((await body.next()) !== undefined);
    return body.delimiter;
  }
}

/**
 * The raw bytes of one body, up to the line break before the next delimiter line of any open
 * multipart (RFC 2046 §5.1.1: the CRLF before `--boundary` belongs to the delimiter).
 */
class PartBody {
  readonly #reader: MimeReader;
  readonly #boundaries: readonly Uint8Array[];
  /** True when the next unread byte starts a line (a body starts on one). */
  #lineStart = true;
  #done = false;
  delimiter: Delimiter | undefined;

  constructor(reader: MimeReader, boundaries: readonly Uint8Array[]) {
    this.#reader = reader;
    this.#boundaries = boundaries;
  }

  /** The next run of body bytes, or `undefined` once the delimiter (or the end of the message) was reached. */
  async next(): Promise<Uint8Array | undefined> {
    const reader = this.#reader;
    while (!this.#done) {
      const bytes = reader.available;
      let undecided = -1;
      let found: { readonly at: number; readonly match: Match } | undefined;
      for (let at = this.#lineStart ? 0 : nextLine(bytes, 0); at >= 0; at = nextLine(bytes, at)) {
        const match = delimiterAt(bytes, at, this.#boundaries, reader.ended);
        if (match === 'more') {
          undecided = at;
          break;
        }
        if (match !== undefined) {
          found = { at, match };
          break;
        }
      }
      if (found !== undefined) {
        const bodyEnd = lineBreakStart(bytes, found.at);
        if (bodyEnd > 0) return this.#emit(bodyEnd);
        reader.consume(found.at + found.match.length);
        this.delimiter = { level: found.match.level, close: found.match.close };
        this.#done = true;
        return undefined;
      }
      // Body up to the first line that might still be a delimiter (or up to a final CR, whose LF may follow).
      const safe = reader.ended ? bytes.length : undecided >= 0 ? lineBreakStart(bytes, undecided) : bytes[bytes.length - 1] === cr ? bytes.length - 1 : bytes.length;
      if (safe > 0) return this.#emit(safe);
      if (!(await reader.fill()) && reader.available.length === 0) {
        this.#done = true;
        return undefined;
      }
    }
    return undefined;
  }

  #emit(length: number): Uint8Array {
    const out = this.#reader.consume(length);
    this.#lineStart = out[out.length - 1] === lf;
    return out;
  }
}

/** The start of the line after the one containing `from` (possibly `bytes.length`), or -1. */
function nextLine(bytes: Uint8Array, from: number): number {
  const at = bytes.indexOf(lf, from);
  return at < 0 ? -1 : at + 1;
}

/** Where the body ends before the line starting at `lineStart`: the CRLF or LF before it belongs to the delimiter. */
function lineBreakStart(bytes: Uint8Array, lineStart: number): number {
  let at = lineStart;
  if (at > 0 && bytes[at - 1] === lf) at--;
  if (at > 0 && bytes[at - 1] === cr) at--;
  return at;
}

interface Match {
  readonly level: number;
  readonly close: boolean;
  readonly length: number;
}
type DelimiterMatch = Match | 'more' | undefined;

/**
 * The delimiter line at `at`: `--boundary`, optional `--`, optional white space, a line break
 * (or the end of the message); `more` when the buffer ends before that can be told.
 */
function delimiterAt(bytes: Uint8Array, at: number, boundaries: readonly Uint8Array[], ended: boolean): DelimiterMatch {
  const more = ended ? undefined : 'more';
  for (let level = boundaries.length - 1; level >= 0; level--) {
    const boundary = boundaries[level]!;
    let i = at;
    const expect = (byte: number): boolean | 'more' => (i >= bytes.length ? 'more' : bytes[i++] === byte);
    let matched: boolean | 'more' = expect(dash);
    if (matched === true) matched = expect(dash);
    for (let k = 0; matched === true && k < boundary.length; k++) matched = expect(boundary[k]!);
    if (matched === 'more') return more;
    if (!matched) continue;
    if (bytes[i] === dash && i + 1 >= bytes.length) return more;
    const close = bytes[i] === dash && bytes[i + 1] === dash;
    if (close) i += 2;
    const padding = i;
    while (bytes[i] === 0x20 || bytes[i] === 0x09) i++;
    // Transport padding is a few blanks; a long run of them is text, and is not held back.
    if (i - padding > maxPaddingBytes) continue;
    if (i >= bytes.length) return ended ? { level, close, length: i - at } : 'more';
    if (bytes[i] === lf) return { level, close, length: i + 1 - at };
    if (bytes[i] === cr) {
      if (i + 1 >= bytes.length) return ended ? { level, close, length: i + 1 - at } : 'more';
      if (bytes[i + 1] === lf) return { level, close, length: i + 2 - at };
    }
  }
  return undefined;
}

/** Offset just past the empty line that ends the header block at the start of `bytes`, if it is there. */
function headerBlockEnd(bytes: Uint8Array): number | undefined {
  if (bytes[0] === lf) return 1;
  if (bytes[0] === cr && bytes[1] === lf) return 2;
  for (let at = bytes.indexOf(lf); at >= 0; at = bytes.indexOf(lf, at + 1)) {
    if (bytes[at + 1] === lf) return at + 2;
    if (bytes[at + 1] === cr && bytes[at + 2] === lf) return at + 3;
  }
  return undefined;
}

/**
 * Header lines (`Name: value`, folded continuation lines joined) up to the first empty line.
 * Names are lowercased; values stay bytes. `undefined` when a line is not a header (`strict`
 * false: the start of an arbitrary file), or for an empty block.
 */
function parseHeaderLines(bytes: Uint8Array, strict: boolean): [string, Uint8Array][] | undefined {
  const headers: [string, Uint8Array][] = [];
  let at = 0;
  while (at < bytes.length) {
    let end = bytes.indexOf(lf, at);
    if (end < 0) {
      if (!strict) break;
      end = bytes.length;
    }
    const line = bytes.subarray(at, end > at && bytes[end - 1] === cr ? end - 1 : end);
    at = end + 1;
    if (line.length === 0) break;
    if ((line[0] === 0x20 || line[0] === 0x09) && headers.length > 0) {
      const last = headers[headers.length - 1]!;
      last[1] = concatBytes(last[1], line);
      continue;
    }
    const colon = line.indexOf(0x3a);
    const nameOk = colon > 0 && line.subarray(0, colon).every((byte) => byte > 0x20 && byte < 0x7f);
    if (!nameOk) {
      if (strict) continue;
      return undefined;
    }
    headers.push([Buffer.from(line.subarray(0, colon)).toString('latin1').toLowerCase(), line.subarray(colon + 1)]);
  }
  return headers.length === 0 && !strict ? undefined : headers;
}

function interpret(headers: readonly [string, Uint8Array][]): Headers {
  const value = (name: string) => headers.find(([key]) => key === name)?.[1];
  const contentType = value('content-type');
  const typeText = contentType === undefined ? 'text/plain' : Buffer.from(contentType).toString('latin1');
  const [type = 'text/plain', ...params] = splitParameters(typeText);
  const boundary = params.map(parameter).find(([name]) => name === 'boundary')?.[1];
  const charset = params.map(parameter).find(([name]) => name === 'charset')?.[1];
  const encoding = value('content-transfer-encoding');
  const location = value('content-location');
  const trimmedLocation = location === undefined ? undefined : trim(location);
  return {
    contentType: type.trim().toLowerCase(),
    ...(boundary !== undefined && boundary.length > 0 && boundary.length <= maxBoundaryLength ? { boundary } : {}),
    transferEncoding: encoding === undefined ? '7bit' : Buffer.from(encoding).toString('latin1').trim().toLowerCase(),
    ...(trimmedLocation !== undefined && trimmedLocation.length > 0 ? { location: trimmedLocation } : {}),
    ...(charset !== undefined && charset.length > 0 ? { charset } : {}),
  };
}

/** `a; b="x;y"; c=d` → [`a`, ` b="x;y"`, ` c=d`] (semicolons inside quotes do not split). */
function splitParameters(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function parameter(text: string): [string, string] {
  const equals = text.indexOf('=');
  if (equals < 0) return [text.trim().toLowerCase(), ''];
  const raw = text.slice(equals + 1).trim();
  const value = raw.startsWith('"') ? raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined).replace(/\\(.)/g, '$1') : raw;
  return [text.slice(0, equals).trim().toLowerCase(), value];
}

function trim(bytes: Uint8Array): Uint8Array {
  let start = 0;
  let end = bytes.length;
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  return bytes.slice(start, end);
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function encodeAscii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

/** A streaming transfer decoder: `push` returns decoded bytes; `end` flushes. `lost` counts input bytes it had to drop. */
interface TransferDecoder {
  push(bytes: Uint8Array): Uint8Array;
  end(): Uint8Array;
  readonly lost: number;
}

function decoderFor(encoding: string): TransferDecoder | undefined {
  switch (encoding) {
    case 'quoted-printable':
      return quotedPrintable();
    case 'base64':
      return base64();
    case '7bit':
    case '8bit':
    case 'binary':
      return identity();
    default:
      return undefined;
  }
}

function identity(): TransferDecoder {
  return { push: (bytes) => bytes, end: () => new Uint8Array(0), lost: 0 };
}

const hexValue = (byte: number) => (byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : byte >= 0x41 && byte <= 0x46 ? byte - 0x37 : byte >= 0x61 && byte <= 0x66 ? byte - 0x57 : -1);

const isSpaceOrTab = (byte: number) => byte === 0x20 || byte === 0x09;

/**
 * RFC 2045 §6.7: `=XX` is a byte, `=` at a line end (after optional white space) is a soft line
 * break, and white space at a line end was added in transport and goes. A malformed `=`
 * sequence is kept as written.
 */
function quotedPrintable(): TransferDecoder {
  /** Bytes after an `=`, while they may still be an escape or a soft break. */
  let escape: number[] | undefined;
  /** Spaces and tabs, dropped if the line ends right after them. */
  let spaces: number[] = [];
  let out: number[] = [];
  const step = (byte: number): void => {
    if (escape !== undefined) {
      const sequence = escape;
      sequence.push(byte);
      const blank = sequence.slice(0, -1).every((b) => isSpaceOrTab(b) || b === cr);
      if (byte === lf && blank) escape = undefined;
      else if ((isSpaceOrTab(byte) || byte === cr) && blank && sequence.length < 1024) return;
      else if (sequence.length === 1 && hexValue(byte) >= 0) return;
      else if (sequence.length === 2 && hexValue(sequence[0]!) >= 0 && hexValue(byte) >= 0) {
        out.push((hexValue(sequence[0]!) << 4) | hexValue(byte));
        escape = undefined;
      } else {
        escape = undefined;
        out.push(0x3d);
        sequence.forEach(step);
      }
      return;
    }
    if (isSpaceOrTab(byte)) {
      spaces.push(byte);
      if (spaces.length > 1024) out.push(...spaces.splice(0));
      return;
    }
    if (byte === cr || byte === lf) spaces = [];
    else if (spaces.length > 0) out.push(...spaces.splice(0));
    if (byte === 0x3d) escape = [];
    else out.push(byte);
  };
  const take = () => {
    const bytes = Uint8Array.from(out);
    out = [];
    return bytes;
  };
  return {
    lost: 0,
    push(bytes) {
      for (const byte of bytes) step(byte);
      return take();
    },
    end() {
      const sequence = escape;
      escape = undefined;
      if (sequence !== undefined) {
        out.push(0x3d);
        sequence.forEach(step);
        if (escape !== undefined) out.push(0x3d, ...(escape as number[]));
      }
      spaces = [];
      return take();
    },
  };
}

/** RFC 2045 §6.8: four alphabet characters make three bytes; line breaks and other characters outside the alphabet are skipped. */
function base64(): TransferDecoder {
  let quantum = 0;
  let count = 0;
  const state = { lost: 0 };
  const value = (byte: number) =>
    byte >= 0x41 && byte <= 0x5a ? byte - 0x41 : byte >= 0x61 && byte <= 0x7a ? byte - 0x47 : byte >= 0x30 && byte <= 0x39 ? byte + 4 : byte === 0x2b ? 62 : byte === 0x2f ? 63 : -1;
  const flush = (out: number[]) => {
    if (count === 2) out.push((quantum >> 4) & 0xff);
    else if (count === 3) out.push((quantum >> 10) & 0xff, (quantum >> 2) & 0xff);
    else if (count === 1) state.lost++;
    quantum = 0;
    count = 0;
  };
  return {
    get lost() {
      return state.lost;
    },
    push(bytes) {
      const out: number[] = [];
      for (const byte of bytes) {
        const sextet = value(byte);
        if (sextet < 0) {
          if (byte === 0x3d) {
            flush(out);
          } else if (byte !== cr && byte !== lf && byte !== 0x20 && byte !== 0x09) state.lost++;
          continue;
        }
        quantum = (quantum << 6) | sextet;
        if (++count === 4) {
          out.push((quantum >> 16) & 0xff, (quantum >> 8) & 0xff, quantum & 0xff);
          quantum = 0;
          count = 0;
        }
      }
      return Uint8Array.from(out);
    },
    end() {
      const out: number[] = [];
      flush(out);
      return Uint8Array.from(out);
    },
  };
}

/** The decoded body as a stream; the raw body's own iterator is left for the handler to finish. */
async function* decoded(raw: PartBody, decoder: TransferDecoder, corrupt: (message: string) => void): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for (let chunk = await raw.next(); chunk !== undefined; chunk = await raw.next()) {
    const out = decoder.push(chunk);
    if (out.length === 0) continue;
    pending.push(out);
    pendingBytes += out.length;
    if (pendingBytes >= outputChunkBytes) {
      yield concatAll(pending);
      pending = [];
      pendingBytes = 0;
    }
  }
  const last = decoder.end();
  if (last.length > 0) pending.push(last);
  if (pending.length > 0) yield concatAll(pending);
  if (decoder.lost > 0) corrupt(`${decoder.lost} byte${decoder.lost === 1 ? '' : 's'} of the encoded body could not be decoded and were dropped`);
}

function concatAll(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
