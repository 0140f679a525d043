// Recall on true-positive contexts (issue #7): the corpus in test/fixtures/recall/ is written
// from the contexts research/vocabulary.md documents (Dahua, Hikvision, Uniview and Sophgo SDK
// enums and structs, cloud face-API JSON, GA/T 1400 JSON, a police platform page, vendor
// product pages, English translations) and encoded the way such material ships (UTF-8, GBK,
// UTF-16LE, Big5, \uXXXX and &#…; escapes) by test/fixtures/build/recall.sh.
//
// Which terms are present is computed from each fixture's UTF-8 source with the term's own
// rules (case, token boundary, exclusions), so a new pack term is checked as soon as the corpus
// contains it. Every present high-precision term must be found at high in every fixture made
// from that source; every present medium-precision term must be found at all.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan, type FindingJson, type Report } from '../../src/index.js';
import { loadPacks, shippedPackPaths } from '../../src/patterns/load.js';
import { encodeText } from '../../src/patterns/needles.js';
import type { Encoding, Form, Term } from '../../src/patterns/types.js';

interface Fixture {
  readonly file: string;
  readonly source: string;
  readonly encoding: Encoding;
  readonly form: Form;
}

const dir = new URL('../fixtures/recall/', import.meta.url);
const fixtures = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as readonly Fixture[];
const pathOf = (name: string): string => new URL(name, dir).pathname;

let terms: readonly Term[];
let report: Report;

beforeAll(async () => {
  const loaded = await loadPacks(shippedPackPaths());
  expect(loaded.problems).toEqual([]);
  terms = loaded.packs.flatMap((pack) => pack.terms);
  report = await scan(fixtures.map((fixture) => pathOf(fixture.file)));
}, 120_000);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `spelling` occurs in `text` as the term's rules would accept it (boundary, case, exclusions). */
function occurs(term: Term, spelling: string, text: string): boolean {
  const around = term.boundary === 'identifier' ? '[A-Za-z0-9_]' : term.boundary === 'word' ? '[A-Za-z0-9]' : undefined;
  const core = escapeRegExp(spelling);
  const pattern = new RegExp(around === undefined ? core : `(?<!${around})${core}(?!${around})`, term.case === 'insensitive' ? 'gi' : 'g');
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    if (term.notAfter.some((x) => before.endsWith(x)) || term.notBefore.some((x) => after.startsWith(x))) continue;
    return true;
  }
  return false;
}

/** The (term, spelling) pairs of `precision` present in a fixture's source and representable in its encoding. */
function present(fixture: Fixture, precision: Term['precision']): { term: Term; spelling: string }[] {
  const text = readFileSync(pathOf(fixture.source), 'utf8');
  return terms
    .filter((term) => term.precision === precision)
    .flatMap((term) => [term.text, ...term.variants].map((spelling) => ({ term, spelling })))
    .filter(({ term, spelling }) => occurs(term, spelling, text))
    .filter(({ spelling }) => fixture.form !== 'raw' || encodeText(spelling, fixture.encoding) !== undefined);
}

/** Every term found in a fixture: the findings, and the terms each finding contains (one finding per place). */
function findingsOf(fixture: Fixture): readonly Pick<FindingJson, 'term' | 'match' | 'confidence' | 'reasons'>[] {
  return report.findings
    .filter((finding) => finding.location.input === pathOf(fixture.file))
    .flatMap((finding) => [
      finding,
      ...(finding.contains ?? []).map((inner) => ({
        term: { ...finding.term, id: inner.termId, text: inner.text },
        match: { ...finding.match, variant: inner.variant },
        confidence: inner.confidence,
        reasons: [`contained in ${finding.term.id}`],
      })),
    ]);
}

