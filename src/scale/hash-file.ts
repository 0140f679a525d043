/** sha256 of a file's bytes, streamed (constant memory), as the report writes it: lowercase hex. */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const readChunkBytes = 1024 * 1024;
/** Read buffers of finished hashes, for the next ones: at most as many as hashes ever ran at once, and no more than this. */
const keptBuffers = 8;
const free: Buffer[] = [];

/**
 * Reads into a buffer that the run's earlier hashes used: a warm-cache rerun hashes every
 * input and little else, and two fresh buffers per file (the double-buffered reads of
 * core/reused-reads.ts) were a tenth of its time. Hashes run several at once, so reading and
 * hashing still overlap across files. Read to the end even if the file grew.
 */
export async function sha256File(path: Buffer): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  const buffer = free.pop() ?? Buffer.allocUnsafe(readChunkBytes);
  try {
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    if (free.length < keptBuffers) free.push(buffer);
    await handle.close();
  }
  return hash.digest('hex');
}
