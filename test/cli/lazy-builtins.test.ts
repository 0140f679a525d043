// The stand-ins scripts/bundle-cli.mjs puts in the CLI bundle for Node modules loaded on first use
// (scripts/lazy-builtins.mjs): what they replace, and that they load nothing until used and then
// behave as the module itself. The bundle running with them is covered by package-install.test.ts.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { deferBuiltins, lazyBuiltinSource, lazyBuiltins } from '../../scripts/lazy-builtins.mjs';

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
  it('replaces the requires of child_process and worker_threads, with or without node:, and no other module', () => {
    const bundle = 'var a=require("node:child_process"),b=require(\'worker_threads\'),c=require("node:fs"),d=require("node:zlib"),e=xrequire("node:worker_threads");';
    expect(deferBuiltins(bundle)).toBe(
      'var a=lazyBuiltin("node:child_process"),b=lazyBuiltin(\'worker_threads\'),c=require("node:fs"),d=require("node:zlib"),e=xrequire("node:worker_threads");',
    );
    expect(lazyBuiltins).toEqual(['child_process', 'worker_threads']);
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
