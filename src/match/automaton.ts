/**
 * One Aho-Corasick automaton over bytes for every needle of a scan (STYLE.md §2; measurements in
 * research/search-and-reports.md §1.10). One semantics: standard and overlapping. Every
 * occurrence of every needle is reported, including needles inside other needles (维族 inside
 * 维族人员实时预警 gives two candidates); verification decides later.
 *
 * ASCII case is always folded here: A–Z share the byte class of a–z and needles are folded when
 * inserted, so a case-insensitive term, or the hex digits of an escape, need no extra needles.
 * `verifyCandidate` restores exact bytes where a needle's fold mask says so.
 *
 * Layout, and the trade-off it makes (aho-corasick's `dense_depth`): states up to `denseDepth`
 * bytes deep get a full row of the transition table (failure links folded in, one load per
 * byte); deeper states keep only their few trie edges plus a failure link. Searching random or
 * binary data almost never leaves the shallow states, so the hot loop is a pure table walk,
 * while the table stays small: the shipped packs (3,167 needles in every encoding and form,
 * 57,500 states) need about 2.7 MiB instead of 42 MiB for a full DFA, and build in a fraction
 * of the time. The walk itself is `scanChunk` (`scan-chunk.ts`), which also records how the
 * layout was chosen. Small needle sets (tests, the carver's signatures) still get a full DFA.
 */

/**
 * A compiled automaton. Immutable by contract: the typed arrays are exposed for tests and tools
 * and must not be written to. Search with `scanChunk` (or a `Searcher`); read the needles of a
 * match state with `matchIndex` and `matchOffsets`/`matchIds`.
 *
 * State ids: dense states are premultiplied row offsets into `transitions` (a multiple of
 * `classCount`), non-matching ones first, so the hot loop only tests `s >= firstSpecialState`;
 * sparse states are `sparseBase + k`, non-matching ones first (matching from `firstSparseMatch`).
 */
export interface Automaton {
  /** Output ids below this are needles; ids from it on are `extraPatterns` (see the option). */
  readonly needleCount: number;
  readonly extraPatternCount: number;
  /** All states: dense rows plus sparse states. */
  readonly stateCount: number;
  /** States with a full row in `transitions`. */
  readonly denseStateCount: number;
  /** Byte equivalence classes: every byte that appears in no needle shares class 0. */
  readonly classCount: number;
  /** Bytes held by the tables below. */
  readonly memoryUsage: number;
  /** Longest needle or extra pattern in bytes (0 without any); a stream must keep `maxNeedleLength - 1` bytes. */
  readonly maxNeedleLength: number;
  /** Length in bytes of each needle, then of each extra pattern, by output id. */
  readonly needleLengths: Uint32Array;
  readonly startState: number;
  readonly byteClasses: Uint8Array;
  /** Dense rows, premultiplied: `transitions[s + byteClasses[b]]`. */
  readonly transitions: Int32Array;
  /** First dense matching state; every id at or above it is a matching or a sparse state. */
  readonly firstSpecialState: number;
  /**
   * Same as `firstSpecialState`, for code that walks `transitions` itself (`s >= firstMatchState`
   * → needles `matchIds[matchOffsets[k]..matchOffsets[k + 1]]`, `k = (s - firstMatchState) / classCount`).
   * That walk is only correct for a full DFA (`denseStateCount === stateCount`, which `denseDepth:
   * 'auto'` gives small needle sets); prefer `scanChunk` and `matchIndex`.
   */
  readonly firstMatchState: number;
  /** First sparse state id (one past the dense rows). */
  readonly sparseBase: number;
  /** First matching sparse state id. */
  readonly firstSparseMatch: number;
  /** Sparse state `k`'s edges are `[sparseEdgeStart[k], sparseEdgeStart[k + 1])`. */
  readonly sparseEdgeStart: Uint32Array;
  readonly sparseEdgeClass: Uint8Array;
  readonly sparseEdgeTarget: Int32Array;
  /** Failure link of sparse state `k` (any state id, always shallower). */
  readonly sparseFail: Int32Array;
  /** Needles ending in match state with index `m` are `matchIds[matchOffsets[m] .. matchOffsets[m + 1]]`, ascending. */
  readonly matchOffsets: Uint32Array;
  readonly matchIds: Uint32Array;
}

