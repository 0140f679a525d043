/**
 * `fwsift patterns test FILE`: which terms a given file triggers, with the verification and
 * confidence of each hit: the pack author's check that a new term fires on its evidence and
 * stays quiet on its known false positives. It is a real `scan()` of the file (containers
 * opened, every encoding and form), rendered as one compact line per finding instead of a
 * report. Pure rendering apart from `testPatterns`, which scans.
 */
import type { ChainLinkJson, FindingJson, LosslessText, Report } from '../report/types.js';
import type { ScanOptions } from './options.js';
import { scan } from './scan.js';

/** One finding as `patterns test` shows it. */
export interface PatternTestRow {
  readonly confidence: FindingJson['confidence'];
  readonly termId: string;
  readonly pack: string;
  readonly precision: FindingJson['term']['precision'];
  /** The spelling that matched (a variant or the text). */
  readonly spelling: string;
  /** `utf-8/raw`, `gb18030/raw`, `utf-16be/json-escape`… */
  readonly match: string;
  /** `path!/member!/member @ 0x1f0` (line:column for text). */
  readonly where: string;
  /** `aligned`, or `indeterminate` when the hit's character alignment could not be proven. */
  readonly verification: 'aligned' | 'indeterminate';
  /** The reasons after the precision class: contexts, binary window, verifier notes. */
  readonly reasons: readonly string[];
}

export interface PatternTestResult {
  readonly report: Report;
  readonly rows: readonly PatternTestRow[];
}

/**
 * Scans `paths` with `options` (packs as for `scan`) and lists every finding. Throws what
 * `scan` throws (`PatternPackError` for a bad pack). Memory and time: those of `scan`.
 */
export async function testPatterns(paths: readonly string[], options: Partial<ScanOptions> = {}): Promise<PatternTestResult> {
  const report = await scan(paths, options);
  return { report, rows: report.findings.map(patternTestRow) };
}

export function patternTestRow(finding: FindingJson): PatternTestRow {
  const { location } = finding;
  const path = [text(location.input), ...location.chain.map(linkName)].join('!/');
  const at = location.line === undefined ? `@ 0x${location.offset.toString(16)}` : `@ ${location.line}:${location.column ?? 0}`;
  return {
    confidence: finding.confidence,
    termId: finding.term.id,
    pack: finding.term.pack,
    precision: finding.term.precision,
    spelling: finding.match.variant,
    match: `${finding.match.encoding}/${finding.match.form}`,
    where: `${path} ${at}`,
    verification: finding.reasons.includes('alignment:indeterminate') ? 'indeterminate' : 'aligned',
    reasons: finding.reasons.filter((reason) => !reason.startsWith('precision:') && reason !== 'alignment:indeterminate'),
  };
}

/**
 * The rows as a table (two-space separated columns; CJK counted two columns wide), then a
 * summary line with the counts by confidence and the inputs that were not scanned completely.
 * `display` sanitises text taken from the input or a pack for a terminal.
 */
export function renderPatternTest(result: PatternTestResult, display: (text: string) => string = (value) => value): string {
  const { report, rows } = result;
  const lines: string[] = [];
  if (rows.length === 0) {
    lines.push('no term fired');
  } else {
    lines.push(
      table([
        ['confidence', 'term', 'precision', 'spelling', 'match', 'verified', 'where', 'reasons'],
        ...rows.map((row) => [
          row.confidence,
          row.termId,
          row.precision,
          display(row.spelling),
          row.match,
          row.verification,
          display(row.where),
          row.reasons.length === 0 ? '-' : display(row.reasons.join('; ')),
        ]),
      ]),
    );
  }
  const { high, medium, low } = report.summary.byConfidence;
  lines.push('', `${rows.length} findings: ${high} high, ${medium} medium, ${low} low; packs: ${report.run.patternPacks.map((p) => `${p.id} ${p.version}`).join(', ')}`);
  for (const input of report.inputs) {
    if (input.status === 'complete') continue;
    lines.push(`${input.status}: ${display(text(input.path))}${input.problems.map((p) => `; ${p.kind}: ${display(p.message)}`).join('')}`);
  }
  return `${lines.join('\n')}\n`;
}

function linkName(link: ChainLinkJson): string {
  return link.path === undefined ? `<${link.format}>` : text(link.path);
}

function text(value: LosslessText): string {
  return typeof value === 'string' ? value : `base64:${value.base64}`;
}

/** East Asian wide characters take two terminal columns. */
function width(value: string): number {
  let columns = 0;
  for (const char of value) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return columns;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => width(row[column] ?? ''))));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
