/**
 * LZ4, written from the format descriptions in the lz4 repository
 * (https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md and lz4_Frame_format.md):
 *
 * - the **block** format: what squashfs (compression id 5, `LZ4_LEGACY` blocks), UBIFS and
 *   the kernel use, one block per call: `lz4BlockDecompress`;
 * - the **frame** format (`04 22 4d 18`), its legacy variant (`02 21 4c 18`, the kernel's
 *   `lz4 -l`) and skippable frames (`5? 2a 4d 18`), decoded incrementally, one block at a
 *   time, by `Lz4FrameDecoder` (for stream handlers), or at once by `lz4FrameDecompress`.
 *
 * A block is a sequence of (token, literals, match) where the token's high nibble is the
 * literal count and its low nibble the match length − 4 (15 in either means "add the following
 * bytes until one is not 255"); the match is a 2-byte little-endian back offset. The last
 * sequence has literals only. Every read is bounds-checked against the input, every match
 * against the output written so far (plus an optional 64 KiB dictionary), every write against
 * the bound: no byte past the input is read, and nothing past `maxOutputBytes` is allocated.
 *
 * One file for one format (about 490 lines): the block decoder and the frame state machine
 * that feeds it share the output buffer and the error conventions.
 */
import { InputError } from '../types.js';
import { checkMaxOutputBytes, concatBytes, corrupt, outputLimit } from './limits.js';
import { XxHash32, xxh32 } from './xxhash32.js';

/** The farthest an LZ4 match can reach back (a 16-bit offset). */
const maxMatchOffset = 65535;
/** Below this an output buffer starts at the bound; above it, it starts smaller and doubles. */
const initialOutputBytes = 256 * 1024;

/** Output of one block, with the history a match may reach into in front of it. */
class BlockOutput {
  buffer: Uint8Array;
  position: number;
  readonly #start: number;
  readonly #capacityLimit: number;
  readonly #overflow: () => InputError;

