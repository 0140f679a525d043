/** The ordered text-view registry: the first view whose `detect` accepts an object renders it (when no container handler opened it). */
import type { TextView } from './types.js';

export const textViews: readonly TextView[] = [];

export const maxViewHeadLength = Math.max(0, ...textViews.map((view) => view.headLength));

export function detectView(head: Uint8Array): TextView | undefined {
  return textViews.find((view) => view.detect(head).ok);
}

export type { TextChunk, TextSegment, TextView, ViewContext } from './types.js';
