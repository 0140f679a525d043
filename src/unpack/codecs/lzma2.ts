/**
 * LZMA2 (the only compression filter of .xz blocks), decoded with the LZMA core of lzma.ts.
 * Format from xz-utils `src/liblzma/lzma/lzma2_decoder.c` (the chunk layout is not in a
 * published spec beyond the xz file format's "LZMA2" filter id 0x21):
 *
 *   00                      end of the LZMA2 data
 *   01 ss ss data           stored chunk (size BE16 + 1), dictionary reset
 *   02 ss ss data           stored chunk, no reset
 *   1rr uuuuu UU UU PP PP [props]   LZMA chunk: unpacked size (uuuuu UU UU) + 1, packed size + 1;
 *                           rr: 0 nothing reset, 1 state reset, 2 + new lc/lp/pb byte, 3 + dictionary reset
 *
 * Every LZMA chunk restarts the range coder and must end exactly at its packed size, with no
 * end marker. A chunk is at most 64 KiB packed and 2 MiB unpacked; it is decoded once all its
 * packed bytes have arrived (or the input has ended: a cut chunk is decoded as far as it goes),
 * and handed out in pieces.
 */
import { corrupt } from './limits.js';
import { LzmaCore, decodePropertiesByte, defaultMaxDictionaryBytes } from './lzma.js';
import { InputError } from '../types.js';

/** Dictionary size from the one-byte LZMA2 filter property (xz file format §5.3.1). */
export function lzma2DictionarySize(property: number): number | undefined {
  if (property > 40) return undefined;
  if (property === 40) return 0xffffffff;
  return (2 | (property & 1)) * 2 ** (Math.floor(property / 2) + 11);
}

interface ChunkState {
  /** Unpacked bytes still to decode. */
  remaining: number;
  /** Packed bytes of the chunk not yet read by the range decoder. */
  packedLeft: number;
}

export class Lzma2Decoder {
  readonly #core: LzmaCore;
  #input: Uint8Array = new Uint8Array(0);
  #inPos = 0;
  #final = false;
  #consumed = 0;
  #finished = false;
  #chunk: ChunkState | undefined;
  #needDictionaryReset = true;
  #needProperties = true;
  readonly #ready: Uint8Array[] = [];

