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

/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected: 0xC96C5795D7870F42), table halves as uint32, in
 * four tables for slicing by 4 (xz-utils `crc64_fast.c`): table k holds the CRC of a byte
 * followed by k zero bytes, so four bytes take four lookups and no per-byte shift. About three
 * times the byte-at-a-time loop (a Debian data.tar.xz spent a tenth of its decoding here).
 */
const crc64Tables = (() => {
  const [hi0, hi1, hi2, hi3] = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  const [lo0, lo1, lo2, lo3] = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
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
    hi0[n] = h;
    lo0[n] = l;
  }
  const hi = [hi0, hi1, hi2, hi3] as const;
  const lo = [lo0, lo1, lo2, lo3] as const;
  for (let k = 1; k < 4; k++) {
    const [previousHi, previousLo, nextHi, nextLo] = [hi[k - 1]!, lo[k - 1]!, hi[k]!, lo[k]!];
    for (let n = 0; n < 256; n++) {
      const h = previousHi[n]!;
      const l = previousLo[n]!;
      nextLo[n] = (lo0[l & 0xff]! ^ ((l >>> 8) | (h << 24))) >>> 0;
      nextHi[n] = (hi0[l & 0xff]! ^ (h >>> 8)) >>> 0;
    }
  }
  return { hi, lo };
})();

/** Streaming CRC-64 as xz check type 4 stores it (little-endian, 8 bytes). */
export class Crc64 {
  #hi = 0xffffffff;
  #lo = 0xffffffff;

  update(data: Uint8Array): this {
    const [hi0, hi1, hi2, hi3] = crc64Tables.hi;
    const [lo0, lo1, lo2, lo3] = crc64Tables.lo;
    let hi = this.#hi;
    let lo = this.#lo;
    const whole = data.length - (data.length % 4);
    let i = 0;
    for (; i < whole; i += 4) {
      const word = (lo ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
      const a = word & 0xff;
      const b = (word >>> 8) & 0xff;
      const c = (word >>> 16) & 0xff;
      const d = word >>> 24;
      lo = (lo3[a]! ^ lo2[b]! ^ lo1[c]! ^ lo0[d]! ^ hi) >>> 0;
      hi = (hi3[a]! ^ hi2[b]! ^ hi1[c]! ^ hi0[d]!) >>> 0;
    }
    for (; i < data.length; i++) {
      const index = (lo ^ data[i]!) & 0xff;
      lo = (lo0[index]! ^ ((lo >>> 8) | (hi << 24))) >>> 0;
      hi = (hi0[index]! ^ (hi >>> 8)) >>> 0;
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
