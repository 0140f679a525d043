// The tabulation behind docs/precision.md (src/scan/precision.ts): counts by term class and
// confidence, reason codes of medium and low findings, material places, the generated section.
import { describe, expect, it } from 'vitest';
import {
  generatedEnd,
  generatedStart,
  reasonCode,
  renderPrecisionMarkdown,
  replaceGeneratedSection,
  summarisePrecision,
  type MaterialEntry,
} from '../../src/scan/precision.js';
import type { InputJson } from '../../src/report/types.js';
import { finding, makeReport } from '../helpers/reports.js';

const material: readonly MaterialEntry[] = [
  { path: '/usr/share/locale/zh_CN', what: 'catalogues', packages: [] },
  { path: '/usr/share/libchewing', what: 'dictionary', packages: ['libchewing3-data'] },
];

const input = (path: string, status: InputJson['status'] = 'complete'): InputJson => ({
  path,
  size: 100,
  sha256: '0'.repeat(64),
  status,
  problems: status === 'partial' ? [{ chain: [], kind: 'corrupt', message: 'lzma: bad' }] : [],
  coverage: { bytesScanned: 150, objects: 2 },
  layers: [],
});

const report = makeReport(
  [input('/usr/share/locale/zh_CN/LC_MESSAGES/a.mo'), input('/usr/share/libchewing/dictionary.dat', 'partial'), input('/usr/bin/link', 'skipped')],
  [
    finding({ n: 1, confidence: 'medium', reasons: ['precision:medium'], location: { input: '/usr/share/libchewing/dictionary.dat', chain: [], offset: 1, objectSha256: '0'.repeat(64) } }),
    finding({ n: 2, confidence: 'low', reasons: ['precision:medium', 'text:binary-window (20% text-like)', 'context:term-demote (歧视)'], location: { input: '/usr/share/locale/zh_CN/LC_MESSAGES/a.mo', chain: [], offset: 2, objectSha256: '0'.repeat(64) } }),
    finding({
      n: 3,
      confidence: 'low',
      term: { id: 'en.uyghur', text: 'Uyghur', category: 'ethnicity', precision: 'ambiguous', pack: 'fwsift.ethnicity', meaning: 'm' },
      reasons: ['precision:ambiguous'],
      location: { input: '/usr/share/locale/zh_CN/LC_MESSAGES/a.mo', chain: [], offset: 3, objectSha256: '0'.repeat(64) },
    }),
  ],
);

describe('precision summary', () => {
  it('reduces a reason to its code', () => {
    expect(reasonCode('context:face-attributes (性别, 年龄)')).toBe('context:face-attributes');
    expect(reasonCode('alignment:indeterminate')).toBe('alignment:indeterminate');
  });

  it('counts files, bytes and findings by class and confidence, term by term', () => {
    const summary = summarisePrecision(report, material);
    expect(summary).toMatchObject({ files: 2, skipped: 1, failed: 0, inputBytes: 200, bytesScanned: 450, counts: { high: 0, medium: 1, low: 2 } });
    expect(summary.byClass).toEqual({ high: { high: 0, medium: 0, low: 0 }, medium: { high: 0, medium: 1, low: 1 }, ambiguous: { high: 0, medium: 0, low: 1 } });
    expect(summary.terms.map((row) => [row.termId, row.reasons, row.places])).toEqual([
      ['zh.renzhong', { '(precision class only)': 1, 'context:term-demote': 1, 'text:binary-window': 1 }, ['/usr/share/libchewing', '/usr/share/locale/zh_CN']],
      ['en.uyghur', { '(precision class only)': 1 }, ['/usr/share/locale/zh_CN']],
    ]);
    expect(summary.partial).toEqual([{ path: '/usr/share/libchewing/dictionary.dat', problems: ['corrupt: lzma: bad'] }]);
    expect(summary.high).toEqual([]);
  });

  it('renders the tables with package versions and replaces only the generated section', () => {
    const summary = summarisePrecision(report, material);
    const markdown = renderPrecisionMarkdown(summary, { paths: [], present: material, absent: [] }, [{ name: 'libchewing3-data', version: '0.5.1-5' }], [{ id: 'fwsift.race', version: '1.0.0' }]);
    expect(markdown).toContain('**Findings: 0 high, 1 medium, 2 low.**');
    expect(markdown).toContain('| `/usr/share/libchewing` | dictionary | libchewing3-data 0.5.1-5 |');
    expect(markdown).toContain('| medium | `zh.renzhong` 人种 | 0 | 1 | 1 | (precision class only) ×1, context:term-demote ×1, text:binary-window ×1 |');
    const doc = `# Title\n\nintro\n\n${generatedStart}\nold\n${generatedEnd}\n\nafter\n`;
    expect(replaceGeneratedSection(doc, 'new\n')).toBe(`# Title\n\nintro\n\n${generatedStart}\nnew\n${generatedEnd}\n\nafter\n`);
    expect(() => replaceGeneratedSection('no markers', 'x')).toThrow(RangeError);
  });
});
