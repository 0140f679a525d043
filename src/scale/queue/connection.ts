/**
 * Where the queue lives: a Redis URL (`redis://[user:password@]host:port[/db]`, `rediss://` for
 * TLS), a password given apart from the URL so it need not appear in process listings, and the
 * queue's name. BullMQ is loaded only by the queue commands, so `fwsift scan` never pays for it.
 */

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
  readonly maxRetriesPerRequest: null;
}

export function redisOptions(target: QueueTarget): RedisConnectionOptions {
  let url: URL;
  try {
    url = new URL(target.redisUrl);
  } catch {
    throw new QueueUsageError(`--redis: not a URL: ${target.redisUrl}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new QueueUsageError(`--redis: expected redis:// or rediss://, got ${url.protocol}//`);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isSafeInteger(db) || db < 0) throw new QueueUsageError(`--redis: bad database number in ${url.pathname}`);
  const password = target.password ?? (url.password === '' ? undefined : decodeURIComponent(url.password));
  return {
    host: url.hostname,
    port: url.port === '' ? 6379 : Number(url.port),
    db,
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(password === undefined ? {} : { password }),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; it requires ioredis not to give up on commands.
    maxRetriesPerRequest: null,
  };
}

export function queueName(target: QueueTarget): string {
  return target.queueName ?? defaultQueueName;
}

/** A bad --redis URL or queue state the user must fix: the commands print it and exit 2. */
export class QueueUsageError extends Error {
  override readonly name = 'QueueUsageError';
}

export async function openQueue(target: QueueTarget) {
  const { Queue } = await import('bullmq');
  return new Queue(queueName(target), { connection: { ...redisOptions(target) } });
}
