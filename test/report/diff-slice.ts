/** One input's slice of a multi-input report: tests scan all fixtures once (packs compile once) and diff the slices. */
import type { Report } from '../../src/index.js';

/** Hooks scan fixtures: on a loaded 2-core CI machine that takes longer than vitest's 10 s hook default. */
export const scanHookTimeoutMs = 60_000;

export function sliceOf(report: Report, path: string): Report {
  const findings = report.findings.filter((finding) => finding.location.input === path);
  const byCategory = { ...report.summary.byCategory };
  const byConfidence = { ...report.summary.byConfidence };
  for (const key of Object.keys(byCategory) as (keyof typeof byCategory)[]) byCategory[key] = findings.filter((finding) => finding.term.category === key).length;
  for (const key of Object.keys(byConfidence) as (keyof typeof byConfidence)[]) byConfidence[key] = findings.filter((finding) => finding.confidence === key).length;
  return { ...report, inputs: report.inputs.filter((input) => input.path === path), findings, summary: { ...report.summary, findings: findings.length, byCategory, byConfidence } };
}
