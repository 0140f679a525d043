/**
 * A decoder for documents whose declared charset does not fit all their bytes: a camera's
 * pages say `charset=utf-8` but keep GBK comments, or say `gb2312` and were saved as UTF-8.
 * Every stretch of non-ASCII text is decoded in the document's charset; a stretch that does
 * not decode there is decoded in the other Chinese charset that decodes it without error
 * (UTF-8, GB18030, Big5: the one yielding more common Chinese characters), and the decoder
 * counts what it read that way so the view can say so. Bytes no charset decodes stay errors.
 *
 * A stretch starts at a byte ≥ 0x80 and ends before a byte below 0x30 or in 0x3A–0x3F (space,
 * punctuation, `<`, line ends): trail bytes of GBK and Big5 (≥ 0x40) and the digits of
 * GB18030's four-byte sequences never end one. The cut depends on the bytes only, never on how
 * they were chunked. A stretch longer than `maxStretchBytes` is decoded in pieces.
 *
 * Memory: one stretch (at most `maxStretchBytes`) and its decoded characters.
 */
import { chineseScore } from './charset.js';
import { StreamDecoder, type Charset, type CharSink } from './decoder.js';

/** Charsets tried for a stretch the declared one does not decode. */
export const fallbackCharsets = ['utf-8', 'gb18030', 'big5'] as const satisfies readonly Charset[];
export type FallbackCharset = (typeof fallbackCharsets)[number];

export function hasFallback(charset: Charset): charset is FallbackCharset {
  return (fallbackCharsets as readonly Charset[]).includes(charset);
}

export const maxStretchBytes = 64 * 1024;

/** Stretches read in another charset than the document's. */
export interface FallbackUse {
  readonly charset: FallbackCharset;
  readonly stretches: number;
  readonly bytes: number;
  readonly firstOffset: number;
}

type Decoded = readonly [codePoint: number, start: number, end: number, error: boolean];

export class FallbackDecoder {
  readonly charset: FallbackCharset;
  readonly #sink: CharSink;
  #offset: number;
  readonly #stretch: number[] = [];
  #stretchStart = 0;
  #errors = 0;
  #firstErrorOffset: number | undefined;
  readonly #uses = new Map<FallbackCharset, { stretches: number; bytes: number; firstOffset: number }>();

  constructor(charset: FallbackCharset, startOffset: number, sink: CharSink) {
    this.charset = charset;
    this.#offset = startOffset;
    this.#sink = sink;
  }

  /** Sequences that no charset decoded (each became one U+FFFD). */
  get errors(): number {
    return this.#errors;
  }

  get firstErrorOffset(): number | undefined {
    return this.#firstErrorOffset;
  }

  /** What was read in another charset, by charset, in the order of `fallbackCharsets`. */
  get fallbacks(): FallbackUse[] {
    return fallbackCharsets.flatMap((charset) => {
      const use = this.#uses.get(charset);
      return use === undefined ? [] : [{ charset, ...use }];
    });
  }

  push(bytes: Uint8Array): void {
    for (const byte of bytes) {
      const offset = this.#offset++;
      if (this.#stretch.length > 0) {
        if (endsStretch(byte)) this.#flush();
        else {
          this.#stretch.push(byte);
          if (this.#stretch.length >= maxStretchBytes) this.#flush();
          continue;
        }
      }
      if (byte < 0x80) this.#sink(byte, offset, offset + 1, false);
      else {
        this.#stretchStart = offset;
        this.#stretch.push(byte);
      }
    }
  }

  end(): void {
    if (this.#stretch.length > 0) this.#flush();
  }

  #flush(): void {
    const bytes = Uint8Array.from(this.#stretch);
    this.#stretch.length = 0;
    const own = decode(bytes, this.charset, this.#stretchStart);
    if (own.errors === 0) return this.#emit(own.chars);
    let best: { charset: FallbackCharset; chars: readonly Decoded[]; score: number } | undefined;
    for (const charset of fallbackCharsets) {
      if (charset === this.charset) continue;
      const other = decode(bytes, charset, this.#stretchStart);
      if (other.errors > 0) continue;
      const score = chineseScore(bytes, charset);
      if (best === undefined || score > best.score) best = { charset, chars: other.chars, score };
    }
    if (best === undefined) {
      for (const [, start, , error] of own.chars) {
        if (!error) continue;
        this.#errors++;
        this.#firstErrorOffset ??= start;
      }
      return this.#emit(own.chars);
    }
    const use = this.#uses.get(best.charset) ?? { stretches: 0, bytes: 0, firstOffset: this.#stretchStart };
    use.stretches++;
    use.bytes += bytes.length;
    this.#uses.set(best.charset, use);
    this.#emit(best.chars);
  }

  #emit(chars: readonly Decoded[]): void {
    for (const [codePoint, start, end, error] of chars) this.#sink(codePoint, start, end, error);
  }
}

function endsStretch(byte: number): boolean {
  return byte < 0x30 || (byte >= 0x3a && byte <= 0x3f);
}

function decode(bytes: Uint8Array, charset: Charset, startOffset: number): { chars: Decoded[]; errors: number } {
  const chars: Decoded[] = [];
  const decoder = new StreamDecoder(charset, startOffset, (codePoint, start, end, error) => chars.push([codePoint, start, end, error]));
  decoder.push(bytes);
  decoder.end();
  return { chars, errors: decoder.errors };
}
