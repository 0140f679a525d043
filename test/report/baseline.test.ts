// Baselines (R36) and ignore files (R37): findings marked new/unchanged against an earlier
// report, absent ones listed; suppressed findings kept with their reason; expired and unused
// entries reported; only new, unsuppressed findings count for the exit code.
import { describe, expect, it } from 'vitest';
import { exitCode } from '../../src/cli/exit-code.js';
import { applyBaseline } from '../../src/report/baseline.js';
import { applyIgnore, ignorePathMatcher, parseIgnoreFile, type IgnoreEntry } from '../../src/report/ignore.js';
import { createPostProcessor } from '../../src/report/post-process.js';
import { validateReport } from '../../src/report/validate.js';
import { finding, makeReport, richReport } from '../helpers/reports.js';

const now = new Date('2025-06-01T12:00:00Z');

describe('baseline', () => {
  it('marks findings new or unchanged by id and lists baseline findings that are gone', () => {
    const report = richReport();
    const baseline = makeReport([], [report.findings[0]!, report.findings[2]!, finding({ n: 99, location: { input: 'fw/old.bin', chain: [], offset: 1, objectSha256: 'a'.repeat(64) } })]);
    const marked = applyBaseline(report, baseline);
    expect(marked.findings.map((item) => item.baselineState)).toEqual(['unchanged', 'new', 'unchanged', 'new']);
    expect(marked.summary.baseline).toEqual({
      new: 2,
      unchanged: 2,
      absent: [{ id: '00000000000000000000000000000063', termId: 'zh.renzhong', termText: '人种', confidence: 'high', input: 'fw/old.bin', chain: [] }],
    });
    expect(validateReport(marked)).toEqual([]);
  });

  it('gives no new findings and exit 0 when a report is compared with itself (R36)', () => {
    const report = { ...richReport(), inputs: richReport().inputs.slice(1) };
    const marked = applyBaseline(report, report);
    expect(marked.summary.baseline).toMatchObject({ new: 0, unchanged: 4, absent: [] });
    expect(exitCode(report, { failOn: 'low', allowPartial: false })).toBe(1);
    expect(exitCode(marked, { failOn: 'low', allowPartial: false })).toBe(0);
  });
});

