/**
 * The one walker (DESIGN "The shape"): scan and verify are both visitors of it, so they agree
 * by construction. `walkInput` walks one input file and everything inside it; a watchdog ends
 * an input whose walk stops moving (a handler waiting on something that never comes) as
 * `partial` with an `internal` problem naming the handler, so no input can hang the run.
 */
import type { FileWindow } from '../core/types.js';
import { hashWindow } from './hash-window.js';
import { handlers as registry } from '../unpack/index.js';
import type { Handler } from '../unpack/types.js';
import type { BlockDecoder } from '../unpack/codecs/block-decoder.js';
import { inThreadDecoder } from '../unpack/codecs/index.js';
import { Bounds, defaultWalkLimits, type WalkLimits } from './bounds.js';
import { compileSignatures, type CompiledSignatures } from './carve.js';
import { addProblem, type Walk } from './context.js';
import { headBytes, walkObject } from './object.js';
import { maxViewHeadLength } from '../text/index.js';
import type { SubtreeMemo } from './memo-store.js';
import { TempDir } from './temp.js';
import type { Visitor, WalkProgress, WalkResult } from './types.js';

export interface WalkOptions {
  readonly limits?: Partial<WalkLimits>;
  /** Called as bytes are read (often: throttle before drawing). */
  readonly progress?: (progress: WalkProgress) => void;
  /** The handlers to detect with, in order. Default: the registry (`src/unpack/index.ts`). */
  readonly handlers?: readonly Handler[];
  /** Where the private temporary directory is made. Default: the system's. */
  readonly tempDirectory?: string;
  /**
   * Containers already opened in this run (share one memo across a run's inputs): one met again
   * is not opened again when its hash is known first; its subtree is replayed. Used only with a
   * visitor that has a `recorder`. Default none. Memory: the memo's `maxBytes`.
   */
  readonly memo?: SubtreeMemo;
  /** Decodes filesystems' compressed blocks. Default: in this thread. The walk does not depend on it. */
  readonly blocks?: BlockDecoder;
}

/** The registry's carve signatures, compiled once (the scan's matcher searches them in its own pass: scan/prepare.ts). */
export const registrySignatures = compileSignatures(registry);

/**
 * Walks one input (its bytes are `source`, read once) with `visitor`. `input.window` is the
 * input as a file, when it is one (random-access containers then read it in place; a stream's
 * containers are spilled); `input.size`, when known, scales the relative limits. Never throws
 * for a bad input.
 */
export async function walkInput(source: AsyncIterable<Uint8Array>, input: { readonly size?: number; readonly window?: FileWindow }, visitor: Visitor, options: WalkOptions = {}): Promise<WalkResult> {
  const limits = { ...defaultWalkLimits, ...options.limits };
  const bounds = new Bounds(limits, input.size ?? input.window?.size ?? 0);
  const handlers = options.handlers ?? registry;
  const walk: Walk = {
    visitor,
    bounds,
    temp: new TempDir(bounds.tempLimit, options.tempDirectory),
    blocks: options.blocks ?? inThreadDecoder,
    handlers,
    peekBytes: Math.max(...handlers.map((handler) => handler.headLength), maxViewHeadLength, headBytes),
    signatures: handlers === registry ? registrySignatures : compileSignatures(handlers),
    problems: [],
    notes: [],
    layers: [],
    counts: { objects: 0, bytesScanned: 0, bytesRead: 0, inputBytes: 0, carvedChunks: 0, rejectedCarves: 0 },
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    lastMove: Date.now(),
    current: { chain: [], format: 'raw' },
    abandoned: false,
    ...(options.memo === undefined ? {} : { memo: options.memo }),
    deepest: 0,
    walkObject,
  };
  try {
    const walked = await watched(walkObject(source, { chain: [], depth: 0, ...(input.window === undefined ? {} : { backing: input.window }), inputOffset: 0 }, walk), walk, limits.stallSeconds);
    // A stuck walk read the input only in part: a file is hashed whole again, a stream as far as it was read.
    const sha256 = walked !== 'stuck' ? walked.sha256 : input.window !== undefined ? await hashWindow(input.window) : walk.rootDigest!();
    const length = walked !== 'stuck' ? walked.length : walk.counts.inputBytes;
    return { sha256, length, problems: walk.problems, notes: walk.notes, ...(walk.identity === undefined ? {} : { identity: walk.identity }), layers: walk.layers, objects: walk.counts.objects, bytesScanned: walk.counts.bytesScanned, carvedChunks: walk.counts.carvedChunks, rejectedCarves: walk.counts.rejectedCarves };
  } finally {
    walk.abandoned = true;
    await walk.temp.remove();
  }
}

/** Resolves with the walk's result, or `stuck` once nothing has moved for `stallSeconds`. */
async function watched<T>(walking: Promise<T>, walk: Walk, stallSeconds: number): Promise<T | 'stuck'> {
  if (stallSeconds === 0) return walking;
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<'stuck'>((resolve) => {
    timer = setInterval(() => {
      if (Date.now() - walk.lastMove < stallSeconds * 1000) return;
      const { chain, format } = walk.current;
      addProblem(walk, 'internal', chain, `no progress for ${stallSeconds} s while ${format} was being read: the rest of this input was given up (please report this input)`);
      walk.abandoned = true;
      resolve('stuck');
    }, Math.min(1000, stallSeconds * 250));
  });
  try {
    return await Promise.race([walking, stuck]);
  } finally {
    clearInterval(timer);
  }
}
