/**
 * What happens to a scan's report before it is written: `--redact`, `--baseline` and
 * `--ignore`, in that order. The same steps run per finding while a scan streams (NDJSON) and
 * over the finished report, and give the same result either way: `finding()` is a pure
 * function of its argument plus bookkeeping of which ids and ignore entries were seen, and
 * `finish()` re-applies it to every finding, so calling it twice on a finding changes nothing.
 */
import { baselineState, baselineSummary, loadBaseline, type Baseline } from './baseline.js';
import { IgnoreMatcher, ignoreSummary, suppress, type IgnoreEntry } from './ignore.js';
import { redactFinding } from './redact.js';
import type { FindingJson, Report } from './types.js';

export interface PostProcessOptions {
  /** Drop each finding's context (src/report/redact.ts). Default false. */
  readonly redact?: boolean;
  /** A validated earlier report: mark findings `new`/`unchanged`, list absent ones. Default none. */
  readonly baseline?: Pick<Report, 'findings'>;
  /** Parsed ignore-file entries (src/report/ignore.ts). Default none. */
  readonly ignore?: readonly IgnoreEntry[];
  /** The date that decides which ignore entries have expired. Default: now. */
  readonly now?: Date;
  /** `--title` and `--subject`: recorded as `run.options.title`/`subject` so a later `render` shows them. Default none. */
  readonly title?: string;
  readonly subject?: string;
}

export interface PostProcessor {
  /** One finding, processed (for streaming writers). */
  finding(finding: FindingJson): FindingJson;
  /** The whole report, processed: every finding, `run.options.redact`/`title`/`subject`, `summary.baseline`, `summary.ignore`. */
  finish(report: Report): Report;
}

export function createPostProcessor(options: PostProcessOptions): PostProcessor {
  const baseline: Baseline | undefined = options.baseline === undefined ? undefined : loadBaseline(options.baseline);
  const matcher = options.ignore === undefined ? undefined : new IgnoreMatcher(options.ignore, options.now);
  const finding = (input: FindingJson): FindingJson => {
    let output = options.redact === true ? redactFinding(input) : input;
    if (baseline !== undefined) output = { ...output, baselineState: baselineState(output, baseline) };
    if (matcher !== undefined) output = suppress(output, matcher);
    return output;
  };
  const recorded = {
    ...(options.redact === true ? { redact: true } : {}),
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.subject === undefined ? {} : { subject: options.subject }),
  };
  return {
    finding,
    finish(report) {
      const findings = report.findings.map(finding);
      return {
        ...report,
        run: { ...report.run, options: { ...report.run.options, ...recorded } },
        findings,
        summary: {
          ...report.summary,
          ...(baseline === undefined ? {} : { baseline: baselineSummary(findings, baseline) }),
          ...(matcher === undefined ? {} : { ignore: ignoreSummary(findings, matcher) }),
        },
      };
    },
  };
}

/** Whether a finding counts for `--fail-on`: not suppressed, and not already in the baseline. */
export function countsForExit(finding: Pick<FindingJson, 'baselineState' | 'suppression'>): boolean {
  return finding.suppression === undefined && finding.baselineState !== 'unchanged';
}
