/** `fwsift render REPORT --format …`: convert a saved report (JSON or NDJSON) into another format. */
import { Option, type Command } from 'commander';
import { ChromiumNotFoundError, createPostProcessor } from '../../index.js';
import { exitCodes } from '../exit-code.js';
import { checkWritable, OutputError } from '../output-file.js';
import { chooseFormat, formatChoices, readReport, renderOptionsOf, renderOutput, writeText } from '../report-output.js';

interface RawRenderOptions {
  readonly format?: string;
  readonly output?: string;
  readonly category?: string;
  readonly redact?: boolean;
  readonly title?: string;
  readonly subject?: string;
}

export function registerRender(program: Command, setStatus: (code: number) => void): void {
  program
    .command('render')
    .description('render a saved report (JSON or NDJSON; validated against the schema first) in another format')
    .argument('<report>', 'the report file ("-" for standard input)')
    .addOption(new Option('--format <format>', 'output format (default: from the -o extension)').choices(formatChoices))
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .option('--category <name>', 'SARIF: run.automationDetails.id "<name>/"')
    .option('--redact', 'leave the decoded and hex context of findings out')
    .option('--title <text>', 'Markdown/HTML/PDF: the title on top (default: the one the scan recorded, else "fwsift evidence appendix"; Markdown "fwsift evidence report")')
    .option('--subject <text>', 'Markdown/HTML/PDF: what was audited, e.g. vendor and model, shown under the title')
    .action(async (path: string, raw: RawRenderOptions) => {
      setStatus(await runRender(path, raw));
    });
}

async function runRender(path: string, raw: RawRenderOptions): Promise<number> {
  const output = raw.output === '-' ? undefined : raw.output;
  if (raw.format === undefined && output === undefined) {
    process.stderr.write('fwsift: render needs --format, or -o FILE with an extension (.json .ndjson .sarif .md .html .pdf)\n');
    return exitCodes.error;
  }
  const format = chooseFormat(output, raw.format);
  if (typeof format !== 'string') {
    process.stderr.write(`fwsift: ${format.error}\n`);
    return exitCodes.error;
  }
  const read = await readReport(path);
  if ('error' in read) {
    process.stderr.write(`fwsift: ${read.error}\n`);
    return exitCodes.error;
  }
  const report = raw.redact === true ? createPostProcessor({ redact: true }).finish(read.report) : read.report;
  try {
    if (output !== undefined) await checkWritable(output);
    await writeText(await renderOutput(report, format, renderOptionsOf(raw)), output);
  } catch (error) {
    if (!(error instanceof OutputError || error instanceof ChromiumNotFoundError)) throw error;
    process.stderr.write(`fwsift: ${error.message}\n`);
    return exitCodes.error;
  }
  return exitCodes.clean;
}
