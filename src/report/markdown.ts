/**
 * Markdown rendering: the evidence appendix (GitHub-flavoured Markdown). The title and subject
 * (`--title`, `--subject`), a summary (run, inputs with sha256 and status, counts by category ×
 * confidence, what could not be scanned, notes on how inputs were read, baseline and ignore
 * results), then one section per finding: where (chain with offsets in decimal and hex), the
 * object's sha256, the matched bytes, the shorter terms inside them, a hex dump with the match
 * in brackets, the decoded context, confidence and reasons, and the term's meaning and references.
 *
 * Everything taken from the report is escaped: text outside code fences has every ASCII
 * punctuation character backslash-escaped (member names and contexts are attacker-controlled
 * and must not open links, HTML or emphasis), and text inside fences is sanitised so it has no
 * line breaks and every fenced line starts with a fixed prefix (a fence cannot be closed from
 * inside). Made from the report alone; deterministic.
 */
import { sanitizeForDisplay } from '../evidence/context.js';
import { categories } from '../patterns/types.js';
import { markdownEscape } from './escape.js';
import { contextBytes, decHex, hexRows, hexRowText, reportContextHexBytes } from './hexdump.js';
import type { ChainLinkJson, FindingJson, InputJson, Report } from './types.js';
import { appendixHeading, confidences, containedTermText, countMatrix, displayLink, displayText, displayWhere, findingsByInput, formatBytes, incompleteInputs, notedInputs, noteText, plural, sourceText } from './views.js';

export interface MarkdownOptions {
  /** The heading on top. Default "fwsift evidence report". */
  readonly title?: string;
  /** What was audited (vendor, model, version), under the heading. Default none. */
  readonly subject?: string;
}

export const defaultMarkdownTitle = 'fwsift evidence report';

const md = (text: string): string => markdownEscape(sanitizeForDisplay(text));
/** A code span for hex digests and ids; anything else (a hand-edited report) falls back to escaped text. */
const code = (text: string): string => (/^[0-9A-Za-z._:-]+$/.test(text) ? `\`${text}\`` : md(text));

