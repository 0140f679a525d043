import { describe, expect, it } from 'vitest';
import { detectFormat, handlers } from '../../src/unpack/index.js';

function tarHeader(options: { magic: boolean; checksum?: 'valid' | 'wrong' }): Uint8Array {
  const block = new Uint8Array(512);
  block.set(Buffer.from('hello.txt'), 0);
  block.set(Buffer.from('0000644\0'), 100);
  block.set(Buffer.from('00000000005\0'), 124);
  if (options.magic) block.set(Buffer.from('ustar\u000000'), 257);
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0) + (options.checksum === 'wrong' ? 1 : 0);
  block.set(Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  return block;
}

const cases: { name: string; head: Uint8Array; expected: string | undefined }[] = [
  { name: 'zip local header', head: Buffer.from('504b0304140000000800', 'hex'), expected: 'zip' },
  { name: 'empty zip (EOCD only)', head: Buffer.from('504b0506000000000000', 'hex'), expected: 'zip' },
  { name: 'Dahua DH local header', head: Buffer.from('4448030414000000', 'hex'), expected: 'dahua-zip' },
  { name: '"DH" without 03 04 is not Dahua', head: Buffer.from('44480a0a', 'hex'), expected: undefined },
  { name: 'gzip magic with deflate', head: Buffer.from('1f8b0800000000000003', 'hex'), expected: 'gzip' },
  { name: 'gzip magic with an unknown method', head: Buffer.from('1f8b0900', 'hex'), expected: undefined },
  { name: 'ustar header', head: tarHeader({ magic: true }), expected: 'tar' },
  { name: 'v7 header with a valid checksum', head: tarHeader({ magic: false }), expected: 'tar' },
  { name: 'v7 header with a wrong checksum', head: tarHeader({ magic: false, checksum: 'wrong' }), expected: undefined },
  { name: 'a block of zeros is not tar', head: new Uint8Array(512), expected: undefined },
  { name: 'empty input', head: new Uint8Array(0), expected: undefined },
  { name: 'ELF is a leaf', head: Buffer.from('7f454c46020101000000000000000000', 'hex'), expected: undefined },
];

describe('detectFormat', () => {
  it('has unique case names and unique handler ids', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(new Set(handlers.map((h) => h.id)).size).toBe(handlers.length);
  });
  it.each(cases)('$name → $expected', ({ head, expected }) => {
    expect(detectFormat(head)?.id).toBe(expected);
  });
  it('documents every handler', () => {
    for (const handler of handlers) {
      expect(handler.doc.name.length).toBeGreaterThan(0);
      expect(handler.doc.references.length).toBeGreaterThan(0);
    }
  });
});
