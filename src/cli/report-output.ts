/**
 * Where and how a report is written, for `scan` and `render`: the format (from `--format` or
 * the `-o` file's extension), `--redact`, `--baseline`, `--ignore`, `--category`, and reading
 * saved reports (JSON or NDJSON) with schema validation. Problems with the user's files are
 * returned as messages (the commands exit 2); nothing here knows how a scan works.
 */
import { readFile } from 'node:fs/promises';
import {
  createPostProcessor,
  formatFromPath,
  isReportFormat,
  ndjsonFindingLine,
  ndjsonInputLine,
  ndjsonSummaryLine,
  parseIgnoreFile,
  parseNdjson,
  renderReport,
  renderPdf,
  findChromium,
  reportFormats,
  validateReport,
  type IgnoreEntry,
  type Report,
  type ReportFormat,
  type RenderOptions,
  type ScanHooks,
} from '../index.js';
import { checkWritable, openPending, writeFileAtomic } from './output-file.js';

/** What `--format` and `-o FILE.ext` can ask for: the report formats, and PDF (the HTML appendix printed by Chromium). */
export type OutputFormat = ReportFormat | 'pdf';
export const formatChoices: readonly string[] = [...reportFormats, 'pdf'];

/** Problems listed when a report fails validation. */
const maxProblemsShown = 20;

/**
 * The output format: `--format` when given (it must agree with nothing else), else the `-o`
 * file's extension (`.json .ndjson .jsonl .sarif .md .html`), else JSON.
 */
export function chooseFormat(output: string | undefined, format: string | undefined): OutputFormat | { readonly error: string } {
  if (format !== undefined) return isReportFormat(format) || format === 'pdf' ? format : { error: `unknown format "${format}" (expected one of ${formatChoices.join(', ')})` };
  if (output !== undefined && output.toLowerCase().endsWith('.pdf')) return 'pdf';
  return (output === undefined || output === '-' ? undefined : formatFromPath(output)) ?? 'json';
}

/** Renders the report in `format`: text for the report formats, bytes for PDF. */
export async function renderOutput(report: Report, format: OutputFormat, options: RenderOptions): Promise<string | Uint8Array> {
  return format === 'pdf' ? renderPdf(report, { ...(options.title === undefined ? {} : { title: options.title }), ...(options.subject === undefined ? {} : { subject: options.subject }) }) : renderReport(report, format, options);
}

