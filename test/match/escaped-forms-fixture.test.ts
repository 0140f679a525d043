// R4/R5 end to end: test/fixtures/forms/escaped-forms.txt (built by test/fixtures/build/forms.sh)
// writes shipped-pack terms in every escaped form, one per line, each line starting with the
// `syntax encoding` it holds. `scan()` must find every line, labelled with that form and
// encoding, in a schema-valid report whose coverage lists those cells as searched.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan, validateReport, type Report } from '../../src/index.js';
import { syntaxInfo } from '../../src/patterns/escapes.js';
import { syntaxes, type Syntax } from '../../src/patterns/types.js';

const path = new URL('../fixtures/forms/escaped-forms.txt', import.meta.url).pathname;
const bytes = readFileSync(path);

interface Line {
  readonly syntax: Syntax;
  readonly encoding: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const lines: Line[] = [];
for (let start = 0; start < bytes.length; ) {
  const end = bytes.indexOf(0x0a, start);
  const text = bytes.subarray(start, end).toString('latin1');
  const match = /^([a-z0-9-]+) ([a-z0-9-]+): /.exec(text);
  if (match !== null) lines.push({ syntax: match[1] as Syntax, encoding: match[2]!, start, end, text });
  start = end + 1;
}

let report: Report;
beforeAll(async () => {
  report = await scan([path]);
});

describe('escaped-forms fixture', () => {
  it('covers every syntax but raw', () => {
    expect(new Set(lines.map((l) => l.syntax))).toEqual(new Set(syntaxes.filter((s) => s !== 'raw')));
  });

  it('scans into a schema-valid report', () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.status).toBe('complete');
  });

  it.each(lines.map((l) => [l.text.slice(0, 60), l] as const))('finds %s', (_label, line) => {
    const form = syntaxInfo[line.syntax].form;
    const inLine = report.findings.filter((f) => f.location.offset >= line.start && f.location.offset < line.end);
    const labelled = inLine.filter((f) => f.match.form === form && f.match.encoding === line.encoding);
    expect(labelled.length, JSON.stringify(inLine.map((f) => [f.term.text, f.match.form, f.match.encoding]))).toBeGreaterThan(0);
    // Every finding on an escaped line is in that line's form: no raw or other-form noise.
    expect(inLine.every((f) => f.match.form === form)).toBe(true);
    // The matched bytes are the line's own bytes at that offset.
    for (const f of labelled) expect(bytes.subarray(f.location.offset, f.location.offset + f.match.length).toString('hex')).toBe(f.match.hex);
  });

  it('lists the cells of every form as searched in run.coverage', () => {
    const renzhong = report.run.coverage!.spellings.find((s) => s.variant === '人种')!;
    for (const line of lines) {
      const cell = `${line.encoding}/${syntaxInfo[line.syntax].form}`;
      if (line.text.includes('EM_NATION')) continue;
      expect(renzhong.searched, cell).toContain(cell);
    }
  });
});
