import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateValidators } from '../../scripts/validators.mjs';
import { parsePack } from '../../src/patterns/load.js';
import { compileReportValidator, validateReport } from '../../src/report/validate.js';

const root = new URL('../../', import.meta.url);

describe('validators generated at build time', () => {
  it('are what the shipped schemas compile to today (run `node scripts/build-validators.mjs` after editing a schema)', () => {
    for (const { file, code } of generateValidators()) {
      expect(readFileSync(new URL(file, root), 'utf8'), file).toBe(code);
    }
  });

  it('accept and reject reports exactly as a runtime compile of the schema does', () => {
    const runtime = compileReportValidator();
    const report = JSON.parse(readFileSync(new URL('test/fixtures/report/typical.json', root), 'utf8')) as Record<string, unknown>;
    const broken = [
      report,
      { ...report, tool: { name: 'other', version: '' } },
      { ...report, run: { ...(report['run'] as object), startedAt: 'yesterday' } },
      { ...report, extra: 1 },
      { ...report, findings: [{}] },
      'not a report',
    ];
    for (const value of broken) {
      const expected = runtime(value) ? [] : (runtime.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
      expect(validateReport(value).map((m) => m.replace(/ \(".*"\)$/, ''))).toEqual(expected);
    }
    expect(validateReport(report)).toEqual([]);
  });

  it('reject a bad pack with every problem and the offending value, as before', () => {
    const pack = { id: 'p', version: '1.0.0', description: 'd', terms: [{ id: 'T', text: '', category: 'nope' }] };
    const result = parsePack(new TextEncoder().encode(JSON.stringify(pack)), 'p.json');
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => `${p.pointer} ${p.message}`);
    expect(messages.length).toBeGreaterThan(2); // allErrors
    expect(messages.join('\n')).toMatch(/category/);
  });
});
