/**
 * One handler seen on its own, outside a walk: unit tests of a format, and tools that inspect a
 * single layer. The input is built by the same `containerInput` a walk uses (the backing file,
 * or the stream spilled to a private temporary directory), and the handler is opened through
 * the walker's one `openHandler`; its children are handed back unwalked, with what it said of
 * its own bytes (problems, `setLength`).
 */
import type { FileWindow, ProblemKind } from '../core/types.js';
import type { Child, Handler } from '../unpack/types.js';
import type { BlockDecoder } from '../unpack/codecs/block-decoder.js';
import { inThreadDecoder } from '../unpack/codecs/index.js';
import { containerInput, openHandler } from './container.js';
import { TempDir } from './temp.js';

export interface AloneProblem {
  readonly kind: ProblemKind;
  readonly message: string;
  readonly offset?: number;
}

export interface Alone {
  /** The handler's children, in order; each child's stream must be read (or abandoned) before the next. */
  readonly children: AsyncIterable<Child>;
  /** Problems the handler recorded so far. */
  readonly problems: readonly AloneProblem[];
  /** What the handler passed to `setLength`, if anything. */
  readonly length: number | undefined;
}

export interface AloneOptions {
  /** The input as a file (random access), when it is one. */
  readonly backing?: FileWindow;
  /** Where a stream is spilled when the handler asks for a file; a shared private directory by default. */
  readonly temp?: TempDir;
  /** Decodes filesystem blocks; in this thread by default. */
  readonly blocks?: BlockDecoder;
}

let sharedTemp: TempDir | undefined;

export function openAlone(handler: Handler, stream: AsyncIterable<Uint8Array>, options: AloneOptions = {}): Alone {
  const problems: AloneProblem[] = [];
  let length: number | undefined;
  const controller = new AbortController();
  const input = containerInput(stream, options.backing, options.temp ?? (sharedTemp ??= new TempDir()));
  const opened = openHandler(handler, input, {
    problem: (kind, message, offset) => void problems.push({ kind, message, ...(offset === undefined ? {} : { offset }) }),
    setLength: (value) => void (length = value),
    signal: controller.signal,
    blocks: options.blocks ?? inThreadDecoder,
  });
  const children = (async function* () {
    try {
      yield* opened;
    } finally {
      controller.abort();
    }
  })();
  return {
    children,
    problems,
    get length() {
      return length;
    },
  };
}
