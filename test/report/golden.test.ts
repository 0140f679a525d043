// Golden files (STYLE §11, gitleaks testdata/expected/report): a typical, an empty and a partial
// report, each rendered in every format and compared byte for byte with test/fixtures/report/.
//
// The source reports (`<name>.report.json`) come from real scans of the samples and fixtures,
// with the clock, duration, Node version, platform and tool version normalised. To regenerate
// sources and renderings after an intended change:
//
//     UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
//
// After a change to a renderer alone, re-render from the stored sources without rescanning:
//
//     UPDATE_GOLDEN=render npx vitest run test/report/golden.test.ts
//
// Without UPDATE_GOLDEN, only the renderers are under test: the stored sources are rendered
// and compared, so changes in the scanner or the pattern packs do not churn these files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport, reportFormats, type ReportFormat } from '../../src/report/renderers.js';
import type { Report } from '../../src/report/types.js';
import { validateReport } from '../../src/report/validate.js';
import { scan } from '../../src/scan/scan.js';
import { compileSarifValidator } from '../helpers/sarif-schema.js';

const update = process.env.UPDATE_GOLDEN === '1';
const rerender = update || process.env.UPDATE_GOLDEN === 'render';
const root = new URL('../../', import.meta.url).pathname;
const goldenDir = new URL('../fixtures/report/', import.meta.url);
const extension: Readonly<Record<ReportFormat, string>> = { json: 'json', ndjson: 'ndjson', sarif: 'sarif', md: 'md', html: 'html' };

/** What each golden report scans (paths relative to the repository root, as a user would type them). */
const sources: Readonly<Record<string, readonly string[]>> = {
  typical: ['samples/dahua-style-firmware.bin', 'samples/product-page-gb2312.html', 'test/fixtures/unpack/zip/nested--targz-in-zip.zip'],
  empty: ['samples/clean/ordinary-text.zip'],
  partial: ['test/fixtures/unpack/gzip/truncated--stream.gz', 'test/fixtures/unpack/zip/corrupt--bad-member-crc.zip', 'test/fixtures/unpack/zip/corrupt--eocd-not-found.zip'],
};

/** Everything that depends on when and where the scan ran. */
function normalise(report: Report): Report {
  return {
    ...report,
    tool: { ...report.tool, version: '0.0.0-golden' },
    run: { ...report.run, startedAt: '2024-01-01T00:00:00.000Z', finishedAt: '2024-01-01T00:00:01.000Z', node: 'v20.0.0', platform: 'linux-x64' },
    summary: { ...report.summary, durationMs: 1000 },
  };
}

const file = (name: string) => new URL(name, goldenDir);

describe.each(Object.keys(sources))('golden report "%s"', (name) => {
  it(update ? 'regenerates the source report from a real scan' : 'has a stored source report that is a valid report', async () => {
    if (update) {
      mkdirSync(goldenDir, { recursive: true });
      const cwd = process.cwd();
      process.chdir(root);
      try {
        const report = normalise(await scan(sources[name]!.map((path) => relative(root, `${root}${path}`))));
        writeFileSync(file(`${name}.report.json`), `${JSON.stringify(report, null, 2)}\n`);
      } finally {
        process.chdir(cwd);
      }
    }
    const report = JSON.parse(readFileSync(file(`${name}.report.json`), 'utf8')) as Report;
    expect(validateReport(report)).toEqual([]);
    if (name === 'empty') expect(report.findings).toEqual([]);
    if (name === 'partial') expect(report.summary.partialInputs).toBeGreaterThan(0);
    if (name === 'typical') expect(report.findings.length).toBeGreaterThan(10);
  });

  it.each([...reportFormats])(`renders %s exactly as test/fixtures/report/${name}.<ext>`, (format) => {
    const report = JSON.parse(readFileSync(file(`${name}.report.json`), 'utf8')) as Report;
    const rendered = renderReport(report, format, { category: 'fwsift-golden' });
    const target = file(`${name}.${extension[format]}`);
    if (rerender || !existsSync(target)) {
      if (!rerender) throw new Error(`${target.pathname} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`);
      writeFileSync(target, rendered);
    }
    expect(rendered, `differs from ${target.pathname}; if the change is intended: UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`).toBe(readFileSync(target, 'utf8'));
  });

  it('has a SARIF golden file that is valid SARIF 2.1.0', () => {
    const validate = compileSarifValidator();
    expect(validate(JSON.parse(readFileSync(file(`${name}.sarif`), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });
});
