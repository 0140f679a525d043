/**
 * The terminal summary: what was scanned, what could not be, what was found, and the strongest
 * findings with where they are. Made from the validated report alone (STYLE §11), for people;
 * the JSON report is the evidence. Every string taken from the report passes through
 * `sanitizeForDisplay`, so member names and contexts cannot send escape sequences to a terminal.
 */
import { sanitizeForDisplay } from '../evidence/context.js';
import { categories, type Precision } from '../patterns/types.js';
import type { ChainLinkJson, Confidence, FindingJson, InputJson, LosslessText, Report } from './types.js';
import { formatBytes } from './views.js';

/** Findings listed by default. */
export const defaultSummaryTop = 10;
/** Problems listed per input before "… N more" (the report has them all). */
const maxProblemsShown = 5;

const confidenceOrder = ['high', 'medium', 'low'] as const satisfies readonly Confidence[];

function confidenceRank(confidence: Confidence): number {
  switch (confidence) {
    case 'high':
      return 0;
    case 'medium':
      return 1;
    case 'low':
      return 2;
  }
}

function precisionRank(precision: Precision): number {
  switch (precision) {
    case 'high':
      return 0;
    case 'medium':
      return 1;
    case 'ambiguous':
      return 2;
  }
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'cyan';

const ansi: Readonly<Record<Style, readonly [string, string]>> = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
};

const confidenceStyle: Readonly<Record<Confidence, Style>> = { high: 'red', medium: 'yellow', low: 'dim' };

/** Lossless text for display: the string (control characters as `·`), or `<base64:…>` for bytes that are not UTF-8. */
function showLossless(text: LosslessText): string {
  return typeof text === 'string' ? sanitizeForDisplay(text) : `<base64:${text.base64}>`;
}

/**
 * Where a hit or problem is, for display: the input path and each container member joined by
 * `!/` (`fw.zip!/romfs.img!/usr/lib/libnet.so`). Unnamed layers (a gzip stream, a carved chunk)
 * appear as `<format>`; paths that are not valid UTF-8 as `<base64:…>`; control characters as
 * `·`. For reading only: the report's `location` is the machine-readable form.
 */
