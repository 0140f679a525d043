/**
 * The hit-rate limit of one object's search: a needle whose raw hits come faster than
 * `maxHitsPerMiB` (after the first `minHits`) is degenerate for this object (a term made of one
 * repeated letter in a run of that letter, a short spelling in a table of it), and verifying
 * and scoring each hit would cost seconds per MiB and memory besides. From then on its hits
 * in this object are only counted, and the object gets one `limit` problem saying so.
 * Real dense text stays far below the bound: a term in every line of a string table is one
 * hit per 20–60 bytes, under 52,000 per MiB.
 */
import type { Needle } from '../patterns/types.js';

export interface HitRateLimits {
  /** Hits of one needle per MiB of the object read so far, beyond which its hits are only counted. */
  readonly maxHitsPerMiB: number;
  /** Hits of one needle verified before the rate is checked at all (short objects are never limited). */
  readonly minHits: number;
}

export const defaultHitRateLimits: HitRateLimits = { maxHitsPerMiB: 65_536, minHits: 65_536 };

const mebibyte = 1024 * 1024;

/** Per needle of one object: hits seen, and where verification stopped when it did. */
interface NeedleRate {
  hits: number;
  stoppedAt?: { readonly offset: number; readonly verified: number };
}

export class HitRate {
  readonly #rates = new Map<number, NeedleRate>();

  constructor(readonly limits: HitRateLimits = defaultHitRateLimits) {}

  /**
   * Counts a hit of `needle` at `offset`, `position` bytes into the object; false when the
   * needle's hits are past the rate limit and this one is only counted, not verified.
   */
  verify(needle: Needle, offset: number, position: number): boolean {
    let rate = this.#rates.get(needle.id);
    if (rate === undefined) this.#rates.set(needle.id, (rate = { hits: 0 }));
    rate.hits++;
    if (rate.stoppedAt !== undefined) return false;
    if (rate.hits <= this.limits.minHits || rate.hits <= this.limits.maxHitsPerMiB * Math.max(1, position / mebibyte)) return true;
    rate.stoppedAt = { offset, verified: rate.hits - 1 };
    return false;
  }

  /** One `limit` message per needle that was stopped, in needle order, with its offset. */
  problems(needles: readonly Needle[]): { readonly message: string; readonly offset: number }[] {
    return [...this.#rates.entries()]
      .filter((entry): entry is [number, NeedleRate & { stoppedAt: NonNullable<NeedleRate['stoppedAt']> }] => entry[1].stoppedAt !== undefined)
      .sort(([a], [b]) => a - b)
      .map(([id, rate]) => {
        const needle = needles[id]!;
        const { offset, verified } = rate.stoppedAt;
        return {
          offset,
          message: `hit rate limit reached: term ${needle.term.id} (${needle.encoding} ${needle.form}) matched more than ${this.limits.maxHitsPerMiB} times per MiB from offset ${offset} on; its first ${verified} hits were verified, the other ${rate.hits - verified} were counted, not verified or reported`,
        };
      });
  }
}
