// The signature carver: formats embedded at any offset of a blob are opened with exact ends,
// the bytes between them stay the blob's own, and every layer is drawn in input coordinates.
// Fixtures: test/fixtures/build/carve.sh (layout documented there).
import { describe, expect, it } from 'vitest';
import { scan, validateReport, type FindingJson, type Report } from '../../src/index.js';

const fixture = (name: string) => new URL(`../fixtures/unpack/carve/${name}`, import.meta.url).pathname;
const chainOf = (finding: FindingJson) => finding.location.chain.map((link) => `${link.format}:${typeof link.path === 'string' ? link.path : ''}@${link.offset}`).join(' ');
const where = (report: Report, variant: string) => report.findings.filter((f) => f.match.variant === variant).map((f) => [chainOf(f), f.location.offset]);

describe('carving a flash-like blob (gzip at 0x1000, zip at 0x3000, tar at 0x6000, raw text at 0x9800)', async () => {
  const report = await scan([fixture('flash--gzip-zip-tar.bin')]);

  it('writes a schema-valid, complete report', () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.status).toBe('complete');
  });
  it('opens the gzip member found at 0x1000', () => expect(where(report, '人种')).toEqual([['carve:@4096 gzip:@0', 12]]));
  it('opens the zip found at 0x3000 and its deflated member', () => expect(where(report, '肤色')).toEqual([['carve:@12288 zip:face.h@36', 10]]));
  it('opens the tar found at 0x6000 after the zip ends', () => expect(where(report, '疆藏(需定制支持)')).toEqual([['carve:@24576 tar:ui.xml@512', 8]]));
  it('keeps a hit in the gap between chunks on the blob itself', () => expect(where(report, 'EM_NATION_TYPE_UYGUR')).toEqual([['', 0x9800]]));
  it('draws every chunk with its exact extent', () => {
    const layers = report.inputs[0]!.layers.map((layer) => [layer.format, layer.start, layer.end]);
    expect(layers).toContainEqual(['raw', 0, 0xa000]);
    expect(layers).toContainEqual(['gzip', 0x1000, 0x1000 + 55]);
    expect(layers.find((layer) => layer[0] === 'zip' && layer[1] === 0x3000)?.[2]).toBeLessThan(0x3200);
    expect(layers.find((layer) => layer[0] === 'tar' && layer[1] === 0x6000)?.[2]).toBe(0x6000 + 2048);
  });
});

describe('a gzip member cut short at the end of a blob', async () => {
  const report = await scan([fixture('truncated--gzip-at-end.bin')]);
  it('reports the truncation on the carved stream and keeps what was decoded', () => {
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    expect(input.problems).toEqual([expect.objectContaining({ kind: 'corrupt', chain: [{ format: 'carve', offset: 512 }, { format: 'gzip', offset: 0 }] })]);
    expect(where(report, '维族')).toEqual([['carve:@512 gzip:@0', 8000]]);
  });
});

describe('chance signatures in random data', async () => {
  // Hand-built: 64 KiB of seeded noise with gzip, zip and ustar magics planted where no valid
  // stream follows them. Each is a rejected candidate, never a corrupt input.
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const noise = new Uint8Array(64 * 1024);
  let seed = 12345;
  for (let i = 0; i < noise.length; i++) noise[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  noise.set([0x1f, 0x8b, 0x08, 0x00], 1000);
  noise.set([0x50, 0x4b, 0x03, 0x04], 20000);
  noise.set(Buffer.from('ustar'), 40000 + 257);
  const path = join(mkdtempSync(join(tmpdir(), 'fwsift-noise-')), 'noise.bin');
  writeFileSync(path, noise);
  const report = await scan([path]);
  it('rejects them without a problem and counts them', () => {
    const input = report.inputs[0]!;
    expect(input.problems).toEqual([]);
    expect(input.status).toBe('complete');
    expect(input.coverage.chunksCarved).toBe(0);
    expect(input.coverage.carveCandidatesRejected).toBeGreaterThanOrEqual(3);
  });
});
