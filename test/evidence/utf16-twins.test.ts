import { describe, expect, it } from 'vitest';
import { dropUtf16Twins, utf16ByteOrderMark } from '../../src/evidence/utf16-twins.js';
import type { Encoding, Needle } from '../../src/patterns/types.js';
import { makeTerm } from '../helpers/terms.js';

const skinColor = makeTerm('SkinColor');
const renzhong = makeTerm('人种');

function hit(term: ReturnType<typeof makeTerm>, encoding: Encoding, start: number) {
  const needle: Needle = { id: 0, term, variant: term.text, encoding, form: 'raw', syntax: 'raw', encoded: new Uint8Array(1), bytes: new Uint8Array(1), foldMask: new Uint8Array(1) };
  return { needle, start, label: `${encoding}@${start}` };
}

describe('dropUtf16Twins', () => {
  it('keeps the UTF-16LE reading of ASCII text without a byte-order mark', () => {
    const hits = [hit(skinColor, 'utf-16be', 9), hit(skinColor, 'utf-16le', 10)];
    expect(dropUtf16Twins(hits, undefined).map((h) => h.label)).toEqual(['utf-16le@10']);
  });
  it('keeps the UTF-16BE reading when the object starts with FE FF', () => {
    const hits = [hit(skinColor, 'utf-16be', 9), hit(skinColor, 'utf-16le', 10)];
    expect(dropUtf16Twins(hits, 'utf-16be').map((h) => h.label)).toEqual(['utf-16be@9']);
  });
  it('keeps hits that are not one byte apart', () => {
    const hits = [hit(skinColor, 'utf-16be', 100), hit(skinColor, 'utf-16le', 10)];
    expect(dropUtf16Twins(hits, undefined)).toHaveLength(2);
  });
  it('never pairs CJK hits, which have no shifted twin', () => {
    const hits = [hit(renzhong, 'utf-16be', 9), hit(renzhong, 'utf-16le', 10)];
    expect(dropUtf16Twins(hits, undefined)).toHaveLength(2);
  });
  it('reads the byte-order mark', () => {
    expect(utf16ByteOrderMark(Uint8Array.of(0xff, 0xfe, 0x41))).toBe('utf-16le');
    expect(utf16ByteOrderMark(Uint8Array.of(0xfe, 0xff))).toBe('utf-16be');
    expect(utf16ByteOrderMark(Uint8Array.of(0xef, 0xbb, 0xbf))).toBeUndefined();
  });
});
