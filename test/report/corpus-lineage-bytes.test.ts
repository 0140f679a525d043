/** `fwsift corpus --read-inputs`: lineage evidence from the inputs' bytes in every corpus format (issue 17, gap 1). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderJson, scan, validateCorpus, type CorpusMatrix } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { scanHookTimeoutMs } from './diff-slice.js';

const dir = 'test/fixtures/lineage';
const work = mkdtempSync(join(tmpdir(), 'fwsift-corpus-lineage-'));
const report = join(work, 'lineage.json');

beforeAll(async () => {
  writeFileSync(report, renderJson(await scan([`${dir}/relabel-dahua.squashfs`, `${dir}/relabel-hikvision.tar.gz`, `${dir}/clean-camera.squashfs`])));
}, scanHookTimeoutMs);

describe('fwsift corpus --read-inputs', () => {
  it('labels each column "derived from vendor X" from its bytes, with every item placed and referenced in JSON', async () => {
    const run = await runCli('corpus', report, '--read-inputs', '--format', 'json', '-q');
    expect(run.code).toBe(0);
    const matrix = JSON.parse(run.stdout) as CorpusMatrix;
    expect(validateCorpus(matrix)).toEqual([]);
    const lineage = Object.fromEntries(matrix.columns.map((column) => [column.input.split('/').at(-1), column.lineage]));
    expect(lineage).toEqual({
      'clean-camera.squashfs': [],
      'relabel-dahua.squashfs': ['derived from vendor Dahua (high: default strings, certificate, web UI resource names)'],
      'relabel-hikvision.tar.gz': ['derived from vendor Hikvision (high: default strings, certificate, web UI resource names)'],
    });
    const dahua = matrix.columns.find((column) => column.input.endsWith('relabel-dahua.squashfs'))!;
    expect(dahua.lineageEvidence.find((item) => item.kind === 'web-ui')).toMatchObject({ place: `${dir}/relabel-dahua.squashfs!/web/js/login.js`, offset: 44, reference: { url: expect.stringContaining('ItsNotGoodName/dahua-rpc') } });
  }, scanHookTimeoutMs);

  it('lists the evidence in HTML, and without --read-inputs says only what the report shows', async () => {
    const html = (await runCli('corpus', report, '--read-inputs', '--format', 'html', '-q')).stdout;
    expect(html).toContain('<h2>Lineage evidence</h2>');
    expect(html).toContain('relabel-hikvision.tar.gz!/&lt;gzip&gt;!/etc/https/servercert.der @ 0x0');
    const plain = JSON.parse((await runCli('corpus', report, '--format', 'json', '-q')).stdout) as CorpusMatrix;
    expect(plain.columns.every((column) => column.lineage.length === 0 && column.lineageEvidence.length === 0)).toBe(true);
  }, scanHookTimeoutMs);

  it('says which input it could not read and still writes the corpus', async () => {
    const moved = join(work, 'moved.json');
    writeFileSync(moved, readFileSync(report, 'utf8').replaceAll(`${dir}/clean-camera.squashfs`, `${dir}/gone.squashfs`));
    const run = await runCli('corpus', moved, '--read-inputs', '--format', 'csv', '-q');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/fwsift: lineage: cannot read .*gone\.squashfs: ENOENT/);
  }, scanHookTimeoutMs);
});
