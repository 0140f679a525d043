// The terminal summary: totals, incomplete inputs with their problems, counts, and the strongest
// findings first, each with its full container chain.
import { describe, expect, it } from 'vitest';
import { formatChain, renderSummary } from '../../src/report/summary.js';
import { reportSchemaVersion, type Confidence, type FindingJson, type Report } from '../../src/report/types.js';
import type { Category, Precision } from '../../src/patterns/types.js';
import { validateReport } from '../../src/report/validate.js';

const sha = (digit: string): string => digit.repeat(64);

function finding(n: number, text: string, category: Category, precision: Precision, confidence: Confidence, offset: number): FindingJson {
  return {
    id: n.toString(16).padStart(32, '0'),
    term: { id: `test.${n}`, text, category, precision, pack: 'test', meaning: `meaning of ${text}` },
    match: { encoding: 'gb18030', form: 'raw', variant: text, hex: 'c8cbd6d6', length: 4 },
    location: {
      input: 'fw/DH_IPC.bin',
      chain: [
        { format: 'dahua-zip', path: 'romfs-x.squashfs.img', offset: 0 },
        { format: 'tar', path: 'etc/face.h', offset: 1024 },
      ],
      offset,
      objectSha256: sha('a'),
    },
    context: { before: '', after: '', hex: 'c8cbd6d6' },
    confidence,
    reasons: [`precision:${precision}`],
  };
}

function emptyReport(): Report {
  return {
    reportSchemaVersion,
    tool: { name: 'fwsift', version: '0.1.0' },
    run: {
      startedAt: '2024-05-01T10:00:00.000Z',
      finishedAt: '2024-05-01T10:00:00.100Z',
      options: {},
      patternPacks: [],
      needles: 0,
      node: 'v20.20.2',
      platform: 'linux-x64',
    },
    inputs: [],
    findings: [],
    summary: {
      findings: 0,
      byCategory: { ethnicity: 0, race: 0, 'skin-colour': 0, 'region-targeting': 0, 'minority-alert': 0 },
      byConfidence: { high: 0, medium: 0, low: 0 },
      bytesScanned: 0,
      objects: 0,
      durationMs: 100,
      partialInputs: 0,
    },
  };
}

/** Findings in report (offset) order, deliberately not in strength order. */
function typicalReport(): Report {
  const findings = [
    finding(1, '民族', 'ethnicity', 'ambiguous', 'low', 0x10),
    finding(2, '肤色', 'skin-colour', 'medium', 'medium', 0x20),
    finding(3, '人种', 'race', 'medium', 'high', 0x30),
    finding(4, 'EM_NATION_TYPE_UYGUR', 'ethnicity', 'high', 'high', 0x1f4),
    finding(5, '维族', 'ethnicity', 'medium', 'low', 0x50),
  ];
  const base = emptyReport();
  return {
    ...base,
    inputs: [
      {
        path: 'fw/DH_IPC.bin',
        size: 3 * 1024 * 1024,
        sha256: sha('b'),
        status: 'partial',
        problems: [
          { chain: [{ format: 'dahua-zip', path: 'web.zip', offset: 4096 }, { format: 'zip', path: 'secret.bin', offset: 30 }], kind: 'encrypted', message: 'member is encrypted (ZipCrypto)' },
          { chain: [{ format: 'gzip', offset: 0 }], kind: 'corrupt', message: 'unexpected end of deflate stream', offset: 500 },
        ],
        coverage: { bytesScanned: 5 * 1024 * 1024, objects: 7 },
        layers: [],
      },
      { path: { base64: 'Zm9v/w==' }, size: 10, sha256: sha('c'), status: 'failed', problems: [{ chain: [], kind: 'io', message: 'EACCES: permission denied' }], coverage: { bytesScanned: 0, objects: 0 }, layers: [] },
      { path: 'fw/clean.bin', size: 10, sha256: sha('d'), status: 'complete', problems: [], coverage: { bytesScanned: 10, objects: 1 }, layers: [] },
    ],
    findings,
    summary: {
      ...base.summary,
      findings: 5,
      byCategory: { ethnicity: 3, race: 1, 'skin-colour': 1, 'region-targeting': 0, 'minority-alert': 0 },
      byConfidence: { high: 2, medium: 1, low: 2 },
      bytesScanned: 5 * 1024 * 1024 + 10,
      objects: 8,
      durationMs: 1250,
      partialInputs: 2,
    },
  };
}

