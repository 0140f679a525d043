// Issue 14 (the appendix for readers): what the JSON report knows about a finding or an input
// is visible in both appendix formats: the shorter terms inside a finding's bytes (`contains`),
// notes on how an input was read (a page labelled UTF-8 read as GB18030), and the title and
// subject, which the JSON report keeps so a later `render` shows them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport, scan, type Report } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

const documents = new URL('../fixtures/documents/', import.meta.url).pathname;
const mislabelled = join(documents, 'corrupt--invalid-utf8-declared-utf8.html');
const productPage = join(documents, 'product-page--gb2312-split-and-entities.html');

describe('contains and notes in the appendix', async () => {
  const report = await scan([mislabelled, productPage]);
  const markdown = renderReport(report, 'md');
  const html = renderReport(report, 'html');

  it('the scan found both facts (the premise of the test)', () => {
    expect(report.inputs.find((input) => input.path === mislabelled)?.notes?.length).toBe(1);
    expect(report.findings.some((finding) => finding.contains?.some((inner) => inner.termId === 'zh.jiangzang'))).toBe(true);
  });

  it('Markdown lists the note under the summary, with where it was noted and the charset it was read in', () => {
    const notes = markdown.slice(markdown.indexOf('### Notes'), markdown.indexOf('\n## Findings\n'));
    expect(notes).toMatch(/^- .*corrupt--invalid-utf8-declared-utf8\.html at offset \d+ \\\(0x[0-9a-f]+\\\)\\: html\\: charset utf-8 \\\(from meta\\\) does not decode 2 stretches.*read them as gb18030/m);
  });

  it('HTML lists the same note in the summary', () => {
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="inputs"'));
    expect(summary).toMatch(/<h3>Notes<\/h3>.*<li>[^<]*corrupt--invalid-utf8-declared-utf8\.html at offset \d+ \(0x[0-9a-f]+\): html: charset utf-8 \(from meta\) does not decode 2 stretches[^<]*gb18030/);
  });

  it('Markdown shows each contained term on the finding, with its id, offset, length and confidence', () => {
    const section = markdown.slice(markdown.indexOf('疆藏\\(需定制支持\\): '));
    // The page spells 疆藏 once as GB2312 bytes (4) and once split by an entity (7 raw bytes).
    expect(section).toMatch(/^- \*\*Contains:\*\* "疆藏" \\\(term zh\.jiangzang\\\) at offset \d+ \\\(0x[0-9a-f]+\\\), [47] bytes, (high|medium|low) confidence$/m);
  });

  it('HTML shows each contained term as a row of the finding', () => {
    expect(html).toMatch(/<dt>Contains<\/dt><dd>&quot;疆藏&quot; \(term zh\.jiangzang\) at offset \d+ \(0x[0-9a-f]+\), [47] bytes, (high|medium|low) confidence<\/dd>/);
  });

  it('a report without notes or contained terms has neither heading nor row', async () => {
    const plain = await scan([join(documents, 'plain--gb18030.txt')]);
    expect(plain.findings.every((finding) => finding.contains === undefined)).toBe(true);
    expect(renderReport(plain, 'md')).not.toMatch(/### Notes|\*\*Contains:\*\*/);
    expect(renderReport(plain, 'html')).not.toMatch(/<h3>Notes<\/h3>|<dt>Contains<\/dt>/);
  });
});

describe('--title and --subject', () => {
  it('head the Markdown appendix, are kept in the JSON report, and a later render shows them; a render option wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-title-'));
    const json = join(dir, 'r.json');
    const scanned = await runCli('scan', productPage, '-o', json, '--fail-on', 'none', '--title', 'Appendix B: *vendor* pages', '--subject', 'Vendor X IPC 2.8 <2023>');
    expect(scanned.code, scanned.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(report.run.options).toMatchObject({ title: 'Appendix B: *vendor* pages', subject: 'Vendor X IPC 2.8 <2023>' });

    const md = join(dir, 'r.md');
    expect((await runCli('render', json, '-o', md)).code).toBe(0);
    // Escaped: a title cannot open emphasis or HTML.
    expect(readFileSync(md, 'utf8').startsWith('# Appendix B\\: \\*vendor\\* pages\n\n**Subject:** Vendor X IPC 2.8 \\<2023\\>\n')).toBe(true);

    const html = join(dir, 'r.html');
    expect((await runCli('render', json, '-o', html, '--title', 'Other title')).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<h1>Other title</h1>\n<p class="subject">Vendor X IPC 2.8 &lt;2023&gt;</p>');
  });

  it('Markdown keeps its own heading when no title is given', async () => {
    const report = await scan([productPage]);
    expect(renderReport(report, 'md').startsWith('# fwsift evidence report\n\n## ')).toBe(false);
    expect(renderReport(report, 'md').startsWith('# fwsift evidence report\n\n| |')).toBe(true);
  });
});
