/**
 * PDF rendering: the HTML appendix (src/report/html.ts) printed by a locally installed
 * Chromium through playwright-core, with the appendix's own print stylesheet (A4, numbered
 * pages). Nothing is downloaded: playwright-core ships no browser, and every request the page
 * might make is refused (the HTML makes none: its CSP forbids it).
 *
 * Chromium is looked for at `FWSIFT_CHROMIUM`, then at the usual system paths (Debian's
 * `chromium`, Ubuntu's `chromium-browser`, Google Chrome). When none is there, `findChromium`
 * says so in one line with what to install, so the CLI can refuse `--format pdf` before it
 * scans. Memory: one headless browser for the duration of the print (~150 MB, outside fwsift's
 * own heap).
 */
import { existsSync } from 'node:fs';
import { render as renderHtml, type HtmlOptions } from './html.js';
import type { Report } from './types.js';

const systemChromiums = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export class ChromiumNotFoundError extends Error {
  override readonly name = 'ChromiumNotFoundError';
}

/** The Chromium executable to print with; throws `ChromiumNotFoundError` (one line) when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.FWSIFT_CHROMIUM;
  if (configured !== undefined && configured !== '') {
    if (existsSync(configured)) return configured;
    throw new ChromiumNotFoundError(`PDF output needs Chromium, but FWSIFT_CHROMIUM=${configured} does not exist`);
  }
  const found = systemChromiums.find((path) => existsSync(path));
  if (found !== undefined) return found;
  throw new ChromiumNotFoundError('PDF output needs Chromium and none was found: install it (Debian/Ubuntu: apt-get install chromium) or set FWSIFT_CHROMIUM to its path; or write HTML (-o appendix.html) and print that');
}

export interface PdfOptions extends HtmlOptions {
  /** The Chromium executable. Default: `findChromium()`. */
  readonly chromium?: string;
}

/** The appendix as PDF bytes. Rejects with `ChromiumNotFoundError`, or with the browser's error. */
export async function renderPdf(report: Report, options: PdfOptions = {}): Promise<Uint8Array> {
  const executablePath = options.chromium ?? findChromium();
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(renderHtml(report, options), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
  } finally {
    await browser.close();
  }
}
