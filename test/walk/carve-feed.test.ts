// Issue 13 point 1, one pass per byte: when the scan's automaton carries the carver's
// signatures as extra patterns, the walker carves from the hits of that one pass and its own
// signature DFA never runs; the report is the same as with the carver's own pass, whatever
// the read size.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileAutomaton } from '../../src/match/automaton.js';
import { preparePatterns, scan, type PreparedPatterns, type Report } from '../../src/index.js';
import { handlers as registry } from '../../src/unpack/index.js';
import { compileSignatures, SignatureScanner, signaturePatterns } from '../../src/walk/carve.js';
import { fixturesRoot } from '../helpers/manifest.js';

const fixtures = ['carve/flash--gzip-zip-tar.bin', 'carve/truncated--gzip-at-end.bin', 'acceptance/dahua--uimage-squashfs-xz.bin', 'mixed/term-everywhere.bin'];
const readSizes = [7, 1024 * 1024];

function comparable(report: Report): unknown {
  return { inputs: report.inputs, findings: report.findings, problems: report.inputs.map((input) => input.problems) };
}

describe('carving from the scan automaton’s own pass', () => {
  let ownPass: PreparedPatterns;
  let onePass: PreparedPatterns;

  beforeAll(async () => {
    ownPass = await preparePatterns({ patterns: [], patternsOnly: false });
    const signatures = compileSignatures(registry);
    const automaton = compileAutomaton(ownPass.matcher.needles, { extraPatterns: signaturePatterns(signatures) });
    onePass = { ...ownPass, matcher: { automaton, needles: ownPass.matcher.needles, signatures } };
  }, 60_000);

  afterEach(() => vi.restoreAllMocks());

  describe.each(fixtures)('%s', (fixture) => {
    it.each(readSizes)('carves the same chunks, without the carver’s DFA, with %i-byte reads', async (readChunkBytes) => {
      const path = new URL(fixture, fixturesRoot).pathname;
      const reference = await scan([path], { readChunkBytes }, {}, ownPass);
      const ownDfa = vi.spyOn(SignatureScanner.prototype, 'push');
      const fed = vi.spyOn(SignatureScanner.prototype, 'pushFound');
      const report = await scan([path], { readChunkBytes }, {}, onePass);
      expect(ownDfa).not.toHaveBeenCalled();
      expect(fed).toHaveBeenCalled();
      expect(comparable(report)).toEqual(comparable(reference));
    });
  });

  it('carves something in the fixtures (the comparison is not of empty reports)', async () => {
    const report = await scan([new URL(fixtures[0]!, fixturesRoot).pathname], {}, {}, onePass);
    expect(report.findings.some((finding) => finding.location.chain.some((link) => link.format === 'carve'))).toBe(true);
  });
});
