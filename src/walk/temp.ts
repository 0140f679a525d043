/**
 * The one private temporary directory of a walk (mode 0700, created on first use, removed at
 * the end): random-access containers met inside a stream are spilled here, and so is an
 * object's tail from its first carve candidate on. Names inside it never come from the input.
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

/** An object's bytes from `base` on, written to a private file as they stream past. */
export interface Spill {
  readonly base: number;
  readonly window: FileWindow;
  write(chunk: Uint8Array): void;
  close(): void;
}

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

  /** Starts a synchronous spill of an object from `base`, beginning with `first` (the bytes already seen from there). */
  startSpill(base: number, first: Uint8Array): Spill {
    const path = this.#nextPath();
    const fd = openSync(path, 'w', 0o600);
    let size = 0;
    let open = true;
    const write = (chunk: Uint8Array) => {
      this.#account(chunk.length);
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
      size += chunk.length;
    };
    try {
      write(first);
    } catch (error) {
      // A spill that cannot even start (limit reached, disk full) keeps no descriptor open.
      closeSync(fd);
      throw error;
    }
    return {
      base,
      get window() {
        return { path, offset: 0, size };
      },
      write,
      close() {
        if (open) closeSync(fd);
        open = false;
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
