/**
 * LZO1X decompression (the format of `lzo1x_1`, `lzo1x_999` and every other LZO1X compression
 * level: they share one bitstream), written from the reference decoder
 * `lzo1x_d.ch` (LZO 2.10, `lzo1x_decompress_safe`) and Linux `lib/lzo/lzo1x_decompress_safe.c`.
 * Used by squashfs (compression id 3), JFFS2 (compr 7), UBIFS (compr 1) and lzop files.
 *
 * The bitstream is a sequence of instructions; the meaning of an opcode byte `t` < 16 depends
 * on how many literals the previous instruction copied (`state`):
 *
 *   t        state   instruction
 *   0..15    0       literal run: t + 3 bytes (t = 0: 18 + 255 × zero bytes + next byte)
 *   0..15    1..3    match, length 2, distance 1 + (t >> 2) + (next << 2)             (M1)
 *   0..15    4       match, length 3, distance 2049 + (t >> 2) + (next << 2)          (M1 after a run)
 *   16..31   any     match, length (t & 7) + 2, distance 16384 + ((t & 8) << 11) + (le16 >> 2)   (M4)
 *                    distance 16384 exactly is the end-of-stream marker (bytes 11 00 00)
 *   32..63   any     match, length (t & 31) + 2, distance 1 + (le16 >> 2)             (M3)
 *   64..255  any     match, length (t >> 5) + 1, distance 1 + ((t >> 2) & 7) + (next << 3)  (M2)
 *
 * Lengths of 0 in the M3/M4/literal fields extend with zero bytes (255 each) and a final byte.
 * The two low bits of the last distance byte (or of `t` for M2/M1) give 0..3 literals that
 * follow the match, which set `state` for the next opcode. A first byte above 17 starts the
 * stream with a literal run of `byte - 17` bytes.
 *
 * Safety: every read of the input and every write of the output is bounds-checked; a match
 * that reaches before the start of the output, or input that ends before the end marker, is
 * `corrupt`; output beyond `maxOutputBytes` is a `limit`. Memory: the output buffer grows by
 * doubling from a small start and never beyond `maxOutputBytes`.
 */
import { checkMaxOutputBytes, corrupt, outputLimit } from './limits.js';
import { InputError } from '../types.js';

/** Initial output capacity: most callers decode blocks of 4 KiB..1 MiB. */
const initialOutputBytes = 64 * 1024;

/**
 * Decompresses one complete LZO1X stream (ending with the `11 00 00` marker, no trailing
 * bytes). Throws `InputError('corrupt')` on malformed, truncated or overrunning input and
 * `InputError('limit')` when the output would exceed `maxOutputBytes`.
 */
export function lzo1xDecompress(input: Uint8Array, maxOutputBytes: number): Uint8Array {
  checkMaxOutputBytes(maxOutputBytes);
  return new Lzo1xDecoder(input, maxOutputBytes).run();
}

class Lzo1xDecoder {
  readonly #in: Uint8Array;
  readonly #max: number;
  #ip = 0;
  #out: Uint8Array;
  #op = 0;

  constructor(input: Uint8Array, maxOutputBytes: number) {
    this.#in = input;
    this.#max = maxOutputBytes;
    this.#out = new Uint8Array(Math.min(maxOutputBytes, Math.max(initialOutputBytes, input.length * 4)));
  }

