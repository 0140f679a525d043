/** `fwsift worker`: runs queue jobs on this machine until stopped (SIGINT/SIGTERM finish the jobs in hand) or, with --exit-when-idle, until the queue is empty. */
import type { Command } from 'commander';
import { defaultJobs, startQueueWorker, threadsAvailable, ScaleUsageError } from '../../index.js';
import { exitCodes } from '../exit-code.js';
import { addTargetOptions, queueTarget, reportingErrors, type RawTarget } from './queue.js';
import { describeScale, parseJobs } from './scale-options.js';

interface RawWorkerOptions extends RawTarget {
  readonly jobs: number;
  readonly exitWhenIdle?: boolean;
  readonly lockSeconds: number;
  readonly quiet?: boolean;
}

export function registerWorker(program: Command, setStatus: (code: number) => void): void {
  addTargetOptions(program.command('worker').description('scan inputs from a queue (fwsift queue add) on this machine; the inputs must be readable here at the paths they were added with'))
    .option('-j, --jobs <n>', 'inputs scanned at once on worker threads (default: the available parallelism)', parseJobs, defaultJobs())
    .option('--exit-when-idle', 'stop once nothing is waiting or running in the queue (batch runs)')
    .option('--lock-seconds <n>', 'a job whose worker has not renewed its lock for N seconds (a dead worker) is given to another', parseJobs, 30)
    .option('-q, --quiet', 'print nothing per input')
    .action(async (raw: RawWorkerOptions) => {
      setStatus(
        await reportingErrors(async () => {
          if (!threadsAvailable()) throw new ScaleUsageError('the worker needs the compiled pool worker (run "npm run build")');
          const running = await startQueueWorker(queueTarget(raw), {
            jobs: raw.jobs,
            exitWhenIdle: raw.exitWhenIdle === true,
            lockSeconds: raw.lockSeconds,
            ...(raw.quiet === true ? {} : { onJob: (job) => process.stderr.write(`input ${job.seq} ${job.status}${job.message === undefined ? '' : `: ${job.message}`}\n`) }),
          });
          const stop = () => void running.stop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          const { completed, failed, threads } = await running.done;
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          process.stderr.write(`worker stopped: ${completed} inputs done, ${failed} failed\n${describeScale({ workers: threads })}`);
          return exitCodes.clean;
        }),
      );
    });
}
