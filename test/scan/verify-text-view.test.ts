// verify re-proves findings made in a text view (a term split by markup in a GB2312 page) by
// rendering the view again; a changed offset still fails.
import { describe, expect, it } from 'vitest';
import { scan, verify } from '../../src/index.js';

const page = new URL('../fixtures/documents/product-page--gb2312-split-and-entities.html', import.meta.url).pathname;

describe('verify on text-view findings', async () => {
  const report = await scan([page]);
  const views = report.findings.filter((finding) => finding.match.form === 'text-view');
  it('has text-view findings to check', () => expect(views.length).toBeGreaterThan(0));
  it('passes an untouched report, text-view findings included', async () => {
    const result = await verify(report);
    expect(result.results.filter((r) => r.status === 'failed')).toEqual([]);
  });
  it('fails a text-view finding whose offset was edited', async () => {
    const [first, ...rest] = views;
    const edited = { ...report, findings: [{ ...first!, location: { ...first!.location, offset: first!.location.offset + 1 } }, ...rest] };
    const result = await verify(edited);
    expect(result.results.some((r) => r.status === 'failed')).toBe(true);
  });
});
