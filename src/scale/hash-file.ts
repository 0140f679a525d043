/** sha256 of a file's bytes, streamed (constant memory), as the report writes it: lowercase hex. */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const readChunkBytes = 1024 * 1024;

export async function sha256File(path: Buffer): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  try {
    // One buffer per file, no bigger than the file (a fresh 1 MiB per read, and a copy of each
    // short read, were a third of a warm-cache rerun); read to the end even if the file grew.
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(readChunkBytes, (await handle.stat()).size)));
    for (let read = await handle.read(buffer, 0, buffer.length, null); read.bytesRead > 0; read = await handle.read(buffer, 0, buffer.length, null)) {
      hash.update(buffer.subarray(0, read.bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
