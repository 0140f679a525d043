/**
 * Maps text-view offsets back to the document's raw bytes, keeping only the segments that a
 * pending hit can still need (the searcher's look-behind and look-ahead plus the longest
 * needle), like `LineTracker` does for lines.
 */
import type { TextSegment } from './types.js';

export class TextMap {
  readonly #keepBytes: number;
  #segments: TextSegment[] = [];
  #first = 0;
  #textEnd = 0;

  constructor(keepBytes: number) {
    this.#keepBytes = keepBytes;
  }

  /** Adds a chunk's segments; `textEnd` is the text offset just past the chunk. */
  add(segments: readonly TextSegment[], textEnd: number): void {
    for (const segment of segments) this.#segments.push(segment);
    this.#textEnd = textEnd;
  }

  /** Drops segments that end before `textPosition - keepBytes`. */
  forget(textPosition: number): void {
    const limit = textPosition - this.#keepBytes;
    while (this.#first + 1 < this.#segments.length && this.#segments[this.#first + 1]!.textStart <= limit) this.#first++;
    if (this.#first > 4096 && this.#first * 2 > this.#segments.length) {
      this.#segments = this.#segments.slice(this.#first);
      this.#first = 0;
    }
  }

  /**
   * The raw byte range of text `[start, end)`. Inside a segment whose raw and text lengths
   * agree (a verbatim copy) offsets carry over one to one; a segment that was decoded (an
   * entity, a charset conversion) maps as a whole to its raw range.
   */
  rawRange(start: number, end: number): { readonly start: number; readonly end: number } {
    const first = this.#locate(start);
    const last = this.#locate(end - 1);
    return {
      start: first.verbatim ? first.segment.rawStart + (start - first.segment.textStart) : first.segment.rawStart,
      end: last.verbatim ? last.segment.rawStart + (end - last.segment.textStart) : last.segment.rawEnd,
    };
  }

  #locate(offset: number): { readonly segment: TextSegment; readonly verbatim: boolean } {
    let low = this.#first;
    let high = this.#segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.#segments[middle]!.textStart <= offset) low = middle;
      else high = middle - 1;
    }
    const segment = this.#segments[low] ?? { textStart: 0, rawStart: 0, rawEnd: 0 };
    const textEnd = this.#segments[low + 1]?.textStart ?? this.#textEnd;
    return { segment, verbatim: textEnd - segment.textStart === segment.rawEnd - segment.rawStart };
  }
}