  /**
   * `dictionarySize` from the filter property; above `maxDictionaryBytes` is a `limit`.
   * `wholeOutput`: the dictionary size is the whole output's, and pieces may be views of the
   * window (LzmaCore's whole-output mode, for one-shot decodes).
   */
  constructor(dictionarySize: number, maxDictionaryBytes = defaultMaxDictionaryBytes, wholeOutput = false) {
    this.#core = new LzmaCore(dictionarySize, maxDictionaryBytes, wholeOutput);
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** Bytes of LZMA2 data up to and including its end byte, once finished. */
  get consumed(): number {
    return this.#consumed + this.#inPos;
  }

  /** Input fed beyond the end of the LZMA2 data, once finished. */
  get trailing(): Uint8Array {
    return this.#finished ? this.#input.subarray(this.#inPos) : new Uint8Array(0);
  }

  feed(chunk: Uint8Array, final: boolean): void {
    const rest = this.#input.subarray(this.#inPos);
    this.#consumed += this.#inPos;
    this.#inPos = 0;
    if (rest.length === 0) this.#input = chunk;
    else {
      const joined = new Uint8Array(rest.length + chunk.length);
      joined.set(rest);
      joined.set(chunk, rest.length);
      this.#input = joined;
    }
    this.#final ||= final;
  }

  /** The next decoded piece; undefined when more input is needed or the data has ended. */
  next(): Uint8Array | undefined {
    try {
      while (this.#ready.length === 0 && !this.#finished) {
        if (!this.#step()) break;
      }
    } catch (error) {
      if (error instanceof InputError) throw Object.assign(error, { decoded: [...this.#ready.splice(0), ...this.#core.takeOutput()] });
      throw error;
    }
    return this.#ready.shift();
  }

  /** One unit of work; false when it needs more input. */
  #step(): boolean {
    const core = this.#core;
    const input = this.#input;
    const available = input.length - this.#inPos;
    const chunk = this.#chunk;
    if (chunk !== undefined) {
      core.setInput(input, this.#inPos, this.#inPos + chunk.packedLeft);
      const left = core.decode(chunk.remaining, 0);
      if (left === -1) throw corrupt('LZMA2', 'end marker inside an LZMA2 chunk', this.consumed);
      chunk.packedLeft -= core.inputPosition - this.#inPos;
      this.#inPos = core.inputPosition;
      chunk.remaining = left ?? 0;
      this.#ready.push(...core.takeOutput());
      if (chunk.remaining === 0) {
        if (chunk.packedLeft !== 0 || !core.rangeDecoderFinished) throw corrupt('LZMA2', 'chunk does not end at its packed size', this.consumed);
        this.#chunk = undefined;
      }
      return true;
    }
    if (available < 1) return this.#short();
    const control = input[this.#inPos]!;
    if (control === 0x00) {
      this.#inPos++;
      this.#finished = true;
      return false;
    }
    if (control === 0x01 || control === 0x02) {
      if (available < 3) return this.#short();
      const size = ((input[this.#inPos + 1]! << 8) | input[this.#inPos + 2]!) + 1;
      // A truncated stored chunk still hands out the bytes it has (then `#short` reports the cut).
      const truncated = available < 3 + size;
      if (truncated && !this.#final) return false;
      if (control === 0x01) {
        core.resetDictionary();
        this.#needDictionaryReset = false;
      } else if (this.#needDictionaryReset) {
        throw corrupt('LZMA2', 'first chunk does not reset the dictionary', this.consumed);
      }
      const end = Math.min(this.#inPos + 3 + size, input.length);
      core.putBytes(input.subarray(this.#inPos + 3, end));
      this.#inPos = end;
      this.#ready.push(...core.takeOutput());
      if (truncated) throw corrupt('LZMA2', 'data ends inside a stored chunk (truncated)', this.consumed);
      return true;
    }
    if (control < 0x80) throw corrupt('LZMA2', `invalid chunk control byte 0x${control.toString(16)}`, this.consumed);
    const reset = (control >> 5) & 3;
    const headerBytes = reset >= 2 ? 6 : 5;
    if (available < headerBytes) return this.#short();
    const unpacked = (control & 0x1f) * 65536 + ((input[this.#inPos + 1]! << 8) | input[this.#inPos + 2]!) + 1;
    let packed = ((input[this.#inPos + 3]! << 8) | input[this.#inPos + 4]!) + 1;
    if (available < headerBytes + packed) {
      // At the end of the input, a truncated chunk is decoded as far as its bytes go: the core
      // then throws "truncated" with the output decoded before the cut.
      if (!this.#final || available < headerBytes + 5) return this.#short();
      packed = available - headerBytes;
    }
    if (reset === 3) {
      core.resetDictionary();
      this.#needDictionaryReset = false;
    } else if (this.#needDictionaryReset) {
      throw corrupt('LZMA2', 'first chunk does not reset the dictionary', this.consumed);
    }
    if (reset >= 2) {
      const properties = decodePropertiesByte(input[this.#inPos + 5]!);
      // LZMA2 limits lc + lp to 4 (liblzma lzma_lzma_lclppb_decode).
      if (properties === undefined || properties.lc + properties.lp > 4) throw corrupt('LZMA2', 'invalid lc/lp/pb properties', this.consumed);
      core.setProperties(properties.lc, properties.lp, properties.pb);
      this.#needProperties = false;
    } else if (this.#needProperties) {
      throw corrupt('LZMA2', 'LZMA chunk without properties', this.consumed);
    }
    if (reset >= 1) core.resetState();
    this.#inPos += headerBytes;
    core.setInput(input, this.#inPos, this.#inPos + packed);
    core.initRangeDecoder();
    this.#chunk = { remaining: unpacked, packedLeft: packed - (core.inputPosition - this.#inPos) };
    this.#inPos = core.inputPosition;
    return true;
  }

  #short(): false {
    if (this.#final) throw corrupt('LZMA2', 'data ends inside a chunk (truncated)', this.consumed);
    return false;
  }
}
