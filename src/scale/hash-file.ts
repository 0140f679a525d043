/** sha256 of a file's bytes, streamed (constant memory), as the report writes it: lowercase hex. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const readChunkBytes = 1024 * 1024;

export async function sha256File(path: Buffer): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: readChunkBytes })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
