// The tap hands every byte of an object to `onChunk` once, in order, whoever reads it; an input
// file's rest can be read from the file in reused buffers instead of from its stream.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reusedReads } from '../../src/core/reused-reads.js';
import { tap } from '../../src/walk/tap.js';

const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) & 0xff);

/** A source of `bytes` in `size`-byte chunks that records whether it was closed. */
function chunkedSource(size: number): AsyncIterable<Uint8Array> & { closed: boolean } {
  const source = {
    closed: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
      } finally {
        source.closed = true;
      }
    },
  };
  return source;
}

function collector(limit = Infinity) {
  const seen: Uint8Array[] = [];
  let total = 0;
  return {
    seen,
    // Copies, as the walker's readers do: a reused buffer's view is overwritten later.
    onChunk: (chunk: Uint8Array) => {
      if (total >= limit) return false;
      seen.push(new Uint8Array(chunk));
      total += chunk.length;
      return true;
    },
    joined: () => Buffer.concat(seen),
  };
}

describe('tap.drain with a rest reader', () => {
  it('reads the rest from where the source stopped, each byte once, and closes the source', async () => {
    const source = chunkedSource(1000);
    const seen = collector();
    const asked: [number, number][] = [];
    const tapped = tap(source, seen.onChunk, (error) => {
      throw error;
    });
    expect((await tapped.peek(1500)).length).toBe(1500);
    await tapped.drain(async function* (position, chunkBytes) {
      asked.push([position, chunkBytes]);
      for (let at = position; at < bytes.length; at += 333) yield bytes.subarray(at, at + 333);
    });
    expect(asked).toEqual([[2000, 1000]]);
    expect(source.closed).toBe(true);
    expect(Buffer.compare(seen.joined(), bytes)).toBe(0);
  });

  it('stops reading the rest where onChunk ends the stream (a limit)', async () => {
    const seen = collector(3000);
    let read = 0;
    const tapped = tap(chunkedSource(1000), seen.onChunk, () => undefined);
    await tapped.peek(1);
    await tapped.drain(async function* (position) {
      for (let at = position; at < bytes.length; at += 1000) {
        read++;
        yield bytes.subarray(at, at + 1000);
      }
    });
    expect(seen.joined().length).toBe(3000);
    expect(read).toBe(3);
  });

  it('reports a failing rest through onError and keeps what came before', async () => {
    const seen = collector();
    const errors: unknown[] = [];
    const tapped = tap(chunkedSource(1000), seen.onChunk, (error) => errors.push(error));
    await tapped.peek(1);
    await tapped.drain(async function* (position) {
      yield bytes.subarray(position, position + 500);
      throw new Error('the disk went away');
    });
    expect(seen.joined().length).toBe(1500);
    expect(errors.map((error) => (error as Error).message)).toEqual(['the disk went away']);
  });

  it('reads nothing more once the source has ended', async () => {
    const seen = collector();
    const tapped = tap(chunkedSource(20_000), seen.onChunk, () => undefined);
    await tapped.peek(20_000);
    let asked = false;
    await tapped.drain(async function* () {
      asked = true;
    });
    expect(asked).toBe(false);
    expect(Buffer.compare(seen.joined(), bytes)).toBe(0);
  });
});

describe('reusedReads', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'fwsift-reused-')), 'file.bin');
  writeFileSync(path, bytes);

  it.each([1, 7, 4096, 20_000])('gives the file from a position to its end in %i-byte reads', async (chunkBytes) => {
    const seen = collector();
    for await (const chunk of reusedReads(path, 123, chunkBytes)) {
      expect(chunk.length).toBeLessThanOrEqual(chunkBytes);
      seen.onChunk(chunk);
    }
    expect(Buffer.compare(seen.joined(), bytes.subarray(123))).toBe(0);
  });

  it('stops at `end`, in chunks no larger than what is left', async () => {
    const seen = collector();
    for await (const chunk of reusedReads(path, 123, 1 << 20, 5000)) {
      expect(chunk.length).toBeLessThanOrEqual(5000 - 123);
      seen.onChunk(chunk);
    }
    expect(Buffer.compare(seen.joined(), bytes.subarray(123, 5000))).toBe(0);
  });

  it('overwrites a chunk once the chunk after next is read (two buffers in turn)', async () => {
    const views: Uint8Array[] = [];
    const copies: Uint8Array[] = [];
    for await (const chunk of reusedReads(path, 0, 1000)) {
      views.push(chunk);
      copies.push(new Uint8Array(chunk));
      if (views.length === 3) break;
    }
    expect(Buffer.compare(views[0]!, copies[2]!)).toBe(0);
    expect(Buffer.compare(views[0]!, copies[0]!)).not.toBe(0);
  });

  it.each([1, 7, 4096, 20_000])('without reading ahead gives the same bytes, each chunk in the one buffer (%i-byte reads)', async (chunkBytes) => {
    const seen = collector();
    const views: Uint8Array[] = [];
    for await (const chunk of reusedReads(path, 123, chunkBytes, Infinity, { readAhead: false })) {
      expect(chunk.length).toBeLessThanOrEqual(chunkBytes);
      seen.onChunk(chunk);
      views.push(chunk);
    }
    expect(Buffer.compare(seen.joined(), bytes.subarray(123))).toBe(0);
    expect(new Set(views.map((view) => view.buffer)).size).toBe(1);
  });
});
