/** Options of `scan()`: one plain object, defaults in one place. */

export interface ScanOptions {
  /** Extra pattern pack files, used with the shipped packs. Default none. */
  readonly patterns: readonly string[];
  /** Use only `patterns`, not the shipped packs. Default false. */
  readonly patternsOnly: boolean;
  /** Containers nested deeper than this are scanned raw but not opened (a `limit` problem). Default 16. Cost: one searcher tail (~1 KiB) per level. */
  readonly maxDepth: number;
  /** Bytes of all objects below an input (decompressed and extracted) before the input stops as `partial`. Default 16 GiB. Cost: scan time. */
  readonly maxExpandedBytes: number;
  /** Members opened per container before the rest are skipped (a `limit` problem). Default 100,000. */
  readonly maxEntriesPerContainer: number;
  /**
   * Largest ratio of an object's bytes to the compressed bytes it came from, checked once the
   * object passes 16 MiB (small bombs are harmless; zero-padded images legitimately reach a
   * few thousand). Past it the object stops as `partial` (a `limit` problem). Default 10,000.
   */
  readonly maxExpansionRatio: number;
  /** Seconds one input may take before it stops as `partial` (a `limit` problem); 0 = no limit. Default 0. */
  readonly maxSecondsPerInput: number;
  /**
   * Bytes produced below an input per byte of the input (floor 256 MiB) before it stops as
   * `partial`: bombs stop in seconds, real images (at most a few tens of times their size) pass.
   * Default 64. Cost: scan time up to the limit.
   */
  readonly maxExpandFactor: number;
  /** Seconds without progress before an input's walk is given up as stuck (an `internal` problem); 0 = never. Default 90. */
  readonly stallSeconds: number;
  /** Bytes spilled to temporary files per input; 0 = four times the input size plus 1 GiB. Default 0. Cost: disk. */
  readonly maxTempBytes: number;
  /** Bytes read from an input file at a time. Default 1 MiB. Memory: one chunk per open input. The report does not depend on it. */
  readonly readChunkBytes: number;
  /** Findings kept in full per object and term; further hits are listed by offset (`more`). Default 100. Cost: memory per finding. */
  readonly maxFindingsPerTerm: number;
  /** Characters of decoded context kept before and after each hit. Default 40. */
  readonly contextChars: number;
  /** Bytes of hex context kept before and after each hit. Default 32. */
  readonly contextHexBytes: number;
  /**
   * Worker threads that decode filesystem blocks (squashfs) while the scan searches the blocks
   * already decoded, the scanning thread decoding too whenever it would wait; 0 decodes them all
   * in the scanning thread. The report does not depend on it (it is not recorded). Default 0.
   * Memory: per worker, a V8 isolate and its allocator (25-35 MB) and a few blocks.
   */
  readonly decodeThreads: number;
  /** Stops the scan: the input being read ends `partial`, later inputs are `skipped`, and the report says `interrupted`. */
  readonly signal?: AbortSignal;
}

export const defaultScanOptions: ScanOptions = {
  patterns: [],
  patternsOnly: false,
  maxDepth: 16,
  maxExpandedBytes: 16 * 1024 ** 3,
  maxEntriesPerContainer: 100_000,
  maxSecondsPerInput: 0,
  maxExpansionRatio: 10_000,
  maxExpandFactor: 64,
  stallSeconds: 90,
  maxTempBytes: 0,
  maxFindingsPerTerm: 100,
  readChunkBytes: 1024 * 1024,
  contextChars: 40,
  contextHexBytes: 32,
  decodeThreads: 0,
};

export function resolveScanOptions(options: Partial<ScanOptions> = {}): ScanOptions {
  const resolved = { ...defaultScanOptions, ...options };
  for (const key of ['maxDepth', 'maxExpandedBytes', 'maxEntriesPerContainer', 'maxSecondsPerInput', 'maxExpansionRatio', 'maxExpandFactor', 'stallSeconds', 'maxTempBytes', 'maxFindingsPerTerm', 'readChunkBytes', 'contextChars', 'contextHexBytes', 'decodeThreads'] as const) {
    const value = resolved[key];
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`scan option ${key} must be a non-negative integer, got ${value}`);
  }
  return resolved;
}
