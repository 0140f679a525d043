/**
 * SIGINT, SIGTERM and SIGHUP during a scan: the first aborts the scan through an `AbortSignal`
 * (the library then stops, removes its temporary files and returns a report marked
 * `interrupted`, which the CLI writes atomically); the exit status is 128 + the signal's
 * number (130, 143, 129), as shells expect. A second signal exits at once, still removing the
 * CLI's own temporary files.
 */
import { constants } from 'node:os';
import { runCleanups } from './cleanup.js';

export const interruptSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type InterruptSignal = (typeof interruptSignals)[number];

export interface Interruption {
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  received(): InterruptSignal | undefined;
  /** Removes the handlers (the default behaviour of each signal returns). */
  dispose(): void;
}

/** The conventional exit status for a process ended by `signal`: 128 + its number. */
export function signalExitCode(signal: InterruptSignal): number {
  return 128 + constants.signals[signal];
}

export function watchInterrupts(stderr: NodeJS.WritableStream = process.stderr): Interruption {
  const controller = new AbortController();
  let first: InterruptSignal | undefined;
  const handlers = interruptSignals.map((name) => {
    const handler = () => {
      if (first !== undefined) {
        runCleanups();
        process.exit(signalExitCode(first));
      }
      first = name;
      stderr.write(`\nfwsift: ${name}: stopping; writing a report of what was scanned (send it again to quit at once)\n`);
      controller.abort(new Error(`interrupted by ${name}`));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    received: () => first,
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
