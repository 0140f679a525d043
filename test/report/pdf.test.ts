// PDF output: the HTML appendix printed by the system's Chromium. Checked with poppler-utils:
// page count (pdfinfo), text on the pages (pdftotext), and page 1 rasterised (pdftoppm) to see
// that the cover is drawn, not blank. Skipped, saying why, where Chromium or poppler is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChromiumNotFoundError, findChromium, renderPdf } from '../../src/report/pdf.js';
import { richReport } from '../helpers/reports.js';
import { runCli } from '../helpers/cli.js';

const tools = ['/usr/bin/pdftotext', '/usr/bin/pdfinfo', '/usr/bin/pdftoppm'];
const chromium = (() => {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
})();
const missing = [...(chromium === undefined ? ['chromium'] : []), ...tools.filter((tool) => !existsSync(tool)).map(() => 'poppler-utils')];
const skipNote = missing.length === 0 ? '' : ` (skipped: apt-get install -y ${[...new Set(missing)].join(' ')})`;

function pages(pdf: string): number {
  return Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
}

describe('PDF output', () => {
  it('says in one line what to install when no Chromium is found', () => {
    expect(() => findChromium({ FWSIFT_CHROMIUM: '/nonexistent/chrome' })).toThrow(ChromiumNotFoundError);
    expect(() => findChromium({ FWSIFT_CHROMIUM: '/nonexistent/chrome' })).toThrow('PDF output needs Chromium, but FWSIFT_CHROMIUM=/nonexistent/chrome does not exist');
  });

  it('refuses -o x.pdf before scanning when there is no Chromium', async () => {
    const previous = process.env.FWSIFT_CHROMIUM;
    process.env.FWSIFT_CHROMIUM = '/nonexistent/chrome';
    try {
      const out = join(mkdtempSync(join(tmpdir(), 'fwsift-pdf-')), 'a.pdf');
      const run = await runCli('scan', new URL('../../samples/product-page-gb2312.html', import.meta.url).pathname, '-o', out);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('fwsift: PDF output needs Chromium, but FWSIFT_CHROMIUM=/nonexistent/chrome does not exist\nfwsift: nothing was scanned\n');
      expect(existsSync(out)).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.FWSIFT_CHROMIUM;
      else process.env.FWSIFT_CHROMIUM = previous;
    }
  });

  it.skipIf(missing.length > 0)(`prints the appendix: cover and executive summary first, numbered pages, CJK text, a drawn page 1${skipNote}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-pdf-'));
    const pdf = join(dir, 'appendix.pdf');
    writeFileSync(pdf, await renderPdf(richReport(), { title: 'Appendix B: camera firmware', subject: 'Vendor X IPC 2.8' }));
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const count = pages(pdf);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(12);
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
    expect(first).toContain('Appendix B: camera firmware');
    expect(first).toContain('Vendor X IPC 2.8');
    expect(first).toContain(`page 1 of ${count}`);
    const all = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(all.indexOf('Executive summary')).toBeLessThan(all.indexOf('How to read an entry'));
    expect(all.indexOf('How to read an entry')).toBeLessThan(all.indexOf('The run'));
    expect(all).toContain('人种');
    expect(all).toContain('fw/firmware.bin!/romfs.tar.gz!/<gzip>!/etc/web/lang/zh-CN.xml');
    // Page 1 as an image: a drawn page compresses to far more than a blank one (~1 KB at this size).
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-png', pdf, join(dir, 'page')]);
    const image = join(dir, 'page-1.png');
    expect(statSync(image).size).toBeGreaterThan(8_000);
    process.stdout.write(`PDF page 1: ${image}\n`);
  }, 120_000);

  it.skipIf(missing.length > 0)(`keeps 9,000 findings of one term in one object to a few pages${skipNote}`, async () => {
    const base = richReport();
    const first = base.findings[0]!;
    const repeats = Array.from({ length: 9000 }, (_, index) => ({ ...first, id: (0x10000 + index).toString(16).padStart(32, '0'), location: { ...first.location, offset: 1000 + index * 16 } }));
    const pdf = join(mkdtempSync(join(tmpdir(), 'fwsift-pdf-')), 'many.pdf');
    writeFileSync(pdf, await renderPdf({ ...base, findings: [first, ...repeats, ...base.findings.slice(1)] }));
    expect(pages(pdf)).toBeLessThanOrEqual(15);
  }, 120_000);
});
