// The GitHub Action (action.yml) runs action/scan.sh; this runs that same script on samples/ as
// the action would, with the CLI built from these sources, and checks what code scanning gets.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type BuiltCli } from '../helpers/cli-process.js';
import { compileSarifValidator } from '../helpers/sarif-schema.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function runScript(cli: BuiltCli, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', [join(repo, 'action', 'scan.sh')], { cwd: repo, env: { PATH: process.env.PATH, FWSIFT_CLI: cli.entry, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

describe('action.yml', () => {
  let cli: BuiltCli;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli.remove());

  it('passes every input to action/scan.sh under the name the script reads', () => {
    const action = readFileSync(join(repo, 'action.yml'), 'utf8');
    const script = readFileSync(join(repo, 'action', 'scan.sh'), 'utf8');
    const inputSection = action.slice(action.indexOf('\ninputs:'), action.indexOf('\noutputs:'));
    const inputs = [...inputSection.matchAll(/^ {2}([a-z-]+):\n {4}description:/gm)].map((match) => match[1]!);
    expect(inputs).toEqual(['paths', 'exclude', 'fail-on', 'baseline', 'ignore', 'category', 'allow-partial', 'sarif-file']);
    for (const input of inputs) {
      const variable = `INPUT_${input.toUpperCase().replaceAll('-', '_')}`;
      expect(action).toContain(`${variable}: \${{ inputs.${input} }}`);
      expect(script).toContain(variable);
    }
    expect(action).toContain('run: \'"$GITHUB_ACTION_PATH/action/scan.sh"\'');
  });

  it('scans samples/ into SARIF whose locations are repository files, fails on findings and sets its outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-action-'));
    const sarifFile = join(dir, 'out.sarif');
    const outputs = join(dir, 'github-output');
    const run = await runScript(cli, { INPUT_PATHS: 'samples/dahua-style-firmware.bin\nsamples/product-page-gb2312.html\n', INPUT_CATEGORY: 'vendor', INPUT_SARIF_FILE: sarifFile, GITHUB_OUTPUT: outputs });
    expect(run.code).toBe(1);
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Json;
    const validate = compileSarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0].results as Json[];
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(existsSync(join(repo, result.locations[0].physicalLocation.artifactLocation.uri as string))).toBe(true);
    expect(sarif.runs[0].automationDetails).toEqual({ id: 'vendor/' });
    expect(readFileSync(outputs, 'utf8')).toBe(`sarif-file=${sarifFile}\nexit-code=1\n`);
  });

  it('passes with fail-on none and leaves out excluded paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-action-'));
    const sarifFile = join(dir, 'out.sarif');
    const run = await runScript(cli, { INPUT_PATHS: 'samples', INPUT_EXCLUDE: '*.bin\n*.tar', INPUT_FAIL_ON: 'none', INPUT_SARIF_FILE: sarifFile });
    expect(run.code).toBe(0);
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Json;
    const artifacts = (sarif.runs[0].artifacts as Json[]).map((artifact) => artifact.location.uri as string);
    expect(artifacts).toContain('samples/product-page-gb2312.html');
    expect(artifacts.filter((uri) => uri.endsWith('.bin') || uri.endsWith('.tar'))).toEqual([]);
  });
});
