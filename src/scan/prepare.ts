/** Loading and compiling the pattern packs a scan uses, once per run. */
import { loadOrCompileAutomaton } from '../match/automaton-cache.js';
import { defaultCacheDir } from '../patterns/cache-file.js';
import { needleSetProblems } from '../patterns/limits.js';
import { loadPacks, shippedPackPaths } from '../patterns/load.js';
import { loadOrExpandTerms } from '../patterns/needle-cache.js';
import type { NeedleSet } from '../patterns/needles.js';
import { toolVersion } from '../version.js';
import type { Pack } from '../patterns/types.js';
import { signaturePatterns } from '../walk/carve.js';
import { registrySignatures } from '../walk/walker.js';
import type { ScanOptions } from './options.js';
import { repetitiveNeedleProblems } from './repetitive-needles.js';
import type { Matcher } from './search.js';

/** A pattern pack could not be loaded: a usage error, raised before anything is scanned. */
export class PatternPackError extends Error {
  override readonly name = 'PatternPackError';
  constructor(readonly problems: readonly { readonly file: string; readonly pointer: string; readonly message: string }[]) {
    super(`pattern pack problems:\n${problems.map((p) => `  ${p.file}${p.pointer === '' ? '' : ` ${p.pointer}`}: ${p.message}`).join('\n')}`);
  }
}

export interface PreparedPatterns {
  readonly packs: readonly Pack[];
  readonly matcher: Matcher;
  /** Every term × spelling × encoding × form cell, searched or not (the report's `run.coverage`). */
  readonly needleSet: NeedleSet;
}

/**
 * Loads and compiles the packs named by the options. The expanded needles and the compiled
 * automaton are cached on disk (keyed by content and fwsift version; see automaton-cache.ts),
 * so a second run starts without compiling. Throws `PatternPackError` for a bad pack.
 */
export async function preparePatterns(options: Pick<ScanOptions, 'patterns' | 'patternsOnly'>): Promise<PreparedPatterns> {
  const paths = [...(options.patternsOnly ? [] : shippedPackPaths()), ...options.patterns];
  const { packs, problems } = await loadPacks(paths);
  if (problems.length > 0) throw new PatternPackError(problems);
  const cache = { dir: defaultCacheDir(), salt: toolVersion };
  const needleSet = loadOrExpandTerms(packs, cache);
  // Needle count and bytes are known only after expansion (patterns/limits.ts).
  const limitProblems = [...needleSetProblems(needleSet).map((problem) => ({ file: '(all packs)', ...problem })), ...repetitiveNeedleProblems(needleSet.needles)];
  if (limitProblems.length > 0) throw new PatternPackError(limitProblems);
  // The carver's signatures ride in the same automaton: one pass over each byte finds terms and carve candidates.
  const automaton = loadOrCompileAutomaton(needleSet.needles, { extraPatterns: signaturePatterns(registrySignatures) }, cache);
  return { packs, matcher: { automaton, needles: needleSet.needles, signatures: registrySignatures }, needleSet };
}

