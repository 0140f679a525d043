// Where a report goes and what can go wrong on the way (issues 11 and 14): outputs checked before
// scanning, one line and exit 2 for every I/O failure, atomic replacement, standard input,
// closed pipes and signals. In-process where possible; as a real process where a pipe, standard
// input or a signal is the point.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, validateReport, type Report } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { buildCli, runProcess, type BuiltCli } from '../helpers/cli-process.js';

const samples = new URL('../../samples/', import.meta.url).pathname;
const page = join(samples, 'product-page-gb2312.html');
const temp = () => mkdtempSync(join(tmpdir(), 'fwsift-io-'));
const isRoot = process.getuid?.() === 0;
/** Root may write any file: as root (CI), the CLI runs as `nobody` so that a mode still refuses it. */
const unprivileged = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];

describe('fwsift scan -o: checked before scanning, one line and exit 2 on failure', () => {
  it('refuses a missing directory before scanning', async () => {
    const run = await runCli('scan', page, '-o', join(temp(), 'nodir', 'r.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^fwsift: cannot write \S+nodir\/r\.json: directory \S+nodir does not exist\nfwsift: nothing was scanned\n$/);
    expect(run.stdout).toBe('');
  });

  it('refuses a directory as the report file', async () => {
    const dir = temp();
    const run = await runCli('scan', page, '-o', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`fwsift: cannot write ${dir}: it is a directory\nfwsift: nothing was scanned\n`);
  });

  it('reports a full device (/dev/full) in one line with exit 2', async () => {
    const run = await runCli('scan', page, '-o', '/dev/full', '--format', 'json', '-q');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('fwsift: cannot write /dev/full: no space left on the device\n');
  });

  it('replaces an existing report atomically and leaves no temporary file', async () => {
    const dir = temp();
    const file = join(dir, 'r.json');
    writeFileSync(file, 'old');
    const [a, b] = await Promise.all([runCli('scan', page, '-o', file, '-q', '--fail-on', 'none'), runCli('scan', page, '-o', file, '-q', '--fail-on', 'none')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(validateReport(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('writes NDJSON under a temporary name and renames it at the end', async () => {
    const dir = temp();
    const file = join(dir, 'r.ndjson');
    const run = await runCli('scan', page, samples, '-o', file, '-q', '--fail-on', 'none');
    expect(run.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['r.ndjson']);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'summary' });
  });
});

describe('fwsift scan: arguments', () => {
  it('takes --patterns more than once without swallowing the paths', async () => {
    const dir = temp();
    const pack = (id: string, text: string) => {
      const file = join(dir, `${id}.json`);
      writeFileSync(file, JSON.stringify({ id, version: '1.0.0', description: 'test pack', terms: [{ id: `${id}.t`, text, category: 'race', precision: 'high', boundary: 'none', meaning: 'test term', references: [{ title: 't', url: 'https://example.org/' }] }] }));
      return file;
    };
    const input = join(dir, 'input.txt');
    writeFileSync(input, 'alpha-term-zq and beta-term-zq');
    const run = await runCli('scan', '--patterns', pack('pa', 'alpha-term-zq'), '--patterns', pack('pb', 'beta-term-zq'), '--patterns-only', input, '-o', '-', '-q');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.run.patternPacks.map((p) => p.id)).toEqual(['pa', 'pb']);
    expect(report.findings.map((f) => f.term.text).sort()).toEqual(['alpha-term-zq', 'beta-term-zq']);
  });

  it('exits 0 for "fwsift help"', async () => {
    const run = await runCli('help');
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toContain('Usage: fwsift');
  });

  it('says so when there is nothing to scan, and exits 2 unless --allow-partial', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'empty'));
    const run = await runCli('scan', join(dir, 'empty'), '-q');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`fwsift: nothing to scan: ${JSON.stringify(join(dir, 'empty'))} holds no files\n`);
    expect((await runCli('scan', join(dir, 'empty'), '-q', '--allow-partial')).code).toBe(0);
  });

  it('leaves out paths matched by --exclude and counts them', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'manual.txt'), 'EM_NATION_TYPE_UYGUR');
    writeFileSync(join(dir, 'notes.pdf'), 'EM_NATION_TYPE_UYGUR');
    writeFileSync(join(dir, 'keep.h'), 'int x;');
    const run = await runCli('scan', dir, '--exclude', '**/docs/**', '--exclude', '*.pdf', '-o', '-', '--fail-on', 'none');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.inputs.map((input) => input.path)).toEqual([join(dir, 'keep.h')]);
    expect(report.findings).toEqual([]);
    expect(run.stderr).toContain('2 paths not scanned: excluded by --exclude');
  });
});

