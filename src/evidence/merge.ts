/**
 * One finding per place (issue 12 point 6): a hit whose bytes lie inside another term's hit in
 * the same object (疆藏 inside 疆藏(需定制支持), 维族 inside 维族(新疆), `EM_NATION_TYPE` inside
 * `EM_NATION_TYPE_UYGUR`) is not a finding of its own but a contained term of the longer one.
 * Counts and `--fail-on` then see the place once; the report still names every term found there.
 *
 * Pure; O(n log n) in the number of hits (one sort, one sweep per object).
 */
import type { Confidence } from '../core/types.js';

/** What the merge needs of a hit. */
export interface PlacedHit {
  /** The object the hit is in (the same key for the same chain of containers). */
  readonly placeKey: string;
  readonly start: number;
  readonly end: number;
  readonly termId: string;
  readonly confidence: Confidence;
}

export interface MergedHit<T extends PlacedHit> {
  readonly hit: T;
  /** Hits of other terms inside this one, in byte order. */
  readonly contained: readonly T[];
  /** The higher of the hit's own confidence and its contained hits'. */
  readonly confidence: Confidence;
}

const rank: Readonly<Record<Confidence, number>> = { low: 0, medium: 1, high: 2 };

/**
 * Folds every hit contained in a longer hit of a different term into it. A hit that only
 * overlaps another (neither inside the other) stays a finding of its own; hits of the same
 * term are never folded (two places, or two encodings of one place, stay two findings).
 * Among hits over the same bytes the higher confidence, then the smaller term id, contains.
 * Returned in input order of the containing hits.
 */
export function mergeContainedHits<T extends PlacedHit>(hits: readonly T[]): MergedHit<T>[] {
  const order = hits.map((hit, index) => ({ hit, index }));
  order.sort(
    (a, b) =>
      compare(a.hit.placeKey, b.hit.placeKey) ||
      a.hit.start - b.hit.start ||
      b.hit.end - a.hit.end ||
      rank[b.hit.confidence] - rank[a.hit.confidence] ||
      compare(a.hit.termId, b.hit.termId),
  );
  const outer = new Map<number, { contained: T[]; confidence: Confidence }>();
  // The open hit reaching furthest in the current object: any later hit ending before it lies inside it.
  let open: { readonly index: number; readonly hit: T } | undefined;
  for (const entry of order) {
    const { hit } = entry;
    if (open !== undefined && open.hit.placeKey === hit.placeKey && hit.end <= open.hit.end && hit.termId !== open.hit.termId) {
      const merged = outer.get(open.index)!;
      merged.contained.push(hit);
      if (rank[hit.confidence] > rank[merged.confidence]) merged.confidence = hit.confidence;
      continue;
    }
    outer.set(entry.index, { contained: [], confidence: hit.confidence });
    if (open === undefined || open.hit.placeKey !== hit.placeKey || hit.end > open.hit.end) open = entry;
  }
  return [...outer.entries()].sort(([a], [b]) => a - b).map(([index, merged]) => ({ hit: hits[index]!, ...merged }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
