/**
 * bzip2 block decoding, written for fwsift from the format as bzip2 1.0.8 reads it
 * (`decompress.c`, `huffman.c` `BZ2_hbCreateDecodeTables`, `bzlib.c` `unRLE_obuf_to_output_FAST`)
 * and Joe Tsai's description of the format ("The bzip2 format", 2016). Own code because no
 * maintained npm package decodes bzip2 as a stream that says where it ends: `unbzip2-stream`'s
 * stream wrapper fails on trailing bytes and its block decoder is an internal file (and emits one
 * callback per byte), `seek-bzip` and the WebAssembly ports take whole buffers.
 *
 * A block, after its 48-bit magic 31 41 59 26 53 59 (bit-aligned, MSB first):
 *
 *   32  block CRC (CRC-32/BZIP2 of the block's output)
 *    1  randomised (only bzip2 0.9.0 and older wrote 1: `unsupported` here)
 *   24  origPtr: the row of the original string in the sorted rotations
 *   16 + 16×n  which of the 256 byte values occur (two-level bitmap)
 *    3  number of Huffman tables (2..6);  15  number of selectors (one per 50 symbols)
 *       selectors, move-to-front coded in unary; per table 5-bit start length + delta codes
 *       symbols: RUNA/RUNB (bijective base-2 run lengths of the front byte), MTF indices, EOB
 *
 * Decoding undoes Huffman, move-to-front and the zero-run coding into `tt` (one Int32 per
 * byte of the block, at most 900,000), then the Burrows-Wheeler transform by following `tt`
 * links, then the initial run-length coding (4 equal bytes and a count byte). The last step is
 * a walk that can be resumed: output leaves in pieces of a bounded size, never a whole block.
 *
 * Bad data is `InputError('corrupt')` with what was wrong; a block cut by the end of the
 * buffered input is `NeedMoreInput` (the caller buffers more and decodes the block again).
 */
import { InputError } from '../types.js';

/** The largest block: level 9, 900,000 bytes before the initial run-length coding is undone. */
export const maxBlockBytes = 900_000;
/** bzip2 1.0.8 `BZ_MAX_SELECTORS`: selectors beyond it are read and ignored (CVE-2019-12900). */
const maxSelectors = 18_002;
const maxCodeLength = 20;
const groupSize = 50;

/** Thrown when the buffered input ends inside what is being decoded. */
export class NeedMoreInput extends Error {
  override readonly name = 'NeedMoreInput';
}
const needMore = new NeedMoreInput('bzip2: the input ends inside a block');

const corrupt = (message: string): InputError => new InputError('corrupt', `bzip2: ${message}`);

/** MSB-first bits over a byte buffer that can grow at the end (a whole block is buffered before it is decoded). */
export class BitReader {
  #bytes: Uint8Array = new Uint8Array(0);
  /** Next byte to load into `#bits`. */
  #pos = 0;
  /** Bytes dropped from the front so far, for stream positions. */
  #dropped = 0;
  #bits = 0;
  #count = 0;

