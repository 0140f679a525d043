/** Option values typed on the command line or in `fwsift.config.json`: counts and byte sizes. */
import { InvalidArgumentError } from 'commander';

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

const sizeUnits: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** `512`, `64K`, `512M`, `16G`, `1TiB`… (binary units) → bytes. */
export function parseSize(value: string): number {
  const match = /^(\d+)([KMGT]?)i?B?$/i.exec(value);
  const bytes = match === null ? NaN : Number(match[1]) * sizeUnits[match[2]!.toUpperCase()]!;
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError('expected a size such as 512M or 16G');
  return bytes;
}

/** Commander's collector for a repeatable option: `--patterns a.json --patterns b.json`. */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}
