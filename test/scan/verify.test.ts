// `verify()`: every input hash and every finding of a report re-proved from the files: an
// untouched report passes, a changed input or a hand-edited report fails with a reason, and
// findings deep in containers (tar.gz in zip, carved chunks, DH-zip) are walked again.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FindingJson, Report } from '../../src/report/types.js';
import { scan } from '../../src/scan/scan.js';
import { verify, type VerifyResult } from '../../src/scan/verify.js';

const fixtures = new URL('../fixtures/unpack/', import.meta.url).pathname;

/** Copies fixtures into a fresh directory so tests may change them. */
function workspace(...names: string[]): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'fwsift-verify-'));
  const paths = names.map((name) => {
    const target = join(dir, name.replaceAll('/', '_'));
    copyFileSync(join(fixtures, name), target);
    return target;
  });
  return { dir, paths };
}

const failures = (results: readonly VerifyResult[]) => results.filter((result) => result.status === 'failed').map((result) => `${result.label}: ${result.reason}`);

function edited(report: Report, index: number, change: (finding: FindingJson) => FindingJson): Report {
  return { ...report, findings: report.findings.map((finding, i) => (i === index ? change(finding) : finding)) };
}

describe('verify', () => {
  it('passes an untouched report: input hashes and every finding, including tar.gz in zip, DH-zip and carved chunks', async () => {
    const { paths } = workspace('zip/nested--targz-in-zip.zip', 'zip/dahua--dh-magic.bin', 'tar/ustar.tar', 'gzip/basic.txt.gz', 'carve/flash--gzip-zip-tar.bin');
    const report = await scan(paths);
    expect(report.findings.length).toBeGreaterThan(5);
    const nested = report.findings.find((finding) => finding.location.chain.map((link) => link.format).join('>') === 'zip>gzip>tar');
    expect(nested, 'a finding inside tar.gz inside zip').toBeDefined();
    expect(report.findings.some((finding) => finding.location.chain.some((link) => link.format === 'carve'))).toBe(true);
    const streamed: VerifyResult[] = [];
    const result = await verify(report, { onResult: (item) => streamed.push(item) });
    expect(failures(result.results)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.results).toEqual(streamed);
    expect(result.results.filter((item) => item.kind === 'input')).toHaveLength(5);
    expect(result.results.filter((item) => item.kind === 'finding')).toHaveLength(report.findings.length);
    expect(result.results.find((item) => item.finding === nested)?.label).toMatch(/^finding [0-9a-f]{32} 人种 at .*nested--targz-in-zip\.zip!\/rootfs\.tar\.gz!\/<gzip>!\/a\/b\/term-utf16le\.txt @ 0xbc$/);
  });

  it('fails an input whose bytes changed after the scan, and the findings in the changed member', async () => {
    const { paths } = workspace('tar/ustar.tar');
    const report = await scan(paths);
    const target = report.findings.find((finding) => finding.location.chain.length === 1)!;
    // Flip the first matched byte inside the stored member: tar keeps member data verbatim.
    const bytes = readFileSync(paths[0]!);
    const dataStart = target.location.chain[0]!.offset;
    bytes[dataStart + target.location.offset] = bytes[dataStart + target.location.offset]! ^ 0xff;
    writeFileSync(paths[0]!, bytes);
    const result = await verify(report);
    expect(result.ok).toBe(false);
    const failed = failures(result.results);
    expect(failed[0]).toMatch(/^input .*ustar\.tar: sha256 is [0-9a-f]{64}, the report says [0-9a-f]{64}$/);
    expect(failed).toContainEqual(expect.stringMatching(new RegExp(`^finding ${target.id} .*: object sha256 is [0-9a-f]{64}, the report says ${target.location.objectSha256}$`)));
    // Findings in the other members still verify.
    expect(result.results.filter((item) => item.kind === 'finding' && item.status === 'ok').length).toBeGreaterThan(0);
  });

  it('fails, without hanging, a finding whose compressed container was damaged after the scan', async () => {
    const { paths } = workspace('zip/nested--targz-in-zip.zip');
    const report = await scan(paths);
    const bytes = readFileSync(paths[0]!);
    bytes[100] = 0x58; // inside rootfs.tar.gz's deflate data (the member is stored at 43)
    writeFileSync(paths[0]!, bytes);
    const failed = failures((await verify(report)).results);
    expect(failed).toHaveLength(2);
    expect(failed[1]).toMatch(/rootfs\.tar\.gz!\/<gzip>!\/a\/b\/term-utf16le\.txt @ 0xbc: (no gzip object at offset 0 in rootfs\.tar\.gz \(corrupt: zip: member "rootfs\.tar\.gz": CRC-32 mismatch|object sha256 is )/);
  });

  it('fails a hand-edited report: a changed offset, a changed object hash, a changed input hash, a missing member', async () => {
    const { paths } = workspace('zip/nested--targz-in-zip.zip');
    const report = await scan(paths);
    expect((await verify(report)).ok).toBe(true);

    const moved = edited(report, 0, (finding) => ({ ...finding, location: { ...finding.location, offset: finding.location.offset + 2 } }));
    expect(failures((await verify(moved)).results)).toEqual([expect.stringMatching(/: bytes at offset 190 \(0xbe\) are [0-9a-f]+, the report says [0-9a-f]+$/)]);

    const rehashed = edited(report, 0, (finding) => ({ ...finding, location: { ...finding.location, objectSha256: '0'.repeat(64) } }));
    expect(failures((await verify(rehashed)).results)).toEqual([expect.stringMatching(/: object sha256 is [0-9a-f]{64}, the report says 0{64}$/)]);

    const input = { ...report, inputs: report.inputs.map((item) => ({ ...item, sha256: '1'.repeat(64) })) };
    expect(failures((await verify(input)).results)).toEqual([expect.stringMatching(/^input .*: sha256 is [0-9a-f]{64}, the report says 1{64}$/)]);

    const renamed = edited(report, 0, (finding) => ({ ...finding, location: { ...finding.location, chain: [{ ...finding.location.chain[0]!, path: 'other.tar.gz' }, ...finding.location.chain.slice(1)] } }));
    expect(failures((await verify(renamed)).results)).toEqual([expect.stringMatching(/: no zip member "other\.tar\.gz" at offset 43 in the input$/)]);

    const unknown = edited(report, 0, (finding) => ({ ...finding, location: { ...finding.location, chain: [{ format: 'rar', path: 'x', offset: 0 }] } }));
    expect(failures((await verify(unknown)).results)).toEqual([expect.stringMatching(/: no rar member "x" at offset 0 in the input$/)]);
  });

  it('fails findings whose input is gone, and resolves relative input paths against a root', async () => {
    const { dir, paths } = workspace('gzip/basic.txt.gz');
    const name = relative(dir, paths[0]!);
    const report = await scan([paths[0]!]);
    const relativeReport: Report = {
      ...report,
      inputs: report.inputs.map((item) => ({ ...item, path: name })),
      findings: report.findings.map((finding) => ({ ...finding, location: { ...finding.location, input: name } })),
    };
    expect(failures((await verify(relativeReport, { root: dir })).results)).toEqual([]);
    const elsewhere = await verify(relativeReport, { root: join(dir, 'missing') });
    expect(elsewhere.ok).toBe(false);
    expect(failures(elsewhere.results)[0]).toMatch(/^input gzip_basic\.txt\.gz: cannot read the input: ENOENT/);
    expect(failures(elsewhere.results)[1]).toMatch(/: cannot open the input: ENOENT/);
  });

  it('skips inputs the scan skipped, without failing', async () => {
    const result = await verify({ inputs: [{ path: 'x', size: 0, sha256: 'e'.repeat(64), status: 'skipped', skipReason: 'symbolic link (not followed)', problems: [], coverage: { bytesScanned: 0, objects: 0 }, layers: [] }], findings: [] });
    expect(result.ok).toBe(true);
    expect(result.results).toEqual([{ kind: 'input', subject: 'x', status: 'skipped', reason: 'the scan recorded it as skipped (symbolic link (not followed))', label: 'input x' }]);
  });
});