describe('fwsift.config.json', () => {
  it('is found upward from the working directory, with paths relative to it, and the command line wins', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'fwsift.config.json'), JSON.stringify({ failOn: 'none', exclude: ['*.skip'] }));
    writeFileSync(join(dir, 'sub', 'a.skip'), 'EM_NATION_TYPE_UYGUR');
    writeFileSync(join(dir, 'sub', 'b.txt'), 'EM_NATION_TYPE_UYGUR');
    const cwd = process.cwd();
    process.chdir(join(dir, 'sub'));
    try {
      const fromFile = await runCli('scan', '.', '-q');
      expect(fromFile.code).toBe(0); // failOn none from the file; b.txt has a finding
      const overridden = await runCli('scan', '.', '-q', '--fail-on', 'high', '-o', '-');
      expect(overridden.code).toBe(1);
      expect((JSON.parse(overridden.stdout) as Report).inputs.map((input) => input.path)).toEqual(['./b.txt']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('is named with --config, and an unknown key is an error before scanning', async () => {
    const dir = temp();
    const file = join(dir, 'custom.json');
    writeFileSync(file, JSON.stringify({ failOn: 'none', maxDepht: 3 }));
    const run = await runCli('scan', page, '--config', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`config ${file}:\n  unknown key "maxDepht"`);
    expect(run.stderr).toContain('nothing was scanned');
  });
});

describe('the CLI as a process', () => {
  let cli: BuiltCli;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli.remove());

  it('scans standard input as "-", with the same ids as the file scanned under that name', async () => {
    const bytes = readFileSync(page);
    const run = await runProcess(cli, ['scan', '-', '-o', '-', '-q', '--fail-on', 'none'], { input: bytes });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.inputs).toEqual([expect.objectContaining({ path: '-', size: bytes.length, status: 'complete' })]);
    const dir = temp();
    writeFileSync(join(dir, '-'), bytes);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const direct = await scan(['-']);
      expect(report.findings.map((f) => [f.id, f.location.input])).toEqual(direct.findings.map((f) => [f.id, f.location.input]));
    } finally {
      process.chdir(cwd);
    }
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('refuses a read-only report file before scanning, one line and exit 2, the old report untouched (as nobody when run as root)', () => {
    const dir = temp();
    chmodSync(dir, 0o777); // writable for the unprivileged user: only the file's own mode refuses it
    const file = join(dir, 'r.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o444);
    chmodSync(dirname(cli.entry), 0o755); // the built CLI's private folder (mkdtemp: 0700) readable by nobody
    const [command, ...prefix] = [...unprivileged, process.execPath];
    const run = spawnSync(command!, [...prefix, cli.entry, 'scan', page, '-o', file], { env: { ...process.env, HOME: dir }, encoding: 'utf8' });
    expect(run.stderr).toBe(`fwsift: cannot write ${file}: permission denied\nfwsift: nothing was scanned\n`);
    expect(run.status).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('ends quietly with the scan\'s exit code when the reader closes the pipe', async () => {
    const run = await runProcess(cli, ['scan', samples, '-o', '-', '--format', 'md', '-q'], {
      started: (child) => child.stdout!.once('data', () => child.stdout!.destroy()),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // findings at --fail-on medium
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('on %s writes a whole report, removes its temporary files and exits %i', async (signal, code) => {
    const dir = temp();
    const file = join(dir, 'r.ndjson');
    const run = await runProcess(cli, ['scan', samples, '-o', file, '-q'], {
      env: { TMPDIR: dir },
      // The NDJSON temporary file appears once the signal handlers are in place and scanning starts.
      started: (child) => {
        const poll = setInterval(() => {
          if (!readdirSync(dir).some((name) => name.endsWith('.partial'))) return;
          clearInterval(poll);
          child.kill(signal);
        }, 10);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(`fwsift: ${signal}: stopping`);
    expect(readdirSync(dir)).toEqual(['r.ndjson']);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; run?: { interrupted?: boolean }; status?: string; skipReason?: string });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', run: { interrupted: true } });
    expect(lines.some((line) => line.type === 'input' && (line.status === 'partial' || line.skipReason === 'interrupted'))).toBe(true);
  });
});