  /** `limit`: output bytes allowed after `history`; `overflow` makes the error for going past it. */
  constructor(history: Uint8Array, limit: number, initial: number, overflow: () => InputError) {
    this.#start = history.length;
    this.#capacityLimit = history.length + limit;
    this.#overflow = overflow;
    this.buffer = new Uint8Array(Math.min(this.#capacityLimit, history.length + Math.max(initial, 64)));
    this.buffer.set(history, 0);
    this.position = history.length;
  }

  ensure(count: number): void {
    const needed = this.position + count;
    if (needed <= this.buffer.length) return;
    if (needed > this.#capacityLimit) throw this.#overflow();
    let size = this.buffer.length;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(Math.min(size, this.#capacityLimit));
    grown.set(this.buffer.subarray(0, this.position), 0);
    this.buffer = grown;
  }

  /** The bytes decoded into this output (without the history). */
  result(): Uint8Array {
    return this.buffer.subarray(this.#start, this.position);
  }

  /** The whole buffer up to the end of the output: history plus result. */
  all(): Uint8Array {
    return this.buffer.subarray(0, this.position);
  }
}

/** Reads an LZ4 "length extension": bytes added while they are 255. */
function extendLength(input: Uint8Array, at: { ip: number }, base: number): number {
  let length = base;
  for (;;) {
    if (at.ip >= input.length) throw corrupt('LZ4', 'input ends inside a length', at.ip);
    const byte = input[at.ip++]!;
    length += byte;
    if (byte !== 255) return length;
  }
}

/** Decodes one whole block into `out`; throws `corrupt` on malformed input. */
function decodeBlock(input: Uint8Array, out: BlockOutput): void {
  const end = input.length;
  if (end === 0) throw corrupt('LZ4', 'empty block (an empty output is one zero token)', 0);
  const at = { ip: 0 };
  for (;;) {
    if (at.ip >= end) throw corrupt('LZ4', 'input ends before a sequence', at.ip);
    const token = input[at.ip++]!;
    let literals = token >>> 4;
    if (literals === 15) literals = extendLength(input, at, literals);
    if (literals > end - at.ip) throw corrupt('LZ4', `${literals} literals run past the end of the input`, at.ip);
    out.ensure(literals);
    out.buffer.set(input.subarray(at.ip, at.ip + literals), out.position);
    out.position += literals;
    at.ip += literals;
    if (at.ip === end) return; // the last sequence carries literals only
    if (end - at.ip < 2) throw corrupt('LZ4', 'input ends inside a match offset', at.ip);
    const offset = input[at.ip]! | (input[at.ip + 1]! << 8);
    at.ip += 2;
    if (offset === 0) throw corrupt('LZ4', 'match offset 0', at.ip - 2);
    let length = token & 15;
    if (length === 15) length = extendLength(input, at, length);
    length += 4;
    if (offset > out.position) throw corrupt('LZ4', `match offset ${offset} reaches before the start of the output`, at.ip);
    out.ensure(length);
    const buffer = out.buffer;
    let to = out.position;
    let from = to - offset;
    if (offset >= length) {
      buffer.copyWithin(to, from, from + length);
    } else {
      // Overlapping match: each byte may be one this match just wrote (a run).
      for (const stop = to + length; to < stop; ) buffer[to++] = buffer[from++]!;
    }
    out.position += length;
  }
}

/**
 * Decodes one LZ4 block (`input` is exactly the block). `dictionary`: the bytes that precede
 * the block's output (its last 64 KiB are used), for linked blocks. Throws
 * `InputError('corrupt')` for malformed input and `InputError('limit')` when the output would
 * pass `maxOutputBytes`. Memory: the output, grown by doubling up to the bound.
 */
export function lz4BlockDecompress(input: Uint8Array, maxOutputBytes: number, dictionary?: Uint8Array): Uint8Array {
  checkMaxOutputBytes(maxOutputBytes);
  const history = dictionary === undefined ? new Uint8Array(0) : dictionary.subarray(Math.max(0, dictionary.length - maxMatchOffset));
  // An LZ4 block expands at most about 255× (one 255 byte adds 255 to a length).
  const initial = Math.min(maxOutputBytes, initialOutputBytes, input.length * 255 + 64);
  const out = new BlockOutput(history, maxOutputBytes, initial, () => outputLimit('LZ4', maxOutputBytes));
  decodeBlock(input, out);
  return out.result().slice();
}

// ---------------------------------------------------------------------------------------
// Frames
// ---------------------------------------------------------------------------------------

/** 04 22 4D 18: LZ4 frame; 02 21 4C 18: legacy frame; 5? 2A 4D 18: skippable frame (LE u32). */
export const lz4FrameMagic = 0x184d2204;
export const lz4LegacyMagic = 0x184c2102;
const skippableMagicMask = 0xfffffff0;
const skippableMagic = 0x184d2a50;
/** A legacy block decodes to at most 8 MiB; its compressed size is at most LZ4_compressBound(8 MiB). */
const legacyBlockBytes = 8 * 1024 * 1024;
const legacyMaxCompressedBytes = legacyBlockBytes + Math.floor(legacyBlockBytes / 255) + 16;
/** BD bits 6..4 → Block Maximum Size (4: 64 KiB … 7: 4 MiB). */
const blockMaxSizes: Readonly<Record<number, number>> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };

const flg = { version: 0xc0, independent: 0x20, blockChecksum: 0x10, contentSize: 0x08, contentChecksum: 0x04, reserved: 0x02, dictId: 0x01 } as const;

export function isLz4Magic(value: number): boolean {
  return value === lz4FrameMagic || value === lz4LegacyMagic || (value & skippableMagicMask) >>> 0 === skippableMagic;
}

/** FIFO of pushed chunks; reads concatenate only the bytes they take. */
class ByteQueue {
  readonly #chunks: Uint8Array[] = [];
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.length += chunk.length;
  }

  peek(count: number): Uint8Array {
    const first = this.#chunks[0]!;
    if (first.length >= count) return first.subarray(0, count);
    const out = new Uint8Array(count);
    let at = 0;
    for (const chunk of this.#chunks) {
      const take = Math.min(chunk.length, count - at);
      out.set(chunk.subarray(0, take), at);
      at += take;
      if (at === count) break;
    }
    return out;
  }

  take(count: number): Uint8Array {
    const bytes = this.peek(count);
    this.skip(count);
    return bytes;
  }

  skip(count: number): void {
    this.length -= count;
    while (count > 0) {
      const first = this.#chunks[0]!;
      if (first.length > count) {
        this.#chunks[0] = first.subarray(count);
        return;
      }
      count -= first.length;
      this.#chunks.shift();
    }
  }
}

const u32le = (bytes: Uint8Array, at = 0) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;

interface FrameInfo {
  readonly independent: boolean;
  readonly blockChecksum: boolean;
  readonly contentChecksum: boolean;
  readonly contentSize?: number;
  readonly blockMaxBytes: number;
}

type State =
  | { readonly kind: 'magic' }
  | { readonly kind: 'descriptor' }
  | { readonly kind: 'block-size'; readonly frame: FrameInfo }
  | { readonly kind: 'block'; readonly frame: FrameInfo; readonly size: number; readonly stored: boolean }
  | { readonly kind: 'content-checksum'; readonly frame: FrameInfo }
  | { readonly kind: 'skippable'; remaining: number }
  | { readonly kind: 'legacy-size' }
  | { readonly kind: 'legacy-block'; readonly size: number }
  | { readonly kind: 'done' };

/**
 * An incremental decoder for a sequence of LZ4 frames (standard, legacy and skippable),
 * fed with `push` and finished with `end`; each returns the blocks it could decode.
 *
 * It decodes frames back to back while the next four bytes are a frame magic; anything else
 * after a complete frame ends the sequence (`done`), and `consumed` then tells where the
 * frames ended in the input (for a handler's `setLength`); later input is ignored.
 *
 * Checks: header checksum, block checksums and content checksum when the frame has them,
 * the declared content size, block sizes against the frame's maximum. Errors are
 * `InputError('corrupt')` (with the input offset) and `InputError('limit')` when the total
 * output would pass `maxOutputBytes`. Memory: one block of input (≤ 4 MiB, legacy ≤ 8.1 MiB)
 * plus one block of output and a 64 KiB history for linked blocks.
 */
export class Lz4FrameDecoder {
  readonly #max: number;
  readonly #queue = new ByteQueue();
  #state: State = { kind: 'magic' };
  #consumed = 0;
  #produced = 0;
  #frameProduced = 0;
  #frames = 0;
  #history = new Uint8Array(0);
  #content: XxHash32 | undefined;

  constructor(options: { readonly maxOutputBytes: number }) {
    checkMaxOutputBytes(options.maxOutputBytes);
    this.#max = options.maxOutputBytes;
  }

  /** Input bytes that belong to the frames decoded so far. */
  get consumed(): number {
    return this.#consumed;
  }

  /** Output bytes produced so far. */
  get produced(): number {
    return this.#produced;
  }

  /** True once the sequence of frames has ended (further input is ignored). */
  get done(): boolean {
    return this.#state.kind === 'done';
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.#state.kind === 'done') return [];
    this.#queue.push(chunk);
    return this.#run(false);
  }

  /** The input has ended: decodes what remains and checks that the last frame is complete. */
  end(): Uint8Array[] {
    const out = this.#state.kind === 'done' ? [] : this.#run(true);
    const state = this.#state;
    if (state.kind === 'done') return out;
    const atBoundary = this.#queue.length === 0 && (state.kind === 'legacy-size' || (state.kind === 'magic' && this.#frames > 0));
    if (!atBoundary) throw corrupt('LZ4 frame', `input ends inside a frame (${state.kind}, ${this.#queue.length} bytes left)`, this.#consumed);
    this.#state = { kind: 'done' };
    return out;
  }

  #take(count: number): Uint8Array {
    this.#consumed += count;
    return this.#queue.take(count);
  }

  #run(ending: boolean): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (;;) {
      const state = this.#state;
      const queue = this.#queue;
      switch (state.kind) {
        case 'done':
          return out;
        case 'magic': {
          if (queue.length < 4) {
            if (ending && this.#frames > 0) this.#state = { kind: 'done' };
            return out;
          }
          const magic = u32le(queue.peek(4));
          if (!isLz4Magic(magic)) {
            if (this.#frames === 0) throw corrupt('LZ4 frame', `no frame magic (0x${magic.toString(16)})`, this.#consumed);
            this.#state = { kind: 'done' };
            return out;
          }
          this.#take(4);
          this.#frames++;
          if (magic === lz4FrameMagic) this.#state = { kind: 'descriptor' };
          else if (magic === lz4LegacyMagic) this.#state = { kind: 'legacy-size' };
          else this.#state = { kind: 'skippable', remaining: -1 };
          break;
        }
        case 'descriptor': {
          if (queue.length < 2) return out;
          const flags = queue.peek(1)[0]!;
          const length = 2 + (flags & flg.contentSize ? 8 : 0) + (flags & flg.dictId ? 4 : 0) + 1;
          if (queue.length < length) return out;
          const at = this.#consumed;
          const descriptor = this.#take(length);
          this.#state = { kind: 'block-size', frame: parseDescriptor(descriptor, at, this.#max) };
          this.#frameProduced = 0;
          this.#history = new Uint8Array(0);
          this.#content = flags & flg.contentChecksum ? new XxHash32() : undefined;
          break;
        }
        case 'block-size': {
          if (queue.length < 4) return out;
          const at = this.#consumed;
          const word = u32le(this.#take(4));
          if (word === 0) {
            this.#endFrame(state.frame, at);
            this.#state = state.frame.contentChecksum ? { kind: 'content-checksum', frame: state.frame } : { kind: 'magic' };
            break;
          }
          const size = word & 0x7fffffff;
          if (size > state.frame.blockMaxBytes) throw corrupt('LZ4 frame', `block of ${size} bytes exceeds the frame's ${state.frame.blockMaxBytes}-byte maximum`, at);
          this.#state = { kind: 'block', frame: state.frame, size, stored: (word & 0x80000000) !== 0 };
          break;
        }
        case 'block': {
          const total = state.size + (state.frame.blockChecksum ? 4 : 0);
          if (queue.length < total) return out;
          const at = this.#consumed;
          const bytes = this.#take(total);
          const data = bytes.subarray(0, state.size);
          if (state.frame.blockChecksum && xxh32(data) !== u32le(bytes, state.size)) throw corrupt('LZ4 frame', 'block checksum mismatch', at);
          const decoded = this.#decodeFrameBlock(state.frame, data, state.stored, at);
          this.#content?.update(decoded);
          out.push(decoded);
          this.#state = { kind: 'block-size', frame: state.frame };
          break;
        }
        case 'content-checksum': {
          if (queue.length < 4) return out;
          const at = this.#consumed;
          const stored = u32le(this.#take(4));
          if (this.#content !== undefined && this.#content.digest() !== stored) throw corrupt('LZ4 frame', 'content checksum mismatch', at);
          this.#state = { kind: 'magic' };
          break;
        }
        case 'skippable': {
          if (state.remaining < 0) {
            if (queue.length < 4) return out;
            state.remaining = u32le(this.#take(4));
          }
          const skip = Math.min(state.remaining, queue.length);
          queue.skip(skip);
          this.#consumed += skip;
          state.remaining -= skip;
          if (state.remaining > 0) return out;
          this.#state = { kind: 'magic' };
          break;
        }
        case 'legacy-size': {
          if (queue.length < 4) return out;
          const size = u32le(queue.peek(4));
          // A legacy frame has no end mark: it ends where the next frame starts, or at EOF.
          if (isLz4Magic(size)) {
            this.#state = { kind: 'magic' };
            break;
          }
          if (size === 0 || size > legacyMaxCompressedBytes) {
            this.#state = { kind: 'done' };
            return out;
          }
          this.#take(4);
          this.#state = { kind: 'legacy-block', size };
          break;
        }
        case 'legacy-block': {
          if (queue.length < state.size) return out;
          const at = this.#consumed;
          const block = this.#take(state.size);
          const room = Math.min(legacyBlockBytes, this.#max - this.#produced);
          const decoded = this.#decode(block, new Uint8Array(0), room, legacyBlockBytes, at);
          out.push(decoded);
          this.#state = { kind: 'legacy-size' };
          break;
        }
        default:
          return assertNever(state);
      }
    }
  }

  #decodeFrameBlock(frame: FrameInfo, data: Uint8Array, stored: boolean, at: number): Uint8Array {
    const room = this.#max - this.#produced;
    let decoded: Uint8Array;
    if (stored) {
      if (data.length > room) throw outputLimit('LZ4 frame', this.#max, at);
      decoded = data.slice();
      this.#produced += decoded.length;
    } else {
      decoded = this.#decode(data, frame.independent ? new Uint8Array(0) : this.#history, Math.min(room, frame.blockMaxBytes), frame.blockMaxBytes, at);
    }
    this.#frameProduced += decoded.length;
    if (!frame.independent) {
      const joined = new Uint8Array(Math.min(maxMatchOffset, this.#history.length + decoded.length));
      const fromHistory = joined.length - Math.min(decoded.length, joined.length);
      joined.set(this.#history.subarray(this.#history.length - fromHistory), 0);
      joined.set(decoded.subarray(decoded.length - (joined.length - fromHistory)), fromHistory);
      this.#history = joined;
    }
    return decoded;
  }

  /** Decodes a compressed block: `room` output bytes are allowed; past `blockMax` is corrupt, past `room` a limit. */
  #decode(data: Uint8Array, history: Uint8Array, room: number, blockMax: number, at: number): Uint8Array {
    const out = new BlockOutput(history, room, Math.min(room, blockMax), () =>
      room < blockMax ? outputLimit('LZ4 frame', this.#max, at) : corrupt('LZ4 frame', `block decodes to more than ${blockMax} bytes`, at),
    );
    try {
      decodeBlock(data, out);
    } catch (error) {
      if (error instanceof InputError && error.kind === 'corrupt' && error.offset !== undefined) {
        throw new InputError('corrupt', `${error.message} (block at input offset ${at})`, at + error.offset);
      }
      throw error;
    }
    const decoded = out.result().slice();
    this.#produced += decoded.length;
    return decoded;
  }

  #endFrame(frame: FrameInfo, at: number): void {
    if (frame.contentSize !== undefined && frame.contentSize !== this.#frameProduced) {
      throw corrupt('LZ4 frame', `content size ${frame.contentSize} declared, ${this.#frameProduced} decoded`, at);
    }
  }
}

function parseDescriptor(descriptor: Uint8Array, at: number, max: number): FrameInfo {
  const flags = descriptor[0]!;
  const bd = descriptor[1]!;
  if ((flags & flg.version) !== 0x40) throw corrupt('LZ4 frame', `unknown frame version ${(flags & flg.version) >> 6}`, at);
  if (flags & flg.reserved || bd & 0x8f) throw corrupt('LZ4 frame', 'reserved descriptor bits set', at);
  const blockMaxBytes = blockMaxSizes[(bd >> 4) & 7];
  if (blockMaxBytes === undefined) throw corrupt('LZ4 frame', `invalid block maximum size code ${(bd >> 4) & 7}`, at);
  const headerChecksum = descriptor[descriptor.length - 1]!;
  if (((xxh32(descriptor.subarray(0, descriptor.length - 1)) >>> 8) & 0xff) !== headerChecksum) throw corrupt('LZ4 frame', 'header checksum mismatch', at);
  if (flags & flg.dictId) throw new InputError('unsupported', 'LZ4 frame: frames that need an external dictionary are not supported', at);
  let contentSize: number | undefined;
  if (flags & flg.contentSize) {
    const size = new DataView(descriptor.buffer, descriptor.byteOffset + 2, 8).getBigUint64(0, true);
    if (size > BigInt(max)) throw outputLimit('LZ4 frame', max, at);
    contentSize = Number(size);
  }
  return {
    independent: (flags & flg.independent) !== 0,
    blockChecksum: (flags & flg.blockChecksum) !== 0,
    contentChecksum: (flags & flg.contentChecksum) !== 0,
    blockMaxBytes,
    ...(contentSize === undefined ? {} : { contentSize }),
  };
}

function assertNever(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

/**
 * Decodes a sequence of LZ4 frames that fills `input` exactly (bytes after the last frame are
 * `corrupt`). Errors as `Lz4FrameDecoder`.
 */
export function lz4FrameDecompress(input: Uint8Array, maxOutputBytes: number): Uint8Array {
  const decoder = new Lz4FrameDecoder({ maxOutputBytes });
  const pieces = [...decoder.push(input), ...decoder.end()];
  if (decoder.consumed !== input.length) throw corrupt('LZ4 frame', `${input.length - decoder.consumed} bytes after the last frame`, decoder.consumed);
  return concatBytes(pieces, decoder.produced);
}
