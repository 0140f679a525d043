/** `diffReports` on the version pairs built by test/fixtures/build/versions.sh (issue 17). */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffReports, renderDiff, scan, validateDiff, type DiffClass, type DiffReport, type Encoding, type LosslessText, type ChainLinkJson, type Report } from '../../src/index.js';
import { compileSarifValidator } from '../helpers/sarif-schema.js';
import { scanHookTimeoutMs, sliceOf } from './diff-slice.js';

const dir = 'test/fixtures/versions';
const names = ['sdk-v5/NetSDK.h', 'sdk-v6/NetSDK.h', 'fw-v1.uimg', 'fw-v1-copy.uimg', 'fw-v2.uimg', 'page-before.html', 'page-after.html'];
const reports = new Map<string, Report>();
const scanned = async (name: string): Promise<Report> => reports.get(name)!;

/** What the CLI does for plain-file inputs: the file's text in the hit's encoding. */
async function readWhole(input: LosslessText, chain: readonly ChainLinkJson[], encoding: Encoding): Promise<string | undefined> {
  return chain.length === 0 && typeof input === 'string' ? new TextDecoder(encoding).decode(await readFile(input)) : undefined;
}

const entries = (diff: DiffReport, diffClass: DiffClass) => diff.entries.filter((entry) => entry.class === diffClass).map((entry) => `${entry.term.id} ${(entry.old ?? entry.new)!.matched}`);

beforeAll(async () => {
  const all = await scan(names.map((name) => `${dir}/${name}`));
  for (const name of names) reports.set(name, sliceOf(all, `${dir}/${name}`));
}, scanHookTimeoutMs);

describe('SDK header v5 → v6 (enum dropped, members renamed to reserved names, comment translated)', () => {
  let diff: DiffReport;
  beforeAll(async () => {
    diff = await diffReports(await scanned('sdk-v5/NetSDK.h'), await scanned('sdk-v6/NetSDK.h'), { newObjectText: readWhole });
  }, scanHookTimeoutMs);

  it('calls byEthnic and byRace scrubbed, naming the placeholder at the same position and the agreeing neighbours', () => {
    const scrubbed = diff.entries.filter((entry) => entry.class === 'scrubbed');
    expect(scrubbed.map((entry) => [entry.old!.matched, entry.placeholder!.text])).toEqual([
      ['byEthnic', 'byRes1'],
      ['byRace', 'byRes2'],
    ]);
    expect(scrubbed[0]!.placeholder!.anchors).toEqual({ before: [';', 'BYTE', 'byAgeDeviation', ';', 'BYTE'], after: [';', 'BYTE', 'byMask', ';', 'BYTE'] });
    expect(scrubbed[1]!.placeholder!.context.before).toContain('byBeard;');
    expect(scrubbed[1]!.placeholder!.source).toBe('object');
  });

  it('calls the dropped enum and the translated comment removed, the new enum added and the race enum kept', () => {
    expect(entries(diff, 'removed')).toEqual(expect.arrayContaining(['dahua.em-nation-type-uygur EM_NATION_TYPE_UYGUR', 'dahua.em-nation-type EM_NATION_TYPE', 'zh.renzhong 人种']));
    expect(entries(diff, 'removed')).not.toContain('hikvision.by-race byRace');
    expect(entries(diff, 'added')).toEqual(['dahua.em-complexion-colour EM_COMPLEXION_YELLOW', 'dahua.em-complexion-member EM_COMPLEXION_NODISTI', 'dahua.em-complexion-type EM_COMPLEXION_TYPE']);
    expect(entries(diff, 'kept')).toEqual(expect.arrayContaining(['dahua.em-race-type EM_RACE_TYPE', 'dahua.em-race-member EM_RACE_UNKNOWN', 'dahua.em-race-colour EM_RACE_WHITE']));
    expect(diff.summary).toMatchObject({ added: 3, removed: 7, scrubbed: 2, kept: 6, changed: 12 });
  });

  it('pairs kept findings with both contexts although every offset moved', () => {
    const kept = diff.entries.find((entry) => entry.class === 'kept' && entry.term.id === 'dahua.em-race-type')!;
    expect(kept.old!.offset).not.toBe(kept.new!.offset);
    expect(kept.old!.context.before).toContain('EM_RACE_WHITE');
    expect(kept.new!.context.before).toContain('EM_RACE_WHITE');
  });

  it('finds the placeholders from NEW finding contexts alone when the object cannot be read, or says removed', async () => {
    const withoutObject = await diffReports(await scanned('sdk-v5/NetSDK.h'), await scanned('sdk-v6/NetSDK.h'));
    // No NEW finding sits near the struct, so there is no evidence of a placeholder: removed, never guessed.
    expect(withoutObject.summary.scrubbed).toBe(0);
    expect(entries(withoutObject, 'removed')).toContain('hikvision.by-race byRace');
  });

  it('reads NEW back even when NEW has no finding left in that object', async () => {
    const scrubbedClean = { ...(await scanned('sdk-v6/NetSDK.h')), findings: [] };
    const diff = await diffReports(await scanned('sdk-v5/NetSDK.h'), scrubbedClean, { newObjectText: readWhole });
    expect(diff.entries.filter((entry) => entry.class === 'scrubbed').map((entry) => entry.placeholder!.text)).toEqual(['byRes1', 'byRes2']);
  });

  it('writes JSON that validates against schema/diff.schema.json', () => {
    expect(validateDiff(JSON.parse(renderDiff(diff, reports.get('sdk-v6/NetSDK.h')!, 'json')))).toEqual([]);
  });

  it('renders HTML with old and new side by side and every report string escaped', () => {
    const html = renderDiff(diff, reports.get('sdk-v6/NetSDK.h')!, 'html');
    expect(html).toContain('<mark>byRace</mark>');
    expect(html).toContain('<mark>byRes2</mark>');
    expect(html).toMatch(/<tr class="scrubbed"><td>byRace<br>.*<td class="old">.*<td class="new">/);
    expect(html).not.toContain('<s id=');
  });
});

