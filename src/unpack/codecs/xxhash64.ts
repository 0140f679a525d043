/**
 * Streaming XXH64 (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md), seed 0,
 * for the zstd content checksum (its low 32 bits, RFC 8878 §3.1.1). fzstd skips that
 * checksum; without it a flipped bit inside a literal would decode to plausible wrong bytes
 * and pass as clean.
 *
 * 64-bit lanes are kept as two uint32 halves (BigInt per stripe is several times slower);
 * `mul` multiplies in 16-bit limbs so every partial product stays exact in a double.
 */

const prime1 = [0x9e3779b1, 0x85ebca87] as const;
const prime2 = [0xc2b2ae3d, 0x27d4eb4f] as const;
const prime3 = [0x165667b1, 0x9e3779f9] as const;
const prime4 = [0x85ebca77, 0xc2b2ae63] as const;
const prime5 = [0x27d4eb2f, 0x165667c5] as const;

/** A 64-bit value as [hi, lo] uint32. */
type U64 = [number, number];

function add(a: U64, b: readonly [number, number]): U64 {
  const lo = a[1] + b[1];
  return [(a[0] + b[0] + (lo > 0xffffffff ? 1 : 0)) >>> 0, lo >>> 0];
}

function mul(a: U64, b: readonly [number, number]): U64 {
  const a0 = a[1] & 0xffff, a1 = a[1] >>> 16, a2 = a[0] & 0xffff, a3 = a[0] >>> 16;
  const b0 = b[1] & 0xffff, b1 = b[1] >>> 16, b2 = b[0] & 0xffff, b3 = b[0] >>> 16;
  let c0 = a0 * b0;
  let c1 = (c0 >>> 16) + a1 * b0;
  let c2 = c1 / 65536 >>> 0;
  c1 = (c1 & 0xffff) + a0 * b1;
  c2 += c1 / 65536 >>> 0;
  c1 &= 0xffff;
  c2 += a2 * b0;
  let c3 = c2 / 65536 >>> 0;
  c2 = (c2 & 0xffff) + a1 * b1;
  c3 += c2 / 65536 >>> 0;
  c2 = (c2 & 0xffff) + a0 * b2;
  c3 += c2 / 65536 >>> 0;
  c2 &= 0xffff;
  c3 = (c3 + a3 * b0 + a2 * b1 + a1 * b2 + a0 * b3) & 0xffff;
  c0 &= 0xffff;
  return [((c3 << 16) | c2) >>> 0, ((c1 << 16) | c0) >>> 0];
}

function rotl(a: U64, bits: number): U64 {
  if (bits === 32) return [a[1], a[0]];
  if (bits > 32) return rotl([a[1], a[0]], bits - 32);
  return [((a[0] << bits) | (a[1] >>> (32 - bits))) >>> 0, ((a[1] << bits) | (a[0] >>> (32 - bits))) >>> 0];
}

function xor(a: U64, b: U64): U64 {
  return [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0];
}

function shiftRight(a: U64, bits: number): U64 {
  return bits >= 32 ? [0, a[0] >>> (bits - 32)] : [a[0] >>> bits, ((a[1] >>> bits) | (a[0] << (32 - bits))) >>> 0];
}

function read64(bytes: Uint8Array, at: number): U64 {
  const lo = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  const hi = (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24)) >>> 0;
  return [hi, lo];
}

function round(acc: U64, lane: U64): U64 {
  return mul(rotl(add(acc, mul(lane, prime2)), 31), prime1);
}

function mergeRound(acc: U64, value: U64): U64 {
  return add(mul(xor(acc, round([0, 0], value)), prime1), prime4);
}

export class XxHash64 {
  // Seed 0: v1 = PRIME64_1 + PRIME64_2, v2 = PRIME64_2, v3 = 0, v4 = -PRIME64_1 (two's complement).
  readonly #v: [U64, U64, U64, U64] = [add([prime1[0], prime1[1]], prime2), [prime2[0], prime2[1]], [0, 0], add([~prime1[0] >>> 0, ~prime1[1] >>> 0], [0, 1])];
  readonly #buffer = new Uint8Array(32);
  #buffered = 0;
  #total = 0;

  update(data: Uint8Array): this {
    let at = 0;
    this.#total += data.length;
    if (this.#buffered > 0) {
      const take = Math.min(32 - this.#buffered, data.length);
      this.#buffer.set(data.subarray(0, take), this.#buffered);
      this.#buffered += take;
      at = take;
      if (this.#buffered < 32) return this;
      this.#stripe(this.#buffer, 0);
      this.#buffered = 0;
    }
    for (; at + 32 <= data.length; at += 32) this.#stripe(data, at);
    this.#buffer.set(data.subarray(at), 0);
    this.#buffered = data.length - at;
    return this;
  }

  /** The 64-bit digest as [hi, lo] uint32. */
  digest(): [number, number] {
    let h: U64;
    const [v1, v2, v3, v4] = this.#v;
    if (this.#total >= 32) {
      h = add(add(add(rotl(v1, 1), rotl(v2, 7)), rotl(v3, 12)), rotl(v4, 18));
      h = mergeRound(h, v1);
      h = mergeRound(h, v2);
      h = mergeRound(h, v3);
      h = mergeRound(h, v4);
    } else {
      h = [prime5[0], prime5[1]];
    }
    // Input length as a 64-bit value (lengths here stay below 2^53).
    h = add(h, [Math.floor(this.#total / 0x100000000) >>> 0, this.#total >>> 0]);
    const tail = this.#buffer;
    let at = 0;
    for (; at + 8 <= this.#buffered; at += 8) {
      h = add(mul(rotl(xor(h, round([0, 0], read64(tail, at))), 27), prime1), prime4);
    }
    if (at + 4 <= this.#buffered) {
      const word = (tail[at]! | (tail[at + 1]! << 8) | (tail[at + 2]! << 16) | (tail[at + 3]! << 24)) >>> 0;
      h = add(mul(rotl(xor(h, mul([0, word], prime1)), 23), prime2), prime3);
      at += 4;
    }
    for (; at < this.#buffered; at++) {
      h = mul(rotl(xor(h, mul([0, tail[at]!], prime5)), 11), prime1);
    }
    h = mul(xor(h, shiftRight(h, 33)), prime2);
    h = mul(xor(h, shiftRight(h, 29)), prime3);
    h = xor(h, shiftRight(h, 32));
    return h;
  }

  #stripe(bytes: Uint8Array, at: number): void {
    const v = this.#v;
    v[0] = round(v[0], read64(bytes, at));
    v[1] = round(v[1], read64(bytes, at + 8));
    v[2] = round(v[2], read64(bytes, at + 16));
    v[3] = round(v[3], read64(bytes, at + 24));
  }
}
