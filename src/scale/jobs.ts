/**
 * The threads this machine can use: the default of `fwsift worker --jobs` (a queue worker is
 * given a machine of its own), and what `scan --jobs` offers in its help. Worker threads run the
 * pool worker bundled into one file by `npm run build` (dist/scale/pool-worker.bundle.cjs: it
 * starts in a fraction of the time its ~240 modules take), else the compiled module
 * (dist/scale/pool-worker.js); when fwsift runs from its TypeScript sources (the test runner)
 * there is neither, and scans stay in one thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const bundledWorkerUrl = new URL('./pool-worker.bundle.cjs', import.meta.url);
export const poolWorkerUrl = existsSync(fileURLToPath(bundledWorkerUrl)) ? bundledWorkerUrl : new URL('./pool-worker.js', import.meta.url);

export function threadsAvailable(): boolean {
  return existsSync(fileURLToPath(poolWorkerUrl));
}

export function defaultJobs(): number {
  return threadsAvailable() ? availableParallelism() : 1;
}
