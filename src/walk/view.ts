/**
 * Renders an object's text view (HTML, XML…) and hands the text to the visitor with its map to
 * raw bytes and the charset the view decided. View problems are the object's problems.
 */
import { messageOf, type Encoding, type ProblemKind } from '../core/types.js';
import type { TextChunk, TextView } from '../text/types.js';
import { errorKind, errorOffset } from './context.js';
import type { ViewInfo } from './types.js';

export async function renderView(
  view: TextView,
  input: AsyncIterable<Uint8Array>,
  declaredCharset: string | undefined,
  onText: (chunk: TextChunk, info: ViewInfo) => void,
  problem: (kind: ProblemKind, message: string, offset?: number) => void,
): Promise<void> {
  let charset: Encoding = 'utf-8';
  try {
    const ctx = {
      problem: (kind: ProblemKind, message: string, offset?: number) => problem(kind, `${view.id}: ${message}`, offset),
      setCharset: (value: Encoding) => (charset = value),
      ...(declaredCharset === undefined ? {} : { declaredCharset }),
    };
    for await (const chunk of view.render(input, ctx)) onText(chunk, { id: view.id, charset });
  } catch (error) {
    problem(errorKind(error), `${view.id}: ${messageOf(error)}`, errorOffset(error));
  }
}
