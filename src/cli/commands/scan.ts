/** `fwsift scan PATH…`: scan files and directories and write the report. */
import { lstat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { PatternPackError, renameInputEntry, renameInputFindings, renderSummary, scan, ScaleUsageError, type FindingJson, type InputJson, type Report, type ScanHooks, type ScanOptions } from '../../index.js';
import { useColor } from '../color.js';
import { findConfig, loadConfig, type LimitOptions, type ScanConfig } from '../config.js';
import { applyExcludes } from '../exclude.js';
import { decideExitCode, exitCode, exitCodes, type FailOn } from '../exit-code.js';
import { signalExitCode, watchInterrupts, type Interruption } from '../interrupt.js';
import { OutputError } from '../output-file.js';
import { collect, parseCount, parseSize } from '../parse-values.js';
import { addScaleOptions, scanWithScale, type RawScaleOptions } from './scale-options.js';
import { createProgressBar } from '../progress.js';
import { formatChoices, openReportOutput, type OutputRequest } from '../report-output.js';
import { spoolStdin, stdinPath, type SpooledInput } from '../stdin-input.js';

interface RawScanOptions extends OutputRequest, RawScaleOptions, LimitOptions {
  readonly config?: string;
  readonly patterns?: string[];
  readonly patternsOnly?: boolean;
  readonly exclude?: string[];
  readonly failOn: FailOn;
  readonly allowPartial?: boolean;
  readonly progress: boolean;
  readonly quiet?: boolean;
}

export function registerScan(program: Command, setStatus: (code: number) => void): void {
  const command = program
    .command('scan')
    .description('scan files and directories (recursively; symbolic links inside directories are not followed); "-" reads standard input')
    .argument('<paths...>', 'files or directories to scan, or "-" for standard input')
    .option('-o, --output <file>', 'write the report to FILE ("-" for standard output); the format follows the extension (.json .ndjson .sarif .md .html .pdf), else JSON')
    .addOption(new Option('--format <format>', 'report format (without -o: written to standard output)').choices(formatChoices))
    .option('--title <text>', 'Markdown/HTML/PDF: the title on top (default "fwsift evidence appendix"; Markdown "fwsift evidence report"); kept in the JSON report')
    .option('--subject <text>', 'Markdown/HTML/PDF: what was audited, e.g. vendor and model, shown under the title')
    .option('--category <name>', 'SARIF: run.automationDetails.id "<name>/", so several SARIF uploads per commit do not replace each other')
    .option('--redact', 'leave the decoded and hex context of findings out of the report (ids, offsets, hashes and matched bytes stay)')
    .option('--baseline <report>', 'mark findings new or unchanged against an earlier report; only new ones count for --fail-on')
    .option('--ignore <file>', 'suppress findings listed in a JSON ignore file (id or path glob, with a reason); they stay in the report')
    .option('--patterns <file>', 'an extra pattern pack file, used with the shipped packs (repeatable)', collect)
    .option('--patterns-only', 'use only the packs given with --patterns')
    .option('--exclude <glob>', 'do not scan paths under the named directories that match GLOB (picomatch; without "/" it matches a name anywhere; repeatable)', collect)
    .option('--config <file>', 'read settings from FILE instead of the nearest fwsift.config.json from the working directory upward')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding has at least this confidence').choices(['high', 'medium', 'low', 'none']).default('medium'))
    .option('--allow-partial', 'exit 0/1 even when an input could not be scanned completely, or nothing was found to scan (otherwise 2)')
    .option('--max-depth <n>', 'containers nested deeper are scanned raw but not opened (default 16)', parseCount)
    .option('--max-expand <bytes>', 'bytes extracted or decompressed per input before it stops as partial (default 16G; suffixes K, M, G)', parseSize)
    .option('--max-entries <n>', 'members opened per container (default 100000)', parseCount)
    .option('--max-ratio <n>', 'decompressed bytes per compressed byte allowed past 16 MiB before a stream stops as partial (default 10000)', parseCount)
    .option('--max-seconds <n>', 'seconds one input may take before it stops as partial; 0 = no limit (default 0)', parseCount)
    .option('--max-expand-factor <n>', 'bytes produced below an input per byte of it (at least 256 MiB) before it stops as partial: bombs stop in seconds (default 64)', parseCount)
    .option('--max-findings-per-term <n>', 'findings kept in full per object and term; further hits are listed by offset (default 100)', parseCount)
    .option('--max-temp <bytes>', 'bytes spilled to temporary files per input; 0 = four times its size plus 1G (default 0); never more than the temporary directory has free', parseSize)
    .option('--stall-seconds <n>', 'seconds without progress before an input is given up as stuck (an internal problem); 0 = never (default 90)', parseCount)
    .option('--no-progress', 'no progress bar on standard error (it is drawn only on a terminal)')
    .option('-q, --quiet', 'print no summary');
  addScaleOptions(command, parseSize)
    .action(async (paths: string[], raw: RawScanOptions, given: Command) => {
      setStatus(await runScan(paths, raw, given));
    });
}

/** One line on standard error, then "nothing was scanned": the run stops before scanning with exit 2. */
function refuse(...messages: string[]): number {
  for (const message of messages) process.stderr.write(`fwsift: ${message}\n`);
  process.stderr.write('fwsift: nothing was scanned\n');
  return exitCodes.error;
}

async function runScan(paths: readonly string[], given: RawScanOptions, command: Command): Promise<number> {
  let raw: RawScanOptions;
  try {
    raw = await withConfig(given, command);
  } catch (error) {
    return refuse((error as Error).message);
  }
  if (paths.filter((path) => path === stdinPath).length > 1) return refuse('"-" (standard input) can be named only once');
  const missing = await missingPaths(paths.filter((path) => path !== stdinPath));
  if (missing.length > 0) return refuse(...missing.map((path) => `cannot scan ${JSON.stringify(path)}: no such file or directory`));

  // From here on a signal aborts the scan (or, before it starts, makes it return at once) and still leaves a report.
  const interrupts = watchInterrupts();
  try {
    return await scanAndWrite(paths, raw, interrupts);
  } finally {
    interrupts.dispose();
  }
}

async function scanAndWrite(paths: readonly string[], raw: RawScanOptions, interrupts: Interruption): Promise<number> {
  let output;
  try {
    output = await openReportOutput(raw);
  } catch (error) {
    if (error instanceof OutputError) return refuse(error.message);
    throw error;
  }
  if ('error' in output) return refuse(output.error);

  let stdin: SpooledInput | undefined;
  try {
    if (paths.includes(stdinPath)) stdin = await spoolStdin();
    const selection = await applyExcludes(paths.map((path) => (path === stdinPath ? stdin!.path : path)), raw.exclude ?? []);
    const named = stdin === undefined ? undefined : stdin.path;
    // Standard input was scanned from a temporary copy: the report calls it "-", with ids to match.
    const rename = (input: InputJson, findings: readonly FindingJson[]): [InputJson, FindingJson[]] =>
      named !== undefined && input.path === named ? [renameInputEntry(input, stdinPath), renameInputFindings(findings, stdinPath)] : [input, [...findings]];
    const hooks: ScanHooks = output.hooks.onInput === undefined ? {} : { onInput: (input, findings) => output.hooks.onInput!(...rename(input, findings)) };
    const bar = raw.progress && raw.quiet !== true && process.stderr.isTTY === true ? createProgressBar(process.stderr) : undefined;
    let report: Report;
    try {
      const options = { ...resolveScanOptions(raw), signal: interrupts.signal };
      const observed = bar === undefined ? hooks : { ...hooks, onProgress: bar.update };
      // One thread and no cache: the library's own scan (it honours the interrupt signal); else the worker pool.
      report = raw.jobs === 1 && raw.cache === undefined ? await scan(selection.paths, options, observed) : await scanWithScale(selection.paths.map((path) => path.toString()), options, raw, observed);
    } catch (error) {
      await output.discard();
      if (!(error instanceof PatternPackError || error instanceof ScaleUsageError)) throw error;
      return refuse(error.message);
    } finally {
      bar?.finish();
    }
    if (named !== undefined) report = renameReportInput(report, rename);
    report = output.prepare(report);
    const interrupted = interrupts.received();
    const nothing = report.inputs.length === 0;
    const status = interrupted !== undefined ? signalExitCode(interrupted) : nothing && raw.allowPartial !== true ? exitCodes.error : exitCode(report, { failOn: raw.failOn, allowPartial: raw.allowPartial === true });
    // Decided before writing, so a reader that closes the pipe early still gets this status.
    decideExitCode(status);
    await output.write(report);
    if (nothing) process.stderr.write(`fwsift: nothing to scan: ${paths.map((path) => JSON.stringify(path)).join(', ')} ${paths.length === 1 ? 'holds' : 'hold'} no files${selection.excluded > 0 ? ` (${selection.excluded} excluded by --exclude)` : ''}\n`);
    if (raw.quiet !== true) {
      const toStderr = output.written && output.file === undefined;
      const stream = toStderr ? process.stderr : process.stdout;
      const summary = renderSummary(report, { color: useColor(stream) });
      stream.write(summary.endsWith('\n') ? summary : `${summary}\n`);
      if (selection.excluded > 0 && !nothing) stream.write(`${selection.excluded} path${selection.excluded === 1 ? '' : 's'} not scanned: excluded by --exclude\n`);
      if (output.file !== undefined) stream.write(`report written to ${output.file}\n`);
    }
    return status;
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    process.stderr.write(`fwsift: ${error.message}\n`);
    return exitCodes.error;
  } finally {
    stdin?.dispose();
  }
}

function renameReportInput(report: Report, rename: (input: InputJson, findings: readonly FindingJson[]) => [InputJson, FindingJson[]]): Report {
  const inputs: InputJson[] = [];
  const findings: FindingJson[] = [];
  for (const input of report.inputs) {
    const [renamed, own] = rename(input, report.findings.filter((finding) => finding.location.input === input.path));
    inputs.push(renamed);
    findings.push(...own);
  }
  return { ...report, inputs, findings };
}

/**
 * The settings of `fwsift.config.json` (or `--config FILE`) under those given on the command
 * line: a value typed on the command line wins; `--patterns` and `--exclude` add to the file's lists.
 */
async function withConfig(raw: RawScanOptions, command: Command): Promise<RawScanOptions> {
  const file = raw.config ?? (await findConfig(process.cwd()));
  if (file === undefined) return raw;
  const { config } = await loadConfig(file);
  const merged: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(config) as [keyof ScanConfig, unknown][]) {
    const fromCommandLine = command.getOptionValueSource(key) === 'cli';
    if (key === 'patterns' || key === 'exclude') merged[key] = [...(value as string[]), ...((raw[key] as string[] | undefined) ?? [])];
    else if (!fromCommandLine) merged[key] = value;
  }
  return merged as unknown as RawScanOptions;
}

