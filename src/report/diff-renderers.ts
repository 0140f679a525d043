/**
 * Every output format of `fwsift diff`. JSON, Markdown and HTML render the diff; SARIF renders
 * NEW's report with only the added findings as results (what a CI gate should flag), through the
 * same SARIF writer as scans.
 */
import { renderDiffHtml } from './diff-html.js';
import { renderDiffJson } from './diff-json.js';
import { renderDiffMarkdown } from './diff-markdown.js';
import type { DiffReport } from './diff-types.js';
import { render as renderSarif } from './sarif.js';
import type { Report } from './types.js';

export const diffFormats = ['json', 'md', 'html', 'sarif'] as const;
export type DiffFormat = (typeof diffFormats)[number];

/** NEW's report reduced to the findings the diff calls added. */
export function addedOnly(diff: DiffReport, newReport: Report): Report {
  const added = new Set(diff.entries.filter((entry) => entry.class === 'added').map((entry) => entry.new!.findingId));
  const findings = newReport.findings.filter((finding) => added.has(finding.id));
  return { ...newReport, findings, summary: { ...newReport.summary, findings: findings.length } };
}

export function renderDiff(diff: DiffReport, newReport: Report, format: DiffFormat, options: { readonly category?: string } = {}): string {
  switch (format) {
    case 'json':
      return renderDiffJson(diff);
    case 'md':
      return renderDiffMarkdown(diff);
    case 'html':
      return renderDiffHtml(diff);
    case 'sarif':
      return renderSarif(addedOnly(diff, newReport), options.category === undefined ? {} : { category: options.category });
  }
}

/** The diff format a file name asks for by its extension, or undefined. */
export function diffFormatFromPath(path: string): DiffFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.sarif') || lower.endsWith('.sarif.json')) return 'sarif';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'md';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  return undefined;
}
