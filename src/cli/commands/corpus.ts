/** `fwsift corpus REPORT… -o matrix.html|.json|.csv`: many reports as one term × version matrix with a timeline. */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { CorpusBuilder, corpusFormatFromPath, corpusFormats, renderCorpus, type CorpusFormat } from '../../index.js';
import { exitCodes } from '../exit-code.js';
import { readReport, writeText } from '../report-output.js';

interface RawCorpusOptions {
  readonly output?: string;
  readonly format?: CorpusFormat;
  readonly quiet?: boolean;
}

export function registerCorpus(program: Command, setStatus: (code: number) => void): void {
  program
    .command('corpus')
    .description('put many reports in one view: inputs as columns in version order, terms as rows, first and last seen, a timeline')
    .argument('<reports...>', 'saved reports (JSON or NDJSON), one or more inputs each')
    .option('-o, --output <file>', 'write to FILE; the format follows the extension (.html .json .csv)')
    .addOption(new Option('--format <format>', 'matrix format (without -o: written to standard output)').choices(corpusFormats))
    .option('-q, --quiet', 'print no summary line')
    .action(async (paths: string[], raw: RawCorpusOptions) => {
      setStatus(await runCorpus(paths, raw));
    });
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
    builder.addReport(basename(path), read.report);
  }
  const matrix = builder.build();
  await writeText(renderCorpus(matrix, format), output);
  if (raw.quiet !== true) process.stderr.write(`fwsift corpus: ${matrix.rows.length} terms × ${matrix.columns.length} inputs\n`);
  return exitCodes.clean;
}