export interface AutomatonOptions {
  /**
   * States at most this many bytes deep get a full transition row. Default `'auto'`: a full DFA
   * (every state dense) when its table would hold at most `fullDfaMaxEntries` entries (4 MiB),
   * else depth 5 (2,796 of the shipped packs' 57,500 states; depth 4 leaves the dense rows
   * 2.4 times as often on the bench corpus, depth 6 and 7 gain nothing measurable). Higher: more memory (a row is
   * `classCount × 4` bytes) and build time, fewer slow steps on text that shares long prefixes
   * with needles; `Infinity` gives a full DFA. Lower: smaller, slower on such text. 0 keeps only
   * the start state dense.
   */
  readonly denseDepth: number | 'auto';
  /**
   * More byte patterns searched in the same pass, such as a carver's magic bytes (DESIGN: "one
   * pass per byte"). Extra pattern `k` has output id `needles.length + k` in `matchIds`; the
   * searcher hands its hits to a separate callback (`Searcher.push`'s `onExtraMatch`) and never
   * to candidate verification. Folded for ASCII case like needles: the caller checks the header
   * bytes it needs exactly. Default none. Cost: their states and byte classes, like needles.
   */
  readonly extraPatterns: readonly { readonly bytes: Uint8Array }[];
}

export const defaultAutomatonOptions: AutomatonOptions = { denseDepth: 'auto', extraPatterns: [] };

/** `denseDepth: 'auto'` builds a full DFA up to this many table entries (4 bytes each). */
export const fullDfaMaxEntries = 2 ** 20;
/** `denseDepth: 'auto'` for larger needle sets. */
const autoDenseDepth = 5;

/** Largest dense table built, in entries (4 bytes each): 1 GiB. */
export const maxTransitionEntries = 2 ** 28;

/**
 * Compiles `needles` (ids are their indices) into one automaton.
 *
 * Memory: `denseStateCount × classCount × 4` bytes of rows, plus about 13 bytes per sparse state
 * and 4 per needle id in an output list. Building temporarily needs a few arrays of
 * `stateCount` entries. About 2.7 MiB for the shipped packs (see the module comment).
 * Errors: throws `RangeError` for an empty needle, a negative or fractional `denseDepth`, or when
 * the dense table would exceed `maxTransitionEntries` (all misuse: pack loading rejects empty
 * spellings and bounds pack sizes).
 */
