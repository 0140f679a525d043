// Issue 11, disk: spilled bytes are bounded by the walk's limit and by the free space of the
// temporary directory (a figure injected here), and a full disk (ENOSPC, a real 1 MiB tmpfs when
// this process may mount one) is an `io` problem on that input while its raw bytes are still
// searched.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { scan, validateReport } from '../../src/index.js';
import { TempDir, freeBytesOf, heldSpillBytes } from '../../src/walk/temp.js';

const temp = () => mkdtempSync(join(tmpdir(), 'fwsift-temp-'));
async function* chunksOf(bytes: number, size = 4096): AsyncGenerator<Uint8Array> {
  for (let done = 0; done < bytes; done += size) yield new Uint8Array(Math.min(size, bytes - done)).fill(0x5a);
}

describe('the spill budget', () => {
  it('is bounded by the free space measured when spilling begins', async () => {
    const spills = new TempDir(Infinity, temp(), () => 10_000);
    await expect(spills.spill(chunksOf(16_384))).rejects.toMatchObject({ code: 'EFBIG', syscall: 'write', message: expect.stringMatching(/^temporary space limit reached: \d+ bytes to spill, more than the 10000 bytes free in \S+ when spilling began/) });
    await spills.remove();
  });

  it('is bounded by the walk\'s limit when that is smaller than the free space', async () => {
    const spills = new TempDir(8_192, temp(), () => 1e12);
    expect(() => spills.startSpill(0, new Uint8Array(9_000))).toThrow(/more than the 8192-byte limit/);
    await spills.remove();
  });

  it('lets a spill within both bounds through, byte for byte', async () => {
    const spills = new TempDir(1e9, temp(), () => 1e9);
    const window = await spills.spill(chunksOf(10_000, 333));
    expect(window.size).toBe(10_000);
    expect(readFileSync(window.path).every((byte) => byte === 0x5a)).toBe(true);
    await spills.remove();
  });

  it('holds a small spill in memory, and writes it to a file only when its window is asked for', async () => {
    const dir = temp();
    const spills = new TempDir(1e9, dir, () => 1e9);
    const spill = spills.startSpill(7, Buffer.from('abc'));
    spill.write(Buffer.from('defg'));
    spill.close();
    expect(Buffer.from(spill.held!).toString()).toBe('abcdefg');
    expect(readdirSync(dir)).toEqual([]);
    const window = spill.window;
    expect([window.offset, window.size, readFileSync(window.path, 'utf8')]).toEqual([0, 7, 'abcdefg']);
    expect(spill.held).toBeUndefined();
    await spills.remove();
  });

  it('writes a spill to a file as soon as it outgrows what it may hold, byte for byte', async () => {
    const dir = temp();
    const spills = new TempDir(1e9, dir, () => 1e9);
    const first = Buffer.alloc(heldSpillBytes, 0x41);
    const spill = spills.startSpill(0, first);
    expect(readdirSync(dir)).toEqual([]);
    first.fill(0x5a); // the spill kept a copy, not the caller's buffer
    spill.write(Buffer.from('tail'));
    expect(spill.held).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
    spill.close();
    const bytes = readFileSync(spill.window.path);
    expect([bytes.length, bytes[0], bytes.subarray(-4).toString()]).toEqual([heldSpillBytes + 4, 0x41, 'tail']);
    await spills.remove();
  });

  it('measures the real free space with statfs', () => {
    expect(freeBytesOf(tmpdir())).toBeGreaterThan(0);
  });
});

/** A 1 MiB tmpfs, when this process may mount one (root with CAP_SYS_ADMIN, as in CI's container). */
function mountTinyTmpfs(): string | undefined {
  const dir = join(temp(), 'tmpfs');
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return undefined;
  }
}

const tiny = process.getuid?.() === 0 ? mountTinyTmpfs() : undefined;
if (tiny === undefined) console.warn('temp.test.ts: no tmpfs could be mounted (not root, or no CAP_SYS_ADMIN): the full-disk tests are skipped');
afterAll(() => {
  if (tiny !== undefined) execFileSync('umount', [tiny]);
});

describe.skipIf(tiny === undefined)('a full disk (a 1 MiB tmpfs)', () => {
  const saved = process.env['TMPDIR'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  });

  it('fails a spill with ENOSPC when the free-space figure was wrong (someone else filled the disk)', async () => {
    const spills = new TempDir(Infinity, tiny!, () => 1e12);
    await expect(spills.spill(chunksOf(2 * 1024 * 1024))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(() => spills.startSpill(0, new Uint8Array(2 * 1024 * 1024))).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    await spills.remove();
    expect(readdirSync(tiny!)).toEqual([]);
  });

  it('loses only the spill of a 2 MiB zip inside gzip: an io problem, the stored member\'s term still found raw', async () => {
    const dir = temp();
    // Info-ZIP stores the member; 2 MiB of incompressible-looking filler keeps the zip larger than the tmpfs.
    writeFileSync(join(dir, 'member.txt'), Buffer.concat([Buffer.from('人脸属性: EM_NATION_TYPE_UYGUR\n'), Buffer.alloc(2 * 1024 * 1024, 'filler ')]));
    execFileSync('zip', ['-0', '-q', join(dir, 'inner.zip'), 'member.txt'], { cwd: dir });
    const path = join(dir, 'inner.zip.gz');
    writeFileSync(path, gzipSync(readFileSync(join(dir, 'inner.zip'))));
    process.env['TMPDIR'] = tiny!;
    const report = await scan([path]);
    expect(validateReport(report)).toEqual([]);
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    expect(input.problems).toEqual([expect.objectContaining({ kind: 'io', message: expect.stringContaining('bytes free in') })]);
    expect(report.findings.some((finding) => finding.term.text === 'EM_NATION_TYPE_UYGUR' && finding.location.chain.length === 1)).toBe(true);
    expect(readdirSync(tiny!)).toEqual([]);
  });
});
