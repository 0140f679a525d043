/** Loading and compiling the pattern packs a scan uses, once per run. */
import { compileAutomaton } from '../match/automaton.js';
import { loadPacks, shippedPackPaths } from '../patterns/load.js';
import { expandTerms, type NeedleSet } from '../patterns/needles.js';
import type { Pack } from '../patterns/types.js';
import type { ScanOptions } from './options.js';
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

/** Loads and compiles the packs named by the options. Throws `PatternPackError` for a bad pack. */
export async function preparePatterns(options: Pick<ScanOptions, 'patterns' | 'patternsOnly'>): Promise<PreparedPatterns> {
  const paths = [...(options.patternsOnly ? [] : shippedPackPaths()), ...options.patterns];
  const { packs, problems } = await loadPacks(paths);
  if (problems.length > 0) throw new PatternPackError(problems);
  const needleSet = expandTerms(packs.flatMap((pack) => pack.terms));
  return { packs, matcher: { automaton: compileAutomaton(needleSet.needles), needles: needleSet.needles }, needleSet };
}

