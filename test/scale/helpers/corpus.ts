/**
 * A small mixed corpus for the scale tests: the shipped samples (firmware, SDK tar, product page,
 * a clean folder), real container fixtures, and hand-built malformed bytes (a truncated gzip),
 * a symbolic link (skipped) and an empty file, so statuses other than `complete` are merged too.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const repo = new URL('../../../', import.meta.url).pathname;

export interface Corpus {
  readonly dir: string;
  remove(): void;
}

export function makeCorpus(): Corpus {
  const dir = mkdtempSync(join(tmpdir(), 'fwsift-scale-corpus-'));
  cpSync(join(repo, 'samples'), join(dir, 'samples'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/unpack/cpio'), join(dir, 'cpio'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/unpack/ar'), join(dir, 'ar'), { recursive: true });
  mkdirSync(join(dir, 'odd'));
  const gzip = gzipSync(Buffer.from('face attribute: 人种 = 维族\n'.repeat(50)));
  writeFileSync(join(dir, 'odd/truncated.gz'), gzip.subarray(0, gzip.length - 20));
  writeFileSync(join(dir, 'odd/empty.bin'), Buffer.alloc(0));
  symlinkSync('truncated.gz', join(dir, 'odd/link.gz'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
