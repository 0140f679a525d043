/**
 * Wraps an object's source so that each chunk passes `onChunk` exactly once, in order, whoever
 * reads it (the handler, or the walker draining what the handler left). A source error is
 * reported through `onError` and ends the stream: what came before it has been seen, and
 * readers see a short stream rather than an exception (some parsers would wait forever on one).
 */
export interface Tapped {
  /** Reads ahead until `length` bytes are buffered (or the stream ends) and returns them without consuming. */
  peek(length: number): Promise<Uint8Array>;
  /** The stream for a handler: reading it feeds `onChunk`; its `return()` leaves the source open. */
  readonly view: AsyncIterable<Uint8Array>;
  /**
   * Reads whatever the handler left, so every byte reaches `onChunk`. With `rest`, the bytes not
   * yet taken from the source are read from `rest(position, chunkBytes)` instead (the source is
   * closed first): `position` is how many bytes the source gave, `chunkBytes` its largest chunk.
   * An input file reads the rest of itself so, in reused buffers: `onChunk` copies what it keeps.
   */
  drain(rest?: (position: number, chunkBytes: number) => AsyncIterable<Uint8Array>): Promise<void>;
  /** Stops reading: the source is closed and nothing more reaches `onChunk`. */
  close(): Promise<void>;
}

/** `onChunk` returns false to end the stream there (a limit was reached). */
export function tap(source: AsyncIterable<Uint8Array>, onChunk: (chunk: Uint8Array) => boolean, onError: (error: unknown) => void): Tapped {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let ended = false;
  let position = 0;
  let largestChunk = 1;
  const pull = async (): Promise<Uint8Array | undefined> => {
    if (ended) return undefined;
    try {
      const next = await iterator.next();
      if (next.done === true || !onChunk(next.value)) {
        ended = true;
        await iterator.return?.();
        return undefined;
      }
      position += next.value.length;
      largestChunk = Math.max(largestChunk, next.value.length);
      return next.value;
    } catch (error) {
      ended = true;
      onError(error);
      return undefined;
    }
  };
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const chunk = buffered.shift() ?? (await pull());
    return chunk === undefined ? { done: true, value: undefined } : { done: false, value: chunk };
  };
  return {
    async peek(length) {
      let total = buffered.reduce((sum, chunk) => sum + chunk.length, 0);
      while (total < length) {
        const chunk = await pull();
        if (chunk === undefined) break;
        buffered.push(chunk);
        total += chunk.length;
      }
      // Only the bytes asked for are copied (a chunk of a MiB for a head of a few KiB was a hot spot).
      return Buffer.concat(buffered, Math.min(total, length));
    },
    view: { [Symbol.asyncIterator]: () => ({ next, return: async () => ({ done: true, value: undefined }) }) },
    async drain(rest) {
      if (rest === undefined) {
        while (!(await next()).done);
        return;
      }
      // The chunks buffered have been through `onChunk` already.
      buffered.length = 0;
      if (ended) return;
      await closeSource();
      try {
        for await (const chunk of rest(position, largestChunk)) if (!onChunk(chunk)) return;
      } catch (error) {
        onError(error);
      }
    },
    close: closeSource,
  };

  async function closeSource(): Promise<void> {
    if (ended) return;
    ended = true;
    try {
      await iterator.return?.();
    } catch {
      // Closing a source that already failed: its error was reported when it happened.
    }
  }
}
