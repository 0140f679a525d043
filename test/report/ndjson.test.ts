// NDJSON (R29): one input or finding per line while the scan runs, then a summary line; the
// lines hold the whole report, and streaming gives exactly what rendering the report gives.
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { findingLine, inputLine, parse, render, summaryLine } from '../../src/report/ndjson.js';
import { validateReport } from '../../src/report/validate.js';
import { cleanReport, richReport } from '../helpers/reports.js';

const fixtures = new URL('../fixtures/unpack/', import.meta.url).pathname;

describe('NDJSON rendering', () => {
  it('writes each input, then its findings, then one summary line; every line has a type', () => {
    const lines = render(richReport()).trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string });
    expect(lines.map((line) => line.type)).toEqual(['input', 'finding', 'finding', 'finding', 'input', 'finding', 'input', 'summary']);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', reportSchemaVersion: richReport().reportSchemaVersion, tool: { name: 'fwsift' }, summary: { findings: 4 } });
  });

  it('parses back into the same report (R29: the lines are the whole report)', () => {
    expect(parse(render(richReport()))).toEqual(richReport());
    expect(parse(render(cleanReport()))).toEqual(cleanReport());
  });

  it('keeps each record on one line whatever the member names and contexts hold', () => {
    const text = render(richReport());
    expect(text.split('\n').filter((line) => line !== '')).toHaveLength(8);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('refuses a stream without its summary line, with data after it, or with an unknown type', () => {
    const lines = render(richReport()).split('\n');
    expect(() => parse(lines.slice(0, -2).join('\n'))).toThrow('no summary line: the stream was cut short');
    expect(() => parse(`${render(richReport())}{"type":"finding"}\n`)).toThrow('line 9: data after the summary line');
    expect(() => parse('{"type":"match"}\n')).toThrow('line 1: unknown type "match"');
    expect(() => parse('not json\n')).toThrow(/^line 1: not JSON/);
  });

  it('streams from scan hooks exactly what rendering the finished report gives', async () => {
    let streamed = '';
    const report = await scan([`${fixtures}zip/basic.zip`, `${fixtures}gzip/basic.txt.gz`, `${fixtures}tar/ustar.tar`], {}, {
      onInput: (input, findings) => {
        streamed += inputLine(input);
        for (const finding of findings) streamed += findingLine(finding);
      },
    });
    streamed += summaryLine(report);
    expect(report.findings.length).toBeGreaterThan(3);
    expect(streamed).toBe(render(report));
    expect(validateReport(parse(streamed))).toEqual([]);
  });
});
