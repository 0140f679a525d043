/**
 * The one private temporary directory of a walk (mode 0700, created on first use, removed at
 * the end): random-access containers met inside a stream are spilled here (small ones that a
 * handler can take in memory are only held: `hold`), and so is an object's tail from its first
 * carve candidate on (held in memory while it is small: `Spill`).
 * Names inside it never come from the input.
 * Spilled bytes are bounded by the walk's limit (`--max-temp`, by default a multiple of the
 * input's size) and by the space free on the directory's file system when spilling begins, so a
 * bomb of containers stops with a `limit`-worded `io` problem before the disk is full; a disk
 * filled by someone else (ENOSPC) is an `io` problem too. Either way only the spill is lost:
 * the object's bytes are still searched raw.
 */
import { closeSync, createWriteStream, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileWindow } from '../core/types.js';

/**
 * An object's bytes from `base` on, kept as they stream past: in memory up to `heldSpillBytes`,
 * then in a private file. Most spills are small objects whose carve candidates are all false
 * (random bytes that look like a magic): their heads are checked from memory and no file is ever
 * made (creating one cost 0.57 ms here; the Debian installer made 1,908).
 */
export interface Spill {
  readonly base: number;
  /** The bytes as a file, written out on first use if they were still held. Throws what writing throws. */
  readonly window: FileWindow;
  /** The bytes while they are held in memory, else `undefined`. */
  readonly held: Uint8Array | undefined;
  write(chunk: Uint8Array): void;
  close(): void;
}

/** Bytes of a spill held in memory before it goes to a file. */
export const heldSpillBytes = 1024 * 1024;

/**
 * Directories of walks still running: removed synchronously if the process exits in the middle
 * of one (a closed standard output, a second Ctrl-C), when `remove()` never gets to run.
 */
const live = new Set<string>();
let exitHooked = false;

function track(path: string): void {
  live.add(path);
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const directory of live) rmSync(directory, { recursive: true, force: true });
  });
}

/** Bytes an unprivileged process may still write on the file system holding `directory`. */
export function freeBytesOf(directory: string): number {
  const stats = statfsSync(directory);
  return stats.bavail * stats.bsize;
}

export class TempDir {
  #path: string | undefined;
  #count = 0;
  #bytes = 0;
  /** The space free when the directory was made, once it is. */
  #free = Infinity;
  readonly #maxBytes: number;
  readonly #directory: string;
  readonly #freeBytes: (directory: string) => number;

  /**
   * `maxBytes`: spilled bytes allowed in all; `freeBytes` measures the free space that also
   * bounds them (injectable for tests). Beyond either bound a spill fails with an `io` error.
   */
  constructor(maxBytes = Infinity, directory = tmpdir(), freeBytes: (directory: string) => number = freeBytesOf) {
    this.#maxBytes = maxBytes;
    this.#directory = directory;
    this.#freeBytes = freeBytes;
  }

  #nextPath(): string {
    // mkdtemp creates the directory with mode 0700.
    if (this.#path === undefined) {
      this.#path = mkdtempSync(join(this.#directory, 'fwsift-'));
      track(this.#path);
      this.#free = this.#freeBytes(this.#path);
    }
    return join(this.#path, `spill-${this.#count++}.bin`);
  }

  #account(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes <= Math.min(this.#maxBytes, this.#free)) return;
    const bound = this.#maxBytes <= this.#free ? `the ${this.#maxBytes}-byte limit` : `the ${this.#free} bytes free in ${this.#directory} when spilling began`;
    throw Object.assign(new Error(`temporary space limit reached: ${this.#bytes} bytes to spill, more than ${bound}; this container was not opened`), { code: 'EFBIG', syscall: 'write' });
  }

  /** Files made so far. */
  get files(): number {
    return this.#count;
  }

  /** Bytes spilled so far (and reserved by replayed subtrees). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether `bytes` more may be spilled. */
  fits(bytes: number): boolean {
    return this.#bytes + bytes <= Math.min(this.#maxBytes, this.#free);
  }

  /** Counts `bytes` that a replayed subtree spilled when it was walked, so later spills meet the limit where a fresh walk would. */
  reserve(bytes: number): void {
    this.#bytes += bytes;
  }

  /** Spills a whole stream (a random-access container met inside a stream). */
  async spill(stream: AsyncIterable<Uint8Array>): Promise<FileWindow> {
    const path = this.#nextPath();
    let size = 0;
    const account = (bytes: number) => this.#account(bytes);
    await pipeline(
      (async function* () {
        for await (const chunk of stream) {
          account(chunk.length);
          size += chunk.length;
          yield chunk;
        }
      })(),
      createWriteStream(path, { mode: 0o600 }),
    );
    return { path, offset: 0, size };
  }

  /**
   * A whole stream in memory when it has at most `limit` bytes (no file, no temp space counted),
   * else spilled like `spill`, the bytes read so far first.
   */
  async hold(stream: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array | FileWindow> {
    const iterator = stream[Symbol.asyncIterator]();
    const held: Buffer[] = [];
    let size = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return held.length === 1 ? held[0]! : Buffer.concat(held, size);
      held.push(Buffer.from(next.value)); // a copy (Buffer#slice would be a view): a producer may reuse its buffer
      size += next.value.length;
      if (size > limit) {
        return this.spill((async function* () {
          // Let go of each held chunk as it is written: the spill of a large object may take long.
          for (let chunk = held.shift(); chunk !== undefined; chunk = held.shift()) yield chunk;
          yield* { [Symbol.asyncIterator]: () => iterator };
        })());
      }
    }
  }

  /** Starts a synchronous spill of an object from `base`, beginning with `first` (the bytes already seen from there). */
  startSpill(base: number, first: Uint8Array): Spill {
    // Copies: a producer may hand out views of a buffer it reuses.
    let held: Uint8Array[] | undefined = [];
    let heldSize = 0;
    let file: { readonly path: string; fd: number | undefined } | undefined;
    let size = 0;
    let closed = false;
    const writeAll = (fd: number, chunk: Uint8Array) => {
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
    };
    const toFile = (chunks: readonly Uint8Array[]) => {
      const path = this.#nextPath();
      const fd = openSync(path, 'w', 0o600);
      try {
        for (const chunk of chunks) writeAll(fd, chunk);
      } catch (error) {
        // A spill that cannot be written keeps no descriptor open.
        closeSync(fd);
        throw error;
      }
      held = undefined;
      file = { path, fd: closed ? (closeSync(fd), undefined) : fd };
    };
    const write = (chunk: Uint8Array) => {
      this.#account(chunk.length);
      size += chunk.length;
      if (held === undefined) return writeAll(file!.fd!, chunk);
      held.push(new Uint8Array(chunk)); // a copy (Buffer#slice would be a view)
      heldSize += chunk.length;
      if (heldSize > heldSpillBytes) toFile(held);
    };
    write(first);
    return {
      base,
      get window() {
        if (held !== undefined) toFile(held);
        return { path: file!.path, offset: 0, size };
      },
      get held() {
        return held === undefined ? undefined : Buffer.concat(held, heldSize);
      },
      write,
      close() {
        closed = true;
        if (file?.fd !== undefined) closeSync(file.fd);
        if (file !== undefined) file.fd = undefined;
      },
    };
  }

  async remove(): Promise<void> {
    if (this.#path !== undefined) {
      await rm(this.#path, { recursive: true, force: true });
      live.delete(this.#path);
    }
    this.#path = undefined;
  }
}
