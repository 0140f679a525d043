/** `fwsift corpus`: version order, first and last seen, every output format, on the version fixtures. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, compareVersions, renderCorpus, renderJson, scan, validateCorpus, versionKey, type CorpusMatrix, type Report } from '../../src/index.js';
import { presenceRuns } from '../../src/report/corpus-timeline.js';
import { uimageHandler } from '../../src/unpack/firmware/uimage.js';
import { runCli } from '../helpers/cli.js';
import { scanHookTimeoutMs, sliceOf } from './diff-slice.js';

const dir = 'test/fixtures/versions';
const names = ['fw-v2.uimg', 'fw-v1.uimg', 'page-before.html', 'page-after.html'];
const reports = new Map<string, Report>();

/** The report as the walker will write it once `identify` is wired: the uImage header's facts on the input. */
function withIdentity(report: Report, path: string): Report {
  const identity = uimageHandler.identify!(readFileSync(path).subarray(0, 64));
  return { ...report, inputs: report.inputs.map((input) => ({ ...input, ...(identity === undefined ? {} : { identity: { ...identity, chain: [] } }) })) };
}

beforeAll(async () => {
  const all = await scan(names.map((name) => `${dir}/${name}`));
  for (const name of names) reports.set(name, sliceOf(all, `${dir}/${name}`));
}, scanHookTimeoutMs);

describe('versionKey', () => {
  it.each([
    ['IPC_V5.5.0_build240101.bin', [5, 5, 0], '20240101'],
    ['DH_IPC-HX5XXX-Rhea_MultiLang_PN_Stream3_V2.800.0000000.25.R.20210722.bin', [2, 800, 0, 25], '20210722'],
    ['IPC_G5_EN_STD_5.5.820_220111.dav', [5, 5, 820], '20220111'],
    ['NetSDK-6.1.9.48.h', [6, 1, 9, 48], ''],
  ])('reads the version of %s', (name, parts, date) => {
    expect(versionKey(name)).toMatchObject({ parts, date, source: 'name' });
  });

  it('orders numbers as numbers, versioned before unversioned', () => {
    const sorted = ['fw_5.10.0.bin', 'notes.bin', 'fw_5.9.3.bin', 'fw_5.9.12.bin'].map((name) => ({ name, key: versionKey(name) })).sort((a, b) => compareVersions(a.key, b.key));
    expect(sorted.map((item) => item.name)).toEqual(['fw_5.9.3.bin', 'fw_5.9.12.bin', 'fw_5.10.0.bin', 'notes.bin']);
  });

  it('prefers what the image records over the file name', () => {
    const identity = uimageHandler.identify!(readFileSync(`${dir}/fw-v2.uimg`).subarray(0, 64))!;
    expect(identity).toEqual({ format: 'uimage', name: 'IPC_V5.6.2_build240315', buildDate: '2024-01-01T00:00:00Z', arch: 'arm', os: 'linux' });
    expect(versionKey('renamed-by-a-reseller_9.9.9.bin', { ...identity, chain: [] })).toMatchObject({ parts: [5, 6, 2], date: '20240315', source: 'identity' });
  });
});

