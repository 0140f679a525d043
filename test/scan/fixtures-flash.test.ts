// Table-driven integration for the stream-compression and flash-filesystem fixtures: every
// fixture in test/fixtures/unpack/manifest-flash.json (written by
// test/fixtures/build/flash.sh from the bytes it packed) is scanned end to end, and every
// planted term and expected problem must appear where the manifest says. Same rules as
// fixtures.test.ts (which reads manifest.json); a fixture may name scan options (bombs are
// scanned with a low maxExpandedBytes).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scan, validateReport, type FindingJson, type Report } from '../../src/index.js';

interface ChainSpec {
  readonly format: string;
  readonly path?: string;
}
interface ExpectedFinding {
  readonly termText: string;
  readonly variant: string;
  readonly encoding: string;
  readonly sameBytesAs?: readonly string[];
  readonly chainPaths: readonly string[];
  readonly chain: readonly ChainSpec[];
  readonly offset: number;
  readonly hex: string;
}
interface ExpectedProblem {
  readonly kind: string;
  readonly chainPaths: readonly string[];
  readonly chain: readonly ChainSpec[];
}
interface Fixture {
  readonly path: string;
  readonly sha256: string;
  readonly scanOptions?: { readonly maxExpandedBytes?: number };
  readonly findings: readonly ExpectedFinding[];
  readonly problems: readonly ExpectedProblem[];
}

const root = new URL('../fixtures/unpack/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest-flash.json', root), 'utf8')) as { fixtures: Fixture[] };

function chainMatches(actual: readonly { readonly format: string; readonly path?: unknown }[], chain: readonly ChainSpec[]): boolean {
  return actual.length === chain.length && chain.every((link, i) => actual[i]!.format === link.format && (actual[i]!.path ?? undefined) === link.path);
}

function found(report: Report, expected: ExpectedFinding): boolean {
  const encodings = [expected.encoding, ...(expected.sameBytesAs ?? [])];
  return report.findings.some(
    (finding: FindingJson) =>
      finding.match.variant === expected.variant &&
      encodings.includes(finding.match.encoding) &&
      finding.match.hex === expected.hex &&
      chainMatches(finding.location.chain, expected.chain) &&
      finding.location.offset === expected.offset,
  );
}

const describeChain = (chain: readonly { readonly format: string; readonly path?: unknown }[]) =>
  chain.map((link) => (typeof link.path === 'string' ? `${link.format}:${link.path}` : link.format)).join(' > ');

describe.each(manifest.fixtures)('$path', (fixture) => {
  let report: Report;
  it('scans into a schema-valid report with the input hash', async () => {
    report = await scan([new URL(fixture.path, root).pathname], fixture.scanOptions ?? {});
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.sha256).toBe(fixture.sha256);
  });
  it.each(fixture.findings.map((finding) => [`${finding.variant} ${finding.encoding} in ${describeChain(finding.chain) || 'the input'} @ ${finding.offset}`, finding] as const))(
    'finds %s',
    (_label, expected) => {
      const seen = report.findings.map((f) => [f.match.variant, f.match.encoding, describeChain(f.location.chain), f.location.offset]);
      expect(found(report, expected), JSON.stringify(seen)).toBe(true);
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
      expect(
        input.problems.some((problem) => problem.kind === expected.kind && chainMatches(problem.chain as readonly ChainSpec[], expected.chain)),
        JSON.stringify(input.problems),
      ).toBe(true);
    }
  });
});
