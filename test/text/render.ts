/**
 * Runs a text view over in-memory chunks the way the driver does, and checks the invariants
 * every rendering must keep (STYLE.md §9: start <= end, offsets inside the object, text order).
 */
import iconv from 'iconv-lite';
import { expect } from 'vitest';
import type { Encoding } from '../../src/patterns/types.js';
import type { TextSegment, TextView } from '../../src/text/types.js';

export interface Rendered {
  readonly text: string;
  readonly bytes: Buffer;
  /** Every chunk's segments, in order (textStart is absolute). */
  readonly segments: readonly TextSegment[];
  /** Text bytes of each chunk. */
  readonly chunkLengths: readonly number[];
  readonly problems: readonly { readonly kind: string; readonly message: string; readonly offset?: number }[];
  readonly notes: readonly { readonly message: string; readonly offset?: number }[];
  readonly charset?: Encoding;
}

export async function render(view: TextView, chunks: readonly Uint8Array[]): Promise<Rendered> {
  const problems: { kind: string; message: string; offset?: number }[] = [];
  const notes: { message: string; offset?: number }[] = [];
  let charset: Encoding | undefined;
  const texts: Buffer[] = [];
  const segments: TextSegment[] = [];
  const input = (async function* () {
    for (const chunk of chunks) yield chunk;
  })();
  for await (const chunk of view.render(input, {
    problem: (kind, message, offset) => problems.push({ kind, message, ...(offset === undefined ? {} : { offset }) }),
    note: (message, offset) => notes.push({ message, ...(offset === undefined ? {} : { offset }) }),
    setCharset: (value) => {
      charset = value;
    },
  })) {
    texts.push(Buffer.from(chunk.text));
    segments.push(...chunk.segments);
  }
  const bytes = Buffer.concat(texts);
  return { text: bytes.toString('utf8'), bytes, segments, chunkLengths: texts.map((t) => t.length), problems, notes, ...(charset === undefined ? {} : { charset }) };
}

export const renderWhole = (view: TextView, input: Uint8Array | string) => render(view, [typeof input === 'string' ? Buffer.from(input) : input]);

/**
 * Segment invariants: text order, ranges inside the object, every text byte covered, and each
 * segment's text is what its raw bytes decode to in `charset` (or in one of several, for a
 * mislabelled page read partly in another charset; or a decoded piece: an entity, an escape, a
 * line break).
 */
export function expectValidSegments(rendered: Rendered, raw: Uint8Array, charset: string | readonly string[]): void {
  const charsets = typeof charset === 'string' ? [charset] : charset;
  const { segments, bytes } = rendered;
  if (bytes.length === 0) return;
  expect(segments[0]?.textStart, 'the first segment starts the text').toBe(0);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const textEnd = segments[i + 1]?.textStart ?? bytes.length;
    expect(segment.textStart, `segment ${i} text order`).toBeLessThan(textEnd);
    expect(segment.rawStart, `segment ${i} rawStart <= rawEnd`).toBeLessThanOrEqual(segment.rawEnd);
    expect(segment.rawEnd, `segment ${i} inside the object`).toBeLessThanOrEqual(raw.length);
    const text = bytes.subarray(segment.textStart, textEnd).toString('utf8');
    const source = raw.subarray(segment.rawStart, segment.rawEnd);
    if (source.length === 0) {
      expect(text, `segment ${i}: only a line break maps to no bytes`).toBe('\n');
      continue;
    }
    const decodings = charsets.map((name) => iconv.decode(Buffer.from(source), name));
    // A decoded piece (entity, escape, CDATA-free markup) starts with `&` or `\`; anything else is the bytes themselves.
    if (decodings.some((decoded) => decoded.startsWith('&') || decoded.startsWith('\\'))) continue;
    if (decodings.every((decoded) => decoded.includes('\ufffd'))) continue;
    expect(decodings, `segment ${i} [${segment.rawStart}, ${segment.rawEnd}) decodes to its text`).toContain(text);
  }
}

/** The raw range a text match maps to, the way the driver's TextMap maps it. */
export function rawRangeOf(rendered: Rendered, needle: string, occurrence = 0): { start: number; end: number } {
  const target = Buffer.from(needle);
  let at = -1;
  for (let n = 0; n <= occurrence; n++) {
    at = rendered.bytes.indexOf(target, at + 1);
    if (at < 0) throw new Error(`"${needle}" not in the text`);
  }
  const end = at + target.length;
  const locate = (offset: number) => {
    let index = 0;
    while (index + 1 < rendered.segments.length && rendered.segments[index + 1]!.textStart <= offset) index++;
    const segment = rendered.segments[index]!;
    const textEnd = rendered.segments[index + 1]?.textStart ?? rendered.bytes.length;
    return { segment, verbatim: textEnd - segment.textStart === segment.rawEnd - segment.rawStart };
  };
  const first = locate(at);
  const last = locate(end - 1);
  return {
    start: first.verbatim ? first.segment.rawStart + (at - first.segment.textStart) : first.segment.rawStart,
    end: last.verbatim ? last.segment.rawStart + (end - last.segment.textStart) : last.segment.rawEnd,
  };
}
