// The HTML evidence appendix: one self-contained file (inline CSS and SVG, no scripts, no
// external resources), print layout, CJK fonts, a chart and a layer map per input, and every
// string from the report escaped. Opened in headless Chromium when /usr/bin/chromium exists.
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/html.js';
import { layerMapSvg } from '../../src/report/layer-map.js';
import { redactReport } from '../../src/report/redact.js';
import { positionInInput } from '../../src/report/views.js';
import { cleanReport, richReport } from '../helpers/reports.js';

const html = render(richReport());

describe('HTML rendering', () => {
  it('is one document with a CSP that forbids scripts and external resources, and uses none', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\((?!#)/i);
    expect(html).not.toMatch(/<[a-z][^>]*\ssrc=/i);
    // Links go to the page's own anchors or to the pack's references, nowhere else.
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((match) => match[1]!);
    expect(new Set(hrefs.filter((href) => !/^#(f|input)-\d+$/.test(href)))).toEqual(new Set(['https://ipvm.com/reports/dahua-racial']));
  });

  it('has a print stylesheet: numbered pages, headings kept with what follows, rows that do not split, CJK font fallbacks', () => {
    expect(html).toContain('@media print');
    expect(html).toContain('@bottom-right { content: "page " counter(page) " of " counter(pages);');
    expect(html).toContain('h1, h2, h3, h4 { break-after: avoid;');
    expect(html).toContain('tr { break-inside: avoid;');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).not.toContain('nav.toc { display: none; }');
    expect(html).toContain('<details open>');
    expect(html).toContain('"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif');
  });

  it('summarises inputs with sha256 and status, counts, and what could not be scanned', () => {
    expect(html).toContain('<p class="banner">Not a clean result: 1 input could not be scanned completely');
    expect(html).toContain(`<td class="hash">${'c'.repeat(64)}</td>`);
    expect(html).toContain('<td class="status-skipped">skipped: symbolic link (not followed)</td>');
    expect(html).toContain('<li><code>corrupt</code> in <span class="mono">fw/firmware.bin!/damaged.bin</span>: zip: member &quot;damaged.bin&quot;: CRC-32 mismatch</li>');
    expect(html).toContain('<tr><td>race</td><td class="num">1</td><td class="num">0</td><td class="num">1</td><td class="num">2</td></tr>');
  });

  it('draws a chart by category × confidence and a layer map for each input', () => {
    expect((html.match(/<svg [^>]*class="chart"/g) ?? []).length).toBe(3); // all inputs + the two inputs with findings
    expect((html.match(/<svg [^>]*class="layer-map"/g) ?? []).length).toBe(3);
  });

  it('writes each finding with chain, offsets, hashes, a hex dump with <mark> and the decoded context', () => {
    const section = html.slice(html.indexOf('<section class="finding" id="f-3">'));
    expect(section).toContain('<li>unnamed gzip layer at offset 0 (0x0) of its parent</li>');
    expect(section).toContain('<dt>Offset</dt><dd>1060 (0x424) in the innermost object</dd>');
    expect(section).toContain(`<code>${'f'.repeat(64)}</code>`);
    expect(section).toContain('00000420  3e 00 3e 00 <mark>a4 80 12 82</mark>  3c 00 3c 00 3c 00 3c 00  |&gt;.&gt;.<mark>....</mark>&lt;.&lt;.&lt;.&lt;.|');
    expect(section).toContain('<pre class="context">… &lt;string id=&quot;SkinColor&quot;&gt;<mark>肤色</mark>&lt;/string&gt; …</pre>');
    expect(section).toContain('<a href="https://ipvm.com/reports/dahua-racial">IPVM: Dahua racial analytics</a>');
  });

  it('escapes hostile member names and contexts everywhere (text, attributes, SVG titles)', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<a href="http://evil.example/">');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;[x](javascript:alert(1))```·evil&quot;&#39;.txt');
    expect(html).not.toContain('\u202e');
  });

  it('says the context was redacted', () => {
    const redacted = render(redactReport(richReport()));
    expect(redacted).toContain('Context redacted (<code>--redact</code>)');
    expect(redacted).not.toContain('face attr');
  });

  it('opens with the title, the subject and an executive summary, then how to read an entry, and ends with the run', () => {
    const titled = render(richReport(), { title: 'Appendix B: Dahua IPC firmware', subject: 'Dahua IPC-HFW 2.800 (2023)' });
    expect(titled).toContain('<h1>Appendix B: Dahua IPC firmware</h1>\n<p class="subject">Dahua IPC-HFW 2.800 (2023)</p>');
    const order = ['<h1>', 'id="executive"', 'id="how-to-read"', 'id="summary"', 'id="inputs"', 'id="evidence"', 'id="run"'].map((marker) => titled.indexOf(marker));
    expect(order.every((position, index) => position >= 0 && (index === 0 || position > order[index - 1]!))).toBe(true);
    const executive = titled.slice(titled.indexOf('id="executive"'), titled.indexOf('id="how-to-read"'));
    expect(executive).toContain('fw/firmware.bin contains 3 findings of');
    expect(executive).toContain('could only be scanned in part, so more may be there.');
    expect(executive).toContain('Strongest: <a href="#f-2">“EM_NATION_TYPE_UYGUR”</a>, meaning Dahua SDK enum value &quot;nation (ethnicity) type: Uyghur&quot; (high confidence, utf-8) in <span class="mono">fw/firmware.bin!/etc/face.h</span>.');
    expect(executive).toContain('Categories: ethnicity 1, race 1, skin-colour 1.');
    expect(executive).toContain('corrupt in fw/firmware.bin!/damaged.bin: zip: member &quot;damaged.bin&quot;: CRC-32 mismatch');
    expect(executive).toContain('fw/link was not scanned (symbolic link (not followed)).');
    expect(render(richReport())).toContain('<h1>fwsift evidence appendix</h1>');
  });

  it('shows the first finding of a term in an object in full and the rest as a compact table of offsets', () => {
    const base = richReport();
    const first = base.findings[0]!;
    const repeats = Array.from({ length: 500 }, (_, index) => ({ ...first, id: (0x1000 + index).toString(16).padStart(32, '0'), location: { ...first.location, offset: 1000 + index * 64 } }));
    const many = render({ ...base, findings: [first, ...repeats, ...base.findings.slice(1)] });
    expect((many.match(/<section class="finding"/g) ?? []).length).toBe(base.findings.length);
    expect(many).toContain('<p>500 more occurrences of “人种” in the same object:</p><table class="repeats">');
    expect(many).toContain(`<tr id="f-2"><td class="num">1000 (0x3e8)</td><td><span class="conf conf-high">high</span></td><td>gb18030/raw</td><td class="mono">202020202020<mark>c8cbd6d6</mark>3d203320</td><td class="mono">${'0'.repeat(28)}1000</td></tr>`);
    expect(many).toContain('<a href="#f-1">人种</a> ×501');
    expect((many.match(/<tr id="f-/g) ?? []).length).toBe(50);
    expect(many).toContain(`<p>… and 450 more occurrences between offsets ${1000 + 50 * 64} (0x${(1000 + 50 * 64).toString(16)}) and ${1000 + 499 * 64} (0x${(1000 + 499 * 64).toString(16)}), each listed with its bytes in the JSON report.</p>`);
  });

  it('renders a clean report', () => {
    const clean = render(cleanReport());
    expect(clean).toContain('<p class="ok">Every input was scanned completely');
    expect(clean).toContain('<p>No findings.</p>');
  });

  it('is deterministic', () => {
    expect(render(richReport())).toBe(html);
  });
});

describe('layer map', () => {
  const report = richReport();
  const firmware = report.inputs[0]!;
  const findings = report.findings.slice(0, 3).map((finding, index) => ({ finding, anchor: `f-${index + 1}` }));

  it('places a finding in a verbatim layer at layer start + offset, and one inside decompressed data in its enclosing span', () => {
    expect(positionInInput(report.findings[0]!, firmware.layers)).toMatchObject({ kind: 'exact', position: 40 });
    expect(positionInInput(report.findings[1]!, firmware.layers)).toMatchObject({ kind: 'exact', position: 105 });
    expect(positionInInput(report.findings[2]!, firmware.layers)).toMatchObject({ kind: 'inside', layer: { start: 1000, end: 2800 } });
    expect(positionInInput(report.findings[0]!, [])).toBeUndefined();
  });

  it('draws spans per depth, ticks linked to findings, a bracket for findings inside, and problem markers', () => {
    const svg = layerMapSvg(firmware, findings, 'input-1');
    expect((svg.match(/<g class="layer">/g) ?? []).length).toBe(3);
    expect(svg).toContain('<title>etc/face.h: bytes 100–900 (0x64–0x384), searched raw only (no format recognised)</title>');
    expect(svg).toContain('<title>romfs.tar.gz: bytes 1000–2800 (0x3e8–0xaf0), opened as gzip</title>');
    expect(svg).toContain('<a href="#f-1"><g class="tick"><title>人种 (high) at input byte 40 (0x28)</title>');
    expect(svg).toContain('<a href="#f-2"><g class="tick"><title>EM_NATION_TYPE_UYGUR (high) at input byte 105 (0x69)</title>');
    expect(svg).toContain('<a href="#f-3"><g class="inside"><title>1 finding inside data decompressed from this span: 肤色</title>');
    expect(svg).toContain('<g class="problem"><title>encrypted at input byte 3500: ');
  });

  it('hatches an input that was not searched and draws an input without layers as one span', () => {
    const skipped = layerMapSvg(report.inputs[2]!, [], 'input-3');
    expect(skipped).toContain('fill="url(#input-3-hatch)"');
    expect(skipped).toContain('not searched: skipped: symbolic link (not followed)');
    const bare = layerMapSvg({ ...firmware, layers: [], problems: [] }, findings, 'x');
    expect((bare.match(/<g class="layer">/g) ?? []).length).toBe(1);
    expect(bare).toContain('3 findings inside');
  });
});

const chromiumPath = '/usr/bin/chromium';

describe('HTML in headless Chromium', () => {
  it.skipIf(!existsSync(chromiumPath))(
    `shows the findings' term text and chains, runs nothing, loads nothing, and screenshots${existsSync(chromiumPath) ? '' : ` (skipped: ${chromiumPath} is absent; apt-get install -y chromium)`}`,
    async () => {
      const { chromium } = await import('playwright-core');
      const dir = mkdtempSync(join(tmpdir(), 'fwsift-html-'));
      const file = join(dir, 'report.html');
      writeFileSync(file, html);
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const requests: string[] = [];
        const messages: string[] = [];
        page.on('request', (request) => {
          if (request.url() !== `file://${file}`) requests.push(request.url());
        });
        page.on('console', (message) => messages.push(message.text()));
        page.on('pageerror', (error) => messages.push(error.message));
        await page.goto(`file://${file}`);
        const findings = page.locator('section.finding');
        expect(await findings.count()).toBe(4);
        const first = await findings.nth(2).innerText();
        expect(first).toContain('肤色');
        expect(first).toContain('fw/firmware.bin!/romfs.tar.gz!/<gzip>!/etc/web/lang/zh-CN.xml');
        const hostile = await findings.nth(3).innerText();
        expect(hostile).toContain('<script>alert(1)</script>[x](javascript:alert(1))');
        expect(await page.evaluate('document.scripts.length + document.images.length')).toBe(0);
        expect(await page.locator('mark').count()).toBeGreaterThan(4);
        expect(await page.locator('svg.layer-map').count()).toBe(3);
        const screenshot = join(dir, 'report.png');
        await page.screenshot({ path: screenshot, fullPage: true });
        expect(statSync(screenshot).size).toBeGreaterThan(10_000);
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.length).toBeGreaterThan(10_000);
        expect(requests).toEqual([]);
        expect(messages).toEqual([]);
        process.stdout.write(`HTML screenshot: ${screenshot}\n`);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
