/**
 * Baselines (`--baseline REPORT`, R36): compare a scan with an earlier report of the same
 * material and mark each finding `new` or `unchanged`; baseline findings that are gone are
 * listed in `summary.baseline.absent`. Only `new` findings count for `--fail-on`.
 *
 * Findings are matched by id. Ids are content fingerprints (input path, member paths, term,
 * encoding, form, variant, occurrence: src/evidence/fingerprint.ts), so they survive bytes
 * inserted before a hit, re-packed archives and `--redact`. gitleaks avoids its fingerprint
 * for baselines because its format changed once (research Part 2.2); fwsift's ids carry a
 * version tag, so a future format change makes every finding `new` (loud) rather than hiding
 * any (silent). The baseline must be a report that validates against the schema.
 */
import type { AbsentFindingJson, BaselineState, FindingJson, Report } from './types.js';

export interface Baseline {
  /** Baseline findings by id. */
  readonly byId: ReadonlyMap<string, FindingJson>;
}

export function loadBaseline(report: Pick<Report, 'findings'>): Baseline {
  return { byId: new Map(report.findings.map((finding) => [finding.id, finding])) };
}

export function baselineState(finding: Pick<FindingJson, 'id'>, baseline: Baseline): BaselineState {
  return baseline.byId.has(finding.id) ? 'unchanged' : 'new';
}

/** Baseline findings whose id is not among `seen`, in baseline order. */
export function absentFindings(baseline: Baseline, seen: ReadonlySet<string>): AbsentFindingJson[] {
  return [...baseline.byId.values()]
    .filter((finding) => !seen.has(finding.id))
    .map((finding) => ({
      id: finding.id,
      termId: finding.term.id,
      termText: finding.term.text,
      confidence: finding.confidence,
      input: finding.location.input,
      chain: finding.location.chain,
    }));
}

/** The report with every finding marked and `summary.baseline` filled in. Pure. */
export function applyBaseline(report: Report, baselineReport: Pick<Report, 'findings'>): Report {
  const baseline = loadBaseline(baselineReport);
  const findings = report.findings.map((finding) => ({ ...finding, baselineState: baselineState(finding, baseline) }));
  return { ...report, findings, summary: { ...report.summary, baseline: baselineSummary(findings, baseline) } };
}

export function baselineSummary(findings: readonly FindingJson[], baseline: Baseline): NonNullable<Report['summary']['baseline']> {
  const unchanged = findings.filter((finding) => baseline.byId.has(finding.id)).length;
  return {
    new: findings.length - unchanged,
    unchanged,
    absent: absentFindings(baseline, new Set(findings.map((finding) => finding.id))),
  };
}
