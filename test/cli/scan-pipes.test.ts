// Issue 11: `-o -` into real pipes, and temporary files on every way out. The CLI runs as its own
// process writing into a real pipe: a reader that stops reading (a full pipe), one that closes
// early (`| head -c 10` in a shell), and a second Ctrl-C in the middle of a spill. Each must end
// with no stack trace, at most one line on stderr, the right exit code and no temporary file left.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReport, type Report } from '../../src/index.js';
import { buildCli, type BuiltCli } from '../helpers/cli-process.js';

const line = 'EM_NATION_TYPE_UYGUR 人种\n';

/** Two text inputs with 300 lines of two terms each: a JSON report of about 400 KB, more than a pipe holds. */
function textInputs(): { readonly dir: string; readonly temp: string; readonly paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'fwsift-pipes-'));
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  const paths = ['a.txt', 'b.txt'].map((name) => join(dir, name));
  for (const path of paths) writeFileSync(path, line.repeat(300));
  return { dir, temp, paths };
}

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** The end of the summary the CLI prints on stderr after handing the whole report to standard output. */
const summaryEnd = /report lists all\)|findings: /;

describe('fwsift scan -o - into real pipes', () => {
  let cli: BuiltCli;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli.remove());

  /**
   * Runs the CLI (not quiet) with a stdout pipe nobody reads; once the summary is on stderr the
   * report has been handed to standard output, which the pipe cannot hold: then calls `full`.
   */
  function untilPipeFull(args: readonly string[], temp: string, full: (stdout: NodeJS.ReadableStream) => void): Promise<Ended & { readonly blocked: boolean }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli.entry, ...args], { env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      child.stdout.pause();
      let stderr = '';
      let called = false;
      let blocked = false;
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (called || !summaryEnd.test(stderr)) return;
        called = true;
        // Still running: the rest of the report waits for the reader.
        blocked = child.exitCode === null;
        full(child.stdout);
      });
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(chunks), stderr, blocked }));
    });
  }

  it('waits on a full pipe, and a reader that comes back gets the whole report and the scan\'s exit code', async () => {
    const { temp, paths } = textInputs();
    const run = await untilPipeFull(['scan', ...paths, '-o', '-', '--format', 'json'], temp, (stdout) => stdout.resume());
    expect(run.blocked).toBe(true);
    expect(run.stderr).not.toMatch(/fwsift:|\n\s+at /);
    expect(run.code).toBe(1); // findings at --fail-on medium
    const report = JSON.parse(run.stdout.toString('utf8')) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(100);
    expect(readdirSync(temp)).toEqual([]);
  }, 120_000);

  it('ends quietly with the scan\'s exit code when the reader of a full pipe closes it', async () => {
    const { temp, paths } = textInputs();
    const run = await untilPipeFull(['scan', ...paths, '-o', '-', '--format', 'json'], temp, (stdout) => (stdout as NodeJS.ReadableStream & { destroy(): void }).destroy());
    expect(run.blocked).toBe(true);
    expect(run.stderr).not.toMatch(/fwsift:|\n\s+at /); // the summary only: no error line, no stack trace
    expect([run.code, run.signal]).toEqual([1, null]);
    expect(readdirSync(temp)).toEqual([]);
  }, 120_000);

  /** `node cli … | head -c 10` in a shell; the CLI's own status from PIPESTATUS. */
  function intoHead(args: readonly string[], temp: string): { readonly code: number; readonly head: string; readonly stderr: string } {
    const quoted = [process.execPath, cli.entry, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
    const script = `${quoted} 2>"$ERRFILE" | head -c 10; echo " \${PIPESTATUS[0]}"`;
    const errFile = join(temp, '..', 'stderr.txt');
    const out = execFileSync('bash', ['-c', script], { env: { ...process.env, TMPDIR: temp, ERRFILE: errFile }, encoding: 'utf8' });
    return { head: out.slice(0, 10), code: Number(out.slice(10).trim()), stderr: readFileSync(errFile, 'utf8') };
  }

  it('`| head -c 10` after the report is decided: the first bytes, nothing on stderr, the scan\'s exit code', () => {
    const { temp, paths } = textInputs();
    const run = intoHead(['scan', ...paths, '-o', '-', '--format', 'json', '-q'], temp);
    expect(run.head).toBe('{\n  "repor');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('`| head -c 10` while NDJSON still streams: one line on stderr and exit 2 (the rest was not scanned, so the run is not clean)', () => {
    const { temp, paths } = textInputs();
    const run = intoHead(['scan', ...paths, '-o', '-', '--format', 'ndjson', '-q'], temp);
    expect(run.head).toBe('{"type":"i');
    expect(run.stderr).toBe('fwsift: standard output was closed before the scan finished; the rest was not scanned\n');
    expect(run.code).toBe(2);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe('the walk\'s temporary files on an abrupt exit', () => {
  let cli: BuiltCli;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli.remove());

  it('are removed when a second SIGINT ends the process in the middle of a spill', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-spill-exit-'));
    const temp = join(dir, 'tmp');
    mkdirSync(temp);
    // A stored zip (made by Info-ZIP) inside gzip: the zip is random access, so the walk spills it.
    writeFileSync(join(dir, 'member.bin'), randomBytes(24 * 1024 * 1024));
    execFileSync('zip', ['-0', '-q', join(dir, 'inner.zip'), 'member.bin'], { cwd: dir });
    writeFileSync(join(dir, 'outer.zip.gz'), gzipSync(readFileSync(join(dir, 'inner.zip')), { level: 1 }));
    const spilling = () => readdirSync(temp).some((name) => name.startsWith('fwsift-') && readdirSync(join(temp, name)).length > 0);
    const run = await new Promise<{ code: number | null; stderr: string; sawSpill: boolean }>((resolve, reject) => {
      const child = spawn(process.execPath, [cli.entry, 'scan', join(dir, 'outer.zip.gz'), '-o', join(dir, 'r.json'), '-q'], { env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      let sawSpill = false;
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const poll = setInterval(() => {
        if (!spilling()) return;
        clearInterval(poll);
        sawSpill = true;
        child.kill('SIGINT');
        child.kill('SIGINT');
      }, 5);
      child.on('error', reject);
      child.on('close', (code) => {
        clearInterval(poll);
        resolve({ code, stderr, sawSpill });
      });
    });
    expect(run.sawSpill).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(temp)).toEqual([]);
  }, 120_000);

  it('are removed when the process exits while a spill is open (process.exit skips the walk\'s own async removal)', () => {
    const temp = mkdtempSync(join(tmpdir(), 'fwsift-exit-hook-'));
    const tempModule = join(dirname(cli.entry), 'dist', 'walk', 'temp.js');
    // 2 MiB: past what a spill holds in memory, so a file is open when the process exits.
    const script = `import { TempDir } from ${JSON.stringify(tempModule)}; const spill = new TempDir().startSpill(0, new Uint8Array(4096)); spill.write(new Uint8Array(2 * 1024 * 1024)); process.exit(3);`;
    let code = 0;
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: temp } });
    } catch (error) {
      code = (error as { status: number }).status;
    }
    expect(code).toBe(3);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('leave the old report whole when the process ends in the middle of writing the new one (a signal during the final write)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-final-write-'));
    const file = join(dir, 'r.json');
    writeFileSync(file, '{"old":true}\n');
    const outputModule = join(dirname(cli.entry), 'dist', 'cli', 'output-file.js');
    const cleanupModule = join(dirname(cli.entry), 'dist', 'cli', 'cleanup.js');
    // What a second SIGTERM does (src/cli/interrupt.ts): run the cleanups and exit at once.
    const script = `import { openPending } from ${JSON.stringify(outputModule)}; import { runCleanups } from ${JSON.stringify(cleanupModule)};
      const pending = await openPending(${JSON.stringify(file)}); pending.stream.write('{"new": [1, 2,', () => { runCleanups(); process.exit(143); });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([143, '']);
    expect(readFileSync(file, 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });
});
