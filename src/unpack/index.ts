/** The ordered handler registry: the first handler whose `detect` accepts a node opens it. */
import { dahuaZipHandler } from './dahua-zip.js';
import { gzipHandler } from './gzip.js';
import { tarHandler } from './tar.js';
import type { Handler } from './types.js';
import { zipHandler } from './zip.js';

export const handlers: readonly Handler[] = [zipHandler, dahuaZipHandler, gzipHandler, tarHandler];

/** Bytes of a node's start needed to run every `detect`. */
export const maxHeadLength = Math.max(...handlers.map((handler) => handler.headLength));

export function detectFormat(head: Uint8Array): Handler | undefined {
  return detectAt(head)?.handler;
}

/** The first handler that accepts `head`, with its detection (which may state the chunk's length). */
export function detectAt(head: Uint8Array): { readonly handler: Handler; readonly length?: number } | undefined {
  for (const handler of handlers) {
    const detection = handler.detect(head);
    if (detection.ok) return detection.length === undefined ? { handler } : { handler, length: detection.length };
  }
  return undefined;
}

export type { Child, ChainLink, Handler, OpenContext, OpenInput, Problem } from './types.js';
export { InputError } from './types.js';
