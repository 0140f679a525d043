// Issue 14 (CI wiring): the pre-commit hook and the GitLab CI job run fwsift commands that
// exist and do what their comments say; the terminal summary's colour follows NO_COLOR,
// FORCE_COLOR and whether the stream is a terminal.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useColor } from '../../src/cli/color.js';
import { runCli } from '../helpers/cli.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const sample = (name: string) => join(repo, 'samples', name);

/** The words of a YAML scalar line's value (`entry: fwsift scan …`, `- fwsift scan …`), `fwsift` dropped. */
function fwsiftArgs(line: string): string[] {
  const words = line.trim().replace(/^(- |entry: )/, '').split(/\s+/);
  expect(words[0]).toBe('fwsift');
  return words.slice(1);
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8');
  const entry = fwsiftArgs(hooks.split('\n').find((line) => line.trim().startsWith('entry:'))!);

  it('is a node hook over files, run once with every staged file (pre-commit appends their names)', () => {
    expect(hooks).toMatch(/^- id: fwsift$/m);
    expect(hooks).toMatch(/^ {2}language: node$/m);
    expect(hooks).toMatch(/^ {2}types: \[file\]$/m);
    expect(entry).toEqual(['scan', '--fail-on', 'medium', '--no-progress']);
  });

  it('fails the commit (exit 1) on a file with findings and passes a clean one', async () => {
    const withFindings = await runCli(...entry, sample('product-page-gb2312.html'));
    expect(withFindings.code, withFindings.stderr).toBe(1);
    const clean = await runCli(...entry, join(repo, 'samples', 'clean'));
    expect(clean.code, clean.stderr).toBe(0);
  });
});

describe('examples/gitlab-ci.yml', () => {
  const job = readFileSync(join(repo, 'examples', 'gitlab-ci.yml'), 'utf8');
  const commands = job.split('\n').filter((line) => /^\s+- fwsift /.test(line)).map((line) => fwsiftArgs(line.replace(/\s*\|\| true$/, '')));

  it('scans, then renders the appendix from the JSON evidence it keeps as artifacts', async () => {
    expect(commands.map((args) => args[0])).toEqual(['scan', 'render']);
    expect(job).toMatch(/paths:\n\s+- fwsift-report\.json\n\s+- fwsift-appendix\.html/);
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-gitlab-'));
    // The job's own commands, with vendor/ replaced by one sample and the files kept in a temporary folder.
    const inDir = (args: string[]) => args.map((arg) => (arg === 'vendor/' ? sample('sdk-example.tar') : arg.startsWith('fwsift-') ? join(dir, arg) : arg));
    const scan = await runCli(...inDir(commands[0]!));
    expect(scan.code, scan.stderr).toBe(1);
    const render = await runCli(...inDir(commands[1]!));
    expect(render.code, render.stderr).toBe(0);
    expect(readFileSync(join(dir, 'fwsift-appendix.html'), 'utf8')).toContain('id="executive"');
  });
});

describe('colour of the terminal summary', () => {
  it.each([
    ['a terminal', true, {}, true],
    ['a pipe or file', false, {}, false],
    ['NO_COLOR on a terminal', true, { NO_COLOR: '1' }, false],
    ['an empty NO_COLOR (not set, per no-color.org)', true, { NO_COLOR: '' }, true],
    ['FORCE_COLOR on a pipe', false, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=0 on a terminal', true, { FORCE_COLOR: '0' }, false],
    ['NO_COLOR over FORCE_COLOR', true, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['TERM=dumb', true, { TERM: 'dumb' }, false],
  ] as const)('%s', (_name, isTTY, env, expected) => {
    expect(useColor({ isTTY }, env)).toBe(expected);
  });
});
