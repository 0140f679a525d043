/**
 * Which character encoding a document is in: byte order marks, the WHATWG label table (through
 * `TextDecoder`, which implements it), the HTML `<meta>` prescan, the XML declaration, and a
 * sniffer for undeclared pages (UTF-8 if it decodes, else GB18030 or Big5 by errors and by how
 * many of the decoded characters are common Chinese ones).
 *
 * Pure functions over a byte prefix; nothing here reads a stream.
 */
import { decodeAll, singleByteCharsets, type Charset } from './decoder.js';

/** What decided the charset, recorded in problems and tests. */
export type CharsetSource = 'bom' | 'meta' | 'xml-declaration' | 'container' | 'sniffed' | 'default';

export interface CharsetDecision {
  readonly charset: Charset;
  readonly source: CharsetSource;
  /** Bytes of byte order mark to skip (0 without one). */
  readonly bomLength: number;
  /** The label as written, when the document declared one that could not be honoured. */
  readonly unsupportedLabel?: string;
}

/** WHATWG "BOM sniff": UTF-8 EF BB BF, UTF-16LE FF FE, UTF-16BE FE FF. */
export function sniffBom(head: Uint8Array): { readonly charset: Charset; readonly length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

const singleByte = new Set<string>(singleByteCharsets);

/**
 * The charset a label names (WHATWG "get an encoding": trimmed, case-insensitive, aliases such
 * as gb2312/gbk/x-gbk → GB18030, big5-hkscs → Big5, latin1 → windows-1252); `unsupported` for
 * a real encoding the views do not decode (euc-jp, iso-2022-jp, x-user-defined, utf-32…);
 * `undefined` for a label that names no encoding at all.
 */
export function resolveLabel(label: string): Charset | 'unsupported' | undefined {
  const trimmed = label.trim().toLowerCase();
  let canonical: string;
  try {
    canonical = new TextDecoder(trimmed).encoding;
  } catch (error) {
    if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
    return knownUndecoded.has(trimmed) ? 'unsupported' : undefined;
  }
  switch (canonical) {
    case 'utf-8':
    case 'utf-16le':
    case 'utf-16be':
    case 'gb18030':
    case 'big5':
    case 'shift_jis':
    case 'euc-kr':
      return canonical;
    case 'gbk':
      return 'gb18030';
    default:
      return singleByte.has(canonical) ? (canonical as Charset) : 'unsupported';
  }
}

/** Labels of encodings that Node's `TextDecoder` does not construct but that do exist. */
const knownUndecoded = new Set(['x-user-defined', 'replacement', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext', 'iso-2022-kr', 'csiso2022kr', 'utf-32', 'utf-32le', 'utf-32be', 'utf-7']);

const lower = (byte: number) => (byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte);
const isSpace = (byte: number | undefined) => byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x20;
const isAlpha = (byte: number | undefined) => byte !== undefined && lower(byte) >= 0x61 && lower(byte) <= 0x7a;

/** True when `bytes` at `at` spell `ascii` (lowercase), compared ASCII case-insensitively. */
export function asciiAt(bytes: Uint8Array, at: number, ascii: string): boolean {
  if (at + ascii.length > bytes.length) return false;
  for (let i = 0; i < ascii.length; i++) if (lower(bytes[at + i]!) !== ascii.charCodeAt(i)) return false;
  return true;
}

function indexOfAscii(bytes: Uint8Array, from: number, ascii: string): number {
  for (let at = from; at + ascii.length <= bytes.length; at++) if (asciiAt(bytes, at, ascii)) return at;
  return -1;
}

/**
 * WHATWG HTML "prescan a byte stream to determine its encoding" (§13.2.3.2) over `bytes`:
 * the label of the first `<meta charset>` or `<meta http-equiv="content-type"
 * content="…charset=…">` outside comments, or `undefined`. A meta naming UTF-16 means UTF-8
 * (the bytes being prescanned are ASCII-compatible), as the algorithm says.
 */
export function prescanMeta(bytes: Uint8Array): string | undefined {
  let at = 0;
  while (at < bytes.length) {
    if (asciiAt(bytes, at, '<!--')) {
      const end = indexOfAscii(bytes, at + 4, '-->');
      if (end < 0) return undefined;
      at = end + 3;
    } else if (asciiAt(bytes, at, '<meta') && (isSpace(bytes[at + 5]) || bytes[at + 5] === 0x2f)) {
      const found = metaCharset(bytes, at + 6);
      if (found.label !== undefined) return found.label;
      at = found.end;
    } else if (bytes[at] === 0x3c && (isAlpha(bytes[at + 1]) || (bytes[at + 1] === 0x2f && isAlpha(bytes[at + 2])))) {
      at += bytes[at + 1] === 0x2f ? 2 : 1;
      while (at < bytes.length && !isSpace(bytes[at]) && bytes[at] !== 0x3e) at++;
      for (;;) {
        const attribute = getAttribute(bytes, at);
        at = attribute.end;
        if (attribute.name === undefined) break;
      }
    } else if (bytes[at] === 0x3c && (bytes[at + 1] === 0x21 || bytes[at + 1] === 0x2f || bytes[at + 1] === 0x3f)) {
      const end = bytes.indexOf(0x3e, at + 2);
      if (end < 0) return undefined;
      at = end + 1;
    } else at++;
  }
  return undefined;
}

/** The attributes of one `<meta` (from just past its name): the declared label, if it declares one. */
function metaCharset(bytes: Uint8Array, from: number): { readonly label?: string; readonly end: number } {
  const seen = new Set<string>();
  let gotPragma = false;
  let needPragma: boolean | undefined;
  let label: string | undefined;
  let at = from;
  for (;;) {
    const attribute = getAttribute(bytes, at);
    at = attribute.end;
    if (attribute.name === undefined) break;
    if (seen.has(attribute.name)) continue;
    seen.add(attribute.name);
    if (attribute.name === 'http-equiv') {
      if (attribute.value === 'content-type') gotPragma = true;
    } else if (attribute.name === 'content') {
      const fromContent = charsetFromContent(attribute.value);
      if (fromContent !== undefined && label === undefined) {
        label = fromContent;
        needPragma = true;
      }
    } else if (attribute.name === 'charset') {
      label = attribute.value;
      needPragma = false;
    }
  }
  if (label === undefined || needPragma === undefined || (needPragma && !gotPragma)) return { end: at };
  const charset = resolveLabel(label);
  // An unknown label does not count: the prescan goes on to the next meta.
  if (charset === undefined) return { end: at };
  if (charset === 'utf-16le' || charset === 'utf-16be') return { label: 'utf-8', end: at };
  if (label.trim() === 'x-user-defined') return { label: 'windows-1252', end: at };
  return { label, end: at };
}

/**
 * WHATWG "get an attribute" (§13.2.3.2): the next attribute at `from` with its name and value
 * lowercased (ASCII), or no name at the end of the tag.
 */
function getAttribute(bytes: Uint8Array, from: number): { readonly name?: string; readonly value: string; readonly end: number } {
  let at = from;
  while (at < bytes.length && (isSpace(bytes[at]) || bytes[at] === 0x2f)) at++;
  if (at >= bytes.length || bytes[at] === 0x3e) return { value: '', end: at + 1 };
  let name = '';
  let value = '';
  for (;;) {
    if (at >= bytes.length) return { value: '', end: at };
    const byte = bytes[at]!;
    if (byte === 0x3d && name !== '') {
      at++;
      break;
    }
    if (isSpace(byte)) {
      while (at < bytes.length && isSpace(bytes[at])) at++;
      if (bytes[at] !== 0x3d) return { name, value: '', end: at };
      at++;
      break;
    }
    if (byte === 0x2f || byte === 0x3e) return { name, value: '', end: at };
    name += String.fromCharCode(lower(byte));
    at++;
  }
  while (at < bytes.length && isSpace(bytes[at])) at++;
  const quote = bytes[at];
  if (quote === 0x22 || quote === 0x27) {
    at++;
    while (at < bytes.length && bytes[at] !== quote) value += String.fromCharCode(lower(bytes[at++]!));
    return { name, value, end: at + 1 };
  }
  if (quote === 0x3e) return { name, value: '', end: at };
  while (at < bytes.length && !isSpace(bytes[at]) && bytes[at] !== 0x3e) value += String.fromCharCode(lower(bytes[at++]!));
  return { name, value, end: at };
}

/** WHATWG "extracting a character encoding from a meta element" (`text/html; charset=gb2312`). */
export function charsetFromContent(content: string): string | undefined {
  const lowered = content.toLowerCase();
  let at = 0;
  for (;;) {
    at = lowered.indexOf('charset', at);
    if (at < 0) return undefined;
    at += 7;
    while (/[\t\n\f\r ]/.test(lowered[at] ?? '')) at++;
    if (lowered[at] === '=') break;
  }
  at++;
  while (/[\t\n\f\r ]/.test(lowered[at] ?? '')) at++;
  const quote = lowered[at];
  if (quote === '"' || quote === "'") {
    const end = lowered.indexOf(quote, at + 1);
    return end < 0 ? undefined : lowered.slice(at + 1, end);
  }
  if (quote === undefined) return undefined;
  const match = /^[^\t\n\f\r ;]+/.exec(lowered.slice(at));
  return match?.[0];
}

/** `encoding="…"` of an ASCII-compatible XML declaration (`<?xml version="1.0" encoding="GB2312"?>`) at `at`. */
export function xmlDeclarationLabel(bytes: Uint8Array, at: number): string | undefined {
  if (!asciiAt(bytes, at, '<?xml')) return undefined;
  const end = indexOfAscii(bytes, at, '?>');
  const declaration = Buffer.from(bytes.subarray(at, end < 0 ? Math.min(bytes.length, at + 256) : end)).toString('latin1');
  return /\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(declaration)?.[1];
}

/**
 * Characters that make up roughly half of ordinary Chinese text, in simplified and traditional
 * forms, plus the face-attribute vocabulary of the pages fwsift reads. A GB2312 page decoded as
 * Big5 (or the reverse) decodes without errors into rare characters, so error counts alone do
 * not tell the two apart; how many decoded characters are common ones does.
 */
const commonChinese = new Set(
  '的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明者种品产机能型号参数支持属性提取表情性别年龄眼镜口罩胡子肤色视频监控摄像网络智能设备系统功能服务信息页面版权所有技术中心'
  + '這個國們來說為時會過學對裡後麼沒還發當開動兩長樣現將與進實點種產機號參數屬眼鏡鬍膚視頻監攝網絡設備係統務資訊頁權術個體',
);

/** Longest prefix the sniffer looks at when nothing declares a charset. */
export const sniffMaxBytes = 1024 * 1024;
/** Non-ASCII bytes after which the sniffer has seen enough to decide. */
export const sniffEnoughNonAsciiBytes = 8 * 1024;

/**
 * The charset of an undeclared document from a prefix of it (`complete` when the prefix is the
 * whole document): UTF-8 when it decodes as UTF-8 (a sequence cut by the end of an incomplete
 * prefix is allowed), else whichever of GB18030 and Big5 yields more common Chinese characters
 * and fewer errors, with GB18030 winning ties; windows-1252 when neither yields any common
 * Chinese character but both have errors (a Latin page).
 */
export function sniffCharset(prefix: Uint8Array, complete: boolean): Charset {
  if (!prefix.some((byte) => byte >= 0x80)) return 'utf-8';
  const utf8 = score(prefix, 'utf-8', complete);
  if (utf8.errors === 0) return 'utf-8';
  const gb = score(prefix, 'gb18030', complete);
  const big5 = score(prefix, 'big5', complete);
  if (gb.common === 0 && big5.common === 0 && gb.errors > 0 && big5.errors > 0) return 'windows-1252';
  const weight = (s: { common: number; errors: number }) => s.common - 4 * s.errors;
  return weight(big5) > weight(gb) ? 'big5' : 'gb18030';
}

function score(prefix: Uint8Array, charset: Charset, complete: boolean): { common: number; errors: number } {
  let common = 0;
  const { errors } = decodeAll(prefix, charset, complete, (codePoint) => {
    if (codePoint >= 0x4e00 && commonChinese.has(String.fromCodePoint(codePoint))) common++;
  });
  return { common, errors };
}
