/**
 * Line numbers for hits in text objects, without keeping the object: newline offsets are kept
 * only for the stretch of bytes a pending hit can still start in (the searcher's look-ahead
 * plus the longest needle), plus a count of the ones before it.
 */
export class LineTracker {
  readonly #keepBytes: number;
  #newlines: number[] = [];
  #first = 0;
  #forgotten = 0;
  #lastForgotten = -1;
  #position = 0;

  /** `keepBytes`: how far behind the current position `locate` may still be asked about. */
  constructor(keepBytes: number) {
    this.#keepBytes = keepBytes;
  }

  push(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) this.#newlines.push(this.#position + at);
    this.#position += chunk.length;
  }

  /** Drops newlines that no hit starting at or after `position - keepBytes` can need. */
  forget(position: number): void {
    const limit = position - this.#keepBytes;
    while (this.#first < this.#newlines.length && this.#newlines[this.#first]! < limit) {
      this.#lastForgotten = this.#newlines[this.#first++]!;
      this.#forgotten++;
    }
    if (this.#first > 4096 && this.#first * 2 > this.#newlines.length) {
      this.#newlines = this.#newlines.slice(this.#first);
      this.#first = 0;
    }
  }

  /** 1-based line and byte column of `offset`. */
  locate(offset: number): { readonly line: number; readonly column: number } {
    let low = this.#first;
    let high = this.#newlines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#newlines[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    const before = low - this.#first;
    const previous = before > 0 ? this.#newlines[low - 1]! : this.#lastForgotten;
    return { line: this.#forgotten + before + 1, column: offset - previous };
  }
}
