/**
 * The threads this machine can use: the default of `fwsift worker --jobs` (a queue worker is
 * given a machine of its own), and what `scan --jobs` offers in its help. Worker threads run the compiled
 * pool worker (dist/scale/pool-worker.js); when fwsift runs from its TypeScript sources (the
 * test runner) there is none, and scans stay in one thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

export const poolWorkerUrl = new URL('./pool-worker.js', import.meta.url);

export function threadsAvailable(): boolean {
  return existsSync(fileURLToPath(poolWorkerUrl));
}

export function defaultJobs(): number {
  return threadsAvailable() ? availableParallelism() : 1;
}
