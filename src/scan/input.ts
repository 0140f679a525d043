/** One input through the walker with the search visitor: what `scan()` needs to report it. */
import type { FileWindow } from '../core/types.js';
import type { BlockDecoder } from '../unpack/codecs/block-decoder.js';
import type { WalkLimits } from '../walk/bounds.js';
import type { SubtreeMemo } from '../walk/memo-store.js';
import type { Layer, WalkProgress, WalkResult } from '../walk/types.js';
import { walkInput } from '../walk/walker.js';
import type { ScanOptions } from './options.js';
import { SearchVisitor, type Hit, type Matcher } from './search.js';

export interface InputScan extends WalkResult {
  readonly hits: readonly Hit[];
  readonly rejectedCandidates: number;
}

export type { Layer };

/** The limits that decide what a walk reaches (not how long it may take): a report records them and verify walks with them again. */
export const extentLimitNames = ['maxDepth', 'maxExpandedBytes', 'maxExpandFactor', 'maxExpansionRatio', 'maxEntriesPerContainer', 'maxTempBytes'] as const;

export function walkLimits(options: ScanOptions): WalkLimits {
  return {
    maxDepth: options.maxDepth,
    maxExpandedBytes: options.maxExpandedBytes,
    maxExpandFactor: options.maxExpandFactor,
    maxExpansionRatio: options.maxExpansionRatio,
    maxEntriesPerContainer: options.maxEntriesPerContainer,
    maxSecondsPerInput: options.maxSecondsPerInput,
    stallSeconds: options.stallSeconds,
    maxTempBytes: options.maxTempBytes,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}

/** `memo`: the run's containers already opened, shared by its inputs (walk/subtree-memo.ts); `blocks`: the run's decode pool, if it has one. */
export async function scanInput(stream: AsyncIterable<Uint8Array>, file: { readonly size?: number; readonly window?: FileWindow }, matcher: Matcher, options: ScanOptions, progress?: (progress: WalkProgress) => void, memo?: SubtreeMemo, blocks?: BlockDecoder): Promise<InputScan> {
  const visitor = new SearchVisitor(matcher, { contextChars: options.contextChars, contextHexBytes: options.contextHexBytes, maxFindingsPerTerm: options.maxFindingsPerTerm });
  const walked = await walkInput(stream, file, visitor, { limits: walkLimits(options), ...(progress === undefined ? {} : { progress }), ...(memo === undefined ? {} : { memo }), ...(blocks === undefined ? {} : { blocks }) });
  // The search's own problems (hit-rate limits) join the walk's, after them.
  return { ...walked, problems: [...walked.problems, ...visitor.problems], hits: visitor.hits, rejectedCandidates: visitor.rejectedCandidates };
}