/**
 * Misses caused by known matcher bugs, left out of the checks until fixed (each names the fix).
 * - 维族 after 如 in `\u5982\u7ef4\u65cf`: the ASCII notAfter entries of 维族 (the digits 0–9)
 *   are compared against the escaped text, so the hex digit `2` ending `\u5982` rejects the
 *   hit (src/match/verify-raw.ts `encodeExclusions`: an ASCII exclusion must not match inside a
 *   preceding escape sequence).
 */
// Regression: 维族 after 如 written `\u5982\u7ef4\u65cf` was rejected because the escape's last
// hex digit matched the digit exclusion; fixed in src/match/verify-raw.ts (endsWithEscape).
const knownGaps: readonly { readonly file: string; readonly termId: string; readonly spelling: string }[] = [];
const isKnownGap = (fixture: Fixture, term: Term, spelling: string): boolean =>
  knownGaps.some((gap) => gap.file === fixture.file && gap.termId === term.id && gap.spelling === spelling);

const sameSpelling = (term: Term, a: string, b: string): boolean => (term.case === 'insensitive' ? a.toLowerCase() === b.toLowerCase() : a === b);

describe('recall corpus', () => {
  it('scans every fixture completely', () => {
    expect(report.inputs.filter((input) => input.status !== 'complete').map((input) => input.path)).toEqual([]);
    expect(report.inputs).toHaveLength(fixtures.length);
  });

  it('contains every high-precision vendor identifier and Chinese phrase of the vocabulary at least once', () => {
    const covered = new Set(fixtures.flatMap((fixture) => present(fixture, 'high').map(({ term }) => term.id)));
    const high = terms.filter((term) => term.precision === 'high').map((term) => term.id);
    expect(high.filter((id) => !covered.has(id))).toEqual([]);
  });

  describe.each(fixtures.map((fixture) => [fixture.file, fixture] as const))('%s', (_name, fixture) => {
    it('finds every high-precision term present at high confidence', () => {
      const found = findingsOf(fixture);
      const missed = present(fixture, 'high')
        .filter(({ term, spelling }) => !isKnownGap(fixture, term, spelling))
        .filter(({ term, spelling }) => !found.some((f) => f.term.id === term.id && f.confidence === 'high' && sameSpelling(term, f.match.variant, spelling)))
        .map(({ term, spelling }) => {
          const others = found.filter((f) => f.term.id === term.id).map((f) => `${f.confidence} ${f.reasons.join('; ')}`);
          return `${term.id} "${spelling}"${others.length > 0 ? ` (found: ${others.join(' | ')})` : ' (not found)'}`;
        });
      expect(missed).toEqual([]);
    });

    it('finds every medium-precision term present', () => {
      const found = findingsOf(fixture);
      const missed = present(fixture, 'medium')
        .filter(({ term, spelling }) => !isKnownGap(fixture, term, spelling))
        .filter(({ term, spelling }) => !found.some((f) => f.term.id === term.id && sameSpelling(term, f.match.variant, spelling)))
        .map(({ term, spelling }) => `${term.id} "${spelling}"`);
      expect(missed).toEqual([]);
    });

    it.runIf(fixture.form === 'raw' && fixture.encoding !== 'utf-8')(`reports its hits in ${fixture.encoding}`, () => {
      // ASCII identifiers have the same bytes in UTF-8, GB18030 and Big5 (labelled utf-8); in UTF-16 every hit is UTF-16.
      const own = findingsOf(fixture).filter((f) => fixture.encoding.startsWith('utf-16') || /[^\x00-\x7f]/.test(f.match.variant));
      expect(own.length).toBeGreaterThan(0);
      expect([...new Set(own.map((f) => f.match.encoding))]).toEqual([fixture.encoding]);
    });

    it.runIf(fixture.form !== 'raw')(`finds the escaped CJK text (${fixture.form})`, () => {
      const cjk = findingsOf(fixture).filter((f) => /[^\x00-\x7f]/.test(f.match.variant));
      expect(cjk.length).toBeGreaterThan(0);
      for (const finding of cjk) expect([fixture.form, 'text-view']).toContain(finding.match.form);
    });
  });
});
