/**
 * The one reader over a node's byte stream, for every streaming handler. Two kinds of read:
 * lenient ones (`read`, `skip`, `next`) return short at the end and let the handler decide what
 * truncation means (uImage, cpio, ar, Android sparse, HEX records); exact ones (`readExactly`,
 * `skipExactly`) turn a short read into an `InputError('corrupt')` naming what was being read
 * (the compression formats, WARC). `position` counts consumed bytes, so a handler can report
 * its chunk's end with `ctx.setLength(reader.position)`. Member bodies are handed on as streams
 * of source slices (`MemberBody`), never buffered whole.
 *
 * Memory: `read`, `readExactly` and `peek` buffer the requested length whole, so callers pass
 * only header sizes or fields already checked against a named maximum; `next`, `readUpTo`,
 * `skip` and `MemberBody` hold at most the source chunk they are slicing.
 */
import { InputError } from './types.js';

export class ByteReader {
  readonly #iterator: AsyncIterator<Uint8Array>;
  /** Source chunks not yet consumed; the first may be a tail `subarray` of a source chunk. */
  readonly #queue: Uint8Array[] = [];
  #queued = 0;
  #ended = false;
  #position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#iterator = source[Symbol.asyncIterator]();
  }

  /** Bytes consumed so far: the offset, in the node, of the next byte `read` returns. */
  get position(): number {
    return this.#position;
  }

  /** Reads `length` bytes; fewer only when the stream ends first. `length` is buffered whole: bound it first. */
  async read(length: number): Promise<Uint8Array> {
    checkLength(length);
    const available = await this.#want(length);
    return this.#take(available);
  }

  /** Returns up to `length` bytes without consuming them. */
  async peek(length: number): Promise<Uint8Array> {
    checkLength(length);
    const available = await this.#want(length);
    return gather(this.#queue, available);
  }

  /** The next piece of at most `max` bytes, a slice of a source chunk (not copied); `undefined` at the end. */
  async next(max: number): Promise<Uint8Array | undefined> {
    checkLength(max);
    if (max === 0 || (this.#queued === 0 && !(await this.#fill()))) return undefined;
    return this.#take(Math.min(max, this.#queue[0]!.length));
  }

  /** Skips up to `length` bytes, passing each piece to `observe`; returns how many were skipped (fewer at the end). */
  async skip(length: number, observe?: (piece: Uint8Array) => void): Promise<number> {
    checkLength(length);
    let done = 0;
    while (done < length) {
      const piece = await this.next(length - done);
      if (piece === undefined) break;
      observe?.(piece);
      done += piece.length;
    }
    return done;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return (await this.#want(1)) === 0;
  }

  /** Exactly `length` bytes; throws `InputError('corrupt')` naming `what` when the stream ends first. */
  async readExactly(length: number, what: string): Promise<Uint8Array> {
    checkLength(length);
    const available = await this.#want(length);
    if (available < length) throw this.#short(length, available, what);
    return this.#take(length);
  }

  /** Skips exactly `length` bytes; throws `InputError('corrupt')` naming `what` when the stream ends first. */
  async skipExactly(length: number, what: string): Promise<void> {
    const skipped = await this.skip(length);
    if (skipped < length) {
      this.#position -= skipped;
      throw this.#short(length, skipped, what);
    }
  }

  /** Between 1 and `length` bytes as they arrive (a view of one source chunk), or an empty array at the end. */
  async readUpTo(length: number): Promise<Uint8Array> {
    return (await this.next(length)) ?? new Uint8Array(0);
  }

  /**
   * Puts back bytes just consumed (a decoder that was fed more than its stream held). They
   * must be the last bytes read, in order; `position` moves back by their length.
   */
  unread(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (bytes.length > this.#position) throw new RangeError('ByteReader: unread past the start of the stream');
    this.#queue.unshift(bytes);
    this.#queued += bytes.length;
    this.#position -= bytes.length;
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

  #take(length: number): Uint8Array {
    const out = gather(this.#queue, length);
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
    return out;
  }
}

function checkLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`ByteReader: length must be a non-negative safe integer, got ${length}`);
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

/**
 * The next `length` bytes of a reader as a member's stream. The consumer may read it to the end
 * or abandon it; `finish()` then skips whatever it left, so the reader stands after the member
 * either way, and `observe` sees every byte of the member exactly once (for checksums).
 */
export class MemberBody {
  readonly #reader: ByteReader;
  readonly #length: number;
  readonly #observe: ((piece: Uint8Array) => void) | undefined;
  readonly #shortError: (got: number) => InputError;
  #delivered = 0;
  #short = false;
  #reported = false;
  readonly stream: AsyncGenerator<Uint8Array>;

  /**
   * `shortError(got)` names the truncation when the source ends inside the member; the stream
   * throws it after yielding every byte that exists (the driver records it on the member).
   */
  constructor(reader: ByteReader, length: number, shortError: (got: number) => InputError, observe?: (piece: Uint8Array) => void) {
    checkLength(length);
    this.#reader = reader;
    this.#length = length;
    this.#shortError = shortError;
    this.#observe = observe;
    this.stream = this.#read();
  }

  /** Bytes of the member consumed so far (read by the consumer or skipped by `finish`). */
  get delivered(): number {
    return this.#delivered;
  }

  /** True when the member's own stream already threw its truncation error (so the container need not report it again). */
  get reported(): boolean {
    return this.#reported;
  }

  async *#read(): AsyncGenerator<Uint8Array> {
    while (this.#delivered < this.#length) {
      const piece = await this.#reader.next(this.#length - this.#delivered);
      if (piece === undefined) {
        this.#short = true;
        this.#reported = true;
        throw this.#shortError(this.#delivered);
      }
      this.#delivered += piece.length;
      this.#observe?.(piece);
      yield piece;
    }
  }

  /** Skips the rest of the member; returns true when the whole member was present. */
  async finish(): Promise<boolean> {
    if (this.#short) return false;
    const wanted = this.#length - this.#delivered;
    const skipped = await this.#reader.skip(wanted, this.#observe);
    this.#delivered += skipped;
    if (skipped < wanted) this.#short = true;
    return !this.#short;
  }
}