export function formatChain(input: LosslessText, chain: readonly ChainLinkJson[]): string {
  const parts = [showLossless(input), ...chain.map((link) => (link.path === undefined ? `<${sanitizeForDisplay(link.format)}>` : showLossless(link.path)))];
  return parts.join('!/');
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function hexOffset(offset: number): string {
  return `0x${offset.toString(16)}`;
}

/** Top findings first: by confidence, then by the term's precision; ties keep report order (stable sort). */
function strongestFirst(findings: readonly FindingJson[]): FindingJson[] {
  return [...findings].sort(
    (a, b) => confidenceRank(a.confidence) - confidenceRank(b.confidence) || precisionRank(a.term.precision) - precisionRank(b.term.precision),
  );
}

/**
 * A short human summary of a report for the terminal, ending in a newline:
 * - one line of totals (inputs, bytes and objects scanned, duration);
 * - every input that is not `complete`, with up to 5 problems each (kind, chain, message);
 * - findings counted by confidence and by category;
 * - with `--baseline`: new, unchanged and absent counts; with `--ignore`: suppressed findings
 *   and each unused entry (so a stale ignore file is seen, not silently kept);
 * - the `top` strongest findings (default 10; 0 lists none), ordered by confidence then term
 *   precision, each as two lines: confidence, term and meaning, encoding/form, then
 *   `input!/member!/member @ 0xoffset`.
 * `color` (default false) adds ANSI colours; without it the text has no escape sequences at all.
 * Throws `RangeError` when `top` is not a non-negative integer.
 */
export function renderSummary(report: Report, options: { readonly top?: number; readonly color?: boolean } = {}): string {
  const top = options.top ?? defaultSummaryTop;
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be a non-negative integer, got ${top}`);
  const paint = (text: string, style: Style): string => {
    if (options.color !== true) return text;
    const [open, close] = ansi[style];
    return `${open}${text}${close}`;
  };

  const { summary } = report;
  const lines: string[] = [];
  lines.push(
    `${paint(`fwsift ${sanitizeForDisplay(report.tool.version)}`, 'bold')}: ${plural(report.inputs.length, 'input')}, ` +
      `${formatBytes(summary.bytesScanned)} scanned in ${plural(summary.objects, 'object')}, ${formatDuration(summary.durationMs)}`,
  );

  const incomplete = report.inputs.filter((input) => input.status !== 'complete' || input.problems.length > 0);
  if (incomplete.length > 0) {
    lines.push('', paint('Incomplete inputs:', 'yellow'));
    for (const input of incomplete) lines.push(...describeInput(input, paint));
  }

  lines.push('');
  const byConfidence = confidenceOrder.map((level) => `${summary.byConfidence[level]} ${level}`).join(', ');
  lines.push(`${paint(plural(summary.findings, 'finding'), 'bold')}: ${byConfidence}`);
  const byCategory = categories.filter((category) => summary.byCategory[category] > 0).map((category) => `${category} ${summary.byCategory[category]}`);
  if (byCategory.length > 0) lines.push(`  ${byCategory.join(', ')}`);

  lines.push(...describeTriage(summary, paint));

  const shown = strongestFirst(report.findings).slice(0, top);
  if (shown.length > 0) {
    const of = report.findings.length > shown.length ? ` (of ${report.findings.length}; the report lists all)` : '';
    lines.push('', `${paint(`Top ${shown.length}`, 'bold')}${of}:`);
    for (const finding of shown) lines.push(...describeFinding(finding, paint));
  }

  if (report.run.interrupted === true) {
    const notReached = report.inputs.filter((input) => input.skipReason === 'interrupted').length;
    lines.push('', paint(`Interrupted before the scan finished: ${plural(notReached, 'input')} not reached.`, 'yellow'));
  }
  if (summary.partialInputs > 0) {
    lines.push('', paint(`${plural(summary.partialInputs, 'input')} not scanned completely: this is not a clean result.`, 'yellow'));
  }
  return `${lines.join('\n')}\n`;
}

function describeTriage(summary: Report['summary'], paint: (text: string, style: Style) => string): string[] {
  const lines: string[] = [];
  const { baseline, ignore } = summary;
  if (baseline !== undefined) {
    lines.push(`  baseline: ${paint(`${baseline.new} new`, baseline.new > 0 ? 'bold' : 'dim')}, ${baseline.unchanged} unchanged, ${baseline.absent.length} absent (in the baseline, not found now)`);
  }
  if (ignore !== undefined) {
    lines.push(`  ignore file: ${plural(ignore.suppressed, 'finding')} suppressed, ${ignore.unused.length} unused ${ignore.unused.length === 1 ? 'entry' : 'entries'}`);
    for (const entry of ignore.unused) {
      lines.push(`    ${paint(entry.expired ? 'expired' : 'unused ', 'yellow')} ${sanitizeForDisplay(entry.entry)}: ${sanitizeForDisplay(entry.reason)}`);
    }
  }
  return lines;
}

function describeInput(input: InputJson, paint: (text: string, style: Style) => string): string[] {
  const lines = [`  ${paint(input.status.padEnd(8), 'yellow')} ${showLossless(input.path)}`];
  for (const problem of input.problems.slice(0, maxProblemsShown)) {
    const at = problem.offset === undefined ? '' : ` @ ${hexOffset(problem.offset)}`;
    lines.push(`    ${problem.kind.padEnd(11)} ${formatChain(input.path, problem.chain)}${at}: ${sanitizeForDisplay(problem.message)}`);
  }
  const more = input.problems.length - maxProblemsShown;
  if (more > 0) lines.push(`    … ${plural(more, 'more problem')} in the report`);
  return lines;
}

function describeFinding(finding: FindingJson, paint: (text: string, style: Style) => string): string[] {
  const { term, match, location } = finding;
  const meaning = term.meaning === '' ? '' : ` (${sanitizeForDisplay(term.meaning)})`;
  // A traditional or other variant matched: show the spelling actually found.
  const variant = match.variant === term.text ? '' : ` as ${sanitizeForDisplay(match.variant)}`;
  return [
    `  ${paint(finding.confidence.padEnd(6), confidenceStyle[finding.confidence])} ${paint(sanitizeForDisplay(term.text), 'bold')}${variant}${meaning}  ${term.category}, ${match.encoding}/${match.form}`,
    `         ${paint(`${formatChain(location.input, location.chain)} @ ${hexOffset(location.offset)}`, 'cyan')}`,
  ];
}