describe('firmware images where only one file changed', () => {
  let diff: DiffReport;
  beforeAll(async () => {
    diff = await diffReports(await scanned('fw-v1.uimg'), await scanned('fw-v2.uimg'));
  }, scanHookTimeoutMs);

  it('matches by member path: the members after the changed one moved but are kept', () => {
    expect(entries(diff, 'kept').sort()).toEqual(['dahua.em-race emRace', 'dahua.em-race-type EM_RACE_TYPE', 'zh.renzhong 人种']);
    const moved = diff.entries.find((entry) => entry.term.id === 'dahua.em-race')!;
    expect(moved.old!.chain.at(-1)!.offset).not.toBe(moved.new!.chain.at(-1)!.offset);
    expect(moved.place).toBe('uimage!/gzip!/tar:usr/lib/libfaceattr.txt');
  });

  it('reports 肤色 removed and 涉疆人员 added in the changed file', () => {
    expect(entries(diff, 'removed')).toEqual(['zh.fuse 肤色']);
    expect(entries(diff, 'added')).toEqual(['zh.shejiang-renyuan 涉疆人员']);
  });

  it('writes SARIF whose only results are the added findings', () => {
    const sarif = JSON.parse(renderDiff(diff, reports.get('fw-v2.uimg')!, 'sarif')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toEqual(['zh.shejiang-renyuan']);
    const validate = compileSarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
  });

  it('diffs an unchanged pair to nothing', async () => {
    const same = await diffReports(await scanned('fw-v1.uimg'), await scanned('fw-v1-copy.uimg'));
    expect(same.summary).toMatchObject({ added: 0, removed: 0, scrubbed: 0, changed: 0, kept: 4 });
    expect(renderDiff(same, reports.get('fw-v1-copy.uimg')!, 'md')).toContain('No changes');
  });
});

describe('product page before and after', () => {
  it('reports 疆藏(需定制支持) removed from the page and 人种 kept', async () => {
    const diff = await diffReports(await scanned('page-before.html'), await scanned('page-after.html'));
    expect(entries(diff, 'removed').sort()).toEqual(['zh.jiangzang-xu-dingzhi-zhichi 疆藏(需定制支持)']);
    expect(entries(diff, 'kept')).toEqual(['zh.renzhong 人种']);
    expect(diff.summary.added).toBe(0);
  });
});

describe('determinism', () => {
  it('gives the same entries from another scan of the inputs in another order', async () => {
    const first = await diffReports(await scanned('fw-v1.uimg'), await scanned('fw-v2.uimg'));
    const again = await scan([`${dir}/fw-v2.uimg`, `${dir}/fw-v1.uimg`]);
    const second = await diffReports(sliceOf(again, `${dir}/fw-v1.uimg`), sliceOf(again, `${dir}/fw-v2.uimg`));
    expect(JSON.stringify(second.entries)).toBe(JSON.stringify(first.entries));
  });
});
