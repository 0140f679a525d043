// Custom packs (issue #7): --patterns adds packs to the shipped ones, --patterns-only replaces
// them; every pack used is recorded in the report with its id, version and the sha256 of the
// file's bytes, so a reader knows exactly which vocabulary produced the findings.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReport, type Report } from '../../src/index.js';
import { shippedPackPaths } from '../../src/patterns/load.js';
import { runCli } from '../helpers/cli.js';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

let dir: string;
let custom: string;
let sample: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fwsift-custom-packs-'));
  custom = join(dir, 'custom.json');
  writeFileSync(
    custom,
    JSON.stringify({
      id: 'acme.extra',
      version: '2.3.4',
      description: 'a custom pack',
      terms: [{ id: 'acme.face-ethnic', text: 'FACE_ETHNIC_FLAG', category: 'ethnicity', precision: 'high', meaning: 'm', boundary: 'identifier', references: [{ title: 't', url: 'https://example.org/' }] }],
    }),
  );
  sample = join(dir, 'sample.h');
  writeFileSync(sample, 'int FACE_ETHNIC_FLAG; EM_NATION_TYPE_UYGUR\n');
});

async function reportOf(...args: string[]): Promise<Report> {
  const run = await runCli('scan', sample, '-o', '-', '-q', '--fail-on', 'none', ...args);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as Report;
  expect(validateReport(report)).toEqual([]);
  return report;
}

describe('custom pattern packs', () => {
  it('records every shipped pack with id, version and the sha256 of its file', async () => {
    const report = await reportOf();
    const expected = shippedPackPaths().map((path) => {
      const pack = JSON.parse(readFileSync(path, 'utf8')) as { id: string; version: string };
      return { id: pack.id, version: pack.version, sha256: sha256(path) };
    });
    expect(report.run.patternPacks.map(({ id, version, sha256: hash }) => ({ id, version, sha256: hash }))).toEqual(expected);
    expect(expected.map((p) => p.id)).toContain(`fwsift.${basename(shippedPackPaths()[0]!, '.json')}`);
  });

  it('adds a --patterns pack after the shipped ones and records it', async () => {
    const report = await reportOf('--patterns', custom);
    const packs = report.run.patternPacks;
    expect(packs).toHaveLength(shippedPackPaths().length + 1);
    expect(packs.at(-1)).toMatchObject({ id: 'acme.extra', version: '2.3.4', sha256: sha256(custom), terms: 1 });
    const terms = report.findings.map((f) => `${f.term.pack}:${f.term.id}`);
    expect(terms).toContain('acme.extra:acme.face-ethnic');
    expect(terms).toContain('fwsift.vendor-dahua-netsdk:dahua.em-nation-type-uygur');
  });

  it('uses only the given packs with --patterns-only, and records only them', async () => {
    const report = await reportOf('--patterns', custom, '--patterns-only');
    expect(report.run.patternPacks).toEqual([{ id: 'acme.extra', version: '2.3.4', sha256: sha256(custom), terms: 1 }]);
    expect(report.findings.map((f) => f.term.id)).toEqual(['acme.face-ethnic']);
  });

  it('refuses a custom pack that redefines a shipped term id (exit 2), naming both', async () => {
    const clash = join(dir, 'clash.json');
    writeFileSync(
      clash,
      JSON.stringify({
        id: 'acme.clash',
        version: '1.0.0',
        description: 'redefines a shipped id',
        terms: [{ id: 'zh.renzhong', text: '人种X', category: 'race', precision: 'high', meaning: 'm', boundary: 'none', references: [{ title: 't', url: 'https://example.org/' }] }],
      }),
    );
    const run = await runCli('scan', sample, '--patterns', clash);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("clash.json /terms/0/id: term id 'zh.renzhong' is already defined by pack 'fwsift.race'");
    expect(run.stderr).toContain('nothing was scanned');
  });
});
