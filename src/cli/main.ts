/**
 * Command-line wiring only: commander parses raw strings, `resolve*` turns them into library
 * options or usage errors, the library does the work, and `exitCode` decides the status.
 */
import { Command, CommanderError } from 'commander';
import { toolVersion } from '../index.js';
import { registerCorpus } from './commands/corpus.js';
import { registerDiff } from './commands/diff.js';
import { registerPatterns } from './commands/patterns.js';
import { registerQueue } from './commands/queue.js';
import { registerRender } from './commands/render.js';
import { registerScan } from './commands/scan.js';
import { registerVerify } from './commands/verify.js';
import { registerWorker } from './commands/worker.js';
import { runCleanups } from './cleanup.js';
import { decidedExitCode, exitCodes } from './exit-code.js';
import { ioFailure } from './output-file.js';

let stdoutWatched = false;

/**
 * Standard output fails asynchronously. A reader that closes the pipe (`| head`) after the exit
 * status is decided (`decideExitCode`, called before a report is written) ends the process
 * quietly with that status; one that closes it mid-scan (NDJSON streams as inputs finish) ends
 * it with one line and exit 2, since the rest was not scanned and the run is not clean. Any
 * other failure (`> /dev/full`) is one line and exit 2. Temporary files go either way.
 */
function watchStdout(): void {
  if (stdoutWatched) return;
  stdoutWatched = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    const decided = decidedExitCode();
    if (error.code !== 'EPIPE') process.stderr.write(`fwsift: ${ioFailure('write', 'standard output', error).message}\n`);
    else if (decided === undefined) process.stderr.write('fwsift: standard output was closed before the scan finished; the rest was not scanned\n');
    runCleanups();
    process.exit(error.code === 'EPIPE' && decided !== undefined ? decided : exitCodes.error);
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  watchStdout();
  let status: number = exitCodes.clean;
  const setStatus = (code: number) => {
    status = code;
  };
  const program = new Command('fwsift')
    .description('Audit firmware, SDK archives and product pages for ethnicity, race and skin-colour analytics.')
    .version(toolVersion)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`fwsift: ${text.replace(/^error: /, '')}`) });

  registerScan(program, setStatus);
  registerRender(program, setStatus);
  registerVerify(program, setStatus);
  registerPatterns(program, setStatus);
  registerDiff(program, setStatus);
  registerCorpus(program, setStatus);
  registerQueue(program, setStatus);
  registerWorker(program, setStatus);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    // Help (`fwsift help`, `--help`) and `--version` end with exit code 0; usage errors with 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.clean : exitCodes.error;
    throw error;
  }
  return status;
}
