/**
 * The search visitor's part of a memoised subtree (walk/subtree-memo.ts): the hits of the
 * objects that ended inside it, chains made relative to its root, and its rejected candidates.
 * Hits are kept as the objects' ends made them (already capped per object and term, `more`
 * included), so replaying them gives exactly the findings a fresh search gives.
 */
import type { ChainLink } from '../core/types.js';
import type { VisitorRecorder } from '../walk/types.js';

/** What the recorder needs of a hit (search.ts `Hit`). */
interface Hit {
  readonly chain: readonly ChainLink[];
  readonly source?: { readonly chain: readonly ChainLink[] };
  readonly matchedHex: string;
  readonly context: { readonly before: string; readonly after: string; readonly hex: string };
  readonly more?: { readonly offsets: readonly number[] };
}

interface Searched {
  readonly hits: Hit[];
  readonly problems: readonly unknown[];
  rejectedCandidates: number;
}

interface Mark {
  readonly hits: number;
  readonly problems: number;
  readonly rejected: number;
}

interface Recorded {
  readonly hits: readonly Hit[];
  readonly rejected: number;
}

function rechain(hit: Hit, chain: (chain: readonly ChainLink[]) => readonly ChainLink[]): Hit {
  return { ...hit, chain: chain(hit.chain), ...(hit.source === undefined ? {} : { source: { ...hit.source, chain: chain(hit.source.chain) } }) };
}

export function searchRecorder(searched: Searched): VisitorRecorder {
  return {
    mark: (): Mark => ({ hits: searched.hits.length, problems: searched.problems.length, rejected: searched.rejectedCandidates }),
    since(mark: unknown, prefixLength: number): Recorded | undefined {
      const from = mark as Mark;
      // A hit-rate limit met inside: not replayed (a fresh walk reports it again).
      if (searched.problems.length !== from.problems) return undefined;
      return { hits: searched.hits.slice(from.hits).map((hit) => rechain(hit, (chain) => chain.slice(prefixLength))), rejected: searched.rejectedCandidates - from.rejected };
    },
    replay(recorded: unknown, prefix: readonly ChainLink[]): void {
      const { hits, rejected } = recorded as Recorded;
      for (const hit of hits) searched.hits.push(rechain(hit, (chain) => [...prefix, ...chain]));
      searched.rejectedCandidates += rejected;
    },
    cost(recorded: unknown): number {
      let bytes = 0;
      for (const hit of (recorded as Recorded).hits) bytes += 256 + hit.matchedHex.length + 2 * (hit.context.before.length + hit.context.after.length) + hit.context.hex.length + 8 * (hit.more?.offsets.length ?? 0) + 64 * hit.chain.length;
      return bytes;
    },
  };
}
