import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walk, type WalkEntry } from '../../src/scan/walk.js';

const work = mkdtempSync(join(tmpdir(), 'fwsift-walk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function listed(path: string): Promise<readonly (readonly [string, WalkEntry['kind'], number | string])[]> {
  const rows: (readonly [string, WalkEntry['kind'], number | string])[] = [];
  for await (const entry of walk([path])) {
    const detail = entry.kind === 'file' ? entry.size : entry.kind === 'skipped' ? entry.reason : entry.message.split(':')[0]!;
    rows.push([entry.path.toString('latin1').slice(path.length + 1), entry.kind, detail]);
  }
  return rows;
}

describe('walk', () => {
  // The entries of a directory are looked up several at once (statsAtOnce): the order, sizes and
  // kinds must be those of one lookup after the other, across and inside every group.
  it('lists a directory of more entries than are looked up at once depth first, in byte order of names', async () => {
    const root = join(work, 'many');
    mkdirSync(root);
    const expected: [string, WalkEntry['kind'], number | string][] = [];
    for (let n = 0; n < 75; n++) {
      const name = `f${String(n).padStart(3, '0')}`;
      if (n === 40) {
        mkdirSync(join(root, name));
        for (let k = 0; k < 40; k++) {
          writeFileSync(join(root, name, `g${String(k).padStart(2, '0')}`), Buffer.alloc(k));
          expected.push([`${name}/g${String(k).padStart(2, '0')}`, 'file', k]);
        }
      } else if (n === 33) {
        symlinkSync(join(root, 'f000'), join(root, name));
        expected.push([name, 'skipped', 'symbolic link (not followed)']);
      } else {
        writeFileSync(join(root, name), Buffer.alloc(n));
        expected.push([name, 'file', n]);
      }
    }
    expect(await listed(root)).toEqual(expected);
  });

  it('reports a path that cannot be looked up, and goes on with the next', async () => {
    const missing = join(work, 'missing');
    const present = join(work, 'present.bin');
    writeFileSync(present, 'abc');
    const entries: WalkEntry[] = [];
    for await (const entry of walk([missing, present])) entries.push(entry);
    expect(entries.map((entry) => entry.kind)).toEqual(['error', 'file']);
    expect(entries[0]).toMatchObject({ message: expect.stringMatching(/^ENOENT/) });
  });
});
