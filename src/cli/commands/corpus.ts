/**
 * `fwsift corpus REPORT… -o matrix.html|.json|.csv`: many reports as one term × version matrix
 * with a timeline. With `--read-inputs`, each input is walked again for the lineage evidence only
 * its bytes show (certificates, web UI resource names, default strings).
 */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { byteLineageItems, CorpusBuilder, corpusFormatFromPath, corpusFormats, renderCorpus, visitObjects, type CorpusFormat, type LineageItem, type Report } from '../../index.js';
import { exitCodes } from '../exit-code.js';
import { readReport, writeText } from '../report-output.js';

interface RawCorpusOptions {
  readonly output?: string;
  readonly format?: CorpusFormat;
  readonly readInputs?: boolean;
  readonly root?: string;
  readonly quiet?: boolean;
}

export function registerCorpus(program: Command, setStatus: (code: number) => void): void {
  program
    .command('corpus')
    .description('put many reports in one view: inputs as columns in version order, terms as rows, first and last seen, a timeline')
    .argument('<reports...>', 'saved reports (JSON or NDJSON), one or more inputs each')
    .option('-o, --output <file>', 'write to FILE; the format follows the extension (.html .json .csv)')
    .addOption(new Option('--format <format>', 'matrix format (without -o: written to standard output)').choices(corpusFormats))
    .option('--read-inputs', 'walk each input again for lineage evidence in its bytes: vendor certificates, web UI resource names, default strings (one more read of every input)')
    .option('--root <dir>', 'with --read-inputs: directory that relative input paths are resolved against (default: the current directory)')
    .option('-q, --quiet', 'print no summary line')
    .action(async (paths: string[], raw: RawCorpusOptions) => {
      setStatus(await runCorpus(paths, raw));
    });
}

/** Lineage items in each input's bytes; an input that cannot be read is said so on stderr and keeps its report-only lineage. */
async function inputLineage(report: Report, root: string | undefined): Promise<Map<string, LineageItem[]>> {
  const byInput = new Map<string, LineageItem[]>();
  for (const input of report.inputs) {
    const found = await byteLineageItems(input.path, (path, open) => visitObjects(path, open, root === undefined ? {} : { root }));
    if (found.error !== undefined) process.stderr.write(`fwsift: lineage: ${found.error}\n`);
    // Keyed as the corpus keys inputs (src/report/diff-place.ts losslessString).
    byInput.set(typeof input.path === 'string' ? input.path : `base64:${input.path.base64}`, found.items);
  }
  return byInput;
}

async function runCorpus(paths: readonly string[], raw: RawCorpusOptions): Promise<number> {
  const output = raw.output === '-' ? undefined : raw.output;
  const format = raw.format ?? (output === undefined ? undefined : corpusFormatFromPath(output));
  if (format === undefined) {
    process.stderr.write('fwsift: corpus needs --format, or -o FILE ending in .html, .json or .csv\n');
    return exitCodes.error;
  }
  const builder = new CorpusBuilder();
  // One report in memory at a time: the builder keeps only counts.
  for (const path of paths) {
    const read = await readReport(path);
    if ('error' in read) {
      process.stderr.write(`fwsift: ${read.error}\n`);
      return exitCodes.error;
    }
    builder.addReport(basename(path), read.report, raw.readInputs === true ? await inputLineage(read.report, raw.root) : undefined);
  }
  const matrix = builder.build();
  await writeText(renderCorpus(matrix, format), output);
  if (raw.quiet !== true) process.stderr.write(`fwsift corpus: ${matrix.rows.length} terms × ${matrix.columns.length} inputs\n`);
  return exitCodes.clean;
}
