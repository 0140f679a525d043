/**
 * A Redis for the queue tests: the one named by FWSIFT_TEST_REDIS_URL (.ci/run starts it), else
 * a redis-server started here on a free port with a password and stopped after the tests. When
 * neither exists the tests are skipped and say why.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface TestRedis {
  readonly url: string;
  stop(): Promise<void>;
}

export const redisSkipReason: string | undefined =
  process.env['FWSIFT_TEST_REDIS_URL'] !== undefined || spawnSync('redis-server', ['--version']).status === 0
    ? undefined
    : 'redis-server is not installed and FWSIFT_TEST_REDIS_URL is not set (CI installs Debian\'s redis-server)';

export async function startTestRedis(): Promise<TestRedis> {
  const given = process.env['FWSIFT_TEST_REDIS_URL'];
  if (given !== undefined) return { url: given, stop: async () => undefined };
  const port = await freePort();
  const password = 'fwsift-test';
  const server: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Ready to accept connections')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${seen}`)));
  });
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
