// Issue 10: scan and verify are visitors of one walker, so they agree by construction. Every
// fixture and sample with findings is scanned and its untouched report verified (every check
// must pass); then one byte inside each innermost object that lies verbatim in the input is
// flipped, and exactly the findings of the objects holding that byte must fail.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, verify, type FindingJson, type Report } from '../../src/index.js';
import { fixturesRoot, loadManifest, type Fixture } from '../helpers/manifest.js';

const manifests = ['manifest.json', 'manifest-filesystems.json', 'manifest-firmware-a.json', 'manifest-flash.json'];
const samplesDir = new URL('../../samples/', import.meta.url).pathname;

interface Case {
  readonly label: string;
  readonly path: string;
  readonly options: Fixture['scanOptions'];
}

const cases: Case[] = [
  ...manifests.flatMap((name) => loadManifest(name).fixtures.filter((fixture) => fixture.findings.length > 0).map((fixture) => ({ label: fixture.path, path: new URL(fixture.path, fixturesRoot).pathname, options: fixture.scanOptions }))),
  ...readdirSync(samplesDir).filter((name) => statSync(join(samplesDir, name)).isFile()).map((name) => ({ label: `samples/${name}`, path: join(samplesDir, name), options: undefined })),
];

const chainKey = (finding: FindingJson) => JSON.stringify(finding.location.chain);

/** Spans of the input that are whole objects holding findings (verbatim in the input), innermost chains only. */
function flipTargets(report: Report): { readonly chain: string; readonly position: number }[] {
  const layers = report.inputs[0]!.layers ?? [];
  const targets = new Map<string, number>();
  for (const finding of report.findings) {
    if (finding.location.chain.length === 0) continue;
    const layer = layers.find((candidate) => JSON.stringify(candidate.chain) === chainKey(finding));
    if (layer === undefined || targets.has(chainKey(finding))) continue;
    targets.set(chainKey(finding), layer.start + finding.location.offset);
  }
  return [...targets].map(([chain, position]) => ({ chain, position }));
}

/** Findings whose own object (known in input coordinates) holds `position`; undefined when its object has no position. */
function holds(report: Report, finding: FindingJson, position: number): boolean | undefined {
  const layer = (report.inputs[0]!.layers ?? []).find((candidate) => JSON.stringify(candidate.chain) === chainKey(finding));
  return layer === undefined ? undefined : position >= layer.start && position < layer.end;
}

describe.each(cases)('$label', ({ path, options }) => {
  it('verifies its untouched report, every check passing', async () => {
    const report = await scan([path], options ?? {});
    expect(report.findings.length).toBeGreaterThan(0);
    const verified = await verify(report);
    expect(verified.results.filter((result) => result.status !== 'ok').map((result) => `${result.label}: ${result.reason}`)).toEqual([]);
  });

  it('fails exactly the findings of the object whose byte was flipped', async () => {
    const report = await scan([path], options ?? {});
    for (const target of flipTargets(report)) {
      const copy = join(mkdtempSync(join(tmpdir(), 'fwsift-flip-')), basename(path));
      copyFileSync(path, copy);
      const bytes = readFileSync(copy);
      bytes[target.position] = bytes[target.position]! ^ 0x01;
      writeFileSync(copy, bytes);
      const moved: Report = { ...report, inputs: report.inputs.map((input) => ({ ...input, path: copy })), findings: report.findings.map((finding) => ({ ...finding, location: { ...finding.location, input: copy } })) };
      const results = (await verify(moved)).results.filter((result) => result.kind === 'finding');
      for (const result of results) {
        const finding = result.finding!;
        const inside = holds(report, finding, target.position);
        if (inside === true) expect(result.status, `${result.label} (byte ${target.position} flipped)`).toBe('failed');
        if (inside === false) expect(result.status, `${result.label}: ${result.reason} (byte ${target.position} flipped)`).toBe('ok');
      }
    }
  });
});
