/** The sha256 of a file window's bytes, read from the file (not from the walk's stream). */
import { createHash } from 'node:crypto';
import type { FileWindow } from '../core/types.js';
import { windowSlice } from '../unpack/file-window.js';

export async function hashWindow(window: FileWindow): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of windowSlice(window, 0, window.size)) hash.update(chunk);
  return hash.digest('hex');
}
