/**
 * The renderer registry: every report format, each one file exporting `render(report,
 * options)` (STYLE §11). All of them take the validated JSON report and nothing else: they are
 * renderings of one report, never separate scans.
 */
import * as html from './html.js';
import { renderJson } from './json.js';
import * as markdown from './markdown.js';
import * as ndjson from './ndjson.js';
import * as sarif from './sarif.js';
import type { Report } from './types.js';

export const reportFormats = ['json', 'ndjson', 'sarif', 'md', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface RenderOptions {
  /** SARIF only: `run.automationDetails.id` = `<category>/`. Default none. */
  readonly category?: string;
  /** Markdown, HTML and PDF: the title on top. Default the one recorded in the report (`run.options.title`), else each format's own. */
  readonly title?: string;
  /** Markdown, HTML and PDF: what was audited (vendor, model), under the title. Default the one recorded in the report, else none. */
  readonly subject?: string;
}

function appendixOptions(options: RenderOptions): { title?: string; subject?: string } {
  return { ...(options.title === undefined ? {} : { title: options.title }), ...(options.subject === undefined ? {} : { subject: options.subject }) };
}

interface RendererInfo {
  /** File name extensions that select the format for `-o FILE`. */
  readonly extensions: readonly string[];
  readonly description: string;
  render(report: Report, options: RenderOptions): string;
}

function defineRenderer(info: RendererInfo): RendererInfo {
  return info;
}

export const renderers: Readonly<Record<ReportFormat, RendererInfo>> = {
  json: defineRenderer({ extensions: ['.json'], description: 'the evidence report (schema/report.schema.json)', render: (report) => renderJson(report) }),
  ndjson: defineRenderer({ extensions: ['.ndjson', '.jsonl'], description: 'one input or finding per line, then a summary line; streamed while scanning', render: (report) => ndjson.render(report) }),
  sarif: defineRenderer({
    extensions: ['.sarif'],
    description: 'SARIF 2.1.0 for GitHub code scanning and other SARIF viewers',
    render: (report, options) => sarif.render(report, options.category === undefined ? {} : { category: options.category }),
  }),
  md: defineRenderer({ extensions: ['.md', '.markdown'], description: 'the evidence appendix in Markdown', render: (report, options) => markdown.render(report, appendixOptions(options)) }),
  html: defineRenderer({ extensions: ['.html', '.htm'], description: 'the evidence appendix as one self-contained HTML file (charts, layer maps, print layout)', render: (report, options) => html.render(report, appendixOptions(options)) }),
};

/** Renders `report` in `format`. */
export function renderReport(report: Report, format: ReportFormat, options: RenderOptions = {}): string {
  return renderers[format].render(report, options);
}

/** The format a file name asks for by its extension (case-insensitive), or undefined. `.sarif.json` is SARIF. */
export function formatFromPath(path: string): ReportFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.sarif.json')) return 'sarif';
  return reportFormats.find((format) => renderers[format].extensions.some((extension) => lower.endsWith(extension)));
}

export function isReportFormat(value: string): value is ReportFormat {
  return (reportFormats as readonly string[]).includes(value);
}