describe('buildCorpus', () => {
  let matrix: CorpusMatrix;
  beforeAll(() => {
    matrix = buildCorpus(names.map((name) => ({ name: `${name}.json`, report: name.endsWith('.uimg') ? withIdentity(reports.get(name)!, `${dir}/${name}`) : reports.get(name)! })));
  });

  it('orders the columns by the versions the uImage headers record, then unversioned inputs by name', () => {
    expect(matrix.columns.map((column) => [column.input.split('/').at(-1), column.version, column.versionFrom])).toEqual([
      ['fw-v1.uimg', '5.5.0', 'identity'],
      ['fw-v2.uimg', '5.6.2', 'identity'],
      ['page-after.html', '', 'none'],
      ['page-before.html', '', 'none'],
    ]);
  });

  it('gives each term its counts, first seen and last seen', () => {
    const row = (termId: string) => matrix.rows.find((candidate) => candidate.termId === termId)!;
    expect(row('zh.fuse')).toMatchObject({ counts: [1, 0, 0, 0], firstSeen: 0, lastSeen: 0 });
    expect(row('zh.shejiang-renyuan')).toMatchObject({ counts: [0, 1, 0, 0], firstSeen: 1, lastSeen: 1 });
    expect(row('zh.renzhong')).toMatchObject({ counts: [1, 1, 1, 1], firstSeen: 0, lastSeen: 3 });
    expect(row('zh.jiangzang-xu-dingzhi-zhichi')).toMatchObject({ firstSeen: 3, lastSeen: 3 });
  });

  it('writes JSON that validates against schema/corpus.schema.json, the same whatever order the reports come in', () => {
    const json = renderCorpus(matrix, 'json');
    expect(validateCorpus(JSON.parse(json))).toEqual([]);
    const reversed = buildCorpus([...names].reverse().map((name) => ({ name: `${name}.json`, report: name.endsWith('.uimg') ? withIdentity(reports.get(name)!, `${dir}/${name}`) : reports.get(name)! })));
    expect(renderCorpus(reversed, 'json')).toBe(json);
  });

  it('renders HTML with an SVG timeline and the matrix', () => {
    const html = renderCorpus(matrix, 'html');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('<title>肤色: test/fixtures/versions/fw-v1.uimg … test/fixtures/versions/fw-v1.uimg</title>');
    expect(html).toContain('5.6.2 · 20240315 · IPC_V5.6.2_build240315');
  });
});

describe('CSV', () => {
  it('puts the first and last seen input and one count per input on each term row', () => {
    const csv = renderCorpus(buildCorpus([{ name: 'v1.json', report: reports.get('fw-v1.uimg')! }, { name: 'v2.json', report: reports.get('fw-v2.uimg')! }]), 'csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('term_id,text,category,first_seen,last_seen,test/fixtures/versions/fw-v1.uimg,test/fixtures/versions/fw-v2.uimg');
    expect(lines).toContain('zh.fuse,肤色,skin-colour,test/fixtures/versions/fw-v1.uimg,test/fixtures/versions/fw-v1.uimg,1,0');
  });

  it('neutralises cells a spreadsheet would run as a formula, and quotes commas', () => {
    const report = reports.get('fw-v1.uimg')!;
    const hostile = { ...report, inputs: report.inputs.map((input) => ({ ...input, path: '=HYPERLINK("x",1).bin' })), findings: report.findings.map((finding) => ({ ...finding, location: { ...finding.location, input: '=HYPERLINK("x",1).bin' } })) };
    expect(renderCorpus(buildCorpus([{ name: 'r.json', report: hostile }]), 'csv').split('\r\n')[0]).toBe('term_id,text,category,first_seen,last_seen,"\'=HYPERLINK(""x"",1).bin"');
  });
});

describe('presenceRuns', () => {
  it('merges consecutive columns into runs', () => {
    expect(presenceRuns([0, 1, 2, 0, 0, 3, 0, 1])).toEqual([[1, 2], [5, 5], [7, 7]]);
    expect(presenceRuns([])).toEqual([]);
  });
});

describe('fwsift corpus', () => {
  it('reads saved reports and writes the format the -o extension names', async () => {
    const work = mkdtempSync(join(tmpdir(), 'fwsift-corpus-'));
    for (const name of ['fw-v1.uimg', 'fw-v2.uimg']) writeFileSync(join(work, `${name}.json`), renderJson(reports.get(name)!));
    const run = await runCli('corpus', join(work, 'fw-v2.uimg.json'), join(work, 'fw-v1.uimg.json'), '-o', join(work, 'matrix.csv'));
    expect(run).toMatchObject({ code: 0, stderr: 'fwsift corpus: 5 terms × 2 inputs\n' });
    expect(readFileSync(join(work, 'matrix.csv'), 'utf8')).toContain('zh.shejiang-renyuan,涉疆人员,region-targeting,test/fixtures/versions/fw-v2.uimg');
    const bad = await runCli('corpus', join(work, 'matrix.csv'), '-o', join(work, 'm.json'));
    expect(bad.code).toBe(2);
    expect((await runCli('corpus', join(work, 'fw-v1.uimg.json'), '-o', join(work, 'm.txt'))).code).toBe(2);
  });
});
