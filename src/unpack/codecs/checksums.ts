/**
 * Checksums of the flash and stream formats, all over the CRC-32 polynomial 0xEDB88320 that
 * `node:zlib` computes (zlib's `crc32(value, data)` inverts before and after; the kernel's
 * `crc32_le(seed, data)` does neither, so each kernel convention is zlib's with a fixed
 * pre/post inversion).
 */
import { crc32 } from 'node:zlib';

/** Standard CRC-32 (zlib, gzip, lzop `F_CRC32_*`, xz check type 1). */
export function crc32Standard(data: Uint8Array): number {
  return crc32(data, 0) >>> 0;
}

/** JFFS2: `crc32(0, data, len)`, the kernel's crc32_le with seed 0 and no final inversion. */
export function crc32Jffs2(data: Uint8Array): number {
  return ~crc32(data, 0xffffffff) >>> 0;
}

/** UBI and UBIFS: `crc32(0xFFFFFFFF, data, len)` (UBI_CRC32_INIT), no final inversion. */
export function crc32Ubi(data: Uint8Array): number {
  return ~crc32(data, 0) >>> 0;
}

/** Adler-32 (RFC 1950 §8), as lzop stores it (`F_ADLER32_*`, header checksum). */
export function adler32(data: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = (start >>> 16) & 0xffff;
  // 5552 is the largest n for which 255n(n+1)/2 + (n+1)(65520) stays below 2^32 (zlib's NMAX).
  for (let offset = 0; offset < data.length; ) {
    const end = Math.min(offset + 5552, data.length);
    for (; offset < end; offset++) {
      a += data[offset]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** CRC-64/XZ (ECMA-182 polynomial, reflected: 0xC96C5795D7870F42), table halves as uint32. */
const crc64Table = (() => {
  const hi = new Uint32Array(256);
  const lo = new Uint32Array(256);
  const polyHi = 0xc96c5795;
  const polyLo = 0xd7870f42;
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let k = 0; k < 8; k++) {
      const carry = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h >>>= 1;
      if (carry) {
        h = (h ^ polyHi) >>> 0;
        l = (l ^ polyLo) >>> 0;
      }
    }
    hi[n] = h;
    lo[n] = l;
  }
  return { hi, lo };
})();

/** Streaming CRC-64 as xz check type 4 stores it (little-endian, 8 bytes). */
export class Crc64 {
  #hi = 0xffffffff;
  #lo = 0xffffffff;

  update(data: Uint8Array): this {
    const { hi: tableHi, lo: tableLo } = crc64Table;
    let hi = this.#hi;
    let lo = this.#lo;
    for (let i = 0; i < data.length; i++) {
      const index = (lo ^ data[i]!) & 0xff;
      lo = (tableLo[index]! ^ ((lo >>> 8) | (hi << 24))) >>> 0;
      hi = (tableHi[index]! ^ (hi >>> 8)) >>> 0;
    }
    this.#hi = hi;
    this.#lo = lo;
    return this;
  }

  /** The 8 check bytes in stored (little-endian) order. */
  digest(): Uint8Array {
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    view.setUint32(0, ~this.#lo >>> 0, true);
    view.setUint32(4, ~this.#hi >>> 0, true);
    return out;
  }
}

/** The CRC-64 of `data` as 8 little-endian bytes (the order xz stores it in). */
export function crc64Xz(data: Uint8Array): Uint8Array {
  return new Crc64().update(data).digest();
}
