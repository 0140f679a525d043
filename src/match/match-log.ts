/**
 * The automaton's matches in an object's bytes, kept so that a child that is a verbatim slice of
 * the object takes them instead of running the automaton over the same bytes again: a tar, cpio
 * or ar member read from the same stream (a parent read as a stream searches each chunk before
 * its handler hands the chunk on), and a chunk carved from the object (walked once the object's
 * own pass is over: the squashfs carved from a flash dump). A child whose bytes are not covered
 * (a parent read in place, matches dropped past the cap, bytes the parent skipped) runs the
 * automaton itself (searcher.ts), so nothing depends on the log.
 *
 * A match is its end offset and the automaton's state there; the state names every needle that
 * ends there, and the child keeps those that start inside it. They are the needles its own
 * automaton would report at that end, in the same (ascending id) order: its state is the longest
 * suffix of its bytes that is a trie node, which lies on the parent state's suffix chain, and
 * every needle of the parent's state longer than that starts before the child.
 *
 * Memory: 12 bytes per match, at most `maxMatches` (3 MiB), in a ring that starts empty. Most
 * objects have few matches (compressed and binary data have almost none), so the log usually
 * covers the whole object; a flood of hits keeps only its most recent ones.
 */
export interface FoundMatches {
  /** True when every match ending in `(from, to]` (the child's offsets) is known. */
  covers(from: number, to: number): boolean;
  /** Calls `each` with the end (the child's offset) and state of every match ending in `(from, to]`, in end order. */
  forEach(from: number, to: number, each: (end: number, state: number) => void): void;
}

/** Matches kept at most (a flood of short needles): older ones are dropped first. */
const maxMatches = 1 << 18;

export class MatchLog {
  /** A ring of matches, oldest first from `#head`: end offsets and states. Grows by doubling up to `maxMatches` (most objects have no match: it starts empty). */
  #ends = new Float64Array(0);
  #states = new Uint32Array(0);
  #head = 0;
  #count = 0;
  /** Bytes of the object searched so far. */
  #searched = 0;
  /** Every match ending after this offset is kept. */
  #keptFrom = 0;

  /** The matches of the chunk `[chunkStart, chunkStart + length)`: ends relative to it, in order. */
  add(chunkStart: number, length: number, ends: readonly number[], states: readonly number[]): void {
    for (let k = 0; k < ends.length; k++) {
      if (this.#count === this.#ends.length) {
        if (this.#count < maxMatches) this.#grow();
        else this.#dropOldest();
      }
      const at = (this.#head + this.#count++) & (this.#ends.length - 1);
      this.#ends[at] = chunkStart + ends[k]!;
      this.#states[at] = states[k]!;
    }
    this.#searched = chunkStart + length;
  }

  /** The object's bytes up to `until` were not searched (`Searcher.skip`): nothing before it is covered any more. */
  skip(until: number): void {
    this.#head = 0;
    this.#count = 0;
    this.#searched = until;
    this.#keptFrom = until;
  }

  /** The log as a child at `offset` in this object sees it. */
  at(offset: number): FoundMatches {
    return {
      covers: (from, to) => offset + from >= this.#keptFrom && offset + to <= this.#searched,
      forEach: (from, to, each) => {
        const mask = this.#ends.length - 1;
        for (let i = this.#firstAfter(offset + from); i < this.#count; i++) {
          const at = (this.#head + i) & mask;
          if (this.#ends[at]! > offset + to) break;
          each(this.#ends[at]! - offset, this.#states[at]!);
        }
      },
    };
  }

  #endAt(i: number): number {
    return this.#ends[(this.#head + i) & (this.#ends.length - 1)]!;
  }

  #dropOldest(): void {
    this.#keptFrom = Math.max(this.#keptFrom, this.#endAt(0));
    this.#head = (this.#head + 1) & (this.#ends.length - 1);
    this.#count--;
  }

  #grow(): void {
    const capacity = Math.max(256, this.#ends.length * 2);
    const ends = new Float64Array(capacity);
    const states = new Uint32Array(capacity);
    for (let i = 0; i < this.#count; i++) {
      const at = (this.#head + i) & (this.#ends.length - 1);
      ends[i] = this.#ends[at]!;
      states[i] = this.#states[at]!;
    }
    this.#ends = ends;
    this.#states = states;
    this.#head = 0;
  }

  /** Index (from the oldest) of the first kept match ending after `offset`. */
  #firstAfter(offset: number): number {
    let low = 0;
    let high = this.#count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#endAt(middle) <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