/** Reads a saved report (JSON, or NDJSON as written by `--format ndjson`) and validates it against the schema. `-` reads standard input. */
export async function readReport(path: string): Promise<{ readonly report: Report } | { readonly error: string }> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    return { error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  let value: unknown;
  const trimmed = text.trimStart();
  try {
    // A JSON report is one object spread over lines; NDJSON has a `type` on its first line.
    value = trimmed.startsWith('{"type":') ? parseNdjson(text) : JSON.parse(text);
  } catch (error) {
    return { error: `${path} is not a fwsift report (JSON or NDJSON): ${error instanceof Error ? error.message : String(error)}` };
  }
  const problems = validateReport(value);
  if (problems.length > 0) {
    const shown = problems.slice(0, maxProblemsShown).map((problem) => `  ${problem}`);
    const more = problems.length > maxProblemsShown ? [`  … and ${problems.length - maxProblemsShown} more`] : [];
    return { error: `${path} does not match the fwsift report schema:\n${[...shown, ...more].join('\n')}` };
  }
  return { report: value as Report };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function readIgnoreFile(path: string): Promise<{ readonly entries: readonly IgnoreEntry[] } | { readonly error: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = parseIgnoreFile(text);
  return parsed.ok ? { entries: parsed.entries } : { error: `${path} is not a valid ignore file:\n${parsed.problems.map((problem) => `  ${problem}`).join('\n')}` };
}

export interface OutputRequest {
  /** `-o`: a file, `-` for standard output, or undefined. */
  readonly output?: string;
  readonly format?: string;
  readonly category?: string;
  readonly redact?: boolean;
  readonly baseline?: string;
  readonly ignore?: string;
  readonly title?: string;
  readonly subject?: string;
}

export interface ReportOutput {
  readonly format: OutputFormat;
  /** Where the report goes: a file path, or undefined for standard output; `written` false when no report is written at all. */
  readonly file?: string;
  readonly written: boolean;
  /** Scan hooks that stream NDJSON as inputs finish. */
  readonly hooks: ScanHooks;
  /** The finished report post-processed (`--redact`, `--baseline`, `--ignore`) and checked against the schema: what `write` writes and the exit code is computed from. */
  prepare(report: Report): Report;
  /** Writes the prepared report (or the NDJSON summary line); rejects with an `OutputError`. */
  write(final: Report): Promise<void>;
  /** Removes anything written so far (the scan failed before there was a report). */
  discard(): Promise<void>;
}

/**
 * Resolves the output options of `scan` before anything is scanned: a bad format, baseline or
 * ignore file is a usage error, and an `-o` file that cannot be written rejects with an
 * `OutputError`, not something to find out after an hour of scanning. A report
 * is written when `-o` or `--format` is given; `--format` alone writes to standard output.
 */
export async function openReportOutput(request: OutputRequest): Promise<ReportOutput | { readonly error: string }> {
  const format = chooseFormat(request.output, request.format);
  if (typeof format !== 'string') return format;
  let baseline: Report | undefined;
  if (request.baseline !== undefined) {
    const read = await readReport(request.baseline);
    if ('error' in read) return { error: `--baseline: ${read.error}` };
    baseline = read.report;
  }
  let ignore: readonly IgnoreEntry[] | undefined;
  if (request.ignore !== undefined) {
    const read = await readIgnoreFile(request.ignore);
    if ('error' in read) return { error: `--ignore: ${read.error}` };
    ignore = read.entries;
  }
  const post = createPostProcessor({
    redact: request.redact === true,
    ...(baseline === undefined ? {} : { baseline }),
    ...(ignore === undefined ? {} : { ignore }),
    ...(request.title === undefined ? {} : { title: request.title }),
    ...(request.subject === undefined ? {} : { subject: request.subject }),
  });
  const written = request.output !== undefined || request.format !== undefined;
  const file = request.output === undefined || request.output === '-' ? undefined : request.output;
  const renderOptions = renderOptionsOf(request);

  if (file !== undefined) await checkWritable(file);
  if (written && format === 'pdf') {
    try {
      findChromium();
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  if (written && format === 'ndjson') {
    // Streamed: each input and its findings are written as soon as the input is finished, to a
    // temporary name renamed into place at the end (a cut run never leaves a cut file behind).
    const pending = file === undefined ? undefined : await openPending(file);
    const sink: NodeJS.WritableStream = pending?.stream ?? process.stdout;
    return {
      format,
      written,
      ...(file === undefined ? {} : { file }),
      hooks: {
        onInput: (input, findings) => {
          sink.write(ndjsonInputLine(input));
          for (const finding of findings) sink.write(ndjsonFindingLine(post.finding(finding)));
        },
      },
      prepare: (report) => checked(post.finish(report)),
      async write(final) {
        sink.write(ndjsonSummaryLine(final));
        await pending?.commit();
      },
      async discard() {
        await pending?.discard();
      },
    };
  }
  return {
    format,
    written,
    ...(file === undefined ? {} : { file }),
    hooks: {},
    prepare: (report) => checked(post.finish(report)),
    async write(final) {
      if (written) await writeText(await renderOutput(final, format, renderOptions), file);
    },
    async discard() {},
  };
}

/** The options of `renderReport` that the command line sets. */
export function renderOptionsOf(request: Pick<OutputRequest, 'category' | 'title' | 'subject'>): RenderOptions {
  return {
    ...(request.category === undefined ? {} : { category: request.category }),
    ...(request.title === undefined ? {} : { title: request.title }),
    ...(request.subject === undefined ? {} : { subject: request.subject }),
  };
}

/** The scanner built the report: one that fails the schema is a bug, never written. */
function checked(report: Report): Report {
  const problems = validateReport(report);
  if (problems.length > 0) throw new Error(`refusing to write a report that does not match schema/report.schema.json:\n  ${problems.join('\n  ')}`);
  return report;
}

/** Writes to `file` atomically, or to standard output when undefined; rejects with an `OutputError`. */
export async function writeText(text: string | Uint8Array, file: string | undefined): Promise<void> {
  if (file === undefined) process.stdout.write(text);
  else await writeFileAtomic(file, text);
}
