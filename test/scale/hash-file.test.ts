import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../src/scale/hash-file.js';

const work = mkdtempSync(join(tmpdir(), 'fwsift-hash-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sha256File', () => {
  // Sizes around the 1 MiB read buffer, hashed all at once: the buffers go back to a shared list
  // and are handed to the next hash, so a digest must never see another file's bytes.
  it('hashes files of every size around its read buffer, many at once, as one hash of their bytes', async () => {
    const sizes = [0, 1, 4095, 1024 * 1024 - 1, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 + 17, 5, 200_000, 12];
    const files = sizes.map((size, index) => {
      const bytes = Buffer.alloc(size, index + 1);
      if (size > 0) bytes[size - 1] = 0xee;
      const path = join(work, `f${index}`);
      writeFileSync(path, bytes);
      return { path: Buffer.from(path), expected: createHash('sha256').update(bytes).digest('hex') };
    });
    for (let round = 0; round < 2; round++) {
      expect(await Promise.all(files.map((file) => sha256File(file.path)))).toEqual(files.map((file) => file.expected));
    }
  });

  it('rejects for a missing file and hashes the next one correctly', async () => {
    await expect(sha256File(Buffer.from(join(work, 'missing')))).rejects.toThrow(/ENOENT/);
    const path = join(work, 'after');
    writeFileSync(path, 'abc');
    expect(await sha256File(Buffer.from(path))).toBe(createHash('sha256').update('abc').digest('hex'));
  });
});
