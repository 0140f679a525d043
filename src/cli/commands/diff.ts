/**
 * `fwsift diff OLD NEW`: what was added, kept, removed or scrubbed between two versions. OLD
 * and NEW are saved reports (JSON or NDJSON, validated) or inputs (files or directories),
 * which are scanned first with the shipped packs.
 */
import { readFile, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { diffFormatFromPath, diffFormats, diffReports, PatternPackError, readObject, renderDiff, scan, type ChainLinkJson, type DiffFormat, type Encoding, type LosslessText, type Report } from '../../index.js';
import { exitCodes } from '../exit-code.js';
import { readReport, writeText } from '../report-output.js';

interface RawDiffOptions {
  readonly output?: string;
  readonly format?: DiffFormat;
  readonly category?: string;
  readonly failOn: 'added' | 'changed' | 'none';
  readonly allowPartial?: boolean;
  readonly root?: string;
  readonly quiet?: boolean;
}

/** Objects larger than this are not read back for scrub detection (only finding contexts are used). */
const maxObjectTextBytes = 64 * 1024 * 1024;
/** Encodings TextDecoder decodes; UTF-32 objects fall back to finding contexts. */
const decodable: ReadonlySet<Encoding> = new Set(['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5']);

export function registerDiff(program: Command, setStatus: (code: number) => void): void {
  program
    .command('diff')
    .description('compare two versions: findings added, kept, removed or scrubbed (renamed to a placeholder at the same position)')
    .argument('<old>', 'the earlier report, or the earlier input (file or directory) to scan')
    .argument('<new>', 'the later report, or the later input to scan')
    .option('-o, --output <file>', 'write the diff to FILE; the format follows the extension (.json .md .html .sarif), else JSON')
    .addOption(new Option('--format <format>', 'diff format; sarif lists only added findings as results').choices(diffFormats))
    .option('--category <name>', 'SARIF: run.automationDetails.id "<name>/"')
    .addOption(new Option('--fail-on <what>', 'exit 1 when the diff has added findings (added) or any change (changed)').choices(['added', 'changed', 'none']).default('none'))
    .option('--allow-partial', 'do not exit 2 because a scanned input was only partly scanned')
    .option('--root <dir>', 'directory that relative input paths of saved reports are resolved against, to read objects back (default: the current directory)')
    .option('-q, --quiet', 'print no summary line')
    .action(async (oldPath: string, newPath: string, raw: RawDiffOptions) => {
      setStatus(await runDiff(oldPath, newPath, raw));
    });
}

/** A saved report when the file parses as one; otherwise the path is scanned. */
async function loadSide(path: string): Promise<{ readonly report: Report } | { readonly error: string }> {
  let isFile = false;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    return { error: `cannot read ${JSON.stringify(path)}: no such file or directory` };
  }
  if (isFile && (await looksLikeReport(path))) return readReport(path);
  try {
    return { report: await scan([path]) };
  } catch (error) {
    if (error instanceof PatternPackError) return { error: error.message };
    throw error;
  }
}

async function looksLikeReport(path: string): Promise<boolean> {
  const head = (await readFile(path)).subarray(0, 64).toString('utf8').trimStart();
  return head.startsWith('{"reportSchemaVersion"') || head.startsWith('{\n  "reportSchemaVersion"') || head.startsWith('{"type":');
}

/**
 * NEW's object text for scrub detection: the input file itself or a member inside it (a header
 * in an SDK tar.gz or zip), read back by chain. An input that moved since the report was
 * written, or an object over the size bound, falls back to finding contexts.
 */
function objectTextReader(root: string | undefined) {
  return async (input: LosslessText, chain: readonly ChainLinkJson[], encoding: Encoding, byPlace: boolean): Promise<string | undefined> => {
    if (!decodable.has(encoding)) return undefined;
    const read = await readObject(input, chain, { byPlace, maxBytes: maxObjectTextBytes, ...(root === undefined ? {} : { root }) });
    return 'bytes' in read ? new TextDecoder(encoding).decode(read.bytes) : undefined;
  };
}

async function runDiff(oldPath: string, newPath: string, raw: RawDiffOptions): Promise<number> {
  const output = raw.output === '-' ? undefined : raw.output;
  const format = raw.format ?? (output === undefined ? undefined : diffFormatFromPath(output)) ?? 'json';
  const sides: Report[] = [];
  for (const path of [oldPath, newPath]) {
    const side = await loadSide(path);
    if ('error' in side) {
      process.stderr.write(`fwsift: ${side.error}\n`);
      return exitCodes.error;
    }
    sides.push(side.report);
  }
  const [oldReport, newReport] = sides as [Report, Report];
  const diff = await diffReports(oldReport, newReport, { newObjectText: objectTextReader(raw.root) });
  await writeText(renderDiff(diff, newReport, format, raw.category === undefined ? {} : { category: raw.category }), output);
  const { summary } = diff;
  if (raw.quiet !== true) process.stderr.write(`fwsift diff: ${summary.added} added, ${summary.removed} removed, ${summary.scrubbed} scrubbed, ${summary.kept} kept\n`);
  const partial = [oldReport, newReport].some((report) => report.inputs.some((input) => input.status === 'partial' || input.status === 'failed'));
  if (partial && raw.allowPartial !== true) {
    process.stderr.write('fwsift: an input was not scanned completely: a removal may be what could not be read (use --allow-partial to accept)\n');
    return exitCodes.error;
  }
  if (raw.failOn === 'added' && summary.added > 0) return exitCodes.findings;
  if (raw.failOn === 'changed' && summary.changed > 0) return exitCodes.findings;
  return exitCodes.clean;
}
