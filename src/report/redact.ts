/**
 * `--redact` (R27): a report that proves where the terms are without carrying the text around
 * them. Each finding's `context` (decoded characters before and after, and the hex bytes
 * around the hit) becomes `{ redacted: true }`; everything needed to re-check the finding
 * stays: ids, the term, the matched bytes, offsets, chains, hashes. Finding ids do not depend
 * on context (src/evidence/fingerprint.ts), so a redacted report keeps the same ids and can
 * serve as a baseline for an unredacted scan and the other way round. Pure.
 */
import type { FindingJson, Report } from './types.js';

/** The finding without its context. */
export function redactFinding(finding: FindingJson): FindingJson {
  return { ...finding, context: { redacted: true } };
}

/** The report with every finding's context removed and `run.options.redact` set to true. */
export function redactReport(report: Report): Report {
  return {
    ...report,
    run: { ...report.run, options: { ...report.run.options, redact: true } },
    findings: report.findings.map(redactFinding),
  };
}
