/**
 * The BCJ2 x86 branch converter of 7-Zip: four input streams (main bytes, CALL targets,
 * JUMP targets, a range-coded "was this E8/E9/Jcc converted" bit stream) make one output.
 * Written from the LZMA SDK's `C/Bcj2.c` (version 9.20, public domain): 258 adaptive bit
 * models (one per byte before an E8, one for E9, one for Jcc), absolute targets stored
 * big-endian in the CALL and JUMP streams and turned back into relative little-endian ones.
 *
 * Whole buffers: the four streams and the output (`outputSize`, bounded by the caller) are
 * held at once. Bad or short input is `InputError('corrupt')`.
 */
import { corrupt } from './limits.js';

const topValue = 1 << 24;
const bitModelTotal = 1 << 11;
const moveBits = 5;

export function bcj2Decode(main: Uint8Array, call: Uint8Array, jump: Uint8Array, rc: Uint8Array, outputSize: number): Uint8Array {
  const out = new Uint8Array(outputSize);
  if (outputSize === 0) return out;
  const probs = new Uint16Array(258).fill(bitModelTotal >> 1);
  if (rc.length < 5) throw corrupt('BCJ2', 'range coder stream shorter than 5 bytes');
  let rcPos = 5;
  let code = ((rc[1]! << 24) | (rc[2]! << 16) | (rc[3]! << 8) | rc[4]!) >>> 0;
  let range = 0xffffffff;
  let inPos = 0;
  let outPos = 0;
  let callPos = 0;
  let jumpPos = 0;
  let prevByte = 0;
  for (;;) {
    // Copy plain bytes up to (and including) the next E8, E9 or 0F 8x opcode.
    let jumped = false;
    while (inPos < main.length && outPos < outputSize) {
      const b = main[inPos]!;
      out[outPos++] = b;
      if ((b & 0xfe) === 0xe8 || (prevByte === 0x0f && (b & 0xf0) === 0x80)) {
        jumped = true;
        break;
      }
      inPos++;
      prevByte = b;
    }
    if (!jumped || outPos === outputSize) break;
    const b = main[inPos++]!;
    const index = b === 0xe8 ? prevByte : b === 0xe9 ? 256 : 257;
    const prob = probs[index]!;
    const bound = (range >>> 11) * prob;
    let converted: boolean;
    if (code < bound) {
      range = bound;
      probs[index] = prob + ((bitModelTotal - prob) >> moveBits);
      converted = false;
    } else {
      range = (range - bound) >>> 0;
      code = (code - bound) >>> 0;
      probs[index] = prob - (prob >> moveBits);
      converted = true;
    }
    if (range < topValue) {
      if (rcPos >= rc.length) throw corrupt('BCJ2', 'range coder stream ends early');
      range = (range << 8) >>> 0;
      code = ((code << 8) | rc[rcPos++]!) >>> 0;
    }
    if (!converted) {
      prevByte = b;
      continue;
    }
    const source = b === 0xe8 ? call : jump;
    const at = b === 0xe8 ? callPos : jumpPos;
    if (at + 4 > source.length) throw corrupt('BCJ2', `${b === 0xe8 ? 'CALL' : 'JUMP'} stream ends early`);
    const absolute = ((source[at]! << 24) | (source[at + 1]! << 16) | (source[at + 2]! << 8) | source[at + 3]!) >>> 0;
    if (b === 0xe8) callPos += 4;
    else jumpPos += 4;
    const dest = (absolute - (outPos + 4)) >>> 0;
    for (let i = 0; i < 4 && outPos < outputSize; i++) out[outPos++] = (dest >>> (8 * i)) & 0xff;
    prevByte = dest >>> 24;
  }
  if (outPos !== outputSize) throw corrupt('BCJ2', `decoded ${outPos} of ${outputSize} bytes`);
  return out;
}