  /** Reads `n` bits (1..24) as an unsigned integer. */
  read(n: number): number {
    while (this.#count < n) {
      if (this.#pos >= this.#bytes.length) throw needMore;
      this.#bits = (this.#bits << 8) | this.#bytes[this.#pos++]!;
      this.#count += 8;
    }
    this.#count -= n;
    return (this.#bits >>> this.#count) & ((1 << n) - 1);
  }

  bit(): number {
    return this.read(1);
  }

  /** Drops the bits left in the current byte, and gives back whole bytes read ahead. */
  alignToByte(): void {
    this.#pos -= this.#count >> 3;
    this.#count = 0;
    this.#bits = 0;
  }

  /** Bytes buffered and not yet read (bits held count as read). */
  get buffered(): number {
    return this.#bytes.length - this.#pos;
  }

  /** Stream offset of the next byte to load: after `alignToByte`, of the next unread byte. */
  get position(): number {
    return this.#dropped + this.#pos;
  }

  /** The next `count` unread bytes (fewer at the end of the buffer), after `alignToByte`. */
  peek(count: number): Uint8Array {
    return this.#bytes.subarray(this.#pos, this.#pos + count);
  }

  mark(): { readonly pos: number; readonly bits: number; readonly count: number } {
    return { pos: this.#pos, bits: this.#bits, count: this.#count };
  }

  reset(mark: { readonly pos: number; readonly bits: number; readonly count: number }): void {
    this.#pos = mark.pos;
    this.#bits = mark.bits;
    this.#count = mark.count;
  }

  /** Adds bytes at the end, dropping those before the read position (marks taken before are void). */
  append(chunk: Uint8Array): void {
    const keep = this.#bytes.subarray(this.#pos);
    const joined = new Uint8Array(keep.length + chunk.length);
    joined.set(keep);
    joined.set(chunk, keep.length);
    this.#dropped += this.#pos;
    this.#pos = 0;
    this.#bytes = joined;
  }
}

/** A block after Huffman, move-to-front and zero-run decoding: `tt` links, ready for output. */
export interface DecodedBlock {
  readonly crc: number;
  readonly length: number;
  /** Index of the first byte's link in `tt`. */
  readonly start: number;
}

/**
 * Decodes the block whose magic was just read, into `tt` (at least `blockBytes` long, where
 * `blockBytes` is the stream's level × 100,000). Throws `NeedMoreInput` or `InputError`.
 */
export function decodeBlock(bits: BitReader, tt: Int32Array, blockBytes: number): DecodedBlock {
  const crc = ((bits.read(16) << 16) | bits.read(16)) >>> 0;
  if (bits.bit() === 1) throw new InputError('unsupported', 'bzip2: randomised block (written only by bzip2 0.9.0 and older)');
  const origPtr = bits.read(24);

  const used: number[] = [];
  const groups = bits.read(16);
  for (let i = 0; i < 16; i++) {
    if ((groups & (0x8000 >> i)) === 0) continue;
    const members = bits.read(16);
    for (let j = 0; j < 16; j++) if ((members & (0x8000 >> j)) !== 0) used.push(i * 16 + j);
  }
  if (used.length === 0) throw corrupt('block uses no byte values');
  const alphaSize = used.length + 2;

  const tableCount = bits.read(3);
  if (tableCount < 2 || tableCount > 6) throw corrupt(`${tableCount} Huffman tables (2 to 6 allowed)`);
  const selectorCount = bits.read(15);
  if (selectorCount === 0) throw corrupt('no selectors');
  const selectors = readSelectors(bits, selectorCount, tableCount);
  const tables = Array.from({ length: tableCount }, () => huffmanTable(readCodeLengths(bits, alphaSize)));

  const length = readSymbols(bits, tables, selectors, used, tt, blockBytes);
  if (origPtr >= length) throw corrupt(`origPtr ${origPtr} is past the block's ${length} bytes`);
  return { crc, length, start: invertBwt(tt, length, origPtr) };
}

function readSelectors(bits: BitReader, count: number, tableCount: number): Uint8Array {
  const selectors = new Uint8Array(Math.min(count, maxSelectors));
  const order = [0, 1, 2, 3, 4, 5].slice(0, tableCount);
  for (let i = 0; i < count; i++) {
    let index = 0;
    while (bits.bit() === 1) if (++index >= tableCount) throw corrupt('selector out of range');
    const table = order[index]!;
    order.splice(index, 1);
    order.unshift(table);
    if (i < selectors.length) selectors[i] = table;
  }
  return selectors;
}

function readCodeLengths(bits: BitReader, alphaSize: number): Uint8Array {
  const lengths = new Uint8Array(alphaSize);
  let current = bits.read(5);
  for (let symbol = 0; symbol < alphaSize; symbol++) {
    for (;;) {
      if (current < 1 || current > maxCodeLength) throw corrupt(`Huffman code length ${current} (1 to ${maxCodeLength} allowed)`);
      if (bits.bit() === 0) break;
      current += bits.bit() === 0 ? 1 : -1;
    }
    lengths[symbol] = current;
  }
  return lengths;
}

interface HuffmanTable {
  readonly minLength: number;
  /** Per code length: the largest code of that length (-1 when none). */
  readonly limit: Int32Array;
  /** Per code length: subtracted from a code to index `symbols`. */
  readonly base: Int32Array;
  /** Symbols ordered by code length, then value (canonical codes). */
  readonly symbols: Uint16Array;
}

/** Canonical Huffman decoding tables, as `BZ2_hbCreateDecodeTables`. */
function huffmanTable(lengths: Uint8Array): HuffmanTable {
  let minLength = maxCodeLength;
  let maxLength = 0;
  for (const length of lengths) {
    if (length < minLength) minLength = length;
    if (length > maxLength) maxLength = length;
  }
  const symbols = new Uint16Array(lengths.length);
  let at = 0;
  for (let length = minLength; length <= maxLength; length++) {
    for (let symbol = 0; symbol < lengths.length; symbol++) if (lengths[symbol] === length) symbols[at++] = symbol;
  }
  const counts = new Int32Array(maxCodeLength + 2);
  for (const length of lengths) counts[length]!++;
  const limit = new Int32Array(maxCodeLength + 1).fill(-1);
  const base = new Int32Array(maxCodeLength + 1);
  let code = 0;
  let index = 0;
  for (let length = minLength; length <= maxLength; length++) {
    base[length] = code - index;
    code += counts[length]!;
    index += counts[length]!;
    limit[length] = code - 1;
    code <<= 1;
  }
  return { minLength, limit, base, symbols };
}

/** Huffman + move-to-front + RUNA/RUNB decoding into `tt` (the byte in the low 8 bits); returns the block's length. */
function readSymbols(bits: BitReader, tables: readonly HuffmanTable[], selectors: Uint8Array, used: readonly number[], tt: Int32Array, blockBytes: number): number {
  const endOfBlock = used.length + 1;
  const mtf = Uint8Array.from(used.map((_, i) => i));
  let length = 0;
  let run = 0;
  let runWeight = 1;
  let selector = 0;
  let left = 0;
  let table = tables[0]!;
  for (;;) {
    if (left === 0) {
      if (selector >= selectors.length) throw corrupt('more symbols than selectors');
      table = tables[selectors[selector++]!]!;
      left = groupSize;
    }
    left--;
    let codeLength = table.minLength;
    let code = bits.read(codeLength);
    while (code > table.limit[codeLength]!) {
      if (++codeLength > maxCodeLength) throw corrupt('invalid Huffman code');
      code = (code << 1) | bits.bit();
    }
    const index = code - table.base[codeLength]!;
    if (index < 0 || index >= table.symbols.length) throw corrupt('invalid Huffman code');
    const symbol = table.symbols[index]!;

    if (symbol <= 1) {
      // RUNA (0) adds 1×weight, RUNB (1) 2×weight: a run of the front byte, in bijective base 2.
      run += (symbol + 1) * runWeight;
      runWeight <<= 1;
      if (run > blockBytes) throw corrupt(`a run longer than the ${blockBytes}-byte block`);
      continue;
    }
    if (run > 0) {
      if (length + run > blockBytes) throw corrupt(`more than the ${blockBytes} bytes the stream header allows in a block`);
      tt.fill(used[mtf[0]!]!, length, length + run);
      length += run;
      run = 0;
      runWeight = 1;
    }
    if (symbol === endOfBlock) return length;
    if (length >= blockBytes) throw corrupt(`more than the ${blockBytes} bytes the stream header allows in a block`);
    // Symbol n (2..) is move-to-front index n - 1.
    const position = symbol - 1;
    const value = mtf[position]!;
    for (let i = position; i > 0; i--) mtf[i] = mtf[i - 1]!;
    mtf[0] = value;
    tt[length++] = used[value]!;
  }
}

/** Undoes the Burrows-Wheeler transform in place: each `tt` entry gets the index of the next byte's entry in bits 8..31. */
function invertBwt(tt: Int32Array, length: number, origPtr: number): number {
  const starts = new Int32Array(256);
  for (let i = 0; i < length; i++) starts[tt[i]! & 0xff]!++;
  for (let sum = 0, byte = 0; byte < 256; byte++) {
    const count = starts[byte]!;
    starts[byte] = sum;
    sum += count;
  }
  for (let i = 0; i < length; i++) {
    const byte = tt[i]! & 0xff;
    tt[starts[byte]!++]! |= i << 8;
  }
  return tt[origPtr]! >>> 8;
}

/** CRC-32/BZIP2 (polynomial 0x04c11db7, MSB first, inverted in and out): the block and stream checks. */
const crcTable = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[n] = c;
  }
  return table;
})();

