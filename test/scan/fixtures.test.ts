// Table-driven integration: every container fixture in test/fixtures/unpack/manifest.json is
// scanned end to end, and every planted term and expected problem must appear where the
// manifest (written by test/fixtures/build/containers.sh from the bytes it packed) says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scan, validateReport, type FindingJson, type Report } from '../../src/index.js';

interface ExpectedFinding {
  readonly termText: string;
  readonly variant: string;
  readonly encoding: string;
  readonly sameBytesAs?: readonly string[];
  readonly chainPaths: readonly string[];
  readonly chain: readonly { readonly format: string; readonly path?: string }[];
  readonly offset: number;
  readonly hex: string;
  readonly alternative?: { readonly chain: readonly { readonly format: string; readonly path?: string }[]; readonly offset: number };
}
interface ExpectedProblem {
  readonly kind: string;
  readonly chainPaths: readonly string[];
  readonly alsoAcceptChainPaths?: readonly string[];
}
interface Fixture {
  readonly path: string;
  readonly sha256: string;
  readonly findings: readonly ExpectedFinding[];
  readonly problems: readonly ExpectedProblem[];
}

const root = new URL('../fixtures/unpack/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8')) as { fixtures: Fixture[] };

function chainMatches(finding: FindingJson, chain: ExpectedFinding['chain']): boolean {
  const actual = finding.location.chain;
  return actual.length === chain.length && chain.every((link, i) => actual[i]!.format === link.format && (actual[i]!.path ?? undefined) === link.path);
}

function found(report: Report, expected: ExpectedFinding): boolean {
  const encodings = [expected.encoding, ...(expected.sameBytesAs ?? [])];
  const places = [{ chain: expected.chain, offset: expected.offset }, ...(expected.alternative === undefined ? [] : [expected.alternative])];
  return report.findings.some(
    (finding) =>
      finding.match.variant === expected.variant &&
      encodings.includes(finding.match.encoding) &&
      finding.match.hex === expected.hex &&
      places.some((place) => chainMatches(finding, place.chain) && finding.location.offset === place.offset),
  );
}

const paths = (chain: readonly { readonly path?: unknown }[]) => chain.flatMap((link) => (typeof link.path === 'string' ? [link.path] : []));

describe.each(manifest.fixtures)('$path', (fixture) => {
  let report: Report;
  it('scans into a schema-valid report with the input hash', async () => {
    report = await scan([new URL(fixture.path, root).pathname]);
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.sha256).toBe(fixture.sha256);
  });
  it.each(fixture.findings.map((finding) => [`${finding.variant} ${finding.encoding} in /${finding.chainPaths.join('/')} @ ${finding.offset}`, finding] as const))(
    'finds %s',
    (_label, expected) => {
      expect(found(report, expected), JSON.stringify(report.findings.map((f) => [f.match.variant, f.match.encoding, paths(f.location.chain), f.location.offset]))).toBe(true);
    },
  );
  it(fixture.problems.length === 0 ? 'reports no problem and is complete' : 'reports each expected problem and is partial', () => {
    const input = report.inputs[0]!;
    expect(input.problems.filter((problem) => problem.kind === 'internal')).toEqual([]);
    if (fixture.problems.length === 0) {
      expect(input.problems).toEqual([]);
      expect(input.status).toBe('complete');
      return;
    }
    expect(input.status).toBe('partial');
    for (const expected of fixture.problems) {
      const accepted = [expected.chainPaths, ...(expected.alsoAcceptChainPaths === undefined ? [] : [expected.alsoAcceptChainPaths])].map((p) => p.join('/'));
      expect(
        input.problems.some((problem) => problem.kind === expected.kind && accepted.includes(paths(problem.chain).join('/'))),
        JSON.stringify(input.problems),
      ).toBe(true);
    }
  });
});
