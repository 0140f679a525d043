/**
 * The process exit status, computed once from the finished report (DESIGN "Exit codes"):
 * 2 when any input is partial or failed (unless partial scans are allowed), else 1 when a
 * finding is at or above the `--fail-on` threshold, else 0. Findings suppressed by `--ignore` or
 * already in the `--baseline` do not count.
 */
import { countsForExit, type Confidence, type Report } from '../index.js';

export type FailOn = Confidence | 'none';

export const exitCodes = { clean: 0, findings: 1, error: 2 } as const;

const rank: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export function exitCode(report: Pick<Report, 'inputs' | 'findings'>, options: { readonly failOn: FailOn; readonly allowPartial: boolean }): number {
  const incomplete = report.inputs.some((input) => input.status === 'partial' || input.status === 'failed');
  if (incomplete && !options.allowPartial) return exitCodes.error;
  const threshold = options.failOn;
  if (threshold !== 'none' && report.findings.some((finding) => countsForExit(finding) && rank[finding.confidence] >= rank[threshold])) return exitCodes.findings;
  return exitCodes.clean;
}

let decided: number | undefined;

/**
 * Records the status a command has settled on before it writes its report, so a reader that
 * closes the pipe early (`| head`) still gets it (src/cli/main.ts ends the process on EPIPE).
 * Kept here rather than in `process.exitCode`, which commander reads for `help` and which
 * would leak between in-process runs.
 */
export function decideExitCode(code: number): void {
  decided = code;
}

export function decidedExitCode(): number | undefined {
  return decided;
}
