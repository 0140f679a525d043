/**
 * `fwsift queue add|status|collect|clear`: a BullMQ queue on Redis holding one job per input,
 * for scans spread over machines (`fwsift worker` runs the jobs). docs/scale.md says how to run
 * it on a cluster.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { clearQueue, collectReport, defaultQueueName, defaultRetry, enqueueInputs, PatternPackError, queueStatus, readManifest, renderQueueStatus, renderSummary, ScaleUsageError, type QueueTarget } from '../../index.js';
import { exitCode, exitCodes, type FailOn } from '../exit-code.js';
import { formatChoices, openReportOutput, type OutputRequest } from '../report-output.js';
import { resolveScanOptions } from './scan.js';

export interface RawTarget {
  readonly redis: string;
  readonly redisPassword?: string;
  readonly queue: string;
}

/** Options every queue command and the worker take: where the queue is. */
export function addTargetOptions(command: Command): Command {
  return command
    .requiredOption('--redis <url>', 'Redis holding the queue: redis://[user[:password]@]host[:port][/db], rediss:// for TLS')
    .addOption(new Option('--redis-password <password>', 'Redis password (overrides one in the URL; better from the environment)').env('FWSIFT_REDIS_PASSWORD'))
    .option('--queue <name>', 'queue name: one queue holds one run', defaultQueueName);
}

export function queueTarget(raw: RawTarget): QueueTarget {
  return { redisUrl: raw.redis, queueName: raw.queue, ...(raw.redisPassword === undefined ? {} : { password: raw.redisPassword }) };
}

/** Scan settings `queue add` shares with `scan` (the same Option objects, so they cannot drift apart). */
const sharedScanFlags = ['--patterns', '--patterns-only', '--max-depth', '--max-expand', '--max-entries', '--max-ratio', '--max-seconds'];

export function registerQueue(program: Command, setStatus: (code: number) => void): void {
  const queue = program.command('queue').description('spread a scan over machines: a BullMQ queue of inputs on Redis (see docs/scale.md)');
  const scanCommand = program.commands.find((command) => command.name() === 'scan');

  const add = addTargetOptions(queue.command('add').description('enqueue one job per input (directories are walked here, as scan walks them)').argument('[paths...]', 'files or directories'))
    .option('--manifest <file>', 'also enqueue the paths listed in FILE, one per line (file:// URLs allowed; # comments)')
    .option('--attempts <n>', 'tries per input before it is reported failed', parseWhole, defaultRetry.attempts)
    .option('--backoff <seconds>', 'delay before the first retry, doubled for each further one', parseWhole, defaultRetry.backoffMs / 1000);
  for (const option of scanCommand?.options.filter((candidate) => sharedScanFlags.includes(candidate.long ?? '')) ?? []) add.addOption(option);
  add.action(async (paths: string[], raw: RawTarget & { manifest?: string; attempts: number; backoff: number } & Parameters<typeof resolveScanOptions>[0]) => {
    setStatus(
      await reportingErrors(async () => {
        const all = [...paths, ...(raw.manifest === undefined ? [] : await readManifest(raw.manifest))];
        if (all.length === 0) throw new ScaleUsageError('nothing to add: give paths or --manifest');
        const { added } = await enqueueInputs(queueTarget(raw), all, resolveScanOptions(raw), { attempts: raw.attempts, backoffMs: raw.backoff * 1000 });
        process.stdout.write(`${added} inputs added to queue "${raw.queue}"\n`);
        return exitCodes.clean;
      }),
    );
  });

  addTargetOptions(queue.command('status').description('inputs done, running, failed and waiting, and the rate they finish at'))
    .option('--json', 'print the counts as JSON')
    .action(async (raw: RawTarget & { json?: boolean }) => {
      setStatus(
        await reportingErrors(async () => {
          const status = await queueStatus(queueTarget(raw));
          process.stdout.write(raw.json === true ? `${JSON.stringify(status)}\n` : `${renderQueueStatus(status)}\n`);
          return exitCodes.clean;
        }),
      );
    });

  addTargetOptions(queue.command('collect').description('merge the results of a finished queue into one report'))
    .option('-o, --output <file>', 'write the report to FILE ("-" for standard output); the format follows the extension, else JSON')
    .addOption(new Option('--format <format>', 'report format').choices(formatChoices))
    .option('--category <name>', 'SARIF: run.automationDetails.id "<name>/"')
    .option('--redact', 'leave the decoded and hex context of findings out of the report')
    .option('--baseline <report>', 'mark findings new or unchanged against an earlier report')
    .option('--ignore <file>', 'suppress findings listed in a JSON ignore file')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding has at least this confidence').choices(['high', 'medium', 'low', 'none']).default('medium'))
    .option('--allow-partial', 'exit 0/1 even when an input could not be scanned completely (otherwise 2)')
    .option('-q, --quiet', 'print no summary')
    .action(async (raw: RawTarget & OutputRequest & { failOn: FailOn; allowPartial?: boolean; quiet?: boolean }) => {
      setStatus(
        await reportingErrors(async () => {
          const output = await openReportOutput(raw);
          if ('error' in output) throw new ScaleUsageError(output.error);
          const report = output.prepare(await collectReport(queueTarget(raw), output.hooks));
          await output.write(report);
          if (raw.quiet !== true) {
            const summary = renderSummary(report);
            (output.written && output.file === undefined ? process.stderr : process.stdout).write(summary.endsWith('\n') ? summary : `${summary}\n`);
            if (output.file !== undefined) process.stdout.write(`report written to ${output.file}\n`);
          }
          return exitCode(report, { failOn: raw.failOn, allowPartial: raw.allowPartial === true });
        }),
      );
    });

  addTargetOptions(queue.command('clear').description('remove the queue\'s jobs, results and run')).action(async (raw: RawTarget) => {
    setStatus(
      await reportingErrors(async () => {
        await clearQueue(queueTarget(raw));
        process.stdout.write(`queue "${raw.queue}" cleared\n`);
        return exitCodes.clean;
      }),
    );
  });
}

/** Usage problems and an unreachable Redis are printed and exit 2; anything else is a bug and throws. */
export async function reportingErrors(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ScaleUsageError || error instanceof PatternPackError || isConnectionError(error))) throw error;
    process.stderr.write(`fwsift: ${error.message}\n`);
    return exitCodes.error;
  }
}

function isConnectionError(error: unknown): error is Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return error instanceof Error && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || /NOAUTH|WRONGPASS|ECONNREFUSED/.test(error.message));
}

function parseWhole(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}
