/**
 * Where the queue lives: a Redis URL (`redis://[user:password@]host:port[/db]`, `rediss://` for
 * TLS), a password given apart from the URL so it need not appear in process listings, and the
 * queue's name. BullMQ is loaded only by the queue commands, so `fwsift scan` never pays for it.
 */
import { ScaleUsageError } from '../usage-error.js';

export interface QueueTarget {
  readonly redisUrl: string;
  /** Overrides a password in the URL. */
  readonly password?: string;
  /** BullMQ queue name. Default "fwsift". */
  readonly queueName?: string;
}

export const defaultQueueName = 'fwsift';

/** What both ioredis and BullMQ accept as connection options. */
export interface RedisConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  readonly tls?: Record<string, never>;
  readonly maxRetriesPerRequest: number | null;
  readonly retryStrategy?: (times: number) => number | null;
}

/** Tries to reach Redis before a one-shot command (add, status, collect) gives up. */
const oneShotConnectTries = 5;

/**
 * `blocking`: a worker waits on Redis and must ride out restarts, so ioredis retries forever;
 * one-shot commands give up after a few tries instead of hanging.
 */
export function redisOptions(target: QueueTarget, blocking = false): RedisConnectionOptions {
  let url: URL;
  try {
    url = new URL(target.redisUrl);
  } catch {
    throw new ScaleUsageError(`--redis: not a URL: ${target.redisUrl}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ScaleUsageError(`--redis: expected redis:// or rediss://, got ${url.protocol}//`);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isSafeInteger(db) || db < 0) throw new ScaleUsageError(`--redis: bad database number in ${url.pathname}`);
  const password = target.password ?? (url.password === '' ? undefined : decodeURIComponent(url.password));
  return {
    host: url.hostname,
    port: url.port === '' ? 6379 : Number(url.port),
    db,
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(password === undefined ? {} : { password }),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    ...(blocking
      ? { maxRetriesPerRequest: null } // BullMQ requires it for workers.
      : { maxRetriesPerRequest: 1, retryStrategy: (times: number) => (times >= oneShotConnectTries ? null : Math.min(times * 200, 1000)) }),
  };
}

export function queueName(target: QueueTarget): string {
  return target.queueName ?? defaultQueueName;
}

export async function openQueue(target: QueueTarget) {
  const { Queue } = await import('bullmq');
  const queue = new Queue(queueName(target), { connection: { ...redisOptions(target) } });
  // Each failed connection try is also emitted here; the command's own call reports the last one.
  queue.on('error', () => undefined);
  return queue;
}