export function compileAutomaton(needles: readonly { readonly bytes: Uint8Array }[], options: Partial<AutomatonOptions> = {}): Automaton {
  const { denseDepth: requested, extraPatterns } = { ...defaultAutomatonOptions, ...options };
  const needleCount = needles.length;
  needles = extraPatterns.length === 0 ? needles : [...needles, ...extraPatterns];
  if (requested !== 'auto' && (!(requested >= 0) || (Number.isFinite(requested) && !Number.isInteger(requested)))) {
    throw new RangeError(`denseDepth must be 'auto', a non-negative integer or Infinity, got ${requested}`);
  }
  needles.forEach((n, id) => {
    if (n.bytes.length === 0) throw new RangeError(id < needleCount ? `needle ${id} is empty` : `extra pattern ${id - needleCount} is empty`);
  });
  const byteClasses = buildByteClasses(needles);
  const classCount = Math.max(...byteClasses) + 1;
  const trie = buildTrie(needles, byteClasses);
  const { stateCount } = trie;
  const denseDepth = requested !== 'auto' ? requested : stateCount * classCount <= fullDfaMaxEntries ? Infinity : autoDenseDepth;

  // Breadth-first, so a state's failure target (always shallower) is complete before it is used.
  // Dense rows hold old state ids until the renumbering below.
  const order = new Int32Array(stateCount);
  const fail = new Int32Array(stateCount);
  const denseIndex = new Int32Array(stateCount).fill(-1);
  let denseCount = 0;
  for (let s = 0; s < stateCount; s++) if (trie.depth[s]! <= denseDepth) denseCount++;
  if (denseCount * classCount > maxTransitionEntries) {
    throw new RangeError(`${denseCount} dense states × ${classCount} classes exceed ${maxTransitionEntries} transitions (lower denseDepth)`);
  }
  const rows = new Int32Array(denseCount * classCount);
  const none: readonly number[] = [];
  const outputs = new Array<readonly number[]>(stateCount).fill(none);
  const { edgeStart, edgeClass, edgeTarget } = trie;
  const go = (s: number, c: number): number => {
    for (;;) {
      const d = denseIndex[s]!;
      if (d !== -1) return rows[d * classCount + c]!;
      let j = edgeStart[s]!;
      const end = edgeStart[s + 1]!;
      while (j < end && edgeClass[j] !== c) j++;
      if (j < end) return edgeTarget[j]!;
      s = fail[s]!;
    }
  };
  let nextDense = 0;
  for (let head = 0, tail = 1; head < tail; head++) {
    const s = order[head]!;
    if (trie.depth[s]! <= denseDepth) {
      const d = nextDense++;
      denseIndex[s] = d;
      if (s !== 0) rows.copyWithin(d * classCount, denseIndex[fail[s]!]! * classCount, (denseIndex[fail[s]!]! + 1) * classCount);
      for (let j = edgeStart[s]!; j < edgeStart[s + 1]!; j++) rows[d * classCount + edgeClass[j]!] = edgeTarget[j]!;
    }
    for (let j = edgeStart[s]!; j < edgeStart[s + 1]!; j++) {
      const t = edgeTarget[j]!;
      const f = s === 0 ? 0 : go(fail[s]!, edgeClass[j]!);
      fail[t] = f;
      const own = trie.own[t];
      const inherited = outputs[f]!;
      if (own !== undefined) outputs[t] = inherited.length === 0 ? own : [...own, ...inherited].sort((a, b) => a - b);
      else if (inherited.length > 0) outputs[t] = inherited;
      order[tail++] = t;
    }
  }

  // Renumber: dense non-matching (breadth-first, so the hot rows sit together), dense matching,
  // sparse non-matching, sparse matching.
  const groups: number[][] = [[], [], [], []];
  for (const s of order) groups[(denseIndex[s] !== -1 ? 0 : 2) + (outputs[s]!.length > 0 ? 1 : 0)]!.push(s);
  const [denseQuiet, denseMatch, sparseQuiet, sparseMatch] = groups as [number[], number[], number[], number[]];
  const newId = new Int32Array(stateCount);
  denseQuiet.forEach((s, i) => (newId[s] = i * classCount));
  denseMatch.forEach((s, i) => (newId[s] = (denseQuiet.length + i) * classCount));
  const sparseBase = denseCount * classCount;
  const sparseOrder = [...sparseQuiet, ...sparseMatch];
  sparseOrder.forEach((s, k) => (newId[s] = sparseBase + k));

  const transitions = new Int32Array(denseCount * classCount);
  [...denseQuiet, ...denseMatch].forEach((s, i) => {
    const from = denseIndex[s]! * classCount;
    for (let c = 0; c < classCount; c++) transitions[i * classCount + c] = newId[rows[from + c]!]!;
  });

  const sparseEdgeStart = new Uint32Array(sparseOrder.length + 1);
  const edgeClasses: number[] = [];
  const edgeTargets: number[] = [];
  const sparseFail = new Int32Array(sparseOrder.length);
  sparseOrder.forEach((s, k) => {
    for (let j = trie.edgeStart[s]!; j < trie.edgeStart[s + 1]!; j++) {
      edgeClasses.push(trie.edgeClass[j]!);
      edgeTargets.push(newId[trie.edgeTarget[j]!]!);
    }
    sparseEdgeStart[k + 1] = edgeClasses.length;
    sparseFail[k] = newId[fail[s]!]!;
  });

  const matchStates = [...denseMatch, ...sparseMatch];
  const matchOffsets = new Uint32Array(matchStates.length + 1);
  const ids: number[] = [];
  matchStates.forEach((s, m) => {
    for (const id of outputs[s]!) ids.push(id);
    matchOffsets[m + 1] = ids.length;
  });
  const matchIds = Uint32Array.from(ids);
  const needleLengths = Uint32Array.from(needles, (n) => n.bytes.length);
  const sparseEdgeClass = Uint8Array.from(edgeClasses);
  const sparseEdgeTarget = Int32Array.from(edgeTargets);

  return automatonOf({
    needleCount,
    extraPatternCount: needles.length - needleCount,
    stateCount,
    denseStateCount: denseCount,
    classCount,
    memoryUsage: [byteClasses, transitions, sparseEdgeStart, sparseEdgeClass, sparseEdgeTarget, sparseFail, matchOffsets, matchIds, needleLengths].reduce(
      (sum, array) => sum + array.byteLength,
      0,
    ),
    maxNeedleLength: needles.reduce((m, n) => Math.max(m, n.bytes.length), 0),
    needleLengths,
    startState: 0,
    byteClasses,
    transitions,
    firstSpecialState: denseQuiet.length * classCount,
    firstMatchState: denseQuiet.length * classCount,
    sparseBase,
    firstSparseMatch: sparseBase + sparseQuiet.length,
    sparseEdgeStart,
    sparseEdgeClass,
    sparseEdgeTarget,
    sparseFail,
    matchOffsets,
    matchIds,
   });
}

