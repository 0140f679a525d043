/**
 * Puts per-input parts back into one report. The run block comes from a template report (a
 * `scan()` of no paths with the same options, so options, packs and needles are recorded exactly
 * as a single-process scan records them); coverage, summary and times are recomputed for the
 * whole. Parts arrive in walk order, so the result equals `scan(paths)` apart from timings.
 */
import { summariseCoverage } from '../patterns/coverage.js';
import type { NeedleSet } from '../patterns/needles.js';
import type { Report } from '../report/types.js';
import { summarise } from '../scan/report.js';
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
    summary: summarise(inputs, findings, timing.finishedAt.getTime() - timing.startedAt.getTime()),
  };
}
