// Issue 12: recall and precision on public vendor material that no one here wrote. Every file in
// test/fixtures/real/ is an excerpt of a public repository at a recorded commit (manifest.json:
// repo, commit, path, lines, URL) with its truth judged by reading: `positive` (face-attribute
// race, skin-colour or ethnicity analytics) or `control` (dictionaries, ID-card and nationality
// fields, face attributes without race). Numbers are recorded in docs/precision.md.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan, type Report } from '../../src/index.js';

interface Item {
  readonly file: string;
  readonly repo: string;
  readonly commit: string;
  readonly path: string;
  readonly truth: 'positive' | 'control';
}

const dir = new URL('../fixtures/real/', import.meta.url);
const items = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as readonly Item[];
const pathOf = (file: string): string => new URL(file, dir).pathname;
let report: Report;

beforeAll(async () => {
  report = await scan(items.map((item) => pathOf(item.file)));
}, 120_000);

function levels(item: Item): string[] {
  return report.findings.filter((finding) => finding.location.input === pathOf(item.file)).map((finding) => finding.confidence);
}

describe('real vendor material', () => {
  it('holds at least 40 public files, at least 10 of them controls, each with its source and commit', () => {
    expect(items.length).toBeGreaterThanOrEqual(40);
    expect(items.filter((item) => item.truth === 'control').length).toBeGreaterThanOrEqual(10);
    for (const item of items) {
      expect(item.repo, item.file).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(item.commit, item.file).toMatch(/^[0-9a-f]{40}$/);
      expect(item.path, item.file).not.toBe('');
    }
  });

  it('scans every file completely', () => {
    expect(report.inputs.filter((input) => input.status !== 'complete').map((input) => input.path)).toEqual([]);
  });

  it('finds at least 95% of the positive files at high confidence, and every one at medium or better', () => {
    const positives = items.filter((item) => item.truth === 'positive');
    const missedHigh = positives.filter((item) => !levels(item).includes('high')).map((item) => item.file);
    const missedMedium = positives.filter((item) => !levels(item).some((level) => level !== 'low')).map((item) => item.file);
    expect(missedHigh.length / positives.length, missedHigh.join(', ')).toBeLessThanOrEqual(0.05);
    expect(missedMedium).toEqual([]);
  });

  it('reports no high and at most 2 medium findings on the controls', () => {
    const controls = items.filter((item) => item.truth === 'control');
    const found = controls.flatMap((item) => levels(item).map((level) => `${item.file} ${level}`));
    expect(found.filter((entry) => entry.endsWith(' high'))).toEqual([]);
    expect(found.filter((entry) => entry.endsWith(' medium')).length, found.join(', ')).toBeLessThanOrEqual(2);
  });
});
