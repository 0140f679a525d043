/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected 0xC96C5795D7870F42, initial and final value
 * all ones): the xz check type 4. The 64-bit register is kept as two uint32 halves with one
 * 256-entry table per half (BigInt per byte is far slower).
 */
const tableLo = new Uint32Array(256);
const tableHi = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let lo = n;
  let hi = 0;
  for (let bit = 0; bit < 8; bit++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi >>>= 1;
    if (carry) {
      lo = (lo ^ 0xd7870f42) >>> 0;
      hi = (hi ^ 0xc96c5795) >>> 0;
    }
  }
  tableLo[n] = lo;
  tableHi[n] = hi;
}

/** The CRC-64 of `data` as 8 little-endian bytes (the order xz stores it in). */
export function crc64Xz(data: Uint8Array): Uint8Array {
  let lo = 0xffffffff;
  let hi = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const index = (lo ^ data[i]!) & 0xff;
    lo = ((lo >>> 8) | ((hi & 0xff) << 24)) ^ tableLo[index]!;
    hi = (hi >>> 8) ^ tableHi[index]!;
  }
  lo = ~lo >>> 0;
  hi = ~hi >>> 0;
  return Uint8Array.of(lo & 0xff, (lo >>> 8) & 0xff, (lo >>> 16) & 0xff, lo >>> 24, hi & 0xff, (hi >>> 8) & 0xff, (hi >>> 16) & 0xff, hi >>> 24);
}
