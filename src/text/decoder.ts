/**
 * An incremental decoder that knows where every character came from: bytes go in chunk by
 * chunk, code points come out with the raw byte range `[start, end)` of the sequence that
 * encoded them, so a text view can map what it writes back to the document's bytes. A
 * sequence split across chunks is completed by the next chunk.
 *
 * The decoders follow the WHATWG Encoding Standard's algorithms (error handling included: an
 * invalid sequence becomes one U+FFFD covering the bytes it consumed, and an ASCII byte that
 * could not be a trail byte is decoded again on its own). The character tables are
 * iconv-lite's (the same library that encodes fwsift's needles) for the double-byte charsets
 * and `TextDecoder`'s for the single-byte ones, looked up once per distinct byte pair.
 *
 * Memory: at most three pending bytes plus the lazily filled pair tables (one per charset).
 */
import { iconv } from '../core/iconv.js';

export const singleByteCharsets = [
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8',
  'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r', 'koi8-u',
  'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254',
  'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic',
] as const;
export type SingleByteCharset = (typeof singleByteCharsets)[number];
export type MultiByteCharset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'shift_jis' | 'euc-kr';
/** Every charset a text view decodes (WHATWG names). */
export type Charset = MultiByteCharset | SingleByteCharset;

export const replacementCharacter = 0xfffd;

/** Receives each decoded code point with the raw range it came from; invalid input arrives as U+FFFD with `error` set. */
export type CharSink = (codePoint: number, start: number, end: number, error: boolean) => void;

/** iconv-lite's names for the double-byte charsets. */
const iconvNames = { gb18030: 'gb18030', big5: 'big5', shift_jis: 'shiftjis', 'euc-kr': 'euckr' } as const;
type DoubleByteCharset = keyof typeof iconvNames;

/**
 * Decoded pairs per charset, indexed by `lead << 8 | trail`: 0 not looked up yet, -1 no
 * character, -2 two code points (in `pairSequences`), else the code point.
 */
const pairTables = new Map<DoubleByteCharset, Int32Array>();
const pairSequences = new Map<number, readonly number[]>();

function decodePair(charset: DoubleByteCharset, lead: number, trail: number): number {
  let table = pairTables.get(charset);
  if (table === undefined) {
    table = new Int32Array(0x10000);
    pairTables.set(charset, table);
  }
  const key = (lead << 8) | trail;
  let value = table[key]!;
  if (value === 0) {
    const decoded = [...iconv().decode(Buffer.of(lead, trail), iconvNames[charset])].map((char) => char.codePointAt(0)!);
    // One character, or two for the four Big5 pairs that decode to a base letter and a combining mark.
    if (decoded.length === 0 || decoded.length > 2 || decoded.includes(replacementCharacter)) value = -1;
    else if (decoded.length === 2) {
      value = -2;
      pairSequences.set((charsetIndex[charset] << 16) | key, decoded);
    } else value = decoded[0]!;
    table[key] = value;
  }
  return value;
}

const charsetIndex: Readonly<Record<DoubleByteCharset, number>> = { gb18030: 1, big5: 2, shift_jis: 3, 'euc-kr': 4 };

const singleByteTables = new Map<SingleByteCharset, Int32Array>();

function singleByteTable(charset: SingleByteCharset): Int32Array {
  let table = singleByteTables.get(charset);
  if (table === undefined) {
    table = new Int32Array(256);
    const decoder = new TextDecoder(charset, { fatal: false });
    for (let byte = 0; byte < 256; byte++) {
      // Node's TextDecoder reads windows-1252 as ISO-8859-1 (0x80-0x9F as C1 controls);
      // iconv-lite has the real table, and WHATWG maps its five holes to the C1 code points.
      const text = charset === 'windows-1252' ? iconv().decode(Buffer.of(byte), 'windows-1252').replace('\ufffd', String.fromCharCode(byte)) : decoder.decode(Uint8Array.of(byte));
      table[byte] = text.length === 1 && text !== '\ufffd' ? text.charCodeAt(0) : -1;
    }
    singleByteTables.set(charset, table);
  }
  return table;
}

