/** sha256 of a file's bytes, streamed (constant memory), as the report writes it: lowercase hex. */
import { createHash } from 'node:crypto';
import { reusedReads } from '../core/reused-reads.js';

const readChunkBytes = 1024 * 1024;

export async function sha256File(path: Buffer): Promise<string> {
  const hash = createHash('sha256');
  // Buffers no bigger than the file, used again (a fresh 1 MiB per read, and a copy of each
  // short read, were a third of a warm-cache rerun); read to the end even if the file grew.
  for await (const chunk of reusedReads(path, 0, readChunkBytes)) hash.update(chunk);
  return hash.digest('hex');
}
