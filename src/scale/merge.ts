/**
 * Puts per-input parts back into one report. The run block comes from a template report (a
 * `scan()` of no paths with the same options, so options, packs and needles are recorded exactly
 * as a single-process scan records them); coverage, summary and times are recomputed for the
 * whole. Parts arrive in walk order, so the result equals `scan(paths)` apart from timings.
 */
import { summariseCoverage } from '../patterns/coverage.js';
import type { NeedleSet } from '../patterns/needles.js';
import { categories, type Category } from '../patterns/types.js';
import type { Confidence, Report } from '../report/types.js';
import type { InputPart } from './part.js';

export interface MergeTiming {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** The run was stopped by a signal (recorded as `run.interrupted`, as `scan()` records it). */
  readonly interrupted?: boolean;
}

export function mergeReport(template: Report, needleSet: NeedleSet, parts: readonly InputPart[], timing: MergeTiming): Report {
  const inputs = parts.map((part) => part.input);
  const findings = parts.flatMap((part) => part.findings);
  const bytesScanned = inputs.reduce((sum, input) => sum + input.coverage.bytesScanned, 0);
  const byCategory = Object.fromEntries(categories.map((category) => [category, 0])) as Record<Category, number>;
  const byConfidence: Record<Confidence, number> = { high: 0, medium: 0, low: 0 };
  for (const finding of findings) {
    byCategory[finding.term.category]++;
    byConfidence[finding.confidence]++;
  }
  return {
    ...template,
    run: {
      ...template.run,
      startedAt: timing.startedAt.toISOString(),
      finishedAt: timing.finishedAt.toISOString(),
      coverage: summariseCoverage(needleSet, bytesScanned),
      ...(timing.interrupted === true ? { interrupted: true } : {}),
    },
    inputs,
    findings,
    summary: {
      findings: findings.length,
      byCategory,
      byConfidence,
      bytesScanned,
      objects: inputs.reduce((sum, input) => sum + input.coverage.objects, 0),
      durationMs: timing.finishedAt.getTime() - timing.startedAt.getTime(),
      partialInputs: inputs.filter((input) => input.status === 'partial' || input.status === 'failed').length,
    },
  };
}
