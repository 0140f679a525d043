import { describe, expect, it } from 'vitest';
import { Crc64, crc64Xz } from '../../../src/unpack/codecs/checksums.js';

describe('CRC-64/XZ (slicing by 4)', () => {
  it('gives the catalogued check value of "123456789" (0x995DC9BBDF1939FA), stored little-endian', () => {
    expect(Buffer.from(crc64Xz(Buffer.from('123456789'))).toString('hex')).toBe('fa3919dfbbc95d99');
  });

  it('equals the bit-by-bit definition (BigInt, reflected polynomial) on every length from 0 to 40', () => {
    const bitwise = (data: Uint8Array): string => {
      let crc = 0xffffffffffffffffn;
      for (const byte of data) {
        crc ^= BigInt(byte);
        for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ 0xc96c5795d7870f42n : crc >> 1n;
      }
      const out = Buffer.alloc(8);
      out.writeBigUInt64LE(crc ^ 0xffffffffffffffffn);
      return out.toString('hex');
    };
    const data = Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 197 + 89) & 0xff));
    for (let length = 0; length <= data.length; length++) expect(Buffer.from(crc64Xz(data.subarray(0, length))).toString('hex'), `length ${length}`).toBe(bitwise(data.subarray(0, length)));
  });

  it('does not depend on how the input is split (4-byte words and byte tails at every phase)', () => {
    const data = Buffer.from(Array.from({ length: 1031 }, (_, i) => (i * 131 + (i >>> 3)) & 0xff));
    const whole = Buffer.from(crc64Xz(data)).toString('hex');
    for (const step of [1, 2, 3, 5, 7, 64, 1000]) {
      const crc = new Crc64();
      for (let at = 0; at < data.length; at += step) crc.update(data.subarray(at, at + step));
      expect(Buffer.from(crc.digest()).toString('hex'), `step ${step}`).toBe(whole);
    }
  });
});
