import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAutomaton, type Automaton } from '../../src/match/automaton.js';
import { defaultCacheDir } from '../../src/patterns/cache-file.js';
import {
  automatonCacheKey,
  decodeRows,
  deserializeAutomaton,
  encodeRows,
  loadOrCompileAutomaton,
  serializeAutomaton,
} from '../../src/match/automaton-cache.js';
import { scanChunk } from '../../src/match/scan-chunk.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const text = (s: string) => ({ bytes: new TextEncoder().encode(s) });
const needles = ['维族', 'race', 'EM_NATION_TYPE_UYGUR', '人种'].map(text);
const extraPatterns = [text('hsqs')];

/** Every match (end, state) over `haystack` in one chunk. */
function matches(a: Automaton, haystack: string): number[][] {
  const out = { ends: [], states: [] };
  scanChunk(a, new TextEncoder().encode(haystack), a.startState, out);
  return [out.ends, out.states];
}

const tempDir = useTempDirs('fwsift-cache-test-');

describe('automaton cache', () => {
  it('round-trips every field of the automaton, sparse layout and extra patterns included', () => {
    const a = compileAutomaton(needles, { denseDepth: 1, extraPatterns });
    const key = automatonCacheKey(needles, { denseDepth: 1, extraPatterns }, 'test');
    const b = deserializeAutomaton(serializeAutomaton(a, key), key);
    expect(b).toEqual(a);
    expect(Object.keys(b!)).toEqual(Object.keys(a)); // one object shape for the hot loop
    expect(matches(b!, 'x维族 RACE hsqs人种')).toEqual(matches(a, 'x维族 RACE hsqs人种'));
  });

  it('stores the shipped-size layout\'s dense rows as differences from the first row and rebuilds them exactly', () => {
    // Many needles sharing prefixes: deep dense rows that differ from the start row in a few classes.
    const many = Array.from({ length: 300 }, (_, i) => text(`EM_NATION_${i.toString(36)}_人种${i % 7}`));
    const a = compileAutomaton(many, { denseDepth: 3 });
    const rows = encodeRows(a.transitions, a.classCount);
    expect(rows.diffValues.length).toBeLessThan(a.transitions.length / 4);
    expect(decodeRows(rows, a.denseStateCount, a.classCount)).toEqual(a.transitions);
    const key = automatonCacheKey(many, { denseDepth: 3 }, 't');
    expect(deserializeAutomaton(serializeAutomaton(a, key), key)).toEqual(a);
  });

  it.each([
    ['a class past the row', { rowDiffCounts: Uint16Array.of(1, 0), diffClasses: Uint8Array.of(2), diffValues: Int32Array.of(5) }],
    ['more differences counted than stored', { rowDiffCounts: Uint16Array.of(1, 1), diffClasses: Uint8Array.of(0), diffValues: Int32Array.of(5) }],
    ['differences left over', { rowDiffCounts: Uint16Array.of(1, 0), diffClasses: Uint8Array.of(0, 1), diffValues: Int32Array.of(5, 6) }],
    ['a row count that is not the table\'s', { rowDiffCounts: Uint16Array.of(0), diffClasses: new Uint8Array(0), diffValues: new Int32Array(0) }],
    ['classes and values of different lengths', { rowDiffCounts: Uint16Array.of(1, 0), diffClasses: Uint8Array.of(0), diffValues: Int32Array.of(5, 6) }],
  ])('refuses stored rows with %s', (_, rows) => {
    expect(decodeRows(rows, 2, 2)).toBeUndefined();
  });

  it('refuses rows that would pass the largest table', () => {
    expect(decodeRows({ rowDiffCounts: new Uint16Array(2 ** 16), diffClasses: new Uint8Array(0), diffValues: new Int32Array(0) }, 2 ** 16, 2 ** 13)).toBeUndefined();
  });

  it('writes an entry on the first call and reads it on the next', () => {
    const dir = tempDir();
    const first = loadOrCompileAutomaton(needles, {}, { dir, salt: '1.0.0' });
    expect(readdirSync(dir)).toHaveLength(1);
    const second = loadOrCompileAutomaton(needles, {}, { dir, salt: '1.0.0' });
    expect(second).toEqual(first);
    expect(second.transitions).not.toBe(first.transitions); // views of the file, not the same arrays
  });

  it('uses a new entry when the needles, the salt (version) or the layout change', () => {
    const base = automatonCacheKey(needles, {}, '1.0.0');
    expect(automatonCacheKey(needles, {}, '1.0.1')).not.toBe(base);
    expect(automatonCacheKey([...needles.slice(0, 3), text('人種')], {}, '1.0.0')).not.toBe(base);
    expect(automatonCacheKey(needles, { denseDepth: 2 }, '1.0.0')).not.toBe(base);
    expect(automatonCacheKey(needles, { extraPatterns }, '1.0.0')).not.toBe(base);
    // Same bytes split differently are different needle lists.
    expect(automatonCacheKey([text('ab'), text('c')], {}, '')).not.toBe(automatonCacheKey([text('a'), text('bc')], {}, ''));
    const dir = tempDir();
    loadOrCompileAutomaton(needles, {}, { dir, salt: '1.0.0' });
    loadOrCompileAutomaton(needles, {}, { dir, salt: '1.0.1' });
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('keys by the identity, then each pattern\'s little-endian length and bytes in turn', () => {
    const hash = createHash('sha256').update(JSON.stringify({ formatVersion: 3, salt: 's', denseDepth: 'auto', needles: 4, extras: 1 }));
    for (const pattern of [...needles, ...extraPatterns]) {
      const length = Buffer.alloc(4);
      length.writeUInt32LE(pattern.bytes.length);
      hash.update(length).update(pattern.bytes);
    }
    expect(automatonCacheKey(needles, { extraPatterns }, 's')).toBe(hash.digest('hex'));
  });

  it('recompiles and rewrites a damaged entry instead of trusting it', () => {
    const dir = tempDir();
    loadOrCompileAutomaton(needles, {}, { dir, salt: 's' });
    const [name] = readdirSync(dir);
    const file = join(dir, name!);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 5]! ^= 0x01;
    const key = automatonCacheKey(needles, {}, 's');
    for (const damaged of [flipped, good.subarray(0, good.length - 8), good.subarray(0, 10), Buffer.from('not a cache')]) {
      expect(deserializeAutomaton(damaged, key)).toBeUndefined();
      writeFileSync(file, damaged);
      expect(loadOrCompileAutomaton(needles, {}, { dir, salt: 's' })).toEqual(compileAutomaton(needles));
      expect(readFileSync(file).equals(good)).toBe(true);
    }
    expect(deserializeAutomaton(good, automatonCacheKey(needles, {}, 'other'))).toBeUndefined();
  });

  it('still compiles when the cache folder cannot be created', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    expect(loadOrCompileAutomaton(needles, {}, { dir: join(dir, 'file', 'sub'), salt: 's' })).toEqual(compileAutomaton(needles));
  });

  it('finds the per-user cache folder', () => {
    expect(defaultCacheDir({ FWSIFT_CACHE_DIR: '/c' }, 'linux')).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux')).toBe(join('/x', 'fwsift'));
    expect(defaultCacheDir({}, 'linux')).toMatch(/[/\\]\.cache[/\\]fwsift$/);
    expect(defaultCacheDir({}, 'darwin')).toMatch(/Library[/\\]Caches[/\\]fwsift$/);
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32')).toBe(join('C:\\L', 'fwsift', 'Cache'));
  });
});