describe('renderSummary', () => {
  it('uses valid reports as fixtures', () => {
    expect(validateReport(typicalReport())).toEqual([]);
    expect(validateReport(emptyReport())).toEqual([]);
  });

  it('summarises a typical report', () => {
    expect(renderSummary(typicalReport())).toBe(
      [
        'fwsift 0.1.0: 3 inputs, 5.0 MiB scanned in 8 objects, 1.3 s',
        '',
        'Incomplete inputs:',
        '  partial  fw/DH_IPC.bin',
        '    encrypted   fw/DH_IPC.bin!/web.zip!/secret.bin: member is encrypted (ZipCrypto)',
        '    corrupt     fw/DH_IPC.bin!/<gzip> @ 0x1f4: unexpected end of deflate stream',
        '  failed   <base64:Zm9v/w==>',
        '    io          <base64:Zm9v/w==>: EACCES: permission denied',
        '',
        '5 findings: 2 high, 1 medium, 2 low',
        '  ethnicity 3, race 1, skin-colour 1',
        '',
        'Top 5:',
        '  high   EM_NATION_TYPE_UYGUR (meaning of EM_NATION_TYPE_UYGUR)  ethnicity, gb18030/raw',
        '         fw/DH_IPC.bin!/romfs-x.squashfs.img!/etc/face.h @ 0x1f4',
        '  high   人种 (meaning of 人种)  race, gb18030/raw',
        '         fw/DH_IPC.bin!/romfs-x.squashfs.img!/etc/face.h @ 0x30',
        '  medium 肤色 (meaning of 肤色)  skin-colour, gb18030/raw',
        '         fw/DH_IPC.bin!/romfs-x.squashfs.img!/etc/face.h @ 0x20',
        '  low    维族 (meaning of 维族)  ethnicity, gb18030/raw',
        '         fw/DH_IPC.bin!/romfs-x.squashfs.img!/etc/face.h @ 0x50',
        '  low    民族 (meaning of 民族)  ethnicity, gb18030/raw',
        '         fw/DH_IPC.bin!/romfs-x.squashfs.img!/etc/face.h @ 0x10',
        '',
        '2 inputs not scanned completely: this is not a clean result.',
        '',
      ].join('\n'),
    );
  });

  it('summarises an empty report', () => {
    expect(renderSummary(emptyReport())).toBe(['fwsift 0.1.0: 0 inputs, 0 B scanned in 0 objects, 100 ms', '', '0 findings: 0 high, 0 medium, 0 low', ''].join('\n'));
  });

  it('lists only the top N findings, strongest first, and says how many there are', () => {
    const lines = renderSummary(typicalReport(), { top: 2 }).split('\n');
    expect(lines).toContain('Top 2 (of 5; the report lists all):');
    expect(lines.filter((line) => /^ {2}(high|medium|low) /.test(line)).map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'high EM_NATION_TYPE_UYGUR',
      'high 人种',
    ]);
    expect(renderSummary(typicalReport(), { top: 0 })).not.toContain('Top');
  });

  it('caps problems per input and says how many more the report has', () => {
    const report = typicalReport();
    const problems = Array.from({ length: 8 }, (_, i) => ({ chain: [], kind: 'limit' as const, message: `limit ${i}` }));
    const text = renderSummary({ ...report, inputs: [{ ...report.inputs[0]!, problems }] });
    expect(text).toContain('limit 4');
    expect(text).not.toContain('limit 5');
    expect(text).toContain('    … 3 more problems in the report');
  });

  it('shows the matched variant when it is not the term text', () => {
    const report = typicalReport();
    const traditional: FindingJson = { ...report.findings[2]!, match: { ...report.findings[2]!.match, variant: '人種' } };
    expect(renderSummary({ ...report, findings: [traditional] })).toContain('high   人种 as 人種 (meaning of 人种)');
  });

  it('has no escape sequences without color, even when member names contain them', () => {
    const report = typicalReport();
    const hostile: FindingJson = {
      ...report.findings[0]!,
      location: { ...report.findings[0]!.location, chain: [{ format: 'zip', path: 'evil\u001b[2J\u202ename', offset: 0 }] },
    };
    const text = renderSummary({ ...report, findings: [hostile] });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('fw/DH_IPC.bin!/evil·[2J·name @ 0x10');
  });

  it('colours confidence levels when asked', () => {
    const text = renderSummary(typicalReport(), { color: true });
    expect(text).toContain('\u001b[31mhigh  \u001b[39m');
    expect(text).toContain('\u001b[33mmedium\u001b[39m');
  });

  it('says what --baseline and --ignore did: new, unchanged, absent, suppressed and each unused entry', () => {
    const base = emptyReport();
    const report: Report = {
      ...base,
      summary: {
        ...base.summary,
        baseline: { new: 2, unchanged: 5, absent: [{ id: 'f'.repeat(32), termId: 'test.1', termText: '人种', confidence: 'high', input: 'fw.bin', chain: [] }] },
        ignore: { suppressed: 3, unused: [{ entry: 'sdk/docs/**', reason: 'documentation only', expired: false }, { entry: 'a'.repeat(32), reason: 'old manual', expired: true }] },
      },
    };
    expect(validateReport(report)).toEqual([]);
    const text = renderSummary(report);
    expect(text).toContain('  baseline: 2 new, 5 unchanged, 1 absent (in the baseline, not found now)');
    expect(text).toContain('  ignore file: 3 findings suppressed, 2 unused entries');
    expect(text).toContain('    unused  sdk/docs/**: documentation only');
    expect(text).toContain(`    expired ${'a'.repeat(32)}: old manual`);
  });

  it('says the scan was interrupted and how many inputs it did not reach', () => {
    const base = emptyReport();
    const skipped = { path: 'b.bin', size: 0, sha256: sha('0'), status: 'skipped' as const, skipReason: 'interrupted', problems: [], coverage: { bytesScanned: 0, objects: 0 }, layers: [] };
    const text = renderSummary({ ...base, run: { ...base.run, interrupted: true }, inputs: [skipped, { ...skipped, path: 'c.bin' }] });
    expect(text).toContain('Interrupted before the scan finished: 2 inputs not reached.');
    expect(renderSummary(base)).not.toContain('Interrupted');
  });

  it('says nothing about baselines or ignore files when neither was used', () => {
    const text = renderSummary(emptyReport());
    expect(text).not.toMatch(/baseline|ignore file/);
  });

  it('throws RangeError for a negative top', () => {
    expect(() => renderSummary(emptyReport(), { top: -1 })).toThrow(RangeError);
  });
});

describe('formatChain', () => {
  it('joins the input and member paths with !/', () => {
    expect(formatChain('fw.zip', [{ format: 'zip', path: 'a.tar', offset: 0 }, { format: 'tar', path: 'b/c.so', offset: 512 }])).toBe('fw.zip!/a.tar!/b/c.so');
  });

  it('names unnamed layers by format and shows non-UTF-8 paths as base64', () => {
    expect(formatChain({ base64: '/w==' }, [{ format: 'gzip', offset: 0 }, { format: 'tar', path: { base64: 'Zm9v/w==' }, offset: 0 }])).toBe(
      '<base64:/w==>!/<gzip>!/<base64:Zm9v/w==>',
    );
  });

  it('is the input alone for an empty chain', () => {
    expect(formatChain('fw.bin', [])).toBe('fw.bin');
  });
});
