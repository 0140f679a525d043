/** Reading a file in buffers that are used again, for readers that copy what they keep. */
import { open } from 'node:fs/promises';

/**
 * Buffers of finished reads, for the next ones: a warm-cache rerun hashes hundreds of small
 * files, and two fresh buffers per file were a tenth of its time. At most this many are kept.
 */
const keptBuffers = 8;
const free: Buffer[] = [];

/** A kept buffer of at least `bytes`, else a new one of exactly `bytes`. */
function takeBuffer(bytes: number): Buffer {
  const at = free.findIndex((buffer) => buffer.length >= bytes);
  return at >= 0 ? free.splice(at, 1)[0]! : Buffer.allocUnsafe(bytes);
}

/**
 * A file's bytes from `position` to `end` (default: its end, read to the end even if it grew),
 * as views of two buffers in turn, read `maxChunkBytes` at most at a time (the buffers come from
 * earlier reads, so a small file costs no fresh ones and no `fstat` to size them):
 * the next chunk is read while the caller handles this one, and a view is overwritten once the
 * caller asks for the chunk after next or ends the loop (the buffers go to the next reads), so
 * the caller copies what it keeps. `readAhead: false` reads into one buffer, each chunk once the
 * caller asks for it: for callers that read many files at once, where the files' reads already
 * overlap (hashing 200 small files eight at a time, a read ahead per file cost 10–20 ms of a
 * 120 ms warm-cache rerun, competing with the cache's own reads). Fresh buffers per read cost more than the reads (on the
 * development machine, reading 256 MiB took 0.37 s of system time in fresh 1 MiB buffers, 0.09 s
 * in one reused buffer).
 */
export async function* reusedReads(path: string | Buffer, position: number, maxChunkBytes: number, end = Infinity, { readAhead = true } = {}): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const chunkBytes = Math.max(1, maxChunkBytes);
    const buffers = readAhead ? [takeBuffer(chunkBytes), takeBuffer(chunkBytes)] : [takeBuffer(chunkBytes)];
    let at = position;
    const readInto = (buffer: Buffer) =>
      handle.read(buffer, 0, Math.max(0, Math.min(chunkBytes, end - at)), at).then(({ bytesRead }) => {
        at += bytesRead;
        return buffer.subarray(0, bytesRead);
      });
    let reading = readInto(buffers[0]!);
    try {
      for (let turn = 1; ; turn ^= 1) {
        const chunk = await reading;
        if (chunk.length === 0) return;
        if (readAhead) reading = readInto(buffers[turn]!);
        yield chunk;
        if (!readAhead) reading = readInto(buffers[0]!);
      }
    } finally {
      // A read still under way is awaited before its handle closes; its error, if any, no longer matters.
      await reading.catch(() => undefined);
      // The caller is done with both: the last chunk was handed out before this generator ended.
      for (const buffer of buffers) if (free.length < keptBuffers) free.push(buffer);
    }
  } finally {
    await handle.close();
  }
}
