/** `fwsift diff` on the command line: saved reports or inputs, every output format, exit codes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderJson, scan, validateDiff, type Report } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { scanHookTimeoutMs, sliceOf } from './diff-slice.js';

const dir = 'test/fixtures/versions';
const work = mkdtempSync(join(tmpdir(), 'fwsift-diff-'));


beforeAll(async () => {
  const all = await scan([`${dir}/fw-v1.uimg`, `${dir}/fw-v2.uimg`]);
  writeFileSync(join(work, 'v1.json'), renderJson(sliceOf(all, `${dir}/fw-v1.uimg`)));
  writeFileSync(join(work, 'v2.json'), renderJson(sliceOf(all, `${dir}/fw-v2.uimg`)));
}, scanHookTimeoutMs);

describe('fwsift diff', () => {
  it('compares two saved reports and exits 1 with --fail-on added when something was added', async () => {
    const run = await runCli('diff', join(work, 'v1.json'), join(work, 'v2.json'), '-o', join(work, 'diff.json'), '--fail-on', 'added');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('fwsift diff: 1 added, 1 removed, 0 scrubbed, 3 kept\n');
    const diff: unknown = JSON.parse(readFileSync(join(work, 'diff.json'), 'utf8'));
    expect(validateDiff(diff)).toEqual([]);
  });

  it('exits 0 without --fail-on, and 0 for --fail-on added when the newer version only removed terms', async () => {
    expect((await runCli('diff', join(work, 'v1.json'), join(work, 'v2.json'), '--format', 'md', '-q')).code).toBe(0);
    const reversed = await runCli('diff', join(work, 'v2.json'), join(work, 'v1.json'), '--format', 'html', '--fail-on', 'added', '-q');
    expect(reversed.code).toBe(1);
    expect(reversed.stdout).toContain('<mark>肤色</mark>');
    const changed = await runCli('diff', join(work, 'v1.json'), join(work, 'v1.json'), '--fail-on', 'changed', '-q');
    expect(changed.code).toBe(0);
  });

  it('takes the format from the -o extension: .sarif lists only added findings', async () => {
    await runCli('diff', join(work, 'v1.json'), join(work, 'v2.json'), '-o', join(work, 'added.sarif'), '-q');
    const sarif = JSON.parse(readFileSync(join(work, 'added.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toEqual(['zh.shejiang-renyuan']);
  });

  it('scans inputs that are not reports, and reads a plain-file input back to find scrubbed members', async () => {
    const run = await runCli('diff', `${dir}/sdk-v5/NetSDK.h`, `${dir}/sdk-v6/NetSDK.h`, '--format', 'md', '-q');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('placeholder **byRes2** at the same position');
  });

  it('exits 2 naming a path that does not exist', async () => {
    const run = await runCli('diff', join(work, 'missing.json'), join(work, 'v2.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing.json');
  });
});
