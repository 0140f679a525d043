/** `fwsift verify REPORT`: re-open the inputs and re-prove every input hash and every finding. */
import type { Command } from 'commander';
import { verify, type VerifyResult } from '../../index.js';
import { exitCodes } from '../exit-code.js';
import { readReport } from '../report-output.js';

interface RawVerifyOptions {
  readonly root?: string;
  readonly quiet?: boolean;
}

export function registerVerify(program: Command, setStatus: (code: number) => void): void {
  program
    .command('verify')
    .description('re-open every input of a report, check its sha256, and re-walk every finding to its bytes')
    .argument('<report>', 'the report file (JSON or NDJSON)')
    .option('--root <dir>', 'resolve relative input paths against DIR (default: the current directory)')
    .option('-q, --quiet', 'print only failures and the last line')
    .action(async (path: string, raw: RawVerifyOptions) => {
      setStatus(await runVerify(path, raw));
    });
}

async function runVerify(path: string, raw: RawVerifyOptions): Promise<number> {
  const read = await readReport(path);
  if ('error' in read) {
    process.stderr.write(`fwsift: ${read.error}\n`);
    return exitCodes.error;
  }
  const counts = { ok: 0, failed: 0, skipped: 0 };
  const result = await verify(read.report, {
    ...(raw.root === undefined ? {} : { root: raw.root }),
    onResult: (item) => {
      counts[item.status]++;
      if (raw.quiet !== true || item.status === 'failed') process.stdout.write(`${line(item)}\n`);
    },
  });
  const total = counts.ok + counts.failed + counts.skipped;
  process.stdout.write(
    result.ok
      ? `verified: ${counts.ok} of ${total} checks OK${counts.skipped === 0 ? '' : `, ${counts.skipped} skipped (not scanned)`}\n`
      : `FAILED: ${counts.failed} of ${total} checks failed\n`,
  );
  return result.ok ? exitCodes.clean : exitCodes.findings;
}

/** `input <path>: OK`, `finding <id> <term> at <where> @ 0x…: FAILED: <reason>`. */
function line(item: VerifyResult): string {
  const status = item.status === 'ok' ? 'OK' : item.status === 'failed' ? `FAILED: ${item.reason ?? ''}` : `SKIPPED: ${item.reason ?? ''}`;
  return `${item.label}: ${status}`;
}
