/**
 * Streaming XXH32, seed 0 (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md),
 * for the LZ4 frame format's header, block and content checksums. All arithmetic is uint32
 * (`Math.imul`, `>>> 0`).
 */
const prime1 = 0x9e3779b1;
const prime2 = 0x85ebca77;
const prime3 = 0xc2b2ae3d;
const prime4 = 0x27d4eb2f;
const prime5 = 0x165667b1;

const rotl = (value: number, bits: number) => ((value << bits) | (value >>> (32 - bits))) >>> 0;
const round = (acc: number, lane: number) => Math.imul(rotl((acc + Math.imul(lane, prime2)) >>> 0, 13), prime1) >>> 0;
const read32 = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;

export class XxHash32 {
  #v1 = (prime1 + prime2) >>> 0;
  #v2 = prime2;
  #v3 = 0;
  #v4 = (0 - prime1) >>> 0;
  readonly #buffer = new Uint8Array(16);
  #buffered = 0;
  #total = 0;

  update(data: Uint8Array): this {
    let at = 0;
    this.#total += data.length;
    if (this.#buffered > 0) {
      const take = Math.min(16 - this.#buffered, data.length);
      this.#buffer.set(data.subarray(0, take), this.#buffered);
      this.#buffered += take;
      at = take;
      if (this.#buffered < 16) return this;
      this.#stripe(this.#buffer, 0);
      this.#buffered = 0;
    }
    for (; at + 16 <= data.length; at += 16) this.#stripe(data, at);
    this.#buffer.set(data.subarray(at), 0);
    this.#buffered = data.length - at;
    return this;
  }

  digest(): number {
    let h =
      this.#total >= 16
        ? (rotl(this.#v1, 1) + rotl(this.#v2, 7) + rotl(this.#v3, 12) + rotl(this.#v4, 18)) >>> 0
        : prime5;
    h = (h + this.#total) >>> 0; // the length modulo 2^32, as the spec says
    let at = 0;
    for (; at + 4 <= this.#buffered; at += 4) h = Math.imul(rotl((h + Math.imul(read32(this.#buffer, at), prime3)) >>> 0, 17), prime4) >>> 0;
    for (; at < this.#buffered; at++) h = Math.imul(rotl((h + Math.imul(this.#buffer[at]!, prime5)) >>> 0, 11), prime1) >>> 0;
    h = Math.imul(h ^ (h >>> 15), prime2) >>> 0;
    h = Math.imul(h ^ (h >>> 13), prime3) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;
  }

  #stripe(bytes: Uint8Array, at: number): void {
    this.#v1 = round(this.#v1, read32(bytes, at));
    this.#v2 = round(this.#v2, read32(bytes, at + 4));
    this.#v3 = round(this.#v3, read32(bytes, at + 8));
    this.#v4 = round(this.#v4, read32(bytes, at + 12));
  }
}

export function xxh32(data: Uint8Array): number {
  return new XxHash32().update(data).digest();
}