/**
 * The block's output in pieces of at most `pieceBytes`: the BWT walk with the initial
 * run-length coding undone (after 4 equal bytes, the next is a count of further copies). Each
 * piece is a buffer of its own. Returns the output's CRC.
 */
export function* blockOutput(block: DecodedBlock, tt: Int32Array, pieceBytes: number): Generator<Uint8Array, number> {
  let piece = new Uint8Array(pieceBytes);
  let filled = 0;
  let crc = -1;
  let link = block.start;
  let last = -1;
  let same = 0;
  for (let i = 0; i < block.length; i++) {
    const entry = tt[link]!;
    const byte = entry & 0xff;
    link = entry >>> 8;
    let copies = 1;
    if (same === 4) {
      copies = byte;
      same = 0;
    } else if (byte === last) same++;
    else {
      last = byte;
      same = 1;
    }
    const out = same === 0 ? last : byte;
    for (let n = 0; n < copies; n++) {
      if (filled === pieceBytes) {
        yield piece;
        piece = new Uint8Array(pieceBytes);
        filled = 0;
      }
      piece[filled++] = out;
      crc = (crc << 8) ^ crcTable[((crc >>> 24) ^ out) & 0xff]!;
    }
  }
  if (filled > 0) yield piece.subarray(0, filled);
  return ~crc >>> 0;
}

/** The stream CRC after one more block: rotate left by one, then XOR (bzip2's combined CRC). */
export function combineCrc(combined: number, block: number): number {
  return (((combined << 1) | (combined >>> 31)) ^ block) >>> 0;
}
