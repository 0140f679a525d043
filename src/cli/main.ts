/**
 * Command-line wiring only: commander parses raw strings, `resolve*` turns them into library
 * options or usage errors, the library does the work, and `exitCode` decides the status.
 */
import { Command, CommanderError } from 'commander';
import { toolVersion } from '../index.js';
import { registerPatterns } from './commands/patterns.js';
import { registerQueue } from './commands/queue.js';
import { registerRender } from './commands/render.js';
import { registerScan } from './commands/scan.js';
import { registerVerify } from './commands/verify.js';
import { registerWorker } from './commands/worker.js';
import { exitCodes } from './exit-code.js';

export async function main(argv: readonly string[]): Promise<number> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
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
  registerQueue(program, setStatus);
  registerWorker(program, setStatus);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? exitCodes.clean : exitCodes.error;
    }
    throw error;
  }
  return status;
}
