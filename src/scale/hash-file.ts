/** sha256 of a file's bytes, streamed (constant memory), as the report writes it: lowercase hex. */
import { createHash } from 'node:crypto';
import { reusedReads } from '../core/reused-reads.js';

const readChunkBytes = 1024 * 1024;

/**
 * Read to the end even if the file grew, in a buffer earlier reads used (core/reused-reads.ts),
 * without reading ahead: hashes run several at once, so reading and hashing overlap across files.
 */
export async function sha256File(path: Buffer): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of reusedReads(path, 0, readChunkBytes, Infinity, { readAhead: false })) hash.update(chunk);
  return hash.digest('hex');
}
