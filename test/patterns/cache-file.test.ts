// The start-up cache folder stays bounded: each pack edit or version writes a new entry, and the
// oldest of a kind beyond keptEntriesPerKind are removed when a new one is written.
import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptEntriesPerKind, writeCacheEntry } from '../../src/patterns/cache-file.js';

describe('writeCacheEntry', () => {
  it('keeps the newest entries of each kind and leaves other kinds alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-cache-'));
    writeCacheEntry(dir, 'needles-keep.json', 'other kind');
    for (let index = 0; index < keptEntriesPerKind + 5; index++) {
      const name = `automaton-${String(index).padStart(2, '0')}.bin`;
      writeCacheEntry(dir, name, `entry ${index}`);
      // Written one second apart, oldest first, whatever the file system's time resolution.
      const when = new Date(Date.UTC(2026, 0, 1, 0, 0, index));
      utimesSync(join(dir, name), when, when);
    }
    writeCacheEntry(dir, 'automaton-99.bin', 'newest');
    const automatons = readdirSync(dir).filter((name) => name.startsWith('automaton-')).sort();
    expect(automatons).toHaveLength(keptEntriesPerKind);
    expect(automatons).toContain('automaton-99.bin');
    expect(automatons).not.toContain('automaton-00.bin');
    expect(readdirSync(dir)).toContain('needles-keep.json');
  });
});