const isAscii = (byte: number) => byte < 0x80;

/** Which algorithm a charset uses (a number, so the per-byte dispatch is a cheap switch). */
const Kind = { utf8: 0, utf16le: 1, utf16be: 2, gb18030: 3, big5: 4, eucKr: 5, shiftJis: 6, singleByte: 7 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

function kindOf(charset: Charset): Kind {
  switch (charset) {
    case 'utf-8':
      return Kind.utf8;
    case 'utf-16le':
      return Kind.utf16le;
    case 'utf-16be':
      return Kind.utf16be;
    case 'gb18030':
      return Kind.gb18030;
    case 'big5':
      return Kind.big5;
    case 'euc-kr':
      return Kind.eucKr;
    case 'shift_jis':
      return Kind.shiftJis;
    default:
      return Kind.singleByte;
  }
}

/**
 * Decodes a stream in `charset`. `push` each chunk in order, then `end`; the first byte pushed
 * is at raw offset `startOffset` (past a byte order mark, say).
 */
export class StreamDecoder {
  readonly charset: Charset;
  readonly #kind: Kind;
  readonly #sink: CharSink;
  readonly #singleByte: Int32Array | undefined;
  #offset: number;
  /** Bytes of an incomplete sequence (`#count` of them), and the offset of the first. */
  #count = 0;
  #b0 = 0;
  #b1 = 0;
  #b2 = 0;
  #pendingStart = 0;
  /** UTF-16: a high surrogate waiting for its low half (-1 when none). */
  #highSurrogate = -1;
  #highStart = 0;
  #errors = 0;
  #firstErrorOffset: number | undefined;

  constructor(charset: Charset, startOffset: number, sink: CharSink) {
    this.charset = charset;
    this.#kind = kindOf(charset);
    this.#singleByte = this.#kind === Kind.singleByte ? singleByteTable(charset as SingleByteCharset) : undefined;
    this.#offset = startOffset;
    this.#sink = sink;
  }

  /** Invalid or incomplete sequences met so far (each became one U+FFFD). */
  get errors(): number {
    return this.#errors;
  }

  get firstErrorOffset(): number | undefined {
    return this.#firstErrorOffset;
  }

  push(bytes: Uint8Array): void {
    const asciiFast = this.#kind !== Kind.utf16le && this.#kind !== Kind.utf16be && this.#kind !== Kind.singleByte;
    const sink = this.#sink;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      const offset = this.#offset++;
      if (asciiFast && byte < 0x80 && this.#count === 0) sink(byte, offset, offset + 1, false);
      else this.#byte(byte, offset);
    }
  }

  /** Flushes an incomplete final sequence as an error. */
  end(): void {
    if (this.#count > 0) {
      this.#count = 0;
      this.#error(this.#pendingStart, this.#offset);
    }
    if (this.#highSurrogate >= 0) {
      this.#highSurrogate = -1;
      this.#error(this.#highStart, this.#highStart + 2);
    }
  }

  #error(start: number, end: number): void {
    this.#errors++;
    this.#firstErrorOffset ??= start;
    this.#sink(replacementCharacter, start, end, true);
  }

  #begin(byte: number, offset: number): void {
    this.#b0 = byte;
    this.#count = 1;
    this.#pendingStart = offset;
  }

  #byte(byte: number, offset: number): void {
    switch (this.#kind) {
      case Kind.utf8:
        return this.#utf8(byte, offset);
      case Kind.utf16le:
      case Kind.utf16be:
        return this.#utf16(byte, offset);
      case Kind.gb18030:
        return this.#gb18030(byte, offset);
      case Kind.big5:
        return this.#doubleByte('big5', byte, offset, byte >= 0x81 && byte <= 0xfe, (byte >= 0x40 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xfe));
      case Kind.eucKr:
        return this.#doubleByte('euc-kr', byte, offset, byte >= 0x81 && byte <= 0xfe, byte >= 0x41 && byte <= 0xfe);
      case Kind.shiftJis:
        return this.#shiftJis(byte, offset);
      case Kind.singleByte: {
        const codePoint = this.#singleByte![byte]!;
        if (codePoint < 0) this.#error(offset, offset + 1);
        else this.#sink(codePoint, offset, offset + 1, false);
      }
    }
  }

  /** WHATWG UTF-8 decoder: the maximal invalid subpart becomes one U+FFFD. */
  #utf8(byte: number, offset: number): void {
    if (this.#count === 0) {
      if (byte < 0x80) this.#sink(byte, offset, offset + 1, false);
      else if (byte >= 0xc2 && byte <= 0xf4) this.#begin(byte, offset);
      else this.#error(offset, offset + 1);
      return;
    }
    const lead = this.#b0;
    const lowerBound = this.#count === 1 ? (lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80) : 0x80;
    const upperBound = this.#count === 1 ? (lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf) : 0xbf;
    if (byte < lowerBound || byte > upperBound) {
      this.#count = 0;
      this.#error(this.#pendingStart, offset);
      this.#utf8(byte, offset);
      return;
    }
    const needed = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    if (this.#count === 1) this.#b1 = byte;
    else if (this.#count === 2) this.#b2 = byte;
    if (++this.#count < needed) return;
    this.#count = 0;
    let codePoint: number;
    if (needed === 2) codePoint = ((lead & 0x1f) << 6) | (byte & 0x3f);
    else if (needed === 3) codePoint = ((lead & 0x0f) << 12) | ((this.#b1 & 0x3f) << 6) | (byte & 0x3f);
    else codePoint = ((lead & 0x07) << 18) | ((this.#b1 & 0x3f) << 12) | ((this.#b2 & 0x3f) << 6) | (byte & 0x3f);
    this.#sink(codePoint, this.#pendingStart, offset + 1, false);
  }

  #utf16(byte: number, offset: number): void {
    if (this.#count === 0) return this.#begin(byte, offset);
    this.#count = 0;
    const start = this.#pendingStart;
    const unit = this.#kind === Kind.utf16le ? this.#b0 | (byte << 8) : (this.#b0 << 8) | byte;
    if (this.#highSurrogate >= 0) {
      const high = this.#highSurrogate;
      this.#highSurrogate = -1;
      if (unit >= 0xdc00 && unit <= 0xdfff) {
        this.#sink(0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00), this.#highStart, offset + 1, false);
        return;
      }
      this.#error(this.#highStart, start);
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      this.#highSurrogate = unit;
      this.#highStart = start;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) this.#error(start, offset + 1);
    else this.#sink(unit, start, offset + 1, false);
  }

  /** WHATWG gb18030 decoder (also GBK and GB2312: the same decoder). */
  #gb18030(byte: number, offset: number): void {
    const start = this.#pendingStart;
    switch (this.#count) {
      case 0:
        if (byte < 0x80) this.#sink(byte, offset, offset + 1, false);
        else if (byte === 0x80) this.#sink(0x20ac, offset, offset + 1, false);
        else if (byte === 0xff) this.#error(offset, offset + 1);
        else this.#begin(byte, offset);
        return;
      case 1: {
        if (byte >= 0x30 && byte <= 0x39) {
          this.#b1 = byte;
          this.#count = 2;
          return;
        }
        this.#count = 0;
        const value = (byte >= 0x40 && byte <= 0x7e) || (byte >= 0x80 && byte <= 0xfe) ? decodePair('gb18030', this.#b0, byte) : -1;
        if (value !== -1) return this.#emitPair('gb18030', value, this.#b0, byte, start, offset + 1);
        if (isAscii(byte)) {
          this.#error(start, start + 1);
          this.#gb18030(byte, offset);
        } else this.#error(start, offset + 1);
        return;
      }
      case 2:
        if (byte >= 0x81 && byte <= 0xfe) {
          this.#b2 = byte;
          this.#count = 3;
          return;
        }
        this.#count = 0;
        this.#error(start, start + 1);
        // WHATWG "prepend": the bytes after the failed lead are read again.
        this.#gb18030(this.#b1, start + 1);
        this.#gb18030(byte, offset);
        return;
      default: {
        this.#count = 0;
        const [first, second, third] = [this.#b0, this.#b1, this.#b2];
        if (byte < 0x30 || byte > 0x39) {
          this.#error(start, start + 1);
          this.#gb18030(second, start + 1);
          this.#gb18030(third, start + 2);
          this.#gb18030(byte, offset);
          return;
        }
        const decoded = iconv().decode(Buffer.of(first, second, third, byte), 'gb18030');
        if (decoded.length === 0 || decoded.includes('\ufffd')) this.#error(start, offset + 1);
        else this.#sink(decoded.codePointAt(0)!, start, offset + 1, false);
      }
    }
  }

  /** WHATWG Big5 and EUC-KR decoders: a lead byte and one trail byte. */
  #doubleByte(charset: DoubleByteCharset, byte: number, offset: number, isLead: boolean, isTrail: boolean): void {
    if (this.#count === 0) {
      if (byte < 0x80) this.#sink(byte, offset, offset + 1, false);
      else if (isLead) this.#begin(byte, offset);
      else this.#error(offset, offset + 1);
      return;
    }
    this.#trail(charset, byte, offset, isTrail);
  }

  /** WHATWG Shift_JIS decoder. */
  #shiftJis(byte: number, offset: number): void {
    if (this.#count === 0) {
      if (byte <= 0x80) this.#sink(byte, offset, offset + 1, false);
      else if (byte >= 0xa1 && byte <= 0xdf) this.#sink(0xff61 - 0xa1 + byte, offset, offset + 1, false);
      else if ((byte >= 0x81 && byte <= 0x9f) || (byte >= 0xe0 && byte <= 0xfc)) this.#begin(byte, offset);
      else this.#error(offset, offset + 1);
      return;
    }
    this.#trail('shift_jis', byte, offset, (byte >= 0x40 && byte <= 0x7e) || (byte >= 0x80 && byte <= 0xfc));
  }

  #trail(charset: DoubleByteCharset, byte: number, offset: number, trailOk: boolean): void {
    const lead = this.#b0;
    const start = this.#pendingStart;
    this.#count = 0;
    const value = trailOk ? decodePair(charset, lead, byte) : -1;
    if (value !== -1) return this.#emitPair(charset, value, lead, byte, start, offset + 1);
    if (isAscii(byte)) {
      this.#error(start, start + 1);
      this.#byte(byte, offset);
    } else this.#error(start, offset + 1);
  }

  #emitPair(charset: DoubleByteCharset, value: number, lead: number, trail: number, start: number, end: number): void {
    if (value >= 0) return this.#sink(value, start, end, false);
    for (const codePoint of pairSequences.get((charsetIndex[charset] << 16) | (lead << 8) | trail)!) this.#sink(codePoint, start, end, false);
  }
}

/**
 * Decodes a whole buffer (for the sniffer). With `complete` false, a sequence cut by the end
 * of `bytes` is not an error: the buffer is only a prefix.
 */
export function decodeAll(bytes: Uint8Array, charset: Charset, complete: boolean, onCodePoint: (codePoint: number) => void): { readonly errors: number } {
  const decoder = new StreamDecoder(charset, 0, (codePoint, _start, _end, error) => {
    if (!error) onCodePoint(codePoint);
  });
  decoder.push(bytes);
  if (complete) decoder.end();
  return { errors: decoder.errors };
}
