/** A plain ioredis client for fwsift's own keys beside BullMQ's (run options, input numbering). */
import type { Redis } from 'ioredis';
import { redisOptions, type QueueTarget } from './connection.js';

export async function openRedis(target: QueueTarget): Promise<Redis> {
  const { Redis: Client } = await import('ioredis');
  const client = new Client({ ...redisOptions(target), lazyConnect: false });
  // Connection tries are retried and the command's own call reports the failure; no log per try.
  client.on('error', () => undefined);
  return client;
}
