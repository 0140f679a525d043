// The Markdown evidence appendix: summary, one section per finding with chain, offsets, hashes,
// a hex dump with the match bracketed, decoded context, meaning and references; hostile names
// and contexts cannot inject markup.
import { describe, expect, it } from 'vitest';
import { contextBytes, hexRows, hexRowText } from '../../src/report/hexdump.js';
import { render } from '../../src/report/markdown.js';
import { redactReport } from '../../src/report/redact.js';
import { cleanReport, finding, richReport } from '../helpers/reports.js';

describe('hex dump rows', () => {
  it('lays out 16 bytes a row at object offsets aligned to 16, with the match bracketed in the gaps', () => {
    const rows = hexRows(contextBytes(finding({ n: 1 }))!);
    expect(rows.map(hexRowText)).toEqual([
      '00000000                           20 20 20 20 20 20 20 20  |                |',
      '00000010  20 20 20 20 20 20 20 20  20 20 20 20 20 20 20 20  |                |',
      '00000020  20 20 20 20 20 20 20 20 [c8 cb d6 d6]3d 20 33 20  |        ....= 3 |',
    ]);
  });

  it('brackets a match that spans two rows on each row, keeping columns aligned', () => {
    const item = finding({ n: 1, location: { input: 'x', chain: [], offset: 14, objectSha256: 'a'.repeat(64) }, context: { before: '', after: '', hex: `${'41'.repeat(14)}c8cbd6d6` } });
    const lines = hexRows(contextBytes(item)!).map(hexRowText);
    expect(lines).toEqual(['00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41[c8 cb] |AAAAAAAAAAAAAA..|', '00000010 [d6 d6]                                            |..              |']);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('finds the match when the context holds fewer bytes before it than the option says (object start)', () => {
    const bytes = contextBytes(richReport().findings[1]!)!;
    expect(bytes).toMatchObject({ start: 0, matchStart: 5, matchEnd: 25 });
  });

  it('has nothing to show for a redacted finding', () => {
    expect(contextBytes(redactReport(richReport()).findings[0]!)).toBeUndefined();
  });
});

describe('Markdown rendering', () => {
  const text = render(richReport());

  it('opens with the run, a not-clean banner and the summary tables', () => {
    expect(text.startsWith('# fwsift evidence report\n')).toBe(true);
    expect(text).toContain('> **Not a clean result:** 1 input could not be scanned completely');
    expect(text).toContain('| 1 | fw/firmware.bin | partial | 4096 | `cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc` | 3 |');
    expect(text).toContain('| 3 | fw/link | skipped: symbolic link \\(not followed\\) | 0 |');
    expect(text).toContain('| race | 1 | 0 | 1 | 2 |');
    expect(text).toContain('| **total** | 2 | 1 | 1 | 4 |');
  });

  it('lists what could not be scanned with kinds, chains and offsets', () => {
    expect(text).toContain('- **fw/firmware.bin**: partial');
    expect(text).toContain('  - `corrupt` in fw/firmware.bin\\!/damaged.bin: zip\\: member "damaged.bin"\\: CRC-32 mismatch');
    expect(text).toContain('  - `encrypted` in fw/firmware.bin at offset 3500 (0xdac):');
  });

  it('writes one section per finding with chain, offsets in decimal and hex, hashes, match, meaning and references', () => {
    expect(text).toContain('### 3. 肤色: skin-colour, confidence medium');
    expect(text).toContain('- **Where:** fw/firmware.bin\\!/romfs.tar.gz\\!/\\<gzip\\>\\!/etc/web/lang/zh-CN.xml');
    expect(text).toContain('  1. unnamed gzip layer at offset 0 (0x0) of its parent');
    expect(text).toContain('  1. tar member etc/web/lang/zh-CN.xml at offset 512 (0x200) of its parent');
    expect(text).toContain('- **Offset:** 1060 (0x424) in the innermost object');
    expect(text).toContain('- **Offset:** 5 (0x5) in the innermost object, line 1, column 6');
    expect(text).toContain(`- **Object sha256:** \`${'f'.repeat(64)}\``);
    expect(text).toContain('- **Match:** 4 bytes `a4801282`, utf-16le, form raw');
    expect(text).toContain('- IPVM\\: Dahua racial analytics: <https://ipvm.com/reports/dahua-racial>');
    expect(text).toContain('00000420  3e 00 3e 00[a4 80 12 82] 3c 00 3c 00 3c 00 3c 00  |>.>.....<.<.<.<.|');
    expect(text).toContain('… <string id="SkinColor">[肤色]</string> …');
  });

  it('escapes hostile member names and contexts: no raw HTML, links, fences or bidi controls escape', () => {
    const section = text.slice(text.indexOf('### 4.'));
    const outsideFences = section.replace(/^```text\n[\s\S]*?^```$/gm, '');
    // Every `<`, `[`, `(` that survives is backslash-escaped.
    expect(outsideFences).not.toMatch(/(?<!\\)<(script|img|a )|(?<!\\)\]\(javascript/);
    expect(section).toContain('\\<script\\>alert\\(1\\)\\</script\\>\\[x\\]\\(javascript\\:alert\\(1\\)\\)\\`\\`\\`·evil"\'.txt');
    // Inside the fence every line starts with a fixed prefix, and the context has no line breaks left.
    const fence = section.slice(section.indexOf('```text', section.indexOf('Decoded as')));
    expect(fence.split('\n')[1]).toBe('… </pre><img src=x onerror=alert(1)>| col |·```·# heading [人种] <a href="http://evil.example/">x</a> **bold**  …');
    // Fences open and close in pairs: nothing in the report ended one early.
    expect((text.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(text).not.toContain('\u202e');
    expect(text).toContain('fw\\<base64\\:Znf/LmJpbg==\\>'.replace('fw\\', '\\'));
  });

  it('says the context was redacted instead of showing it', () => {
    const redacted = render(redactReport(richReport()));
    expect(redacted).toContain('Context redacted (`--redact`)');
    expect(redacted).not.toContain('face attr');
    expect(redacted).toContain('| options | context redacted (`--redact`) |');
  });

  it('renders a clean report with an all-scanned note and no findings', () => {
    const clean = render(cleanReport());
    expect(clean).toContain('Every input was scanned completely');
    expect(clean).toContain('## Findings\n\nNo findings.\n');
    expect(clean).not.toContain('Not a clean result');
  });

  it('shows baseline and ignore results', () => {
    const report = richReport();
    const marked = {
      ...report,
      findings: report.findings.map((item, index) => ({ ...item, baselineState: index === 0 ? ('unchanged' as const) : ('new' as const) })),
      summary: {
        ...report.summary,
        baseline: { new: 3, unchanged: 1, absent: [{ id: 'f'.repeat(32), termId: 'zh.weizu', termText: '维族', confidence: 'high' as const, input: 'fw/old.bin', chain: [] }] },
        ignore: { suppressed: 0, unused: [{ entry: 'old/**', reason: 'gone', expired: true }] },
      },
    };
    const out = render(marked);
    expect(out).toContain('3 new, 1 unchanged, 1 absent');
    expect(out).toContain(`| \`${'f'.repeat(32)}\` | 维族 | high | fw/old.bin |`);
    expect(out).toContain('- old/\\*\\* (expired): gone');
    expect(out).toContain('(unchanged since the baseline)');
  });

  it('is deterministic and ends with one newline', () => {
    expect(render(richReport())).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });
});