/**
 * The automaton object with its fields in one fixed order, whoever built the tables (the
 * compiler or the disk cache): one object shape keeps the hot loop's property loads monomorphic.
 */
export function automatonOf(f: Automaton): Automaton {
  return {
    needleCount: f.needleCount,
    extraPatternCount: f.extraPatternCount,
    stateCount: f.stateCount,
    denseStateCount: f.denseStateCount,
    classCount: f.classCount,
    memoryUsage: f.memoryUsage,
    maxNeedleLength: f.maxNeedleLength,
    needleLengths: f.needleLengths,
    startState: f.startState,
    byteClasses: f.byteClasses,
    transitions: f.transitions,
    firstSpecialState: f.firstSpecialState,
    firstMatchState: f.firstMatchState,
    sparseBase: f.sparseBase,
    firstSparseMatch: f.firstSparseMatch,
    sparseEdgeStart: f.sparseEdgeStart,
    sparseEdgeClass: f.sparseEdgeClass,
    sparseEdgeTarget: f.sparseEdgeTarget,
    sparseFail: f.sparseFail,
    matchOffsets: f.matchOffsets,
    matchIds: f.matchIds,
  };
}

/** The next state from any state on byte class `c`: a dense row, or a sparse state's edges and failure links. */
export function step(a: Automaton, s: number, c: number): number {
  for (;;) {
    if (s < a.sparseBase) return a.transitions[s + c]!;
    const k = s - a.sparseBase;
    for (let j = a.sparseEdgeStart[k]!, end = a.sparseEdgeStart[k + 1]!; j < end; j++) {
      if (a.sparseEdgeClass[j] === c) return a.sparseEdgeTarget[j]!;
    }
    s = a.sparseFail[k]!;
  }
}

/** True when needles end in state `s`. */
export function isMatchState(a: Automaton, s: number): boolean {
  return s >= a.firstSparseMatch || (s >= a.firstSpecialState && s < a.sparseBase);
}

