/**
 * LZMA decoding, written from the specification decoder in the LZMA SDK (`DOC/lzma-specification.txt`
 * and `CPP/7zip/Bundles/LzmaSpec/LzmaSpec.cpp`, public domain). One file because the range
 * decoder, the probability models and the sliding window are one state machine; LZMA2 chunks
 * (lzma2.ts) drive the same core.
 *
 * Why not @napi-rs/lzma (lzma-rs): it decodes whole buffers only, with no output bound (the
 * `lzma` tool writes "unknown size" headers, so a 150 KB stream can demand gigabytes), no count
 * of the input it consumed (the carver needs the chunk's end), and no partial output from a
 * truncated stream. This decoder streams: it keeps only the dictionary window (at most
 * `maxDictionaryBytes`, allocated once the stream outgrows 64 KiB) and hands out each decoded
 * piece once.
 *
 * Errors: malformed or truncated input is `InputError('corrupt')`; a dictionary larger than the
 * bound is `InputError('limit')`.
 */
import { corrupt } from './limits.js';
import { InputError } from '../types.js';

/** Dictionary bytes a decoder may allocate: xz/lzma presets top out at 64 MiB (-9). */
export const defaultMaxDictionaryBytes = 64 * 1024 * 1024;
/**
 * Input bytes kept ahead of the decoder while streaming: one symbol reads at most one byte per
 * decoded bit (fewer than 64 bits per symbol), so decoding pauses only between symbols.
 */
const symbolLookaheadBytes = 64;
/** Decoded bytes collected before a piece is handed out. */
const outputPieceBytes = 64 * 1024;
/**
 * Window allocation starts here (most streams in firmware are small) and then goes straight to
 * the dictionary size. Doubling left every smaller window, written in full, for the collector:
 * up to the dictionary size again in garbage, which put the Debian installer's peak RSS (a
 * kernel's xz inside data.tar.xz) over 256 MiB in some runs (248–268 MB; now 235–238 MB). A
 * fresh array's pages cost memory only once decoding writes them.
 */
const initialWindowBytes = 64 * 1024;

export interface LzmaProperties {
  /** Literal context bits 0..8. */
  readonly lc: number;
  /** Literal position bits 0..4. */
  readonly lp: number;
  /** Position bits 0..4. */
  readonly pb: number;
  readonly dictionarySize: number;
}

/** Splits the properties byte `(pb * 5 + lp) * 9 + lc`; undefined above 224. */
export function decodePropertiesByte(byte: number): { lc: number; lp: number; pb: number } | undefined {
  if (byte > 224) return undefined;
  return { lc: byte % 9, lp: Math.floor(byte / 9) % 5, pb: Math.floor(byte / 45) };
}

const kNumStates = 12;
const kMatchMinLen = 2;
const kEndPosModelIndex = 14;
const kNumFullDistances = 128;
const kNumAlignBits = 4;
const kNumLenToPosStates = 4;
const probInit = 1024;

/** Length decoder probabilities: choice, choice2, 16 × low (3 bits), 16 × mid (3 bits), high (8 bits). */
function newLenProbs(): Uint16Array {
  return new Uint16Array(2 + 16 * 8 + 16 * 8 + 256).fill(probInit);
}

/**
 * The LZMA core: range decoder, models and window. Input comes from `setInput`; decoding stops
 * between symbols. Used directly by LZMA2 (which resets parts of it per chunk) and through
 * `LzmaStreamDecoder` for .lzma files and raw LZMA (JFFS2).
 */
export class LzmaCore {
  // Window (circular once it reaches `#dictSize`).
  #window: Uint8Array;
  #pos = 0;
  #full = false;
  #flushed = 0;
  readonly #pieces: Uint8Array[] = [];
  #untaken = 0;
  readonly #maxDictionaryBytes: number;
  /**
   * Whole-output mode (one-shot decodes whose window holds the whole output): the window is
   * allocated at its full size and the pieces handed out are views of it, not copies. Before
   * the window would be written over (a wrap or a dictionary reset, which a well-formed stream
   * of the declared size never needs), it is replaced, so a piece never changes after it was
   * handed out.
   */
  readonly #wholeOutput: boolean;
  #dictSize = 0;
  /** Bytes since the last dictionary reset (posState, literal state, distance checks). */
  position = 0;

