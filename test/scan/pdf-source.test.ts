// A finding in PDF page text names the content-stream bytes that drew it (location.source), and
// verify re-proves those bytes (issue 10: PDF page text maps back to raw offsets like every view).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan, validateReport, verify, type Report } from '../../src/index.js';

const datasheet = fileURLToPath(new URL('../fixtures/unpack/pdf/datasheet--cjk-subset-font.pdf', import.meta.url));
const pathOf = (link: { readonly path?: unknown }) => String(link.path);

describe('PDF page text traced to its content stream', async () => {
  const report = await scan([datasheet]);
  const onPages = report.findings.filter((finding) => pathOf(finding.location.chain.at(-1)!).startsWith('page '));

  it('gives every finding in page text the glyph-code bytes of the decoded content stream that drew it', () => {
    expect(validateReport(report)).toEqual([]);
    expect(onPages.length).toBeGreaterThanOrEqual(6);
    for (const finding of onPages) {
      const source = finding.location.source!;
      expect(source).toBeDefined();
      // A sibling of the page text: the same parent, then the content stream object.
      expect(source.chain.slice(0, -1)).toEqual(finding.location.chain.slice(0, -1));
      expect(source.chain.at(-1)).toMatchObject({ format: 'pdf', path: expect.stringMatching(/^obj \d+$/) });
      // ReportLab's subset font has one-byte codes, written in literal strings as a byte or an
      // escape (`\200`): one code per non-blank character of the text (人种 two, 疆藏(需定制支持) eleven).
      const glyphs = [...Buffer.from(finding.match.hex, 'hex').toString('utf8')].filter((char) => char.trim() !== '').length;
      const written = Buffer.from(source.hex, 'hex').toString('latin1');
      expect(written.match(/\\[0-7]{1,3}|\\[^0-7]|[^\\]/g)).toHaveLength(glyphs);
      expect(source.hex.length / 2).toBe(source.ranges.reduce((sum, range) => sum + range.length, 0));
    }
  });

  it('verifies, and fails a finding whose recorded drawing bytes are not in the stream any more', async () => {
    expect((await verify(report)).ok).toBe(true);
    const target = onPages[0]!;
    const tampered: Report = {
      ...report,
      findings: report.findings.map((finding) =>
        finding === target ? { ...finding, location: { ...finding.location, source: { ...finding.location.source!, hex: 'ff'.repeat(finding.location.source!.hex.length / 2) } } } : finding,
      ),
    };
    const result = await verify(tampered);
    const failed = result.results.filter((entry) => entry.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ subject: target.id, reason: expect.stringContaining('the bytes that drew it') });
  });
});
