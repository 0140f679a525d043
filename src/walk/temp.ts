/**
 * The one private temporary directory of a walk (mode 0700, created on first use, removed at
 * the end): random-access containers met inside a stream are spilled here, and so is an
 * object's tail from its first carve candidate on. Names inside it never come from the input.
 */
import { closeSync, createWriteStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
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

export class TempDir {
  #path: string | undefined;
  #count = 0;
  #bytes = 0;
  readonly #maxBytes: number;
  readonly #directory: string;

  /** `maxBytes`: spilled bytes allowed in all (beyond it a spill fails with ENOSPC-like `io` error). */
  constructor(maxBytes = Infinity, directory = tmpdir()) {
    this.#maxBytes = maxBytes;
    this.#directory = directory;
  }

  #nextPath(): string {
    // mkdtemp creates the directory with mode 0700.
    if (this.#path === undefined) {
      this.#path = mkdtempSync(join(this.#directory, 'fwsift-'));
      track(this.#path);
    }
    return join(this.#path, `spill-${this.#count++}.bin`);
  }

  #account(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes > this.#maxBytes) {
      throw Object.assign(new Error(`temporary space limit reached (${this.#maxBytes} bytes spilled): this container was not opened`), { code: 'EFBIG', syscall: 'write' });
    }
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
    write(first);
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
