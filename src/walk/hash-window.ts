/** The sha256 of a file window's bytes, read from the file (not from the walk's stream). */
import { createHash, type Hash } from 'node:crypto';
import type { FileWindow } from '../core/types.js';
import { windowSlice } from '../unpack/file-window.js';

/** `hash` may already hold the window's bytes before `from` (an object's stream read so far): only the rest is read and hashed. */
export async function hashWindow(window: FileWindow, from = 0, hash: Hash = createHash('sha256')): Promise<string> {
  for await (const chunk of windowSlice(window, from, window.size)) hash.update(chunk);
  return hash.digest('hex');
}
