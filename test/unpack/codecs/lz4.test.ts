// LZ4 block and frame decoding against frames written by the LZ4 CLI 1.9.4
// (test/fixtures/build/codecs.sh): default, linked 64 KiB blocks with block checksums and
// content size, legacy (kernel) format; plus hand-made blocks for each decoder edge.
import { describe, expect, it } from 'vitest';
import { lz4BlockDecompress, lz4FrameDecompress, Lz4FrameDecoder } from '../../../src/unpack/codecs/lz4.js';
import { expected, expectSource, flipped, thrown, vector, vectorsEndingWith } from './vectors.js';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

/** The blocks of a standard frame (data only), read the way the frame format describes them. */
function frameBlocks(frame: Uint8Array): { data: Uint8Array; stored: boolean }[] {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const flags = frame[4]!;
  let at = 4 + 2 + (flags & 0x08 ? 8 : 0) + (flags & 0x01 ? 4 : 0) + 1;
  const blocks = [];
  for (;;) {
    const word = view.getUint32(at, true);
    at += 4;
    if (word === 0) return blocks;
    const size = word & 0x7fffffff;
    blocks.push({ data: frame.subarray(at, at + size), stored: (word & 0x80000000) !== 0 });
    at += size + (flags & 0x10 ? 4 : 0);
  }
}

function decodeIncrementally(bytes: Uint8Array, step: number, max: number): { output: Uint8Array; decoder: Lz4FrameDecoder } {
  const decoder = new Lz4FrameDecoder({ maxOutputBytes: max });
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += step) pieces.push(...decoder.push(bytes.subarray(at, at + step)));
  pieces.push(...decoder.end());
  return { output: Buffer.concat(pieces), decoder };
}

