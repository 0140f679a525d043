/**
 * The CLI as its own process, for tests that need one: standard input, pipes, signals, a
 * terminal. `buildCli()` transpiles src/ with esbuild (well under a second, no type check:
 * `tsc --noEmit` does that) into a private folder inside the repository, beside links to
 * schema/, patterns/ and package.json, so the code finds its data and node_modules exactly as
 * the built package does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(directory, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [join(directory, entry.name)] : [],
  );
}

export interface BuiltCli {
  /** The script to run with `node`. */
  readonly entry: string;
  remove(): void;
}

export async function buildCli(): Promise<BuiltCli> {
  const root = mkdtempSync(join(repo, '.cli-test-'));
  await build({ entryPoints: sources(join(repo, 'src')), outdir: join(root, 'dist'), outbase: join(repo, 'src'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  for (const name of ['schema', 'patterns', 'package.json']) symlinkSync(join(repo, name), join(root, name));
  const entry = join(root, 'cli.mjs');
  writeFileSync(entry, `import { main } from './dist/cli/main.js';\nprocess.exitCode = await main(process.argv);\n`);
  return { entry, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface ProcessRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI; `input` is written to its standard input (then closed); `started` sees the child as soon as it runs. */
export function runProcess(cli: BuiltCli, args: readonly string[], options: { readonly input?: Buffer | string; readonly cwd?: string; readonly env?: NodeJS.ProcessEnv; readonly started?: (child: ChildProcess) => void } = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli.entry, ...args], { cwd: options.cwd ?? repo, env: { ...process.env, ...options.env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
    options.started?.(child);
  });
}