export function render(report: Report, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  const byInput = findingsByInput(report);
  const heading = appendixHeading(report, options, defaultMarkdownTitle);
  out.push(`# ${md(heading.title)}`, '');
  if (heading.subject !== undefined) out.push(`**Subject:** ${md(heading.subject)}`, '');
  out.push(...runTable(report), '');
  if (report.summary.partialInputs > 0) {
    out.push(`> **Not a clean result:** ${plural(report.summary.partialInputs, 'input')} could not be scanned completely; see "What could not be scanned".`, '');
  }
  out.push('## Summary', '');
  const { summary } = report;
  out.push(
    `${plural(summary.findings, 'finding')} (${confidences.map((level) => `${summary.byConfidence[level]} ${level}`).join(', ')}) in ${plural(report.inputs.length, 'input')}; ` +
      `${formatBytes(summary.bytesScanned)} searched in ${plural(summary.objects, 'object')}.`,
    '',
  );
  out.push('### Inputs', '', '| # | input | status | size (bytes) | sha256 | findings |', '|---:|---|---|---:|---|---:|');
  report.inputs.forEach((input, index) => {
    const status = input.status === 'skipped' && input.skipReason !== undefined ? `skipped: ${md(input.skipReason)}` : input.status;
    out.push(`| ${index + 1} | ${md(displayText(input.path))} | ${status} | ${input.size} | ${code(input.sha256)} | ${byInput.get(input)?.length ?? 0} |`);
  });
  out.push('');
  out.push(...countsTable(report.findings), '');
  out.push('### What could not be scanned', '');
  const incomplete = incompleteInputs(report);
  if (incomplete.length === 0) out.push('Every input was scanned completely: every layer fwsift recognised was opened.', '');
  for (const input of incomplete) out.push(...problemList(input), '');
  const noted = notedInputs(report);
  if (noted.length > 0) {
    out.push('### Notes', '', 'Facts about how inputs were read; no bytes were lost to them.', '');
    for (const input of noted) out.push(...(input.notes ?? []).map((note) => `- ${md(noteText(input, note))}`));
    out.push('');
  }
  if (summary.baseline !== undefined) out.push(...baselineSection(summary.baseline), '');
  if (summary.ignore !== undefined) out.push(...ignoreSection(summary.ignore), '');
  const layered = report.inputs.filter((input) => input.layers.length > 1);
  if (layered.length > 0) {
    out.push('### Layers', '', 'Spans of each input that were one object (input byte offsets, end exclusive): opened as a format, or `raw` (searched as plain bytes only).', '');
    for (const input of layered) out.push(...layerTable(input), '');
  }
  out.push('## Findings', '');
  if (report.findings.length === 0) out.push(report.summary.partialInputs > 0 ? 'No findings in what could be scanned.' : 'No findings.', '');
  const hexBytes = reportContextHexBytes(report.run.options);
  report.findings.forEach((finding, index) => out.push(...findingSection(finding, index, hexBytes), ''));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function runTable(report: Report): string[] {
  const { run } = report;
  const packs = run.patternPacks.map((pack) => `${md(pack.id)} ${md(pack.version)} (${plural(pack.terms, 'term')}, sha256 ${code(pack.sha256)})`).join('; ');
  const flags = [
    run.options.redact === true ? 'context redacted (`--redact`)' : undefined,
    report.summary.baseline === undefined ? undefined : 'compared with a baseline (`--baseline`)',
    report.summary.ignore === undefined ? undefined : 'ignore file applied (`--ignore`)',
  ].filter((flag): flag is string => flag !== undefined);
  return [
    '| | |',
    '|---|---|',
    `| tool | fwsift ${md(report.tool.version)}, report schema ${md(report.reportSchemaVersion)} |`,
    `| run | ${md(run.startedAt)} to ${md(run.finishedAt)} (${Math.round(report.summary.durationMs)} ms), Node ${md(run.node)}, ${md(run.platform)} |`,
    `| pattern packs | ${packs === '' ? 'none' : packs}; ${run.needles} needles |`,
    ...(flags.length === 0 ? [] : [`| options | ${flags.join('; ')} |`]),
  ];
}

function countsTable(findings: readonly FindingJson[]): string[] {
  const matrix = countMatrix(findings);
  const lines = ['### Findings by category and confidence', '', '| category | high | medium | low | total |', '|---|---:|---:|---:|---:|'];
  for (const category of categories) {
    const row = matrix[category];
    lines.push(`| ${category} | ${row.high} | ${row.medium} | ${row.low} | ${row.high + row.medium + row.low} |`);
  }
  const total = (level: (typeof confidences)[number]) => categories.reduce((sum, category) => sum + matrix[category][level], 0);
  lines.push(`| **total** | ${total('high')} | ${total('medium')} | ${total('low')} | ${findings.length} |`);
  return lines;
}

function problemList(input: InputJson): string[] {
  const lines = [`- **${md(displayText(input.path))}**: ${input.status}${input.skipReason === undefined ? '' : ` (${md(input.skipReason)})`}`];
  if (input.problems.length === 0) lines.push('  - no problem recorded');
  for (const problem of input.problems) {
    const at = problem.offset === undefined ? '' : ` at offset ${decHex(problem.offset)}`;
    lines.push(`  - \`${problem.kind}\` in ${md(displayWhere(input.path, problem.chain))}${at}: ${md(problem.message)}`);
  }
  return lines;
}

function baselineSection(baseline: NonNullable<Report['summary']['baseline']>): string[] {
  const lines = ['### Baseline', '', `${baseline.new} new, ${baseline.unchanged} unchanged, ${baseline.absent.length} absent (in the baseline, not found now).`];
  if (baseline.absent.length > 0) {
    lines.push('', '| absent finding | term | confidence | where |', '|---|---|---|---|');
    for (const absent of baseline.absent) {
      lines.push(`| ${code(absent.id)} | ${md(absent.termText)} | ${absent.confidence} | ${md(displayWhere(absent.input, absent.chain))} |`);
    }
  }
  return lines;
}

function ignoreSection(ignore: NonNullable<Report['summary']['ignore']>): string[] {
  const lines = ['### Ignore file', '', `${plural(ignore.suppressed, 'finding')} suppressed (listed below with the reason; not counted for the exit code).`];
  if (ignore.unused.length > 0) {
    lines.push('', 'Entries that suppressed nothing:', '');
    for (const entry of ignore.unused) lines.push(`- ${md(entry.entry)}${entry.expired ? ' (expired)' : ''}: ${md(entry.reason)}`);
  }
  return lines;
}

function layerTable(input: InputJson): string[] {
  const lines = [`**${md(displayText(input.path))}** (${input.size} bytes)`, '', '| start | end | format | object |', '|---:|---:|---|---|'];
  for (const layer of input.layers) {
    lines.push(`| ${decHex(layer.start)} | ${decHex(layer.end)} | ${md(layer.format)} | ${layer.chain.length === 0 ? 'the input' : md(layer.chain.map(displayLink).join('!/'))} |`);
  }
  return lines;
}

function chainList(finding: FindingJson): string[] {
  const { location } = finding;
  const lines = [`  1. input ${md(displayText(location.input))}`];
  location.chain.forEach((link: ChainLinkJson) => {
    const name = link.path === undefined ? `unnamed ${md(link.format)} layer` : `${md(link.format)} member ${md(displayText(link.path))}`;
    lines.push(`  1. ${name} at offset ${decHex(link.offset)} of its parent`);
  });
  return lines;
}

function findingSection(finding: FindingJson, index: number, hexBytes: number): string[] {
  const { term, match, location } = finding;
  const lines: string[] = [];
  lines.push(`### ${index + 1}. ${md(term.text)}: ${term.category}, confidence ${finding.confidence}`, '');
  if (finding.suppression !== undefined) lines.push(`> Suppressed by ignore entry ${md(finding.suppression.entry)}: ${md(finding.suppression.reason)}`, '');
  lines.push(`- **Where:** ${md(displayWhere(location.input, location.chain))}`);
  lines.push('- **Chain:**', ...chainList(finding));
  const lineColumn = location.line === undefined ? '' : `, line ${location.line}${location.column === undefined ? '' : `, column ${location.column}`}`;
  lines.push(`- **Offset:** ${decHex(location.offset)} in the innermost object${lineColumn}`);
  lines.push(`- **Object sha256:** ${code(location.objectSha256)}`);
  const variant = match.variant === term.text ? '' : `, variant ${md(match.variant)}`;
  lines.push(`- **Match:** ${plural(match.length, 'byte')} ${code(match.hex)}, ${match.encoding}, form ${match.form}${variant}`);
  if (location.source !== undefined) lines.push(`- **Source:** ${md(sourceText(location.input, location.source))}`);
  for (const contained of finding.contains ?? []) lines.push(`- **Contains:** ${md(containedTermText(contained))}`);
  lines.push(`- **Confidence:** ${finding.confidence}${finding.reasons.length === 0 ? '' : ` (${finding.reasons.map(md).join('; ')})`}`);
  lines.push(`- **Finding id:** ${code(finding.id)}${finding.baselineState === undefined ? '' : ` (${finding.baselineState} since the baseline)`}`);
  lines.push('');
  lines.push(`**Term** ${md(term.id)} (pack ${md(term.pack)}, precision ${term.precision}): ${term.meaning === '' ? 'no meaning recorded' : md(term.meaning)}`);
  const references = term.references ?? [];
  if (references.length > 0) {
    lines.push('', 'References:', '');
    for (const reference of references) lines.push(`- ${md(reference.title)}: ${linkOrText(reference.url)}`);
  }
  lines.push('');
  if (finding.context.redacted === true) {
    lines.push('Context redacted (`--redact`): the matched bytes, offsets and hashes above are enough to verify the finding with `fwsift verify`.');
    return lines;
  }
  const bytes = contextBytes(finding, hexBytes);
  if (bytes !== undefined) {
    lines.push('Bytes around the match (offsets in the innermost object; the match in brackets):', '', '```text');
    for (const row of hexRows(bytes)) lines.push(hexRowText(row));
    lines.push('```', '');
  }
  lines.push(`Decoded as ${match.encoding} (undecodable bytes and control characters as \`·\`):`, '', '```text');
  lines.push(`… ${sanitizeForDisplay(finding.context.before)}[${sanitizeForDisplay(match.variant)}]${sanitizeForDisplay(finding.context.after)} …`);
  lines.push('```');
  return lines;
}

/** An http(s) URL as an autolink `<…>` (with characters that would end it percent-encoded), anything else as escaped text. */
function linkOrText(url: string): string {
  if (!/^https?:\/\/[^\s]+$/.test(url)) return md(url);
  return `<${url.replace(/[<>\s`]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}>`;
}
