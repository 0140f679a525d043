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
  /** Characters of decoded context kept before and after each hit. Default 40. */
  readonly contextChars: number;
  /** Bytes of hex context kept before and after each hit. Default 32. */
  readonly contextHexBytes: number;
}

export const defaultScanOptions: ScanOptions = {
  patterns: [],
  patternsOnly: false,
  maxDepth: 16,
  maxExpandedBytes: 16 * 1024 ** 3,
  maxEntriesPerContainer: 100_000,
  maxSecondsPerInput: 0,
  maxExpansionRatio: 10_000,
  contextChars: 40,
  contextHexBytes: 32,
};

export function resolveScanOptions(options: Partial<ScanOptions> = {}): ScanOptions {
  const resolved = { ...defaultScanOptions, ...options };
  for (const key of ['maxDepth', 'maxExpandedBytes', 'maxEntriesPerContainer', 'maxSecondsPerInput', 'maxExpansionRatio', 'contextChars', 'contextHexBytes'] as const) {
    const value = resolved[key];
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`scan option ${key} must be a non-negative integer, got ${value}`);
  }
  return resolved;
}