describe('lz4BlockDecompress', () => {
  const cases: { name: string; block: string; output: string }[] = [
    { name: 'literals only', block: '50 68656c6c6f', output: '68656c6c6f' },
    { name: 'an empty output is one zero token', block: '00', output: '' },
    { name: 'a match of 4 at offset 1 repeats the last byte (overlapping copy)', block: '10 61 0100 00', output: '6161616161' },
    { name: 'a literal length extended by 255 + 2 bytes', block: `f0 ff 02 ${'41'.repeat(272)}`, output: '41'.repeat(272) },
    { name: 'a match length extended with one extra byte (15 + 4 + 10)', block: '1f 62 0100 0a 00', output: '62'.repeat(1 + 29) },
    { name: 'a non-overlapping match copies a distant span', block: '40 61626364 0400 00', output: '6162636461626364' },
  ];
  it.each(cases)('decodes $name', ({ block, output }) => {
    expect(Buffer.from(lz4BlockDecompress(hex(block), 1024)).toString('hex')).toBe(output);
  });

  const bad: { name: string; block: string; kind: string; message: RegExp }[] = [
    { name: 'empty input', block: '', kind: 'corrupt', message: /empty block/ },
    { name: 'literals running past the input', block: '50 6869', kind: 'corrupt', message: /run past the end/ },
    { name: 'a literal length extension cut off', block: 'f0 ff', kind: 'corrupt', message: /inside a length/ },
    { name: 'a match offset cut off', block: '10 61 01', kind: 'corrupt', message: /inside a match offset/ },
    { name: 'match offset 0', block: '10 61 0000 00', kind: 'corrupt', message: /offset 0/ },
    { name: 'a match reaching before the output', block: '10 61 0200 00', kind: 'corrupt', message: /before the start/ },
    { name: 'output past the bound', block: '1f 62 0100 ff ff 00 00', kind: 'limit', message: /limit/ },
  ];
  it.each(bad)('reports $name as $kind', ({ block, kind, message }) => {
    const error = thrown(() => lz4BlockDecompress(hex(block), 64));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('decodes the linked blocks of a real frame, each with the previous output as dictionary', () => {
    const blocks = frameBlocks(vector('mix-linked.lz4'));
    expect(blocks.length).toBeGreaterThan(1);
    let output = new Uint8Array(0);
    for (const block of blocks) {
      const decoded = block.stored ? block.data : lz4BlockDecompress(block.data, 64 * 1024, output);
      output = Buffer.concat([output, decoded]);
    }
    expectSource('mix-linked.lz4', output);
  });
  it('reports a linked block decoded without its dictionary as corrupt', () => {
    const second = frameBlocks(vector('mix-linked.lz4'))[1]!;
    expect(thrown(() => lz4BlockDecompress(second.data, 64 * 1024)).message).toMatch(/before the start/);
  });
  it('rejects a negative bound as misuse', () => {
    expect(() => lz4BlockDecompress(hex('00'), -1)).toThrow(RangeError);
  });
});

describe('lz4FrameDecompress and Lz4FrameDecoder', () => {
  const frames = vectorsEndingWith('.lz4');
  it.each(frames)('decodes %s to its source', (name) => {
    expectSource(name, lz4FrameDecompress(vector(name), expected[name]!.size));
  });
  it.each(frames.flatMap((name) => [1, 7, 4096].map((step) => [name, step] as const)))('decodes %s pushed in %i-byte pieces', (name, step) => {
    const { output, decoder } = decodeIncrementally(vector(name), step, expected[name]!.size);
    expectSource(name, output);
    expect(decoder.consumed).toBe(vector(name).length);
    expect(decoder.done).toBe(true);
  });
  it('decodes a legacy frame followed by a standard frame', () => {
    const both = Buffer.concat([vector('mix-legacy.lz4'), vector('mix-default.lz4')]);
    expect(lz4FrameDecompress(both, 1 << 20).length).toBe(expected['mix-legacy.lz4']!.size * 2);
  });
  it('ends at the first non-frame bytes after a frame and says where the frame ended', () => {
    const frame = vector('mix-default.lz4');
    const { output, decoder } = decodeIncrementally(Buffer.concat([frame, Buffer.from('trailing bytes')]), 1000, 1 << 20);
    expectSource('mix-default.lz4', output);
    expect(decoder.consumed).toBe(frame.length);
    expect(thrown(() => lz4FrameDecompress(Buffer.concat([frame, Buffer.from('trailing bytes')]), 1 << 20)).message).toMatch(/after the last frame/);
  });
  it('skips skippable frames', () => {
    const skippable = hex('522a4d18 04000000 01020304');
    expectSource('mix-default.lz4', lz4FrameDecompress(Buffer.concat([skippable, vector('mix-default.lz4')]), 1 << 20));
  });
  it('stops a 1 MiB run of zeros at a 64 KiB bound, and accepts the exact size', () => {
    expect(thrown(() => lz4FrameDecompress(vector('zeros-1m.lz4'), 64 * 1024)).kind).toBe('limit');
    expect(lz4FrameDecompress(vector('zeros-1m.lz4'), 1024 * 1024).length).toBe(1024 * 1024);
  });
  it('refuses a declared content size above the bound before decoding', () => {
    expect(thrown(() => lz4FrameDecompress(vector('mix-linked.lz4'), 1000)).offset).toBe(4);
  });
  it('reports a truncated frame as corrupt at every cut', () => {
    const frame = vector('mix-linked.lz4');
    for (const cut of [0, 3, 5, 10, 20, frame.length >> 1, frame.length - 4, frame.length - 1]) {
      expect(thrown(() => lz4FrameDecompress(frame.subarray(0, cut), 1 << 20)).kind, `cut at ${cut}`).toBe('corrupt');
    }
  });
  it('reports a damaged header, block or content as corrupt', () => {
    const linked = vector('mix-linked.lz4');
    expect(thrown(() => lz4FrameDecompress(flipped(linked, 6, 0x01), 1 << 20)).message).toMatch(/header checksum/);
    expect(thrown(() => lz4FrameDecompress(flipped(linked, 200), 1 << 20)).message).toMatch(/block checksum/);
    // The default frame has no block checksum: a flipped literal is caught by the content checksum.
    const plain = vector('mix-default.lz4');
    const literal = plain.indexOf(0x6c, 20); // an 'l' of the first "line" literals
    expect(thrown(() => lz4FrameDecompress(flipped(plain, literal, 0x20), 1 << 20)).message).toMatch(/content checksum|LZ4/);
  });
  it('reports input that is not a frame', () => {
    expect(thrown(() => lz4FrameDecompress(hex('00112233 4455'), 100)).message).toMatch(/no frame magic/);
  });
});
