/**
 * Builds a view's output: UTF-8 text in chunks, each with the segments that map it back to
 * raw bytes. Characters whose UTF-8 length equals their raw length (ASCII in any ASCII-
 * compatible charset, everything in UTF-8) are merged into one verbatim segment while their raw
 * bytes are contiguous, so offsets inside it map one to one; every other character, and every
 * decoded piece (an entity, a JS escape), gets its own segment and maps as a whole.
 *
 * Chunks are cut by content alone (every `chunkBytes` of text, between characters), never by
 * how the input arrived, so the same document gives the same chunks and segments whatever its
 * input chunking (the chunk-equivalence tests rely on it).
 *
 * Side text (attribute values, script strings) goes to an "aside" queue and comes out on lines
 * of its own at the next block break, so `疆<b title="x">藏</b>` still reads 疆藏.
 *
 * Memory: one chunk of text and its segments, plus at most `maxAsideChars` queued characters.
 */
import type { TextChunk, TextSegment } from './types.js';

/** Text bytes per output chunk. */
export const outputChunkBytes = 16 * 1024;
/** Queued side-text characters after which the queue is written out at once (on its own lines). */
export const maxAsideChars = 16 * 1024;

const newline = 0x0a;

type AsideItem =
  | { readonly kind: 'char'; readonly codePoint: number; readonly start: number; readonly end: number }
  | { readonly kind: 'piece'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'break'; readonly at: number };

export class TextOutput {
  readonly #chunkBytes: number;
  #buffer: Uint8Array;
  #length = 0;
  /** Text bytes in chunks already cut. */
  #base = 0;
  #segments: TextSegment[] = [];
  /** The segment being built (fields, not an object: one is opened per CJK character). */
  #open = false;
  #openTextStart = 0;
  #openRawStart = 0;
  #openRawEnd = 0;
  /** The open segment is a run of characters each as long in UTF-8 as in the raw bytes: it may grow. */
  #openVerbatim = false;
  #ready: TextChunk[] = [];
  /** Last byte written (0 before any): separators never repeat or lead. */
  #last = newline;
  #aside: AsideItem[] = [];
  #asideChars = 0;

  constructor(chunkBytes: number = outputChunkBytes) {
    if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 8) throw new RangeError(`TextOutput: chunkBytes must be an integer >= 8, got ${chunkBytes}`);
    this.#chunkBytes = chunkBytes;
    this.#buffer = new Uint8Array(chunkBytes + 8);
  }

  /** A character decoded from raw bytes `[start, end)`. */
  char(codePoint: number, start: number, end: number): void {
    const length = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    if (length === end - start && this.#open && this.#openVerbatim && this.#openRawEnd === start) {
      this.#openRawEnd = end;
    } else {
      this.#close();
      this.#openSegment(start, end, length === end - start);
    }
    this.#write(codePoint, length);
    this.#cutIfFull();
  }

  /** Text decoded from raw bytes `[start, end)` as a whole (an entity or an escape): one segment. */
  piece(text: string, start: number, end: number): void {
    if (text === '') return;
    this.#close();
    this.#openSegment(start, end, false);
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      this.#write(codePoint, utf8Length(codePoint));
    }
    // A piece is never extended by the next character, even when its lengths happen to agree.
    this.#close();
    this.#cutIfFull();
  }

  /** A line break at raw offset `at` (a block element's edge), unless the text already ends a line. */
  lineBreak(at: number): void {
    if (this.#last === newline) return;
    this.piece('\n', at, at);
  }

  /** A block edge: a line break, then any queued side text on lines of its own. */
  blockBreak(at: number): void {
    this.lineBreak(at);
    this.#flushAside();
  }

  asideChar(codePoint: number, start: number, end: number): void {
    this.#aside.push({ kind: 'char', codePoint, start, end });
    if (++this.#asideChars >= maxAsideChars) this.#flushAside();
  }

  asidePiece(text: string, start: number, end: number): void {
    this.#aside.push({ kind: 'piece', text, start, end });
    if (++this.#asideChars >= maxAsideChars) this.#flushAside();
  }

  /** Ends one item of side text (an attribute value, a string literal). */
  asideBreak(at: number): void {
    const last = this.#aside[this.#aside.length - 1];
    if (last !== undefined && last.kind !== 'break') this.#aside.push({ kind: 'break', at });
  }

  /** Chunks completed since the last call. */
  take(): TextChunk[] {
    const ready = this.#ready;
    this.#ready = [];
    return ready;
  }

  /** Writes out queued side text and returns the last, partial chunk (if it has any text). */
  finish(at: number): TextChunk[] {
    this.blockBreak(at);
    this.#cut();
    return this.take();
  }

  #flushAside(): void {
    const aside = this.#aside;
    if (aside.length === 0) return;
    this.#aside = [];
    this.#asideChars = 0;
    let itemStart = true;
    for (const item of aside) {
      if (item.kind === 'break') {
        this.lineBreak(item.at);
        itemStart = true;
        continue;
      }
      if (itemStart) this.lineBreak(item.start);
      itemStart = false;
      if (item.kind === 'char') this.char(item.codePoint, item.start, item.end);
      else this.piece(item.text, item.start, item.end);
    }
    const last = aside[aside.length - 1]!;
    this.lineBreak(last.kind === 'break' ? last.at : last.end);
  }

  #write(codePoint: number, length: number): void {
    const buffer = this.#buffer;
    let at = this.#length;
    if (length === 1) buffer[at++] = codePoint;
    else if (length === 2) {
      buffer[at++] = 0xc0 | (codePoint >> 6);
      buffer[at++] = 0x80 | (codePoint & 0x3f);
    } else if (length === 3) {
      buffer[at++] = 0xe0 | (codePoint >> 12);
      buffer[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
      buffer[at++] = 0x80 | (codePoint & 0x3f);
    } else {
      buffer[at++] = 0xf0 | (codePoint >> 18);
      buffer[at++] = 0x80 | ((codePoint >> 12) & 0x3f);
      buffer[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
      buffer[at++] = 0x80 | (codePoint & 0x3f);
    }
    this.#length = at;
    this.#last = buffer[at - 1]!;
    if (at + 4 > buffer.length) this.#grow();
  }

  #grow(): void {
    const bigger = new Uint8Array(this.#buffer.length * 2);
    bigger.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = bigger;
  }

  #openSegment(start: number, end: number, verbatim: boolean): void {
    this.#open = true;
    this.#openTextStart = this.#base + this.#length;
    this.#openRawStart = start;
    this.#openRawEnd = end;
    this.#openVerbatim = verbatim;
  }

  #close(): void {
    if (!this.#open) return;
    this.#open = false;
    if (this.#openTextStart < this.#base + this.#length) this.#segments.push({ textStart: this.#openTextStart, rawStart: this.#openRawStart, rawEnd: this.#openRawEnd });
  }

  #cutIfFull(): void {
    if (this.#length >= this.#chunkBytes) this.#cut();
  }

  #cut(): void {
    const continues = this.#open && this.#openVerbatim;
    this.#close();
    if (this.#length > 0) {
      this.#ready.push({ text: this.#buffer.slice(0, this.#length), segments: this.#segments });
      this.#base += this.#length;
      this.#length = 0;
      this.#segments = [];
    }
    // A verbatim run goes on in the next chunk with a segment of its own.
    if (continues) this.#openSegment(this.#openRawEnd, this.#openRawEnd, true);
  }
}

export function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
