/**
 * Child processes that scan mutants (child.ts), a few at a time, each scanning many. A scan that
 * does not answer within the time limit is a hang: its child is killed and replaced; so is a child
 * that died or whose scan passed the RSS limit (its heap may stay grown).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScanAnswer } from './child.js';

export type Outcome = { readonly kind: 'answer'; readonly answer: ScanAnswer } | { readonly kind: 'hang' | 'died'; readonly detail: string };

const childPath = fileURLToPath(new URL('./child.ts', import.meta.url));
const registerPath = fileURLToPath(new URL('./register-ts.mjs', import.meta.url));
/** Heap cap well above the 256 MiB RSS limit: a runaway heap dies here instead of taking the machine. */
const childHeapMiB = 768;

class ScanChild {
  readonly #process: ChildProcess;
  readonly ready: Promise<void>;
  #stderr = '';
  #pending: ((outcome: Outcome) => void) | undefined;

  constructor() {
    this.#process = fork(childPath, [], { execArgv: ['--import', registerPath, '--expose-gc', `--max-old-space-size=${childHeapMiB}`], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.#process.stderr!.on('data', (data: Buffer) => {
      this.#stderr = (this.#stderr + data.toString('utf8')).slice(-2000);
    });
    this.ready = new Promise((resolve, reject) => {
      this.#process.once('message', () => resolve());
      this.#process.once('exit', (code, signal) => reject(new Error(`fuzz child exited before it was ready (${code ?? signal}): ${this.#stderr}`)));
    });
    this.#process.on('message', (message: ScanAnswer) => this.#settle({ kind: 'answer', answer: message }));
    this.#process.on('exit', (code, signal) => this.#settle({ kind: 'died', detail: `child exited (${code ?? signal}): ${this.#stderr.trim().split('\n').slice(-3).join(' | ')}` }));
  }

  scan(id: number, path: string, timeoutMs: number): Promise<Outcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#settle({ kind: 'hang', detail: `no answer after ${timeoutMs} ms` });
        this.kill();
      }, timeoutMs);
      this.#pending = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      this.#process.send({ id, path });
    });
  }

  #settle(outcome: Outcome): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.(outcome);
  }

  get alive(): boolean {
    return this.#process.exitCode === null && this.#process.signalCode === null;
  }

  kill(): void {
    if (this.alive) this.#process.kill('SIGKILL');
  }
}

export class ScanPool {
  readonly #rssLimitKiB: number;
  readonly #timeoutMs: number;
  readonly #idle: ScanChild[] = [];
  readonly #waiting: ((child: ScanChild) => void)[] = [];
  readonly #all = new Set<ScanChild>();
  #peakRssKiB = 0;

  constructor(size: number, options: { readonly timeoutMs: number; readonly rssLimitMiB: number }) {
    this.#timeoutMs = options.timeoutMs;
    this.#rssLimitKiB = options.rssLimitMiB * 1024;
    for (let i = 0; i < size; i++) this.#idle.push(this.#spawn());
  }

  /** The highest peak RSS any child reported (KiB). */
  get peakRssKiB(): number {
    return this.#peakRssKiB;
  }

  async scan(id: number, path: string): Promise<Outcome> {
    const child = this.#idle.pop() ?? (await new Promise<ScanChild>((resolve) => this.#waiting.push(resolve)));
    await child.ready;
    const outcome = await child.scan(id, path, this.#timeoutMs);
    const rss = outcome.kind === 'answer' ? outcome.answer.maxRssKiB : 0;
    this.#peakRssKiB = Math.max(this.#peakRssKiB, rss);
    const replace = outcome.kind !== 'answer' || rss > this.#rssLimitKiB;
    if (replace) {
      child.kill();
      this.#all.delete(child);
    }
    this.#release(replace ? this.#spawn() : child);
    return outcome;
  }

  close(): void {
    for (const child of this.#all) child.kill();
  }

  #spawn(): ScanChild {
    const child = new ScanChild();
    child.ready.catch(() => undefined);
    this.#all.add(child);
    return child;
  }

  #release(child: ScanChild): void {
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) waiter(child);
    else this.#idle.push(child);
  }
}