  run(): Uint8Array {
    const input = this.#in;
    let state = 0;
    if (this.#need(1) && input[0]! > 17) {
      const t = input[this.#ip++]! - 17;
      if (t < 4) {
        this.#literals(t);
        state = t;
      } else {
        this.#literals(t);
        state = 4;
      }
    }
    for (;;) {
      this.#need(1);
      let t = input[this.#ip++]!;
      let length: number;
      let distance: number;
      let next: number;
      if (t < 16) {
        if (state === 0) {
          if (t === 0) t = 15 + this.#extendedLength();
          this.#literals(t + 3);
          state = 4;
          continue;
        }
        this.#need(1);
        next = t & 3;
        if (state === 4) {
          length = 3;
          distance = 1 + 0x0800 + (t >> 2) + (input[this.#ip++]! << 2);
        } else {
          length = 2;
          distance = 1 + (t >> 2) + (input[this.#ip++]! << 2);
        }
      } else if (t >= 64) {
        this.#need(1);
        next = t & 3;
        length = (t >> 5) + 1;
        distance = 1 + ((t >> 2) & 7) + (input[this.#ip++]! << 3);
      } else if (t >= 32) {
        length = t & 31;
        if (length === 0) length = 31 + this.#extendedLength();
        length += 2;
        const le16 = this.#le16();
        next = le16 & 3;
        distance = 1 + (le16 >> 2);
      } else {
        length = t & 7;
        if (length === 0) length = 7 + this.#extendedLength();
        length += 2;
        const le16 = this.#le16();
        next = le16 & 3;
        distance = ((t & 8) << 11) + (le16 >> 2);
        if (distance === 0) {
          // End of stream: 11 00 00 (length 3, distance 0x4000).
          if (length !== 3) throw this.#corrupt('end-of-stream marker with a wrong length');
          if (this.#ip !== input.length) throw this.#corrupt(`${input.length - this.#ip} bytes after the end-of-stream marker`);
          return this.#out.subarray(0, this.#op);
        }
        distance += 0x4000;
      }
      this.#match(distance, length);
      this.#literals(next);
      state = next;
    }
  }

  /** Reads the zero bytes (255 each) and the final non-zero byte of an extended length field. */
  #extendedLength(): number {
    const input = this.#in;
    let zeros = 0;
    for (;;) {
      this.#need(1);
      const byte = input[this.#ip++]!;
      if (byte !== 0) return zeros * 255 + byte;
      // Each zero byte adds 255 output bytes: more zeros than the output limit allows is a bomb or garbage.
      if (++zeros * 255 > this.#max) throw new InputError('limit', `LZO1X: run length exceeds the ${this.#max}-byte output limit`, this.#ip);
    }
  }

  #le16(): number {
    this.#need(2);
    const value = this.#in[this.#ip]! | (this.#in[this.#ip + 1]! << 8);
    this.#ip += 2;
    return value;
  }

  #literals(count: number): void {
    if (count === 0) return;
    this.#need(count);
    this.#reserve(count);
    this.#out.set(this.#in.subarray(this.#ip, this.#ip + count), this.#op);
    this.#ip += count;
    this.#op += count;
  }

  #match(distance: number, length: number): void {
    if (distance > this.#op) throw this.#corrupt(`match distance ${distance} reaches before the start of the output (${this.#op} bytes written)`);
    this.#reserve(length);
    const out = this.#out;
    let from = this.#op - distance;
    let to = this.#op;
    const end = to + length;
    if (distance >= length) out.copyWithin(to, from, from + length);
    // Overlapping copies (distance < length) repeat the last `distance` bytes, so copy byte by byte.
    else while (to < end) out[to++] = out[from++]!;
    this.#op = end;
  }

  /** Checks that `count` more input bytes exist. Returns true for use in conditions. */
  #need(count: number): true {
    if (this.#ip + count > this.#in.length) throw this.#corrupt(`input ends inside an instruction (needs ${count} more bytes at ${this.#ip}, has ${this.#in.length - this.#ip})`);
    return true;
  }

  #reserve(count: number): void {
    const needed = this.#op + count;
    if (needed > this.#max) throw outputLimit('LZO1X', this.#max, this.#ip);
    if (needed <= this.#out.length) return;
    let capacity = Math.max(this.#out.length * 2, initialOutputBytes);
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(Math.min(capacity, this.#max));
    grown.set(this.#out.subarray(0, this.#op));
    this.#out = grown;
  }

  #corrupt(message: string): InputError {
    return corrupt('LZO1X', message, this.#ip);
  }
}
