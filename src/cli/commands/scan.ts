/** `fwsift scan PATH…`: scan files and directories and write the report. */
import { lstat } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { PatternPackError, renderSummary, scan, ScaleUsageError, type ScanOptions } from '../../index.js';
import { addScaleOptions, scanWithScale, type RawScaleOptions } from './scale-options.js';
import { exitCode, exitCodes, type FailOn } from '../exit-code.js';
import { createProgressBar } from '../progress.js';
import { formatChoices, openReportOutput, type OutputRequest } from '../report-output.js';

interface RawScanOptions extends OutputRequest, RawScaleOptions {
  readonly patterns?: string[];
  readonly patternsOnly?: boolean;
  readonly failOn: FailOn;
  readonly allowPartial?: boolean;
  readonly maxDepth?: number;
  readonly maxExpand?: number;
  readonly maxEntries?: number;
  readonly maxRatio?: number;
  readonly maxSeconds?: number;
  readonly progress: boolean;
  readonly quiet?: boolean;
}

export function registerScan(program: Command, setStatus: (code: number) => void): void {
  const command = program
    .command('scan')
    .description('scan files and directories (recursively; symbolic links are not followed)')
    .argument('<paths...>', 'files or directories to scan')
    .option('-o, --output <file>', 'write the report to FILE ("-" for standard output); the format follows the extension (.json .ndjson .sarif .md .html), else JSON')
    .addOption(new Option('--format <format>', 'report format (without -o: written to standard output)').choices(formatChoices))
    .option('--category <name>', 'SARIF: run.automationDetails.id "<name>/", so several SARIF uploads per commit do not replace each other')
    .option('--redact', 'leave the decoded and hex context of findings out of the report (ids, offsets, hashes and matched bytes stay)')
    .option('--baseline <report>', 'mark findings new or unchanged against an earlier report; only new ones count for --fail-on')
    .option('--ignore <file>', 'suppress findings listed in a JSON ignore file (id or path glob, with a reason); they stay in the report')
    .option('--patterns <files...>', 'extra pattern pack files, used with the shipped packs')
    .option('--patterns-only', 'use only the packs given with --patterns')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding has at least this confidence').choices(['high', 'medium', 'low', 'none']).default('medium'))
    .option('--allow-partial', 'exit 0/1 even when an input could not be scanned completely (otherwise 2)')
    .option('--max-depth <n>', 'containers nested deeper are scanned raw but not opened (default 16)', parseCount)
    .option('--max-expand <bytes>', 'bytes extracted or decompressed per input before it stops as partial (default 16G; suffixes K, M, G)', parseSize)
    .option('--max-entries <n>', 'members opened per container (default 100000)', parseCount)
    .option('--max-ratio <n>', 'decompressed bytes per compressed byte allowed past 16 MiB before a stream stops as partial (default 10000)', parseCount)
    .option('--max-seconds <n>', 'seconds one input may take before it stops as partial; 0 = no limit (default 0)', parseCount)
    .option('--no-progress', 'no progress bar on standard error (it is drawn only on a terminal)')
    .option('-q, --quiet', 'print no summary');
  addScaleOptions(command, parseSize)
    .action(async (paths: string[], raw: RawScanOptions) => {
      setStatus(await runScan(paths, raw));
    });
}

async function runScan(paths: readonly string[], raw: RawScanOptions): Promise<number> {
  const missing = await missingPaths(paths);
  if (missing.length > 0) {
    for (const path of missing) process.stderr.write(`fwsift: cannot scan ${JSON.stringify(path)}: no such file or directory\n`);
    process.stderr.write('fwsift: nothing was scanned\n');
    return exitCodes.error;
  }
  const output = await openReportOutput(raw);
  if ('error' in output) {
    process.stderr.write(`fwsift: ${output.error}\nfwsift: nothing was scanned\n`);
    return exitCodes.error;
  }
  let report;
  try {
    const bar = raw.progress && raw.quiet !== true && process.stderr.isTTY === true ? createProgressBar(process.stderr) : undefined;
    try {
      const hooks = bar === undefined ? output.hooks : { ...output.hooks, onProgress: bar.update };
      report = raw.jobs === 1 && raw.cache === undefined ? await scan(paths, resolveScanOptions(raw), hooks) : await scanWithScale(paths, resolveScanOptions(raw), raw, hooks);
    } finally {
      bar?.finish();
    }
  } catch (error) {
    if (!(error instanceof PatternPackError || error instanceof ScaleUsageError)) throw error;
    process.stderr.write(`fwsift: ${error.message}\nfwsift: nothing was scanned\n`);
    return exitCodes.error;
  }
  report = await output.finish(report);
  if (raw.quiet !== true) {
    const summary = renderSummary(report);
    (output.written && output.file === undefined ? process.stderr : process.stdout).write(summary.endsWith('\n') ? summary : `${summary}\n`);
    if (output.file !== undefined) process.stdout.write(`report written to ${output.file}\n`);
  }
  return exitCode(report, { failOn: raw.failOn, allowPartial: raw.allowPartial === true });
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

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

const sizeUnits: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

export function parseSize(value: string): number {
  const match = /^(\d+)([KMGT]?)i?B?$/i.exec(value);
  const bytes = match === null ? NaN : Number(match[1]) * sizeUnits[match[2]!.toUpperCase()]!;
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError('expected a size such as 512M or 16G');
  return bytes;
}
