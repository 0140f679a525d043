/**
 * A fuzz child: scans the mutants its parent sends, one at a time, through the public `scan()`
 * API and answers with what it saw. Run by campaign.ts as a plain Node process (register-ts.mjs),
 * so its peak RSS is fwsift's own; the parent kills it when a scan hangs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { scan, validateReport } from '../../src/index.js';

export interface ScanRequest {
  readonly id: number;
  readonly path: string;
}

export interface ScanAnswer {
  readonly id: number;
  /** Set when the scan threw or its report is not valid: the failure's first line. */
  readonly error?: string;
  readonly status?: string;
  readonly internal?: readonly string[];
  readonly findings?: number;
  /** Peak RSS during this scan (KiB): the kernel's high-water mark, reset before the scan. */
  readonly maxRssKiB: number;
}

/**
 * Starts a fresh peak-RSS measurement: garbage of earlier scans collected, and the kernel's
 * high-water mark (VmHWM) reset to the current RSS (`/proc/self/clear_refs`, Linux). Without
 * /proc the peak is the process's whole-life peak, which only errs towards reporting too much.
 */
function resetPeakRss(): void {
  (globalThis as { gc?: () => void }).gc?.();
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: the whole-life peak stands.
  }
}

function peakRssKiB(): number {
  try {
    const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'latin1'));
    if (line !== null) return Number(line[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}

async function answer(request: ScanRequest): Promise<ScanAnswer> {
  resetPeakRss();
  try {
    const report = await scan([request.path]);
    const base = { id: request.id, maxRssKiB: peakRssKiB() };
    const invalid = validateReport(report);
    const input = report.inputs[0];
    if (invalid.length > 0) return { ...base, error: `invalid report: ${JSON.stringify(invalid[0])}` };
    if (input === undefined) return { ...base, error: 'report without the input' };
    return {
      ...base,
      status: input.status,
      internal: input.problems.filter((problem) => problem.kind === 'internal').map((problem) => problem.message),
      findings: report.findings.length,
    };
  } catch (error) {
    return { id: request.id, maxRssKiB: peakRssKiB(), error: `scan threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
}

process.on('message', (request: ScanRequest) => {
  void answer(request).then((reply) => process.send!(reply));
});
// The parent gone (killed, or a campaign stopped): nothing more will come.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
