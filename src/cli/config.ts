/**
 * `fwsift.config.json`: scan settings kept with a project, so CI and people run the same
 * scan. Found in the working directory or the nearest parent that has one, or named with
 * `--config FILE`. Keys are the long option names in camelCase; relative paths in it are
 * relative to the file's own directory. A value given on the command line wins; lists given on
 * the command line (`--patterns`, `--exclude`) are added to the file's.
 *
 * ```json
 * { "patterns": ["packs/vendor.json"], "ignore": "fwsift-ignore.json", "baseline": "last.json",
 *   "failOn": "high", "exclude": ["**\/docs/**"], "maxDepth": 8, "maxExpand": "4G" }
 * ```
 *
 * Unknown keys and values of the wrong type are errors (exit 2), never ignored.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseCount, parseSize } from './parse-values.js';

export const configFileName = 'fwsift.config.json';

/** Largest config file read: it is a few lines; anything bigger is a mistake. */
const maxConfigBytes = 1024 * 1024;

/** The limit options, named as on the command line (camelCase): a config file and `scan` share them. */
export interface LimitOptions {
  readonly maxDepth?: number;
  readonly maxExpand?: number;
  readonly maxEntries?: number;
  readonly maxRatio?: number;
  readonly maxSeconds?: number;
  readonly maxExpandFactor?: number;
  readonly maxFindingsPerTerm?: number;
  readonly maxTemp?: number;
  readonly stallSeconds?: number;
}

export interface ScanConfig extends LimitOptions {
  readonly patterns?: readonly string[];
  readonly patternsOnly?: boolean;
  readonly ignore?: string;
  readonly baseline?: string;
  readonly failOn?: string;
  readonly allowPartial?: boolean;
  readonly exclude?: readonly string[];
  readonly category?: string;
}

export interface LoadedConfig {
  readonly file: string;
  readonly config: ScanConfig;
}

type Kind = 'paths' | 'path' | 'boolean' | 'string' | 'strings' | 'count' | 'size' | 'level';

export const failOnLevels = ['high', 'medium', 'low', 'none'] as const;

const keys: Readonly<Record<keyof ScanConfig, Kind>> = {
  patterns: 'paths',
  patternsOnly: 'boolean',
  ignore: 'path',
  baseline: 'path',
  failOn: 'level',
  allowPartial: 'boolean',
  exclude: 'strings',
  category: 'string',
  maxDepth: 'count',
  maxExpand: 'size',
  maxEntries: 'count',
  maxRatio: 'count',
  maxSeconds: 'count',
  maxExpandFactor: 'count',
  maxFindingsPerTerm: 'count',
  maxTemp: 'size',
  stallSeconds: 'count',
};

/** The nearest `fwsift.config.json` from `directory` upward, or undefined. */
export async function findConfig(directory: string): Promise<string | undefined> {
  for (let current = resolve(directory); ; current = dirname(current)) {
    const candidate = join(current, configFileName);
    if (await stat(candidate).then((stats) => stats.isFile(), () => false)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/** Reads and validates a config file; rejects with an Error whose message is one line per problem. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const stats = await stat(file).catch((error: unknown) => {
    throw new Error(`cannot read config ${file}: ${(error as Error).message}`);
  });
  if (!stats.isFile()) throw new Error(`config ${file} is not a regular file`);
  if (stats.size > maxConfigBytes) throw new Error(`config ${file} is larger than 1 MiB`);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`config ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseConfig(value, dirname(file));
  if ('problems' in parsed) throw new Error(`config ${file}:\n${parsed.problems.map((problem) => `  ${problem}`).join('\n')}`);
  return { file, config: parsed.config };
}

/** Validates a parsed config object; relative paths are resolved against `base`. Pure. */
export function parseConfig(value: unknown, base: string): { readonly config: ScanConfig } | { readonly problems: readonly string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problems: ['expected a JSON object'] };
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const kind = (keys as Record<string, Kind | undefined>)[key];
    if (kind === undefined) {
      problems.push(`unknown key "${key}" (known: ${Object.keys(keys).join(', ')})`);
      continue;
    }
    const converted = convert(kind, raw, base);
    if (typeof converted === 'object' && converted !== null && 'problem' in converted) problems.push(`"${key}": ${converted.problem}`);
    else config[key] = converted;
  }
  return problems.length > 0 ? { problems } : { config: config as ScanConfig };
}

function convert(kind: Kind, raw: unknown, base: string): unknown {
  const inBase = (path: string) => (isAbsolute(path) ? path : join(base, path));
  const isStrings = Array.isArray(raw) && raw.every((item) => typeof item === 'string' && item !== '');
  switch (kind) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : { problem: 'expected true or false' };
    case 'level':
      return (failOnLevels as readonly unknown[]).includes(raw) ? raw : { problem: `expected one of ${failOnLevels.join(', ')}` };
    case 'string':
      return typeof raw === 'string' && raw !== '' ? raw : { problem: 'expected a non-empty string' };
    case 'path':
      return typeof raw === 'string' && raw !== '' ? inBase(raw) : { problem: 'expected a file path' };
    case 'strings':
      return isStrings ? raw : { problem: 'expected a list of non-empty strings' };
    case 'paths':
      return isStrings ? (raw as string[]).map(inBase) : { problem: 'expected a list of file paths' };
    case 'count':
    case 'size': {
      const parse = kind === 'count' ? parseCount : parseSize;
      try {
        return parse(typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '');
      } catch (error) {
        return { problem: (error as Error).message };
      }
    }
  }
}
