/**
 * Random access to a `FileWindow` for handlers of random-access formats (zip, squashfs,
 * cramfs…): bounded reads at window-relative positions, and streams of window slices; the same
 * reads over bytes held in memory (`OpenInput.whole`).
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { InputError, type FileWindow } from './types.js';

export interface WindowReader {
  readonly size: number;
  /** Reads `[position, position + length)` of the window. Throws `InputError('corrupt')` when the range runs past the window (a length taken from the input). */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Throws `InputError('corrupt')` unless `[position, position + length)` lies inside `size` bytes. */
function checkRange(what: string, size: number, position: number, length: number): void {
  if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0 || position + length > size) {
    throw new InputError('corrupt', `${what}: read of ${length} bytes at 0x${position.toString(16)} runs past the end (${size} bytes)`, position);
  }
}

export async function openWindow(window: FileWindow, what: string): Promise<WindowReader> {
  const handle: FileHandle = await open(window.path, 'r');
  return {
    size: window.size,
    async read(position, length) {
      checkRange(what, window.size, position, length);
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, window.offset + position + done);
        if (bytesRead === 0) throw new InputError('io', `${what}: file ended early at 0x${(position + done).toString(16)}`, position + done);
        done += bytesRead;
      }
      return buffer;
    },
    close: () => handle.close(),
  };
}

/** The same reads served from bytes in memory: each a view, no copy. */
export function bytesReader(bytes: Uint8Array, what: string): WindowReader {
  return {
    size: bytes.length,
    read: async (position, length) => {
      checkRange(what, bytes.length, position, length);
      return bytes.subarray(position, position + length);
    },
    close: async () => undefined,
  };
}

/** The whole window read into memory. */
export async function readWindow(window: FileWindow, what: string): Promise<Uint8Array> {
  const reader = await openWindow(window, what);
  try {
    return await reader.read(0, window.size);
  } finally {
    await reader.close();
  }
}

/** A random-access object's bytes, as `OpenInput.whole` gave them: bounded reads, and streams of its slices. */
export interface WholeReader extends WindowReader {
  slice(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** Reads and slices from memory when the object was small enough to be held whole, else from its file window. */
export async function openWhole(whole: Uint8Array | FileWindow, what: string): Promise<WholeReader> {
  if (whole instanceof Uint8Array) return { ...bytesReader(whole, what), slice: (start, end) => heldSlice(whole, start, end) };
  return { ...(await openWindow(whole, what)), slice: (start, end) => windowSlice(whole, start, end) };
}

async function* heldSlice(bytes: Uint8Array, start: number, end: number): AsyncGenerator<Uint8Array> {
  if (end > start) yield bytes.subarray(start, end);
}

/** The bytes `[start, end)` of the window as a stream, read lazily. */
export async function* windowSlice(window: FileWindow, start: number, end: number): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  yield* createReadStream(window.path, { start: window.offset + start, end: window.offset + end - 1, highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>;
}