describe('ignore file', () => {
  const entries = (text: object) => {
    const parsed = parseIgnoreFile(JSON.stringify(text));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    return parsed.entries;
  };

  it('parses ids, path globs with an optional term, reasons and expiry dates', () => {
    expect(entries({ ignore: [{ id: '0'.repeat(32), reason: 'r' }, { path: 'fw/**', term: 'zh.renzhong', reason: 'r', expires: '2025-12-31' }] })).toEqual([
      { id: '0'.repeat(32), reason: 'r' },
      { path: 'fw/**', term: 'zh.renzhong', reason: 'r', expires: '2025-12-31' },
    ]);
  });

  it.each([
    ['not JSON', '{', /^not JSON/],
    ['no ignore array', '{"entries":[]}', /^expected an object with an "ignore" array$/],
    ['a missing reason', '{"ignore":[{"id":"00000000000000000000000000000000"}]}', /^\/ignore\/0: "reason" is required$/],
    ['an empty reason', '{"ignore":[{"path":"x","reason":" "}]}', /^\/ignore\/0\/reason: expected a non-empty string$/],
    ['both id and path', '{"ignore":[{"id":"00000000000000000000000000000000","path":"x","reason":"r"}]}', /give exactly one of "id" and "path"/],
    ['a bad id', '{"ignore":[{"id":"xyz","reason":"r"}]}', /\/id: expected a finding id/],
    ['an impossible date', '{"ignore":[{"path":"x","reason":"r","expires":"2025-02-30"}]}', /\/expires: expected a date YYYY-MM-DD/],
    ['an unknown key', '{"ignore":[{"path":"x","reason":"r","until":"2025-01-01"}]}', /unknown key "until"/],
  ])('rejects %s', (_name, text, message) => {
    const parsed = parseIgnoreFile(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toContainEqual(expect.stringMatching(message));
  });

  const matches = (glob: string, where: string) => ignorePathMatcher(glob)(where);

  it('matches path globs with picomatch: * and ? within a segment, ** across', () => {
    expect(matches('fw/*.bin', 'fw/a.bin')).toBe(true);
    expect(matches('fw/*.bin', 'fw/x/a.bin')).toBe(false);
    expect(matches('fw/**', 'fw/firmware.bin!/romfs.tar.gz!/etc/a')).toBe(true);
    expect(matches('**/zh-CN.xml', 'fw/a.bin!/etc/web/lang/zh-CN.xml')).toBe(true);
    expect(matches('fw/a.bin!/**/.hidden', 'fw/a.bin!/etc/.hidden')).toBe(true);
    expect(matches('a?c', 'abc')).toBe(true);
    expect(matches('a.c', 'abc')).toBe(false);
  });

  // The conflict between the old hand-written matcher and picomatch, decided (README, "Ignore file").
  it('reads ** as crossing segments only when it is a whole segment, as .gitignore and --exclude do', () => {
    // The old matcher made any ** a ".*": this crossed "fw/a.bin!/<gzip>!/".
    expect(matches('fw**!/etc/face.h', 'fw/a.bin!/<gzip>!/etc/face.h')).toBe(false);
    expect(matches('fw**!/etc/face.h', 'fw.bin!/etc/face.h')).toBe(true);
    expect(matches('fw/**/etc/face.h', 'fw/a.bin!/<gzip>!/etc/face.h')).toBe(true);
  });

  it('keeps every other character literal, so a path copied from a report matches itself and nothing else', () => {
    // picomatch alone reads a leading "!" as "anything but": this entry would suppress every other finding.
    expect(matches('!fw/a.bin', 'fw/b.bin')).toBe(false);
    expect(matches('!fw/a.bin', '!fw/a.bin')).toBe(true);
    expect(matches('sdk/Setup (x86)*.exe', 'sdk/Setup (x86) v2.exe')).toBe(true);
    expect(matches('fw[1]*.bin', 'fw[1]-eu.bin')).toBe(true);
    expect(matches('fw[1]*.bin', 'fw1-eu.bin')).toBe(false);
    expect(matches('{a,b}/*', 'a/x')).toBe(false);
    expect(matches('(a|b)+', '(a|b)+')).toBe(true);
    expect(matches('fw.bin!/<base64:Znf/LmJpbg==>', 'fw.bin!/<base64:Znf/LmJpbg==>')).toBe(true);
    expect(matches('fw.bin!/a\\b*', 'fw.bin!/a\\b.txt')).toBe(true);
  });

  it('suppresses by id and by path glob (with a term filter), keeping findings and reporting unused and expired entries', () => {
    const report = richReport();
    const list: IgnoreEntry[] = [
      { id: '00000000000000000000000000000001', reason: 'reviewed: vendor manual' },
      { path: 'fw/firmware.bin!/romfs.tar.gz!/**', term: 'zh.fuse', reason: 'translation table only' },
      { path: 'fw/firmware.bin!/**', term: 'zh.nothing', reason: 'never matches' },
      { path: '**', reason: 'too broad, expired', expires: '2025-05-31' },
    ];
    const out = applyIgnore(report, list, now);
    expect(out.findings.map((item) => item.suppression?.entry)).toEqual(['00000000000000000000000000000001', undefined, 'fw/firmware.bin!/romfs.tar.gz!/**', undefined]);
    expect(out.findings[0]!.suppression).toEqual({ entry: '00000000000000000000000000000001', reason: 'reviewed: vendor manual' });
    expect(out.summary.ignore).toEqual({
      suppressed: 2,
      unused: [
        { entry: 'fw/firmware.bin!/**', reason: 'never matches', expired: false },
        { entry: '**', reason: 'too broad, expired', expired: true },
      ],
    });
    expect(validateReport(out)).toEqual([]);
  });

  it('keeps suppressing on the expiry day itself, not the day after', () => {
    const list: IgnoreEntry[] = [{ path: '**', reason: 'r', expires: '2025-06-01' }];
    expect(applyIgnore(richReport(), list, now).summary.ignore?.suppressed).toBe(4);
    expect(applyIgnore(richReport(), list, new Date('2025-06-02T00:00:00Z')).summary.ignore?.suppressed).toBe(0);
  });

  it('does not count suppressed findings for the exit code', () => {
    const report = makeReport([], [finding({ n: 1 })]);
    const suppressed = applyIgnore(report, [{ id: '00000000000000000000000000000001', reason: 'r' }], now);
    expect(exitCode(report, { failOn: 'high', allowPartial: false })).toBe(1);
    expect(exitCode(suppressed, { failOn: 'high', allowPartial: false })).toBe(0);
  });
});

describe('post-processing', () => {
  it('gives the same report whether findings were processed one by one first (streaming) or not', () => {
    const report = richReport();
    const options = { redact: true, baseline: makeReport([], [report.findings[1]!]), ignore: [{ id: '00000000000000000000000000000004', reason: 'r' }], now };
    const streaming = createPostProcessor(options);
    const streamed = report.findings.map((item) => streaming.finding(item));
    const finished = streaming.finish(report);
    expect(finished.findings).toEqual(streamed);
    expect(finished).toEqual(createPostProcessor(options).finish(report));
    expect(finished.findings.map((item) => [item.context, item.baselineState, item.suppression?.entry])).toEqual([
      [{ redacted: true }, 'new', undefined],
      [{ redacted: true }, 'unchanged', undefined],
      [{ redacted: true }, 'new', undefined],
      [{ redacted: true }, 'new', '00000000000000000000000000000004'],
    ]);
    expect(finished.run.options.redact).toBe(true);
    expect(validateReport(finished)).toEqual([]);
  });

  it('adds nothing when no option is given', () => {
    expect(createPostProcessor({}).finish(richReport())).toEqual(richReport());
  });
});
