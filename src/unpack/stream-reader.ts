/**
 * Sequential reads from a node's byte stream for the stream-format handlers (lzop, xz, lzma,
 * bzip2, zstd, lz4): exact reads of headers and blocks, with a short read turned into an input
 * problem that names what was being read. `position` counts consumed bytes, so a handler can
 * report its chunk's end with `ctx.setLength(reader.position)`.
 *
 * (The firmware-a handlers use `byte-reader.ts`, whose reads return short at the end instead.)
 *
 * Memory: `read` and `peek` buffer the requested length whole, so callers bound it first.
 */
import { InputError } from './types.js';

export class StreamReader {
  readonly #iterator: AsyncIterator<Uint8Array>;
  readonly #queue: Uint8Array[] = [];
  #queued = 0;
  #ended = false;
  #position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#iterator = source[Symbol.asyncIterator]();
  }

  /** Bytes consumed so far: the node offset of the next byte `read` returns. */
  get position(): number {
    return this.#position;
  }

  /** Up to `length` bytes from the current position, without consuming them (fewer at the end of the stream). */
  async peek(length: number): Promise<Uint8Array> {
    checkLength(length);
    const available = await this.#want(length);
    return gather(this.#queue, available);
  }

  /** Exactly `length` bytes; throws `InputError('corrupt')` naming `what` when the stream ends first. */
  async read(length: number, what: string): Promise<Uint8Array> {
    checkLength(length);
    const available = await this.#want(length);
    if (available < length) throw this.#short(length, available, what);
    const out = gather(this.#queue, length);
    this.#drop(length);
    return out;
  }

  /** Between 1 and `length` bytes as they arrive (a view of one source chunk), or an empty array at the end of the stream. */
  async readUpTo(length: number): Promise<Uint8Array> {
    checkLength(length);
    if (length === 0 || (this.#queued === 0 && !(await this.#fill()))) return new Uint8Array(0);
    const out = gather(this.#queue, Math.min(length, this.#queue[0]!.length));
    this.#drop(out.length);
    return out;
  }

  /**
   * Puts back bytes just consumed (a decoder that was fed more than its stream held). They
   * must be the last bytes read, in order; `position` moves back by their length.
   */
  unread(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (bytes.length > this.#position) throw new RangeError('StreamReader: unread past the start of the stream');
    this.#queue.unshift(bytes);
    this.#queued += bytes.length;
    this.#position -= bytes.length;
  }

  /** True when every byte of the stream has been consumed. */
  async atEnd(): Promise<boolean> {
    return this.#queued === 0 && !(await this.#fill());
  }

  /** Skips exactly `length` bytes; throws `InputError('corrupt')` naming `what` when the stream ends first. */
  async skip(length: number, what: string): Promise<void> {
    checkLength(length);
    let left = length;
    while (left > 0) {
      if (this.#queued === 0 && !(await this.#fill())) throw this.#short(length, length - left, what);
      const step = Math.min(left, this.#queued);
      this.#drop(step);
      left -= step;
    }
  }

  #short(wanted: number, got: number, what: string): InputError {
    return new InputError('corrupt', `${what}: stream ends after ${got} of ${wanted} bytes at ${this.#position + got}`, this.#position + got);
  }

  async #fill(): Promise<boolean> {
    while (!this.#ended) {
      const next = await this.#iterator.next();
      if (next.done === true) {
        this.#ended = true;
        break;
      }
      if (next.value.length === 0) continue;
      this.#queue.push(next.value);
      this.#queued += next.value.length;
      return true;
    }
    return false;
  }

  async #want(length: number): Promise<number> {
    while (this.#queued < length && (await this.#fill()));
    return Math.min(length, this.#queued);
  }

  #drop(length: number): void {
    let left = length;
    while (left > 0) {
      const first = this.#queue[0]!;
      if (first.length <= left) {
        this.#queue.shift();
        left -= first.length;
      } else {
        this.#queue[0] = first.subarray(left);
        left = 0;
      }
    }
    this.#queued -= length;
    this.#position += length;
  }
}

function checkLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`StreamReader: length must be a non-negative safe integer, got ${length}`);
}

/** The first `length` queued bytes as one array (a view when they sit in one chunk). */
function gather(queue: readonly Uint8Array[], length: number): Uint8Array {
  const first = queue[0];
  if (first !== undefined && first.length >= length) return first.subarray(0, length);
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of queue) {
    if (at >= length) break;
    const part = chunk.subarray(0, length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}
