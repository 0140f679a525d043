/**
 * The package as a user gets it: `npm pack` (which builds through `prepack`), then
 * `npm i -g ./fwsift-*.tgz` into a temporary prefix, then the installed `fwsift scan samples`.
 * Proves the tarball carries everything the CLI needs (compiled code, schemas, packs, LICENSE,
 * its own pdf.js) and nothing that points outside it (source maps into the unshipped src/), and
 * that the install pulls no canvas module.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack → npm i -g → fwsift scan', () => {
  let dir = '';
  let tarball = '';
  let installStderr = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fwsift-pack-'));
    await run(npm, ['pack', '--pack-destination', dir, '--silent'], { cwd: repo, maxBuffer: 16 << 20 });
    tarball = join(dir, (await readdir(dir)).find((name) => name.endsWith('.tgz'))!);
    const installed = await run(npm, ['i', '-g', '--prefix', join(dir, 'prefix'), '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: dir, maxBuffer: 16 << 20 });
    installStderr = installed.stderr;
  }, 240_000);

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('ships the LICENSE, compiled code, schemas and packs, and no source maps or sources', async () => {
    const { stdout } = await run('tar', ['tzf', tarball], { maxBuffer: 16 << 20 });
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/dist/cli/main.js');
    expect(files).toContain('package/schema/report.schema.json');
    expect(files.some((file) => file.startsWith('package/patterns/') && file.endsWith('.json'))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('package/src/') || file.startsWith('package/test/'))).toEqual([]);
  });

  it('installs without warnings about build scripts', () => {
    expect(installStderr).not.toMatch(/prepare|deprecated/i);
  });

  it('runs the installed fwsift scan on samples/ and writes a valid report', async () => {
    const bin = join(dir, 'prefix', 'bin', 'fwsift');
    const out = join(dir, 'report.json');
    // Rejects on any exit status but 0: with --fail-on none only an unscannable sample fails it.
    await run(bin, ['scan', join(repo, 'samples'), '-o', out, '--fail-on', 'none', '--no-progress'], { cwd: dir });
    const report = JSON.parse(await readFile(out, 'utf8')) as { tool: { name: string }; findings: unknown[]; inputs: { status: string }[] };
    expect(report.tool.name).toBe('fwsift');
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.inputs.every((input) => input.status === 'complete')).toBe(true);
    // The same on two worker threads, which run the bundled pool worker the package ships.
    expect((await stat(join(dir, 'prefix', 'lib', 'node_modules', 'fwsift', 'dist', 'scale', 'pool-worker.bundle.cjs'))).size).toBeGreaterThan(0);
    const pooled = join(dir, 'report-jobs2.json');
    const { stderr } = await run(bin, ['scan', join(repo, 'samples'), '-o', pooled, '--fail-on', 'none', '--no-progress', '--jobs', '2'], { cwd: dir });
    expect(stderr).toMatch(/worker threads: 2/);
    const timeless = (text: string) => JSON.stringify({ ...JSON.parse(text), run: undefined, summary: undefined });
    expect(timeless(await readFile(pooled, 'utf8'))).toBe(timeless(await readFile(out, 'utf8')));
  });

  it('carries its own pdf.js, installs no canvas module, and extracts PDF page text', async () => {
    const installed = join(dir, 'prefix', 'lib', 'node_modules', 'fwsift');
    const { stdout } = await run('find', [join(dir, 'prefix'), '-path', '*@napi-rs/canvas*', '-maxdepth', '8'], { maxBuffer: 16 << 20 });
    expect(stdout).toBe('');
    expect(await readdir(join(installed, 'node_modules'))).not.toContain('pdfjs-dist');
    const out = join(dir, 'pdf.json');
    await run(join(dir, 'prefix', 'bin', 'fwsift'), ['scan', join(repo, 'test/fixtures/unpack/pdf/datasheet--cjk-subset-font.pdf'), '-o', out, '--fail-on', 'none', '--no-progress'], { cwd: dir });
    const report = JSON.parse(await readFile(out, 'utf8')) as { findings: { location: { chain: { path?: unknown }[] } }[]; inputs: { status: string }[] };
    expect(report.inputs[0]!.status).toBe('complete');
    // 人种 and 疆藏 exist only as pdf.js's page text (a subset CJK font).
    expect(report.findings.filter((finding) => String(finding.location.chain.at(-1)?.path).startsWith('page ')).length).toBeGreaterThan(0);
  });

  it('runs from the code cache it keeps, rebuilds a damaged one, and loads its lazy packages from it', async () => {
    const bin = join(dir, 'prefix', 'bin', 'fwsift');
    const env = { ...process.env, FWSIFT_CACHE_DIR: join(dir, 'code-cache') };
    const codeFiles = async () => (await readdir(env.FWSIFT_CACHE_DIR)).filter((name) => name.startsWith('code-'));
    const first = await run(bin, ['--version'], { cwd: dir, env });
    const [file] = await codeFiles();
    expect(file).toMatch(/^code-[0-9a-f]{32}\.bin$/);
    const path = join(env.FWSIFT_CACHE_DIR, file!);
    const written = (await stat(path)).mtimeMs;
    // Accepted by V8: the second run neither fails nor rewrites it.
    expect((await run(bin, ['--version'], { cwd: dir, env })).stdout).toBe(first.stdout);
    expect((await stat(path)).mtimeMs).toBe(written);
    expect(await codeFiles()).toEqual([file]);
    // Damaged: rejected by V8, compiled from the text, and replaced.
    const garbage = Buffer.alloc((await stat(path)).size, 0x5a);
    await writeFile(path, garbage);
    expect((await run(bin, ['--version'], { cwd: dir, env })).stdout).toBe(first.stdout);
    expect((await readFile(path)).equals(garbage)).toBe(false);
    // bullmq is imported on first use from inside the cached script: it loads, then cannot connect.
    const queue = await run(bin, ['queue', 'status', '--redis', 'redis://127.0.0.1:1'], { cwd: dir, env }).then(
      () => ({ stderr: 'exited 0' }),
      (error: { stderr: string }) => error,
    );
    expect(queue.stderr).toMatch(/ECONNREFUSED/);
  });
});
