// Issue 11, degenerate needles: a needle that repeats itself (period 1 or 2 bytes) is refused
// before scanning, and a needle whose hits come faster than the hit-rate limit in one object is
// only counted from then on, with a `limit` problem on that object. False-positive families:
// the shipped packs and ordinary CJK and identifier terms are never refused, and a dense but
// real flood (one term per line) stays below the rate.
import { describe, expect, it } from 'vitest';
import { compileAutomaton } from '../../src/match/automaton.js';
import { expandTerms } from '../../src/patterns/needles.js';
import { HitRate } from '../../src/scan/hit-rate.js';
import { preparePatterns } from '../../src/scan/prepare.js';
import { repetitiveNeedleProblems, smallestPeriod } from '../../src/scan/repetitive-needles.js';
import { SearchVisitor } from '../../src/scan/search.js';
import { walkInput } from '../../src/walk/walker.js';
import { chunkings } from '../helpers/chunkings.js';
import { makeTerm } from '../helpers/terms.js';
import { runCli } from '../helpers/cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const needlesOf = (...texts: string[]) => expandTerms(texts.map((text) => makeTerm(text))).needles;

describe('repetitive needles, refused before scanning', () => {
  it('finds the smallest period of a byte string', () => {
    expect(smallestPeriod(Buffer.from('aaaa'))).toBe(1);
    expect(smallestPeriod(Buffer.from('a\0a\0a\0'))).toBe(2);
    expect(smallestPeriod(Buffer.from('abcab'))).toBe(3);
    expect(smallestPeriod(Buffer.from('人种', 'utf8'))).toBe(6);
  });

  it('names each term with a needle of period 1 or 2, once', () => {
    const problems = repetitiveNeedleProblems(needlesOf('aaa', '\uffff\uffff', 'abab', 'EM_NATION_TYPE_UYGUR', '人种', '维族'));
    expect(problems.map((problem) => problem.pointer)).toEqual(['term test.aaa', 'term test.\uffff\uffff', 'term test.abab']);
    expect(problems[0]!.message).toMatch(/^spelling "aaa" is one byte repeated in utf-8 raw \(616161\)/);
    expect(problems[2]!.message).toContain('two bytes repeated');
  });

  it('refuses none of the shipped packs\' needles', async () => {
    const prepared = await preparePatterns({ patterns: [], patternsOnly: false });
    expect(repetitiveNeedleProblems(prepared.needleSet.needles)).toEqual([]);
  });

  it('is a usage error (exit 2) before anything is scanned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-hit-rate-'));
    const pack = join(dir, 'pack.json');
    writeFileSync(pack, JSON.stringify({ id: 'runs', version: '1.0.0', description: 'a run', terms: [{ id: 'runs.a', text: 'aaaa', category: 'race', precision: 'high', boundary: 'none', meaning: 'test', references: [{ title: 't', url: 'https://example.org/' }] }] }));
    writeFileSync(join(dir, 'input.txt'), 'a'.repeat(1000));
    const run = await runCli('scan', '--patterns-only', '--patterns', pack, join(dir, 'input.txt'), '-q');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('term runs.a: spelling "aaaa" is one byte repeated in utf-8 raw (61616161)');
    expect(run.stderr).toContain('nothing was scanned');
  });
});

describe('the hit-rate limit', () => {
  const [needle] = needlesOf('abc');
  const mib = 1024 * 1024;

  it('verifies the first hits, then stops a needle whose rate passes the bound and counts the rest', () => {
    const rate = new HitRate({ minHits: 4, maxHitsPerMiB: 4 });
    const verified = [0, 3, 6, 9, 12, 15].map((offset) => rate.verify(needle!, offset, 100));
    expect(verified).toEqual([true, true, true, true, false, false]);
    expect(rate.problems([needle!])).toEqual([{ offset: 12, message: expect.stringMatching(/^hit rate limit reached: term test\.abc \(utf-8 raw\) .* from offset 12 on; its first 4 hits were verified, the other 2 were counted/) }]);
  });

  it('allows the bound per MiB read so far, so a long object with spread-out hits is never stopped', () => {
    const rate = new HitRate({ minHits: 4, maxHitsPerMiB: 4 });
    for (let mebibytes = 1; mebibytes <= 10; mebibytes++) for (let k = 0; k < 4; k++) expect(rate.verify(needle!, mebibytes * mib - k, mebibytes * mib)).toBe(true);
    expect(rate.problems([needle!])).toEqual([]);
  });

  it('leaves the default bound far above a real flood: one term per line', () => {
    const rate = new HitRate();
    const line = 'EM_NATION_TYPE_UYGUR\n'.length;
    let position = 0;
    let stopped = false;
    for (let k = 0; k < 200_000; k++, position += line) stopped ||= !rate.verify(needle!, position, position + line);
    expect(stopped).toBe(false);
  });

  const run = Buffer.from('abc'.repeat(100_000));
  it.each(chunkings(run).filter((chunking) => ['whole', '7-byte', '4096-byte'].includes(chunking.label)))('reports one limit problem for a run of the term, whatever the read size ($label)', async ({ chunks }) => {
    const needles = needlesOf('abc');
    const visitor = new SearchVisitor({ automaton: compileAutomaton(needles), needles }, { contextChars: 20, contextHexBytes: 8, maxFindingsPerTerm: 10 }, { minHits: 100, maxHitsPerMiB: 100 });
    const source = (async function* () {
      yield* chunks;
    })();
    const walked = await walkInput(source, { size: run.length }, visitor);
    expect(walked.problems).toEqual([]);
    expect(visitor.problems).toEqual([{ kind: 'limit', chain: [], offset: 300, message: expect.stringContaining('its first 100 hits were verified, the other 99900 were counted') }]);
    expect(visitor.hits.filter((hit) => hit.needle.encoding === 'utf-8')).toHaveLength(10);
  });
});
