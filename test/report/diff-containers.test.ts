/**
 * Scrub detection inside containers (issue 17, gap 2): the SDK header pair of
 * test/fixtures/build/versions.sh packed in a tar.gz and in a zip, where a ReadMe that sorts
 * first grows in v6, so the header's offset moves. NEW's header is read back by chain through
 * the walker (`readObject`), as the CLI does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diffReports, readObject, scan, type ChainLinkJson, type DiffReport, type Encoding, type LosslessText, type Report } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { scanHookTimeoutMs, sliceOf } from './diff-slice.js';

const dir = 'test/fixtures/versions';
const archives = ['sdk-v5.tar.gz', 'sdk-v6.tar.gz', 'sdk-v5.zip', 'sdk-v6.zip'];
const reports = new Map<string, Report>();

async function readBack(input: LosslessText, chain: readonly ChainLinkJson[], encoding: Encoding, byPlace: boolean): Promise<string | undefined> {
  const read = await readObject(input, chain, { byPlace });
  return 'bytes' in read ? new TextDecoder(encoding).decode(read.bytes) : undefined;
}

const scrubbed = (diff: DiffReport) => diff.entries.filter((entry) => entry.class === 'scrubbed').map((entry) => [entry.old!.matched, entry.placeholder!.text, entry.placeholder!.source]);
const headerChain = (report: Report) => report.findings.find((finding) => finding.term.id === 'dahua.em-race-type')!.location.chain;

beforeAll(async () => {
  const all = await scan(archives.map((name) => `${dir}/${name}`));
  for (const name of archives) reports.set(name, sliceOf(all, `${dir}/${name}`));
}, scanHookTimeoutMs);

describe.each([
  ['tar.gz', 'sdk-v5.tar.gz', 'sdk-v6.tar.gz', ['gzip', 'tar']],
  ['zip', 'sdk-v5.zip', 'sdk-v6.zip', ['zip']],
])('SDK %s v5 → v6', (_label, oldName, newName, formats) => {
  it('finds the header inside the container, at a different offset in NEW', () => {
    const oldChain = headerChain(reports.get(oldName)!);
    const newChain = headerChain(reports.get(newName)!);
    expect(oldChain.map((link) => link.format)).toEqual(formats);
    expect(oldChain.at(-1)!.path).toBe('NetSDK/include/NetSDK.h');
    expect(newChain.at(-1)!.offset).not.toBe(oldChain.at(-1)!.offset);
  });

  it('calls byEthnic and byRace scrubbed from NEW\'s member read back by its chain', async () => {
    const diff = await diffReports(reports.get(oldName)!, reports.get(newName)!, { newObjectText: readBack });
    expect(scrubbed(diff)).toEqual([
      ['byEthnic', 'byRes1', 'object'],
      ['byRace', 'byRes2', 'object'],
    ]);
    expect(diff.entries.find((entry) => entry.class === 'scrubbed')!.placeholder!.anchors.after).toEqual([';', 'BYTE', 'byMask', ';', 'BYTE']);
    expect(diff.summary).toMatchObject({ added: 3, removed: 7, scrubbed: 2, kept: 6 });
  });

  it('finds NEW\'s member by place when NEW has no finding left in it (offsets ignored)', async () => {
    const scrubbedClean = { ...reports.get(newName)!, findings: [] };
    const diff = await diffReports(reports.get(oldName)!, scrubbedClean, { newObjectText: readBack });
    expect(scrubbed(diff).map(([, placeholder]) => placeholder)).toEqual(['byRes1', 'byRes2']);
  });

  it('says removed, never scrubbed, when NEW\'s member cannot be read', async () => {
    const diff = await diffReports(reports.get(oldName)!, reports.get(newName)!);
    expect(diff.summary.scrubbed).toBe(0);
  });
});

describe('readObject', () => {
  it('reads a member by its exact chain, and says why when the chain leads nowhere', async () => {
    const chain = headerChain(reports.get('sdk-v6.tar.gz')!);
    const read = await readObject(`${dir}/sdk-v6.tar.gz`, chain);
    expect('bytes' in read && read.bytes.toString('utf8')).toContain('BYTE byRes2;');
    const moved = chain.map((link, index) => (index === chain.length - 1 ? { ...link, offset: link.offset + 512 } : link));
    expect(await readObject(`${dir}/sdk-v6.tar.gz`, moved)).toEqual({ error: 'no object at that chain' });
    expect('bytes' in (await readObject(`${dir}/sdk-v6.tar.gz`, moved, { byPlace: true }))).toBe(true);
    expect(await readObject(`${dir}/sdk-v6.tar.gz`, chain, { maxBytes: 100 })).toEqual({ error: 'the object is over 100 bytes' });
    expect(await readObject(`${dir}/no-such.tar.gz`, chain)).toMatchObject({ error: expect.stringContaining('ENOENT') });
  });
});

describe('fwsift diff on two SDK archives', () => {
  it('scans both and reports the scrubbed members inside the zip', async () => {
    const run = await runCli('diff', `${dir}/sdk-v5.zip`, `${dir}/sdk-v6.zip`, '--format', 'md');
    expect(run.stderr).toBe('fwsift diff: 3 added, 7 removed, 2 scrubbed, 6 kept\n');
    expect(run.stdout).toContain('byRes2');
    expect(run.code).toBe(0);
  }, scanHookTimeoutMs);
});
