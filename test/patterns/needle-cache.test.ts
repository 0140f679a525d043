import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageBasis, summariseCoverage } from '../../src/patterns/coverage.js';
import { loadPacks, shippedPackPaths } from '../../src/patterns/load.js';
import { deserializeNeedleSet, loadOrExpandTerms, needleCacheKey, serializeNeedleSet } from '../../src/patterns/needle-cache.js';
import { expandTerms, type NeedleSet } from '../../src/patterns/needles.js';
import type { Pack } from '../../src/patterns/types.js';
import { makeTerm } from '../helpers/terms.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const pack = (sha256: string, terms = [makeTerm('维族', { variants: ['維族'] }), makeTerm('Race', { case: 'insensitive' }), makeTerm('肤色')]) =>
  ({ id: 'p', version: '1.0.0', description: '', sha256, source: 'p.json', terms }) as unknown as Pack;

const tempDir = useTempDirs('fwsift-needle-cache-test-');

/** What loadOrExpandTerms gives: the expansion and its coverage basis. */
const expandedWithBasis = (...args: Parameters<typeof expandTerms>) => {
  const set = expandTerms(...args);
  return { ...set, coverageBasis: coverageBasis(set) };
};

describe('needle cache', () => {
  it('gives exactly what expandTerms gives for the shipped packs, with the packs\' own term objects', async () => {
    const { packs } = await loadPacks(shippedPackPaths());
    const terms = packs.flatMap((p) => p.terms);
    const fresh = expandTerms(terms);
    const cached = deserializeNeedleSet(serializeNeedleSet(fresh, terms), terms)!;
    // Every field compared flat (a deep toEqual over 3,000 needles sharing term objects is slow).
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const flat = (set: NeedleSet) => set.needles.map((n) => [n.id, n.variant, n.encoding, n.form, n.syntax, hex(n.encoded), hex(n.bytes), hex(n.foldMask)].join(' '));
    expect(flat(cached)).toEqual(flat(fresh));
    expect(cached.needles.every((n, i) => n.term === fresh.needles[i]!.term)).toBe(true);
    expect(cached.coverage).toEqual(fresh.coverage);
    expect(cached.maxNeedleLength).toBe(fresh.maxNeedleLength);
    // The stored coverage basis gives the report the summary it would work out, to the last bit
    // of every random-hit estimate (the same sums in the same order).
    expect(cached.coverageBasis).toEqual(coverageBasis(fresh));
    for (const bytes of [0, 6, 1_000_003, 2 ** 40 + 7]) expect(JSON.stringify(summariseCoverage(cached, bytes))).toBe(JSON.stringify(summariseCoverage(fresh, bytes)));
  });

  it('writes an entry on the first call and reads it on the next', () => {
    const dir = tempDir();
    const packs = [pack('a'.repeat(64))];
    const first = loadOrExpandTerms(packs, { dir, salt: 'v1' });
    expect(readdirSync(dir)).toHaveLength(1);
    expect(loadOrExpandTerms(packs, { dir, salt: 'v1' })).toEqual(first);
    expect(first).toEqual(expandedWithBasis(packs[0]!.terms));
    // Only some encodings: another entry, and the right needles.
    const utf8Only = loadOrExpandTerms(packs, { dir, salt: 'v1' }, ['utf-8'], ['raw']);
    expect(utf8Only).toEqual(expandedWithBasis(packs[0]!.terms, ['utf-8'], ['raw']));
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('uses a new entry when a pack, the salt (version), the encodings or the forms change', () => {
    const base = needleCacheKey([pack('a'.repeat(64))], ['utf-8'], ['raw'], 'v1');
    expect(needleCacheKey([pack('b'.repeat(64))], ['utf-8'], ['raw'], 'v1')).not.toBe(base);
    expect(needleCacheKey([pack('a'.repeat(64)), pack('b'.repeat(64))], ['utf-8'], ['raw'], 'v1')).not.toBe(base);
    expect(needleCacheKey([pack('a'.repeat(64))], ['utf-8'], ['raw'], 'v2')).not.toBe(base);
    expect(needleCacheKey([pack('a'.repeat(64))], ['utf-8', 'big5'], ['raw'], 'v1')).not.toBe(base);
    expect(needleCacheKey([pack('a'.repeat(64))], ['utf-8'], ['raw', 'base64'], 'v1')).not.toBe(base);
  });

  it('expands again and rewrites a damaged entry instead of trusting it', () => {
    const dir = tempDir();
    const packs = [pack('c'.repeat(64))];
    const fresh = loadOrExpandTerms(packs, { dir, salt: 's' });
    const [name] = readdirSync(dir);
    const file = join(dir, name!);
    const good = readFileSync(file);
    const terms = packs[0]!.terms;
    // One byte changed anywhere after the checksum (a probability, a needle byte, a spelling in the
    // JSON header) no longer matches it.
    const flipped = (at: number) => {
      const copy = Buffer.from(good);
      copy[at]! ^= 1;
      return copy;
    };
    const wrongMagic = Buffer.from(good);
    wrongMagic[0] = 0x58;
    const hugeHeader = Buffer.from(good);
    hugeHeader.writeUInt32LE(0xffffffff, 8);
    const inHeader = good.indexOf(Buffer.from('"variant":"'));
    expect(inHeader).toBeGreaterThan(0);
    const damaged = [flipped(good.length - 1), flipped(good.length - 200), flipped(inHeader + 11), good.subarray(0, -10), wrongMagic, hugeHeader, Buffer.from('garbage'), Buffer.alloc(0)];
    for (const bytes of damaged) {
      expect(deserializeNeedleSet(bytes, terms)).toBeUndefined();
      writeFileSync(file, bytes);
      expect(loadOrExpandTerms(packs, { dir, salt: 's' })).toEqual(fresh);
      expect(readFileSync(file).equals(good)).toBe(true);
    }
    // A sound file for other terms (an index past the end) is not used either.
    expect(deserializeNeedleSet(good, terms.slice(0, 1))).toBeUndefined();
  });
});
