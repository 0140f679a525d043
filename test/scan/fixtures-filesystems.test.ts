// Table-driven integration for the filesystem fixtures (squashfs in every compressor, cramfs in
// both byte orders, romfs; damaged, truncated, hostile and unsupported images): every fixture
// in test/fixtures/unpack/manifest-filesystems.json (written by
// test/fixtures/build/filesystems.sh from the bytes it packed and re-checked against
// unsquashfs / fsck.cramfs) is scanned end to end with the shared manifest rules of
// test/helpers/manifest.ts, and one more: besides every expected problem, no other problem
// may appear (a filesystem handler that reports noise on good images would hide real damage).
import { describe, expect, it } from 'vitest';
import { scan, validateReport, type Report } from '../../src/index.js';
import { fixturesRoot, found, loadManifest, paths, type ExpectedProblem } from '../helpers/manifest.js';

const manifest = loadManifest('manifest-filesystems.json');

type ActualChain = readonly { readonly format: string; readonly path?: unknown }[];
const describeChain = (chain: ActualChain) => chain.map((link) => (typeof link.path === 'string' ? `${link.format}:${link.path}` : link.format)).join(' > ');

describe('manifest-filesystems.json', () => {
  it('covers every filesystem format and every squashfs compressor', () => {
    const names = manifest.fixtures.map((fixture) => fixture.path);
    for (const comp of ['gzip', 'xz', 'lzma', 'lzo', 'lz4', 'zstd']) expect(names).toContain(`squashfs/v4-le-${comp}.sqsh`);
    expect(names.some((name) => name.startsWith('cramfs/'))).toBe(true);
    expect(names.some((name) => name.startsWith('romfs/'))).toBe(true);
  });
});

describe.each(manifest.fixtures)('$path', (fixture) => {
  let report: Report;
  it('scans into a schema-valid report with the input hash', async () => {
    report = await scan([new URL(fixture.path, fixturesRoot).pathname], fixture.scanOptions ?? {});
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.sha256).toBe(fixture.sha256);
  });
  it.each(fixture.findings.map((finding) => [`${finding.variant} ${finding.encoding} in ${describeChain(finding.chain) || '(raw input)'} @ ${finding.offset}`, finding] as const))(
    'finds %s',
    (_label, expected) => {
      const seen = report.findings.map((f) => `${f.match.variant} ${f.match.encoding} ${describeChain(f.location.chain)} @${f.location.offset}`);
      expect(found(report, expected), JSON.stringify(seen, null, 1)).toBe(true);
    },
  );
  it(fixture.problems.length === 0 ? 'reports no problem and is complete' : 'reports exactly the expected problems and is partial', () => {
    const input = report.inputs[0]!;
    expect(input.problems.filter((problem) => problem.kind === 'internal')).toEqual([]);
    if (fixture.problems.length === 0) {
      expect(input.problems).toEqual([]);
      expect(input.status).toBe('complete');
      return;
    }
    expect(input.status).toBe('partial');
    const accepts = (expected: ExpectedProblem, problem: (typeof input.problems)[number]) =>
      problem.kind === expected.kind &&
      [expected.chainPaths, ...(expected.alsoAcceptChainPaths === undefined ? [] : [expected.alsoAcceptChainPaths])].some((p) => p.join('/') === paths(problem.chain).join('/'));
    for (const expected of fixture.problems) {
      expect(input.problems.some((problem) => accepts(expected, problem)), JSON.stringify(input.problems)).toBe(true);
    }
    for (const problem of input.problems) {
      expect(fixture.problems.some((expected) => accepts(expected, problem)), `unexpected problem ${JSON.stringify(problem)}`).toBe(true);
    }
  });
});