export function resolveScanOptions(raw: Omit<RawScanOptions, keyof OutputRequest | 'failOn' | 'progress' | keyof RawScaleOptions>): Partial<ScanOptions> {
  return {
    patterns: raw.patterns ?? [],
    patternsOnly: raw.patternsOnly === true,
    ...(raw.maxDepth === undefined ? {} : { maxDepth: raw.maxDepth }),
    ...(raw.maxExpand === undefined ? {} : { maxExpandedBytes: raw.maxExpand }),
    ...(raw.maxEntries === undefined ? {} : { maxEntriesPerContainer: raw.maxEntries }),
    ...(raw.maxRatio === undefined ? {} : { maxExpansionRatio: raw.maxRatio }),
    ...(raw.maxSeconds === undefined ? {} : { maxSecondsPerInput: raw.maxSeconds }),
    ...(raw.maxExpandFactor === undefined ? {} : { maxExpandFactor: raw.maxExpandFactor }),
    ...(raw.maxFindingsPerTerm === undefined ? {} : { maxFindingsPerTerm: raw.maxFindingsPerTerm }),
    ...(raw.maxTemp === undefined ? {} : { maxTempBytes: raw.maxTemp }),
    ...(raw.stallSeconds === undefined ? {} : { stallSeconds: raw.stallSeconds }),
  };
}

async function missingPaths(paths: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const path of paths) {
    try {
      await lstat(path);
    } catch {
      missing.push(path);
    }
  }
  return missing;
}
