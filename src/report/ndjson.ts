/**
 * NDJSON rendering (R29): the report as JSON Lines, written while the scan runs. Each line is
 * one JSON object with a `type`:
 *
 * - `{"type":"input", …InputJson}`: an input, as soon as it has been scanned;
 * - `{"type":"finding", …FindingJson}`: each finding of that input, right after its input line,
 *   in report order;
 * - `{"type":"summary","reportSchemaVersion":…,"tool":…,"run":…,"summary":…}`: the last line,
 *   once the scan is over (the run's finish time and totals are only known then).
 *
 * Apart from `type`, every object has exactly the shape of the JSON report's, so the lines
 * hold the whole report: `parse` rebuilds it (and `fwsift render` accepts either file). A
 * stream without a summary line was cut short and must not be read as a clean result.
 * Lines end in `\n`; strings are JSON-escaped, so member names cannot break a line.
 */
import type { FindingJson, InputJson, Report } from './types.js';
import { findingsByInput } from './views.js';

export function inputLine(input: InputJson): string {
  return `${JSON.stringify({ type: 'input', ...input })}\n`;
}

export function findingLine(finding: FindingJson): string {
  return `${JSON.stringify({ type: 'finding', ...finding })}\n`;
}

export function summaryLine(report: Pick<Report, 'reportSchemaVersion' | 'tool' | 'run' | 'summary'>): string {
  const { reportSchemaVersion, tool, run, summary } = report;
  return `${JSON.stringify({ type: 'summary', reportSchemaVersion, tool, run, summary })}\n`;
}

/** The whole report as NDJSON: what a streaming scan writes, line for line. */
export function render(report: Report): string {
  let text = '';
  for (const [input, findings] of findingsByInput(report)) {
    text += inputLine(input);
    for (const finding of findings) text += findingLine(finding);
  }
  return text + summaryLine(report);
}

/**
 * Rebuilds a report from NDJSON text. Throws an `Error` naming the line for a line that is not
 * JSON, has an unknown `type`, or when the summary line is missing or not last (a cut-short
 * stream). The result still has to pass `validateReport`.
 */
export function parse(text: string): Report {
  const inputs: InputJson[] = [];
  const findings: FindingJson[] = [];
  let head: Pick<Report, 'reportSchemaVersion' | 'tool' | 'run' | 'summary'> | undefined;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    if (head !== undefined) throw new Error(`line ${index + 1}: data after the summary line`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`line ${index + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`line ${index + 1}: not a JSON object`);
    const { type, ...rest } = value as Record<string, unknown>;
    switch (type) {
      case 'input':
        inputs.push(rest as unknown as InputJson);
        break;
      case 'finding':
        findings.push(rest as unknown as FindingJson);
        break;
      case 'summary':
        head = rest as unknown as Pick<Report, 'reportSchemaVersion' | 'tool' | 'run' | 'summary'>;
        break;
      default:
        throw new Error(`line ${index + 1}: unknown type ${JSON.stringify(type)}`);
    }
  });
  if (head === undefined) throw new Error('no summary line: the stream was cut short');
  return { reportSchemaVersion: head.reportSchemaVersion, tool: head.tool, run: head.run, inputs, findings, summary: head.summary };
}
