import { describe, expect, it } from 'vitest';
import { exitCode, type FailOn } from '../../src/cli/exit-code.js';
import type { Confidence, InputStatus } from '../../src/report/types.js';

function report(statuses: InputStatus[], confidences: Confidence[]) {
  return {
    inputs: statuses.map((status) => ({ status }) as never),
    findings: confidences.map((confidence) => ({ confidence }) as never),
  };
}

const cases: { name: string; statuses: InputStatus[]; confidences: Confidence[]; failOn: FailOn; allowPartial: boolean; expected: number }[] = [
  { name: 'clean complete scan', statuses: ['complete'], confidences: [], failOn: 'medium', allowPartial: false, expected: 0 },
  { name: 'low finding below the default threshold', statuses: ['complete'], confidences: ['low'], failOn: 'medium', allowPartial: false, expected: 0 },
  { name: 'medium finding at the default threshold', statuses: ['complete'], confidences: ['medium'], failOn: 'medium', allowPartial: false, expected: 1 },
  { name: 'high finding with --fail-on high', statuses: ['complete'], confidences: ['high'], failOn: 'high', allowPartial: false, expected: 1 },
  { name: 'medium finding with --fail-on high', statuses: ['complete'], confidences: ['medium'], failOn: 'high', allowPartial: false, expected: 0 },
  { name: 'low finding with --fail-on low', statuses: ['complete'], confidences: ['low'], failOn: 'low', allowPartial: false, expected: 1 },
  { name: 'findings with --fail-on none', statuses: ['complete'], confidences: ['high'], failOn: 'none', allowPartial: false, expected: 0 },
  { name: 'partial input without findings', statuses: ['complete', 'partial'], confidences: [], failOn: 'medium', allowPartial: false, expected: 2 },
  { name: 'failed input wins over findings', statuses: ['failed'], confidences: ['high'], failOn: 'medium', allowPartial: false, expected: 2 },
  { name: 'partial input allowed, with findings', statuses: ['partial'], confidences: ['high'], failOn: 'medium', allowPartial: true, expected: 1 },
  { name: 'partial input allowed, clean', statuses: ['partial'], confidences: [], failOn: 'medium', allowPartial: true, expected: 0 },
  { name: 'skipped symlink is not partial', statuses: ['skipped', 'complete'], confidences: [], failOn: 'medium', allowPartial: false, expected: 0 },
];

describe('exitCode', () => {
  it('has unique case names', () => expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length));
  it.each(cases)('$name → $expected', ({ statuses, confidences, failOn, allowPartial, expected }) => {
    expect(exitCode(report(statuses, confidences), { failOn, allowPartial })).toBe(expected);
  });
});