  // Range decoder over `#input[#inPos..#inEnd)`. Range and code are unsigned 32-bit values held
  // as int32 bits (compared through `unsigned`): V8 keeps them in integer registers, where uint32
  // numbers above 2^31 would be doubles.
  #input: Uint8Array = new Uint8Array(0);
  #inPos = 0;
  #inEnd = 0;
  #range = 0;
  #code = 0;

  // Models.
  #lc = 0;
  #lp = 0;
  #pb = 0;
  #literal: Uint16Array = new Uint16Array(0);
  readonly #isMatch = new Uint16Array(kNumStates << 4);
  readonly #isRep = new Uint16Array(kNumStates);
  readonly #isRepG0 = new Uint16Array(kNumStates);
  readonly #isRepG1 = new Uint16Array(kNumStates);
  readonly #isRepG2 = new Uint16Array(kNumStates);
  readonly #isRep0Long = new Uint16Array(kNumStates << 4);
  readonly #posSlot = new Uint16Array(kNumLenToPosStates << 6);
  readonly #posSpecial = new Uint16Array(1 + kNumFullDistances - kEndPosModelIndex);
  readonly #align = new Uint16Array(1 << kNumAlignBits);
  readonly #len = newLenProbs();
  readonly #repLen = newLenProbs();
  #state = 0;
  #rep0 = 0;
  #rep1 = 0;
  #rep2 = 0;
  #rep3 = 0;

  constructor(dictionarySize: number, maxDictionaryBytes = defaultMaxDictionaryBytes, wholeOutput = false) {
    this.#maxDictionaryBytes = maxDictionaryBytes;
    this.#wholeOutput = wholeOutput;
    this.#window = new Uint8Array(0);
    this.setDictionarySize(dictionarySize);
  }

