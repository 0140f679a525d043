/**
 * One Aho-Corasick DFA over bytes for every needle of a scan (STYLE.md §2; measurements in
 * research/search-and-reports.md §1.10). One automaton kind, one semantics: standard and
 * overlapping. Every occurrence of every needle is reported, including needles inside other
 * needles (维族 inside 维族人员实时预警 gives two candidates); verification decides later.
 *
 * ASCII case is always folded here: A–Z share the byte class of a–z and needles are folded when
 * inserted, so a case-insensitive term needs no extra needles. `verifyCandidate` restores exact
 * bytes for case-sensitive needles.
 */

/**
 * A compiled automaton. Immutable by contract: the typed arrays are exposed for the searcher's
 * hot loop and must not be written to.
 *
 * Search: `s = transitions[s + byteClasses[byte]]`, starting at `startState`; `s` is
 * premultiplied (a multiple of `classCount`). When `s >= firstMatchState`, the needles ending at
 * this byte are `matchIds[matchOffsets[k] .. matchOffsets[k + 1]]` with
 * `k = (s - firstMatchState) / classCount`, in ascending needle id.
 */
export interface Automaton {
  readonly needleCount: number;
  readonly stateCount: number;
  /** Byte equivalence classes: every byte that appears in no needle shares class 0. */
  readonly classCount: number;
  /** Bytes held by the tables below. */
  readonly memoryUsage: number;
  /** Longest needle in bytes (0 without needles); a stream must keep `maxNeedleLength - 1` bytes. */
  readonly maxNeedleLength: number;
  readonly byteClasses: Uint8Array;
  readonly transitions: Int32Array;
  readonly startState: number;
  readonly firstMatchState: number;
  readonly matchOffsets: Uint32Array;
  readonly matchIds: Uint32Array;
  /** Length in bytes of each needle, by id. */
  readonly needleLengths: Uint32Array;
}

/** Largest transition table built, in entries (4 bytes each): 1 GiB. */
export const maxTransitionEntries = 2 ** 28;

/**
 * Compiles `needles` (ids are their indices) into one DFA. Failure links are folded into the
 * dense table, so the search does exactly one table load per byte.
 *
 * Memory: `stateCount × classCount × 4` bytes for the table, with `stateCount` at most the total
 * needle length + 1 and `classCount` at most 1 + the number of distinct (case-folded) needle
 * bytes; about 0.5 MiB for 150 CJK needles. Building temporarily needs about twice that.
 * Errors: throws `RangeError` for an empty needle, or when the table would exceed
 * `maxTransitionEntries` (the message names the needle that crossed the limit). Both are misuse:
 * pack loading rejects empty spellings and bounds pack sizes.
 */
export function compileAutomaton(needles: readonly { readonly bytes: Uint8Array }[]): Automaton {
  needles.forEach((n, id) => {
    if (n.bytes.length === 0) throw new RangeError(`needle ${id} is empty`);
  });
  const byteClasses = buildByteClasses(needles);
  const classCount = Math.max(...byteClasses) + 1;

  // Trie over byte classes; state 0 is the root.
  const children: Map<number, number>[] = [new Map()];
  const own: number[][] = [[]];
  needles.forEach((n, id) => {
    let s = 0;
    for (const b of n.bytes) {
      const c = byteClasses[b]!;
      let next = children[s]!.get(c);
      if (next === undefined) {
        next = children.length;
        if ((next + 1) * classCount > maxTransitionEntries) {
          throw new RangeError(`needle ${id}: automaton exceeds ${maxTransitionEntries} transitions`);
        }
        children.push(new Map());
        own.push([]);
        children[s]!.set(c, next);
      }
      s = next;
    }
    own[s]!.push(id);
  });
  const stateCount = children.length;

  // Breadth-first: a state's failure target is shallower, so its row and outputs are complete.
  const table = new Int32Array(stateCount * classCount);
  const fail = new Int32Array(stateCount);
  const outputs: number[][] = new Array<number[]>(stateCount);
  outputs[0] = [];
  const queue: number[] = [];
  for (let c = 0; c < classCount; c++) {
    const child = children[0]!.get(c);
    if (child !== undefined) {
      table[c] = child;
      queue.push(child);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    const f = fail[s]!;
    outputs[s] = [...own[s]!, ...outputs[f]!].sort((a, b) => a - b);
    for (let c = 0; c < classCount; c++) {
      const child = children[s]!.get(c);
      if (child === undefined) {
        table[s * classCount + c] = table[f * classCount + c]!;
      } else {
        table[s * classCount + c] = child;
        fail[child] = table[f * classCount + c]!;
        queue.push(child);
      }
    }
  }

  // Renumber so that matching states come last: the hot loop tests `s >= firstMatchState`.
  const order: number[] = [];
  for (let s = 0; s < stateCount; s++) if (outputs[s]!.length === 0) order.push(s);
  const firstMatchIndex = order.length;
  for (let s = 0; s < stateCount; s++) if (outputs[s]!.length > 0) order.push(s);
  const newIndex = new Int32Array(stateCount);
  order.forEach((s, i) => (newIndex[s] = i));

  const transitions = new Int32Array(stateCount * classCount);
  order.forEach((s, i) => {
    for (let c = 0; c < classCount; c++) {
      transitions[i * classCount + c] = newIndex[table[s * classCount + c]!]! * classCount;
    }
  });
  const matchOffsets = new Uint32Array(stateCount - firstMatchIndex + 1);
  const ids: number[] = [];
  for (let i = firstMatchIndex; i < stateCount; i++) {
    ids.push(...outputs[order[i]!]!);
    matchOffsets[i - firstMatchIndex + 1] = ids.length;
  }
  const matchIds = Uint32Array.from(ids);
  const needleLengths = Uint32Array.from(needles, (n) => n.bytes.length);

  return {
    needleCount: needles.length,
    stateCount,
    classCount,
    memoryUsage:
      byteClasses.byteLength + transitions.byteLength + matchOffsets.byteLength + matchIds.byteLength + needleLengths.byteLength,
    maxNeedleLength: needles.reduce((m, n) => Math.max(m, n.bytes.length), 0),
    byteClasses,
    transitions,
    startState: 0,
    firstMatchState: firstMatchIndex * classCount,
    matchOffsets,
    matchIds,
    needleLengths,
  };
}

/** ASCII `A`–`Z` folded to `a`–`z`; every other byte unchanged. */
export function foldByte(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}

/** Class 0 for bytes no needle uses; one class per distinct folded needle byte, in byte order. */
function buildByteClasses(needles: readonly { readonly bytes: Uint8Array }[]): Uint8Array {
  const used = new Uint8Array(256);
  for (const n of needles) for (const b of n.bytes) used[foldByte(b)] = 1;
  const classes = new Uint8Array(256);
  let next = 1;
  for (let b = 0; b < 256; b++) if (used[b] === 1) classes[b] = next++;
  for (let b = 0x41; b <= 0x5a; b++) classes[b] = classes[b | 0x20]!;
  return classes;
}
