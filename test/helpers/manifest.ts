/**
 * Table-driven integration over a fixture manifest (test/fixtures/unpack/manifest*.json, format
 * in test/fixtures/README.md): each fixture is scanned end to end, and every planted term and
 * every expected problem must appear where the manifest says. Shared by the manifest tests
 * (fixtures.test.ts for manifest.json, fixtures-firmware-a.test.ts for manifest-firmware-a.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scan, validateReport, type FindingJson, type Report, type ScanOptions } from '../../src/index.js';
import { handlers } from '../../src/unpack/index.js';

export interface ChainSpec {
  readonly format: string;
  readonly path?: string;
}
export interface ExpectedFinding {
  readonly termText: string;
  readonly variant: string;
  readonly encoding: string;
  readonly sameBytesAs?: readonly string[];
  readonly chainPaths: readonly string[];
  readonly chain: readonly ChainSpec[];
  readonly offset: number;
  readonly hex: string;
  readonly alternative?: { readonly chain: readonly ChainSpec[]; readonly offset: number };
}
export interface ExpectedProblem {
  readonly kind: string;
  readonly chainPaths: readonly string[];
  readonly alsoAcceptChainPaths?: readonly string[];
}
export interface Fixture {
  readonly path: string;
  readonly sha256: string;
  /** Options passed to `scan()` for this fixture (bombs use a low `maxExpandedBytes`). */
  readonly scanOptions?: Partial<ScanOptions>;
  /** Handler ids the fixture needs; it is skipped while one is not registered. */
  readonly requiresHandlers?: readonly string[];
  readonly findings: readonly ExpectedFinding[];
  readonly problems: readonly ExpectedProblem[];
}

export const fixturesRoot = new URL('../fixtures/unpack/', import.meta.url);

export function loadManifest(name: string): { readonly fixtures: readonly Fixture[] } {
  return JSON.parse(readFileSync(new URL(name, fixturesRoot), 'utf8')) as { fixtures: Fixture[] };
}

export function chainMatches(finding: FindingJson, chain: readonly ChainSpec[]): boolean {
  const actual = finding.location.chain;
  return actual.length === chain.length && chain.every((link, i) => actual[i]!.format === link.format && (actual[i]!.path ?? undefined) === link.path);
}

/** True when the report holds the expected finding (its encoding or one with the same bytes, at its place or its alternative). */
export function found(report: Report, expected: ExpectedFinding): boolean {
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

export const paths = (chain: readonly { readonly path?: unknown }[]) => chain.flatMap((link) => (typeof link.path === 'string' ? [link.path] : []));

/** One `describe` per fixture of the manifest `name`: schema-valid report, every finding, every problem (or none). */
export function describeManifest(name: string): void {
  const registered = new Set(handlers.map((handler) => handler.id));
  describe.each(loadManifest(name).fixtures)('$path', (fixture) => {
    const missing = (fixture.requiresHandlers ?? []).filter((id) => !registered.has(id));
    const test = missing.length === 0 ? it : it.skip;
    let report: Report;
    test(missing.length === 0 ? 'scans into a schema-valid report with the input hash' : `needs handler ${missing.join(', ')} (not registered yet)`, async () => {
      report = await scan([new URL(fixture.path, fixturesRoot).pathname], fixture.scanOptions ?? {});
      expect(validateReport(report)).toEqual([]);
      expect(report.inputs[0]!.sha256).toBe(fixture.sha256);
    });
    if (missing.length > 0) return;
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
}
