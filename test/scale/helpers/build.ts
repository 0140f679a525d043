/**
 * Worker threads and separate processes cannot run the TypeScript sources vitest runs, so the
 * scale tests compile src/ once into a temporary package (transpile only: `tsc --noEmit` checks
 * the types) that links the repository's package.json, packs, schemas and node_modules.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const repo = new URL('../../../', import.meta.url).pathname;

export interface TestBuild {
  /** The temporary package root; its `dist/` mirrors src/. */
  readonly root: string;
  /** The pool worker script of this build. */
  readonly workerUrl: URL;
  /** The CLI entry point of this build, for `node CLI …`. */
  readonly cli: string;
  remove(): void;
}

export function buildForTests(): TestBuild {
  const root = mkdtempSync(join(tmpdir(), 'fwsift-scale-build-'));
  for (const name of ['package.json', 'patterns', 'schema', 'node_modules']) symlinkSync(join(repo, name), join(root, name));
  const src = join(repo, 'src');
  for (const file of sourceFiles(src)) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    }).outputText;
    const target = join(root, 'dist', relative(src, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  const cli = join(root, 'cli.mjs');
  writeFileSync(cli, "const { main } = await import('./dist/cli/main.js');\nprocess.exitCode = await main(process.argv);\n");
  return {
    root,
    workerUrl: new URL(`file://${join(root, 'dist/scale/pool-worker.js')}`),
    cli,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [join(directory, entry.name)] : [],
  );
}
