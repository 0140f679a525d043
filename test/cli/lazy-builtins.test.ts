// The stand-ins scripts/bundle-cli.mjs puts in the CLI bundle for Node modules loaded on first use
// (scripts/lazy-builtins.mjs): what they replace, and that they load nothing until used and then
// behave as the module itself. The bundle running with them is covered by package-install.test.ts.
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { deferBuiltins, lazyBuiltinSource, lazyBuiltins, lazyBuiltinsPlugin } from '../../scripts/lazy-builtins.mjs';

/** `lazyBuiltin` declared over a `require` that records what it loads. */
function standIns(): { lazyBuiltin: (id: string) => Record<string, unknown>; loaded: string[] } {
  const loaded: string[] = [];
  const realRequire = createRequire(import.meta.url);
  const require = (id: string): unknown => {
    loaded.push(id);
    return realRequire(id);
  };
  const declare = new Function('require', `${lazyBuiltinSource}\nreturn lazyBuiltin;`) as (r: typeof require) => (id: string) => Record<string, unknown>;
  return { lazyBuiltin: declare(require), loaded };
}

describe('lazy Node modules in the CLI bundle', () => {
  it('replaces the imports esbuild resolves to child_process and worker_threads, and no other module or text', async () => {
    const entry = [
      "import { Worker } from 'node:worker_threads';",
      "import { execFile } from 'child_process';",
      "import { readFileSync } from 'node:fs';",
      // A worker's program in a string (as the PDF worker's is): text, not an import.
      "export const program = `const { parentPort } = require('node:worker_threads');`;",
      'export { Worker, execFile, readFileSync };',
    ].join('\n');
    const { outputFiles } = await build({ stdin: { contents: entry, loader: 'js' }, bundle: true, format: 'cjs', platform: 'node', write: false, plugins: [lazyBuiltinsPlugin], logLevel: 'silent' });
    const text = deferBuiltins(outputFiles[0]!.text);
    expect(text.match(/lazyBuiltin\("[^"]+"\)/g)).toEqual(['lazyBuiltin("node:worker_threads")', 'lazyBuiltin("node:child_process")']);
    expect(text).toContain('require("node:fs")');
    expect(text).toContain("require('node:worker_threads');`");
    expect(lazyBuiltins).toEqual(['child_process', 'worker_threads']);
  });

  it('refuses a bundle where a marked module is left unreplaced', () => {
    expect(() => deferBuiltins('const w = import("fwsift-lazy-builtin:node:worker_threads");')).toThrow(/does not replace/);
  });

  it('loads the module on first use only, once, and then answers as the module does', () => {
    const { lazyBuiltin, loaded } = standIns();
    const workers = lazyBuiltin('node:worker_threads');
    expect(loaded).toEqual([]);
    const real = createRequire(import.meta.url)('node:worker_threads') as Record<string, unknown>;
    expect(workers['isMainThread']).toBe(true);
    expect(loaded).toEqual(['node:worker_threads']);
    expect(workers['Worker']).toBe(real['Worker']);
    expect('MessageChannel' in workers).toBe(true);
    expect(Object.keys(workers)).toEqual(Object.keys(real));
    expect({ ...workers }['threadId']).toBe(real['threadId']);
    expect(loaded).toEqual(['node:worker_threads']);
  });

  it('calls a named export taken off the stand-in, as the bundle does (`(0, ns.name)(…)`)', () => {
    const { lazyBuiltin, loaded } = standIns();
    const childProcess = lazyBuiltin('node:child_process');
    const execFileSync = childProcess['execFileSync'] as (file: string, args: readonly string[]) => Buffer;
    expect(execFileSync(process.execPath, ['-e', 'process.stdout.write("ok")']).toString()).toBe('ok');
    expect(loaded).toEqual(['node:child_process']);
  });
});
