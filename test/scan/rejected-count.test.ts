// Rejected candidates are counted per object for the raw search and the text view alike: a
// case-sensitive identifier written in the wrong case is one rejection in the raw bytes and one
// in the page's text view, also when the view's candidate is only flushed at the object's end.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs('fwsift-rejected-');

async function rejected(name: string, text: string): Promise<number | undefined> {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  const report = await scan([path]);
  expect(report.findings).toEqual([]);
  return report.inputs[0]!.coverage.hitCandidatesRejected;
}

describe('hitCandidatesRejected', () => {
  it('counts the raw rejection of a plain text file once', async () => {
    expect(await rejected('plain.txt', 'em_race_yellow\n')).toBe(1);
  });

  it('counts the raw and the text-view rejection of a page', async () => {
    expect(await rejected('page.html', '<html><head><meta charset="utf-8"></head><body><p>em_race_yellow</p></body></html>\n')).toBe(2);
  });
});
