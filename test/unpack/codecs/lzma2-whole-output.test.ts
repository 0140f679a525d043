import { describe, expect, it } from 'vitest';
import { Lzma2Decoder } from '../../../src/unpack/codecs/lzma2.js';

/** LZMA2 stored chunks (control 01: dictionary reset; 02: none), then the end byte. xz writes these for incompressible data. */
function storedChunks(parts: readonly (readonly [Uint8Array, boolean])[]): Uint8Array {
  const bytes: number[] = [];
  for (const [data, reset] of parts) bytes.push(reset ? 0x01 : 0x02, (data.length - 1) >> 8, (data.length - 1) & 0xff, ...data);
  bytes.push(0x00);
  return Uint8Array.from(bytes);
}

function decodeAll(decoder: Lzma2Decoder, input: Uint8Array): Uint8Array[] {
  decoder.feed(input, true);
  const pieces: Uint8Array[] = [];
  for (let piece = decoder.next(); piece !== undefined; piece = decoder.next()) pieces.push(piece);
  return pieces;
}

const text = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + seed) & 0xff);

describe('LZMA2 whole-output mode (pieces are views of the window)', () => {
  it('keeps the pieces handed out before a dictionary reset unchanged', () => {
    const first = text(3000, 1);
    const second = text(3000, 2);
    const pieces = decodeAll(new Lzma2Decoder(8192, undefined, true), storedChunks([[first, true], [second, true]]));
    expect(Buffer.concat(pieces)).toEqual(Buffer.concat([first, second]));
  });

  it('keeps the pieces handed out before the window wraps unchanged (more output than the window)', () => {
    const parts = [text(3000, 3), text(3000, 4), text(3000, 5)];
    const pieces = decodeAll(new Lzma2Decoder(4096, undefined, true), storedChunks(parts.map((part, i) => [part, i === 0] as const)));
    expect(Buffer.concat(pieces)).toEqual(Buffer.concat(parts));
  });

  it('gives the same bytes as the copying mode', () => {
    const input = storedChunks([[text(5000, 6), true], [text(100, 7), false]]);
    expect(Buffer.concat(decodeAll(new Lzma2Decoder(8192, undefined, true), input))).toEqual(Buffer.concat(decodeAll(new Lzma2Decoder(8192), input)));
  });
});
