// --redact (R27) and finding ids (R35): a redacted report keeps ids, offsets, hashes and chains
// and drops every byte of context; ids do not move when bytes are inserted before a hit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { redactReport } from '../../src/report/redact.js';
import { validateReport } from '../../src/report/validate.js';
import type { FindingJson } from '../../src/report/types.js';
import { scan } from '../../src/scan/scan.js';
import { richReport } from '../helpers/reports.js';

const text = 'device config\nattributes: 性别 年龄 人种 肤色 EM_NATION_TYPE_UYGUR\n';
const identity = (finding: FindingJson) => [finding.id, finding.term.id, finding.match.encoding, finding.match.hex];

describe('redactReport', () => {
  it('replaces every context by { redacted: true } and records the option, keeping everything else', () => {
    const report = richReport();
    const redacted = redactReport(report);
    expect(validateReport(redacted)).toEqual([]);
    expect(redacted.run.options.redact).toBe(true);
    for (const [index, finding] of redacted.findings.entries()) {
      const original = report.findings[index]!;
      expect(finding.context).toEqual({ redacted: true });
      const { context: _a, ...kept } = finding;
      const { context: _b, ...expected } = original;
      expect(kept).toEqual(expected);
    }
    expect(JSON.stringify(redacted)).not.toContain('face attr');
  });

  it('keeps the finding ids of a real scan (R27)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-redact-'));
    writeFileSync(join(dir, 'a.txt'), text);
    const report = await scan([join(dir, 'a.txt')]);
    expect(report.findings.length).toBeGreaterThanOrEqual(3);
    expect(redactReport(report).findings.map((finding) => finding.id)).toEqual(report.findings.map((finding) => finding.id));
  });

  it('rejects a context that is neither complete nor redacted', () => {
    const report = JSON.parse(JSON.stringify(richReport())) as { findings: { context: unknown }[] };
    report.findings[0]!.context = { before: 'x' };
    expect(validateReport(report)).toContain('/findings/0/context: must have properties after, hex when property before is present');
    report.findings[0]!.context = {};
    expect(validateReport(report)).toEqual(['/findings/0/context: must NOT have fewer than 1 properties']);
  });
});

describe('finding ids (R35)', () => {
  it('do not change when bytes are prepended to a file, while offsets do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-ids-'));
    const path = join(dir, 'firmware.bin');
    writeFileSync(path, text);
    const before = await scan([path]);
    writeFileSync(path, Buffer.concat([Buffer.alloc(1000, 0xa5), Buffer.from(text)]));
    const after = await scan([path]);
    expect(after.findings.map(identity)).toEqual(before.findings.map(identity));
    expect(after.findings.map((finding) => finding.location.offset)).toEqual(before.findings.map((finding) => finding.location.offset + 1000));
  });

  it('do not change when bytes are prepended inside a compressed member', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-ids-'));
    const path = join(dir, 'rootfs.gz');
    writeFileSync(path, gzipSync(Buffer.from(text)));
    // Findings inside the gzip stream (deflate may also keep short text verbatim in a stored block: those are the container's own).
    const inside = async () => (await scan([path])).findings.filter((finding) => finding.location.chain.length === 1);
    const before = await inside();
    writeFileSync(path, gzipSync(Buffer.concat([Buffer.from('#'.repeat(333)), Buffer.from(text)])));
    const after = await inside();
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(after.map(identity)).toEqual(before.map(identity));
    expect(after.map((finding) => finding.location.offset)).toEqual(before.map((finding) => finding.location.offset + 333));
    expect(after[0]!.location.objectSha256).not.toBe(before[0]!.location.objectSha256);
  });
});
