/** The ordered text-view registry: the first view whose `detect` accepts an object renders it (when no container handler opened it). */
import { htmlView } from './html.js';
import type { TextView } from './types.js';
import { xmlView } from './xml.js';

export const textViews: readonly TextView[] = [htmlView, xmlView];

export const maxViewHeadLength = Math.max(0, ...textViews.map((view) => view.headLength));

export function detectView(head: Uint8Array): TextView | undefined {
  return textViews.find((view) => view.detect(head).ok);
}

export type { TextChunk, TextSegment, TextView, ViewContext } from './types.js';
