/** The sha256 of a file window's bytes, read from the file (not from the walk's stream). */
import { createHash, type Hash } from 'node:crypto';
import type { FileWindow } from '../core/types.js';
import { reusedReads } from '../core/reused-reads.js';

const readChunkBytes = 1024 * 1024;

/** `hash` may already hold the window's bytes before `from` (an object's stream read so far): only the rest is read and hashed. */
export async function hashWindow(window: FileWindow, from = 0, hash: Hash = createHash('sha256')): Promise<string> {
  for await (const chunk of reusedReads(window.path, window.offset + from, readChunkBytes, window.offset + window.size)) hash.update(chunk);
  return hash.digest('hex');
}