/** Index into `matchOffsets` of a matching state. Throws `RangeError` for a non-matching state (misuse). */
export function matchIndex(a: Automaton, s: number): number {
  if (s >= a.firstSpecialState && s < a.sparseBase) return (s - a.firstSpecialState) / a.classCount;
  if (s >= a.firstSparseMatch) return (a.sparseBase - a.firstSpecialState) / a.classCount + (s - a.firstSparseMatch);
  throw new RangeError(`state ${s} is not a matching state`);
}

/** ASCII `A`–`Z` folded to `a`–`z`; every other byte unchanged. */
export function foldByte(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}

/** Class 0 for bytes no needle uses; one class per distinct folded needle byte, in byte order (at most 231 classes). */
function buildByteClasses(needles: readonly { readonly bytes: Uint8Array }[]): Uint8Array {
  const used = new Uint8Array(256);
  for (const n of needles) for (const b of n.bytes) used[foldByte(b)] = 1;
  const classes = new Uint8Array(256);
  let next = 1;
  for (let b = 0; b < 256; b++) if (used[b] === 1) classes[b] = next++;
  for (let b = 0x41; b <= 0x5a; b++) classes[b] = classes[b | 0x20]!;
  return classes;
}

interface Trie {
  readonly stateCount: number;
  readonly depth: Uint32Array;
  /** Edges of state s: `[edgeStart[s], edgeStart[s + 1])`. */
  readonly edgeStart: Uint32Array;
  readonly edgeClass: Uint8Array;
  readonly edgeTarget: Int32Array;
  /** Needle ids ending exactly at each state (undefined: none), ascending. */
  readonly own: readonly (number[] | undefined)[];
}

/**
 * The trie over byte classes (state 0 is the root), with edges in compressed rows. Needles are
 * inserted in sorted order, so each one shares its path with the previous one up to their
 * common prefix: no hashing, one pass over the needle bytes.
 */
function buildTrie(needles: readonly { readonly bytes: Uint8Array }[], byteClasses: Uint8Array): Trie {
  const sequences = needles.map((n) => n.bytes.map((b) => byteClasses[b]!));
  const sorted = sequences.map((_, id) => id).sort((x, y) => compareBytes(sequences[x]!, sequences[y]!) || x - y);
  const parents: number[] = [-1];
  const classes: number[] = [0];
  const depths: number[] = [0];
  const ownAt = new Map<number, number[]>();
  const path: number[] = [0];
  let previous = new Uint8Array(0);
  for (const id of sorted) {
    const sequence = sequences[id]!;
    let common = 0;
    while (common < previous.length && common < sequence.length && previous[common] === sequence[common]) common++;
    for (let k = common; k < sequence.length; k++) {
      const state = parents.length;
      parents.push(path[k]!);
      classes.push(sequence[k]!);
      depths.push(k + 1);
      path[k + 1] = state;
    }
    const end = path[sequence.length]!;
    const list = ownAt.get(end);
    if (list === undefined) ownAt.set(end, [id]);
    else list.push(id);
    previous = sequence;
  }
  const stateCount = parents.length;
  const edgeStart = new Uint32Array(stateCount + 1);
  for (let t = 1; t < stateCount; t++) edgeStart[parents[t]! + 1]!++;
  for (let s = 0; s < stateCount; s++) edgeStart[s + 1]! += edgeStart[s]!;
  const fill = edgeStart.slice(0, stateCount);
  const edgeClass = new Uint8Array(stateCount - 1);
  const edgeTarget = new Int32Array(stateCount - 1);
  for (let t = 1; t < stateCount; t++) {
    const j = fill[parents[t]!]!++;
    edgeClass[j] = classes[t]!;
    edgeTarget[j] = t;
  }
  const own = new Array<number[] | undefined>(stateCount).fill(undefined);
  for (const [state, ids] of ownAt) own[state] = ids;
  return { stateCount, depth: Uint32Array.from(depths), edgeStart, edgeClass, edgeTarget, own };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
