// The offset-keeping decoder: WHATWG error handling, and every character's raw range, whatever
// the chunking.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { StreamDecoder, type Charset } from '../../src/text/decoder.js';
import { forEachChunking } from '../helpers/chunkings.js';

type Decoded = [string, number, number][];

function decode(charset: Charset, chunks: readonly Uint8Array[]): { chars: Decoded; errors: number } {
  const chars: Decoded = [];
  const decoder = new StreamDecoder(charset, 0, (codePoint, start, end) => chars.push([String.fromCodePoint(codePoint), start, end]));
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return { chars, errors: decoder.errors };
}

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('StreamDecoder', () => {
  it.each<[string, Charset, Buffer, Decoded, number]>([
    ['UTF-8 of every length', 'utf-8', Buffer.from('a©人😀'), [['a', 0, 1], ['©', 1, 3], ['人', 3, 6], ['😀', 6, 10]], 0],
    ['a UTF-8 sequence cut short (one U+FFFD for the maximal subpart, then the byte again)', 'utf-8', hex('e4 ba 41'), [['\ufffd', 0, 2], ['A', 2, 3]], 1],
    ['UTF-8 overlong and surrogate encodings', 'utf-8', hex('c0 80 ed a0 80'), [['\ufffd', 0, 1], ['\ufffd', 1, 2], ['\ufffd', 2, 3], ['\ufffd', 3, 4], ['\ufffd', 4, 5]], 5],
    ['a UTF-8 sequence cut by the end', 'utf-8', hex('41 f0 9f 98'), [['A', 0, 1], ['\ufffd', 1, 4]], 1],
    ['UTF-16LE with a surrogate pair', 'utf-16le', Buffer.from('a人😀', 'utf16le'), [['a', 0, 2], ['人', 2, 4], ['😀', 4, 8]], 0],
    ['UTF-16BE with a lone high surrogate', 'utf-16be', hex('d8 3d 00 41'), [['\ufffd', 0, 2], ['A', 2, 4]], 1],
    ['UTF-16 with an odd final byte', 'utf-16le', hex('41 00 42'), [['A', 0, 2], ['\ufffd', 2, 3]], 1],
    ['GB18030 one-, two- and four-byte sequences, and 0x80 as the euro sign', 'gb18030', hex('41 c8cb d6d6 8139ee39 80'), [['A', 0, 1], ['人', 1, 3], ['种', 3, 5], ['\u3400', 5, 9], ['€', 9, 10]], 0],
    ['a GB18030 lead byte before an ASCII byte that cannot trail (read again)', 'gb18030', hex('c8 20'), [['\ufffd', 0, 1], [' ', 1, 2]], 1],
    ['a GB18030 four-byte sequence broken in its third byte', 'gb18030', hex('81 30 41'), [['\ufffd', 0, 1], ['0', 1, 2], ['A', 2, 3]], 1],
    ['Big5 with a trail byte in 0x40-0x7E', 'big5', iconv.encode('人種膚色', 'big5'), [['人', 0, 2], ['種', 2, 4], ['膚', 4, 6], ['色', 6, 8]], 0],
    ['a Big5 pair that decodes to two code points (HKSCS 0x8862)', 'big5', hex('8862'), [['Ê', 0, 2], ['\u0304', 0, 2]], 0],
    ['Shift_JIS double-byte and half-width katakana', 'shift_jis', Buffer.concat([iconv.encode('人種', 'shiftjis'), hex('b1')]), [['人', 0, 2], ['種', 2, 4], ['ｱ', 4, 5]], 0],
    ['EUC-KR', 'euc-kr', iconv.encode('인종', 'euckr'), [['인', 0, 2], ['종', 2, 4]], 0],
    ['windows-1252 with the euro sign at 0x80 and a hole at 0x81', 'windows-1252', hex('80 81 e9'), [['€', 0, 1], ['\u0081', 1, 2], ['é', 2, 3]], 0],
  ])('decodes %s', (_name, charset, raw, expected, errors) => {
    forEachChunking(raw, (chunks, label) => {
      const result = decode(charset, chunks);
      expect(result.chars, label).toEqual(expected);
      expect(result.errors, label).toBe(errors);
    });
  });

  it('counts raw offsets from the start offset it is given (past a BOM)', () => {
    const chars: number[] = [];
    const decoder = new StreamDecoder('utf-16le', 2, (_cp, start) => chars.push(start));
    decoder.push(Buffer.from('ab', 'utf16le'));
    decoder.end();
    expect(chars).toEqual([2, 4]);
  });

  it('records where the first error was', () => {
    const decoder = new StreamDecoder('utf-8', 0, () => {});
    decoder.push(hex('41 42 ff 43 fe'));
    decoder.end();
    expect([decoder.errors, decoder.firstErrorOffset]).toEqual([2, 2]);
  });
});
