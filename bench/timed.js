// Runs an external command under GNU time (when present) for its CPU time and peak RSS.
import { spawnSync } from 'node:child_process';

const hasGnuTime = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

/**
 * Runs `command args`; exit statuses in `okStatuses` are success (rg and yara use 1 for "no
 * match"). Returns `{ value: stdout, cpuMs, maxRssKiB, wallMs }` (NaN without GNU time), the shape
 * `timeRuns` takes.
 */
export function timedCommand(command, args, { okStatuses = [0, 1], cwd } = {}) {
  const argv = hasGnuTime ? ['/usr/bin/time', '-f', 'fwsift-bench-cpu %U %S %M %e', command, ...args] : [command, ...args];
  const result = spawnSync(argv[0], argv.slice(1), { maxBuffer: 1 << 30, cwd });
  if (!okStatuses.includes(result.status)) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const match = /fwsift-bench-cpu ([\d.]+) ([\d.]+) (\d+) ([\d.]+)/.exec(result.stderr.toString());
  return {
    value: result.stdout,
    cpuMs: match ? (Number(match[1]) + Number(match[2])) * 1000 : Number.NaN,
    maxRssKiB: match ? Number(match[3]) : Number.NaN,
    wallMs: match ? Number(match[4]) * 1000 : Number.NaN,
  };
}

/** First non-empty line of `command flag`, or undefined when it is not installed. */
export function toolVersion(command, flag = '--version') {
  const result = spawnSync(command, [flag], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return `${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim()).find((line) => line.length > 0);
}
