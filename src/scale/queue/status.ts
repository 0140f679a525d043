/** `fwsift queue status`: how many inputs are done, running, failed and waiting, and how fast they finish. */
import { openQueue, type QueueTarget } from './connection.js';

export interface QueueStatus {
  readonly waiting: number;
  readonly running: number;
  /** Waiting for a retry after a failed try. */
  readonly delayed: number;
  readonly done: number;
  readonly failed: number;
  /** Inputs finished in the last minute. */
  readonly perMinute: number;
  /** At that rate, seconds until the waiting, delayed and running inputs are done; undefined when nothing finished lately. */
  readonly etaSeconds?: number;
}

/** Finished jobs looked at for the rate: enough for any rate a cluster reaches in a minute. */
const rateSample = 5000;

export async function queueStatus(target: QueueTarget, now: number = Date.now()): Promise<QueueStatus> {
  const queue = await openQueue(target);
  try {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
    const recent = await queue.getJobs(['completed', 'failed'], 0, rateSample - 1, false);
    const perMinute = recent.filter((job) => job.finishedOn !== undefined && job.finishedOn >= now - 60_000).length;
    const waiting = (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0);
    const running = counts['active'] ?? 0;
    const delayed = counts['delayed'] ?? 0;
    const left = waiting + running + delayed;
    return {
      waiting,
      running,
      delayed,
      done: counts['completed'] ?? 0,
      failed: counts['failed'] ?? 0,
      perMinute,
      ...(perMinute > 0 ? { etaSeconds: Math.ceil((left / perMinute) * 60) } : {}),
    };
  } finally {
    await queue.close();
  }
}

export function renderQueueStatus(status: QueueStatus): string {
  const eta = status.etaSeconds === undefined ? '' : `, about ${formatSeconds(status.etaSeconds)} left`;
  return [
    `done ${status.done}  running ${status.running}  failed ${status.failed}  waiting ${status.waiting}  retrying ${status.delayed}`,
    `${status.perMinute} inputs finished in the last minute${eta}`,
  ].join('\n');
}

function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