  setDictionarySize(dictionarySize: number): void {
    // LzmaSpec: a dictionary below 4 KiB is decoded with 4 KiB.
    const size = Math.max(dictionarySize, 4096);
    if (size > this.#maxDictionaryBytes) {
      throw new InputError('limit', `LZMA: dictionary of ${dictionarySize} bytes exceeds the ${this.#maxDictionaryBytes}-byte limit`);
    }
    this.#dictSize = size;
    if (this.#window.length === 0) this.#window = new Uint8Array(this.#wholeOutput ? size : Math.min(size, initialWindowBytes));
  }

  /** New lc/lp/pb (resets the literal models' size; call `resetState` after). */
  setProperties(lc: number, lp: number, pb: number): void {
    this.#lc = lc;
    this.#lp = lp;
    this.#pb = pb;
    const size = 0x300 << (lc + lp);
    if (this.#literal.length !== size) this.#literal = new Uint16Array(size);
  }

  resetState(): void {
    this.#literal.fill(probInit);
    for (const probs of [this.#isMatch, this.#isRep, this.#isRepG0, this.#isRepG1, this.#isRepG2, this.#isRep0Long, this.#posSlot, this.#posSpecial, this.#align, this.#len, this.#repLen]) {
      probs.fill(probInit);
    }
    this.#state = 0;
    this.#rep0 = this.#rep1 = this.#rep2 = this.#rep3 = 0;
  }

  /** Forgets the window contents (LZMA2 dictionary reset); pending output is kept. */
  resetDictionary(): void {
    this.#flush();
    if (this.#wholeOutput && (this.#pos > 0 || this.#full)) this.#window = new Uint8Array(this.#window.length);
    this.#pos = 0;
    this.#flushed = 0;
    this.#full = false;
    this.position = 0;
  }

  setInput(input: Uint8Array, start: number, end: number): void {
    this.#input = input;
    this.#inPos = start;
    this.#inEnd = end;
  }

  get inputPosition(): number {
    return this.#inPos;
  }

  /** Range decoder start: a zero byte, then the 32-bit code (big-endian). */
  initRangeDecoder(): void {
    this.#range = -1;
    if (this.#readByte() !== 0) throw corrupt('LZMA', 'range coder does not start with a zero byte', this.#inPos - 1);
    let code = 0;
    for (let i = 0; i < 4; i++) code = (code << 8) | this.#readByte();
    if (code === this.#range) throw corrupt('LZMA', 'range coder starts with an impossible code', this.#inPos);
    this.#code = code;
  }

  /** True when the range decoder ended cleanly (code 0), as after the last LZMA2 chunk symbol or an end marker. */
  get rangeDecoderFinished(): boolean {
    return this.#code === 0;
  }

  /** Appends stored bytes (an LZMA2 uncompressed chunk). */
  putBytes(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) this.#putByte(bytes[i]!);
  }

  /** Decoded bytes not yet handed out, as pieces of at most one window. */
  takeOutput(): Uint8Array[] {
    this.#flush();
    this.#untaken = 0;
    return this.#pieces.splice(0);
  }

  /** Bytes decoded since the last `takeOutput`. */
  get pendingOutput(): number {
    return this.#untaken;
  }

  /**
   * Decodes symbols until `remaining` bytes were produced (undefined: until an end marker),
   * or until fewer than `lookahead` input bytes are left (0 when all input is present), or
   * until `pieceLimit` bytes of output wait in `takeOutput` (so a bomb is handed out piece by
   * piece). Returns the bytes still to produce (undefined when unknown), or -1 after an end
   * marker.
   */
  decode(remaining: number | undefined, lookahead: number, pieceLimit = outputPieceBytes): number | undefined {
    let left = remaining;
    const pbMask = (1 << this.#pb) - 1;
    while (left === undefined || left > 0) {
      if (this.#inEnd - this.#inPos < lookahead || this.#untaken >= pieceLimit) break;
      const posState = this.position & pbMask;
      const state = this.#state;
      if (this.#bit(this.#isMatch, (state << 4) + posState) === 0) {
        this.#literalSymbol();
        this.#state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        if (left !== undefined) left--;
        continue;
      }
      let length: number;
      if (this.#bit(this.#isRep, state) !== 0) {
        if (this.position === 0) throw corrupt('LZMA', 'repeated match before any output', this.#inPos);
        if (this.#bit(this.#isRepG0, state) === 0) {
          if (this.#bit(this.#isRep0Long, (state << 4) + posState) === 0) {
            this.#checkDistance(this.#rep0);
            this.#state = state < 7 ? 9 : 11;
            this.#putByte(this.#byteAt(this.#rep0 + 1));
            if (left !== undefined) left--;
            continue;
          }
        } else {
          let distance: number;
          if (this.#bit(this.#isRepG1, state) === 0) {
            distance = this.#rep1;
          } else {
            if (this.#bit(this.#isRepG2, state) === 0) {
              distance = this.#rep2;
            } else {
              distance = this.#rep3;
              this.#rep3 = this.#rep2;
            }
            this.#rep2 = this.#rep1;
          }
          this.#rep1 = this.#rep0;
          this.#rep0 = distance;
        }
        this.#checkDistance(this.#rep0);
        length = this.#length(this.#repLen, posState);
        this.#state = state < 7 ? 8 : 11;
      } else {
        this.#rep3 = this.#rep2;
        this.#rep2 = this.#rep1;
        this.#rep1 = this.#rep0;
        length = this.#length(this.#len, posState);
        this.#state = state < 7 ? 7 : 10;
        const distance = this.#distance(length);
        if (distance === 0xffffffff) {
          // End marker: valid only where the range coder also ends.
          if (this.#code !== 0) throw corrupt('LZMA', 'end marker with the range coder not finished', this.#inPos);
          return -1;
        }
        this.#rep0 = distance;
        this.#checkDistance(distance);
      }
      length += kMatchMinLen;
      if (left !== undefined) {
        if (left < length) throw corrupt('LZMA', 'match runs past the declared size', this.#inPos);
        left -= length;
      }
      this.#copyMatch(this.#rep0 + 1, length);
    }
    return left;
  }

  /** A 0-based match distance must point into what this dictionary has seen. */
  #checkDistance(distance: number): void {
    if (distance >= this.#dictSize || distance >= (this.#full ? this.#window.length : this.#pos)) {
      throw corrupt('LZMA', `match distance ${distance + 1} reaches before the start of the output`, this.#inPos);
    }
  }

  #readByte(): number {
    if (this.#inPos >= this.#inEnd) throw truncatedSymbol(this.#inPos);
    return this.#input[this.#inPos++]!;
  }

  #bit(probs: Uint16Array, index: number): number {
    const prob = probs[index]!;
    const bound = Math.imul(this.#range >>> 11, prob);
    let bit: number;
    if (unsigned(this.#code) < unsigned(bound)) {
      this.#range = bound;
      probs[index] = prob + ((2048 - prob) >>> 5);
      bit = 0;
    } else {
      this.#range = (this.#range - bound) | 0;
      this.#code = (this.#code - bound) | 0;
      probs[index] = prob - (prob >>> 5);
      bit = 1;
    }
    if (this.#range >>> 24 === 0) {
      this.#range <<= 8;
      this.#code = (this.#code << 8) | this.#readByte();
    }
    return bit;
  }

  #directBits(count: number): number {
    let result = 0;
    for (let i = 0; i < count; i++) {
      this.#range >>>= 1;
      let bit = 0;
      if (unsigned(this.#code) >= unsigned(this.#range)) {
        this.#code = (this.#code - this.#range) | 0;
        bit = 1;
      }
      if (this.#range >>> 24 === 0) {
        this.#range <<= 8;
        this.#code = (this.#code << 8) | this.#readByte();
      }
      result = ((result << 1) | bit) >>> 0;
    }
    return result;
  }

  /**
   * A bit tree, most significant bit first. The range coder state is held in locals for the
   * whole tree (not in fields per bit, as `#bit` does): this and `#literalSymbol` decode most of
   * the bits, and locals keep V8 from boxing the 32-bit range and code at every bit.
   */
  #tree(probs: Uint16Array, base: number, bits: number): number {
    const input = this.#input;
    const inEnd = this.#inEnd;
    let inPos = this.#inPos;
    let range = this.#range;
    let code = this.#code;
    let m = 1;
    for (let i = 0; i < bits; i++) {
      const index = base + m;
      const prob = probs[index]!;
      const bound = Math.imul(range >>> 11, prob);
      if (unsigned(code) < unsigned(bound)) {
        range = bound;
        probs[index] = prob + ((2048 - prob) >>> 5);
        m <<= 1;
      } else {
        range = (range - bound) | 0;
        code = (code - bound) | 0;
        probs[index] = prob - (prob >>> 5);
        m = (m << 1) + 1;
      }
      if (range >>> 24 === 0) {
        if (inPos >= inEnd) throw truncatedSymbol(inPos);
        range <<= 8;
        code = (code << 8) | input[inPos++]!;
      }
    }
    this.#inPos = inPos;
    this.#range = range;
    this.#code = code;
    return m - (1 << bits);
  }

  /** A bit tree, least significant bit first: the same walk as `#tree`, its bits read in reverse. */
  #reverseTree(probs: Uint16Array, base: number, bits: number): number {
    const forward = this.#tree(probs, base, bits);
    let symbol = 0;
    for (let i = 0; i < bits; i++) symbol |= ((forward >>> (bits - 1 - i)) & 1) << i;
    return symbol;
  }

  #length(probs: Uint16Array, posState: number): number {
    if (this.#bit(probs, 0) === 0) return this.#tree(probs, 2 + posState * 8, 3);
    if (this.#bit(probs, 1) === 0) return 8 + this.#tree(probs, 2 + 128 + posState * 8, 3);
    return 16 + this.#tree(probs, 2 + 256, 8);
  }

  #distance(length: number): number {
    const lenState = Math.min(length, kNumLenToPosStates - 1);
    const posSlot = this.#tree(this.#posSlot, lenState << 6, 6);
    if (posSlot < 4) return posSlot;
    const directBits = (posSlot >>> 1) - 1;
    let distance = ((2 | (posSlot & 1)) << directBits) >>> 0;
    if (posSlot < kEndPosModelIndex) {
      // LzmaSpec: BitTreeReverseDecode(PosDecoders + dist - posSlot, ...), walked from index 1.
      return distance + this.#reverseTree(this.#posSpecial, distance - posSlot, directBits);
    }
    distance = (distance + ((this.#directBits(directBits - kNumAlignBits) << kNumAlignBits) >>> 0)) >>> 0;
    return (distance + this.#reverseTree(this.#align, 0, kNumAlignBits)) >>> 0;
  }

  /**
   * One literal: eight bits through the literal models, and after a match the "matched" models
   * while the bits agree with the byte at rep0 (LzmaDec.c's single loop: `offset` is 0x100 while
   * they agree, 0 once they differ and for a plain literal). Range coder state in locals, as `#tree`;
   * the bit step is written out in both because a shared helper would put that state back in fields.
   */
  #literalSymbol(): void {
    const previous = this.position > 0 ? this.#byteAt(1) : 0;
    const litState = ((this.position & ((1 << this.#lp) - 1)) << this.#lc) + (previous >>> (8 - this.#lc));
    const base = 0x300 * litState;
    const probs = this.#literal;
    const input = this.#input;
    const inEnd = this.#inEnd;
    let inPos = this.#inPos;
    let range = this.#range;
    let code = this.#code;
    const matched = this.#state >= 7;
    let matchByte = matched ? this.#byteAt(this.#rep0 + 1) : 0;
    let offset = matched ? 0x100 : 0;
    let symbol = 1;
    do {
      matchByte <<= 1;
      const agreeing = offset;
      offset &= matchByte;
      const index = base + offset + agreeing + symbol;
      const prob = probs[index]!;
      const bound = Math.imul(range >>> 11, prob);
      if (unsigned(code) < unsigned(bound)) {
        range = bound;
        probs[index] = prob + ((2048 - prob) >>> 5);
        symbol <<= 1;
        offset ^= agreeing;
      } else {
        range = (range - bound) | 0;
        code = (code - bound) | 0;
        probs[index] = prob - (prob >>> 5);
        symbol = (symbol << 1) + 1;
      }
      if (range >>> 24 === 0) {
        if (inPos >= inEnd) throw truncatedSymbol(inPos);
        range <<= 8;
        code = (code << 8) | input[inPos++]!;
      }
    } while (symbol < 0x100);
    this.#inPos = inPos;
    this.#range = range;
    this.#code = code;
    this.#putByte(symbol - 0x100);
  }

  /** The byte `distance` positions back (1 = the last byte written). */
  #byteAt(distance: number): number {
    const at = this.#pos - distance;
    return this.#window[at >= 0 ? at : at + this.#window.length]!;
  }

  #putByte(byte: number): void {
    this.#window[this.#pos++] = byte;
    this.position++;
    this.#untaken++;
    if (this.#pos === this.#window.length) this.#wrapOrGrow();
  }

  #copyMatch(distance: number, length: number): void {
    const window = this.#window;
    const pos = this.#pos;
    const from = pos - distance;
    if (from >= 0 && pos + length < window.length) {
      // Neither end wraps and the window does not fill: a forward byte copy (overlap repeats bytes, as LZMA wants).
      for (let i = 0; i < length; i++) window[pos + i] = window[from + i]!;
      this.#pos = pos + length;
      this.position += length;
      this.#untaken += length;
      return;
    }
    for (let i = 0; i < length; i++) this.#putByte(this.#byteAt(distance));
  }

  #wrapOrGrow(): void {
    if (this.#window.length < this.#dictSize && !this.#full) {
      // Doubled, not grown to the dictionary at once: a stream names a dictionary for its whole
      // output, and a smaller output needs no more window than itself (a kernel's xz payload
      // asks 32 MiB and more; the Debian installer's scan peaked at 254-268 MiB with it).
      const grown = new Uint8Array(Math.min(this.#dictSize, 2 * this.#window.length));
      grown.set(this.#window);
      this.#window = grown;
      return;
    }
    this.#flush();
    // Matches still read the old bytes; the pieces handed out keep them.
    if (this.#wholeOutput) this.#window = this.#window.slice();
    this.#pos = 0;
    this.#flushed = 0;
    this.#full = true;
  }

  #flush(): void {
    if (this.#pos > this.#flushed) this.#pieces.push(this.#wholeOutput ? this.#window.subarray(this.#flushed, this.#pos) : this.#window.slice(this.#flushed, this.#pos));
    this.#flushed = this.#pos;
  }
}

/** An int32 holding uint32 bits, mapped so that signed order is unsigned order. */
function unsigned(bits: number): number {
  return bits ^ -0x80000000;
}

function truncatedSymbol(at: number): InputError {
  return corrupt('LZMA', 'compressed data ends inside a symbol (truncated)', at);
}

/**
 * Streaming LZMA1 (.lzma files, raw LZMA in JFFS2): `feed` compressed bytes as they arrive and
 * take decoded pieces (at most 64 KiB plus one match of ≤ 273 bytes) with `next` until it returns undefined. Decoding ends at
 * the end marker or after `unpackedSize` bytes; `consumed` then says how many compressed bytes
 * the stream occupied. Memory: the window (≤ the dictionary size), one piece of output and
 * the input not yet decoded.
 */
export class LzmaStreamDecoder {
  readonly #core: LzmaCore;
  #remaining: number | undefined;
  #input: Uint8Array = new Uint8Array(0);
  #inPos = 0;
  #final = false;
  #started = false;
  #finished = false;
  #consumed = 0;
  readonly #ready: Uint8Array[] = [];

  constructor(properties: LzmaProperties, unpackedSize: number | undefined, maxDictionaryBytes = defaultMaxDictionaryBytes) {
    if (properties.lc > 8 || properties.lp > 4 || properties.pb > 4) throw new RangeError('LZMA: lc/lp/pb out of range');
    // A known size caps the window: no match can reach further back than the output.
    const window = unpackedSize === undefined ? properties.dictionarySize : Math.min(properties.dictionarySize, Math.max(unpackedSize, 1));
    this.#core = new LzmaCore(window, maxDictionaryBytes);
    this.#core.setProperties(properties.lc, properties.lp, properties.pb);
    this.#core.resetState();
    this.#remaining = unpackedSize;
  }

  /** True once the end marker or the declared size was reached. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Compressed bytes the stream occupied (range coder start to its last byte), once finished. */
  get consumed(): number {
    return this.#consumed;
  }

  /** Adds input; `final` says nothing follows. */
  feed(chunk: Uint8Array, final: boolean): void {
    const rest = this.#input.subarray(this.#inPos);
    this.#consumed += this.#inPos;
    this.#input = rest.length === 0 ? chunk : concat(rest, chunk);
    this.#inPos = 0;
    this.#final ||= final;
  }

  /**
   * The next decoded piece, or undefined when more input is needed or the stream has ended.
   * Throws `InputError('corrupt')` for bad data, and for a stream that stops before its end
   * once the input is final; bytes decoded before the error are in `decodedBeforeError(error)`.
   */
  next(): Uint8Array | undefined {
    if (this.#ready.length > 0) return this.#ready.shift();
    if (this.#finished) return undefined;
    const core = this.#core;
    core.setInput(this.#input, this.#inPos, this.#input.length);
    try {
      if (!this.#started) {
        if (this.#input.length - this.#inPos < 5) {
          if (this.#final) throw corrupt('LZMA', 'stream shorter than the range coder start (truncated)');
          return undefined;
        }
        core.initRangeDecoder();
        this.#started = true;
      }
      const left = core.decode(this.#remaining, this.#final ? 0 : symbolLookaheadBytes);
      this.#inPos = core.inputPosition;
      this.#ready.push(...core.takeOutput());
      if (left === -1 || left === 0) {
        this.#finished = true;
        this.#consumed += this.#inPos;
        this.#input = this.#input.subarray(this.#inPos);
        this.#inPos = 0;
      } else {
        this.#remaining = left;
        if (this.#final && this.#ready.length === 0 && this.#inPos >= this.#input.length) {
          throw corrupt('LZMA', 'compressed data ends before the end of the stream (truncated)', this.#consumed + this.#inPos);
        }
      }
    } catch (error) {
      if (error instanceof InputError) {
        throw Object.assign(error, { decoded: [...this.#ready.splice(0), ...core.takeOutput()] });
      }
      throw error;
    }
    return this.#ready.shift();
  }

  /** Input bytes fed after the end of the stream (not part of it). */
  get trailing(): Uint8Array {
    return this.#finished ? this.#input.subarray(this.#inPos) : new Uint8Array(0);
  }
}

/** Output decoded before an error, attached to the `InputError` that `push` throws. */
export function decodedBeforeError(error: unknown): Uint8Array[] {
  return ((error as { decoded?: Uint8Array[] }).decoded ?? []);
}

/**
 * One-shot raw LZMA (no header), as JFFS2 stores it: decodes exactly `unpackedSize` bytes.
 * Throws `corrupt` for bad data and `limit` when `unpackedSize` exceeds `maxOutputBytes`.
 */
export function lzmaDecompressRaw(input: Uint8Array, properties: LzmaProperties, unpackedSize: number, maxOutputBytes: number): Uint8Array {
  if (unpackedSize > maxOutputBytes) throw new InputError('limit', `LZMA: ${unpackedSize} bytes exceed the ${maxOutputBytes}-byte output limit`);
  const decoder = new LzmaStreamDecoder(properties, unpackedSize);
  decoder.feed(input, true);
  const out = new Uint8Array(unpackedSize);
  let at = 0;
  for (let piece = decoder.next(); piece !== undefined; piece = decoder.next()) {
    out.set(piece, at);
    at += piece.length;
  }
  if (at !== unpackedSize) throw corrupt('LZMA', `decoded ${at} of ${unpackedSize} bytes`);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
