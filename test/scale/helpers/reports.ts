/** Reports compared apart from what may differ between two runs of the same scan: the times. */
import type { Report } from '../../../src/report/types.js';

export function withoutTimes(report: Report): unknown {
  return { ...report, run: { ...report.run, startedAt: '', finishedAt: '' }, summary: { ...report.summary, durationMs: 0 } };
}
