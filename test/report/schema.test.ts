// R40/R41: the shipped report schema compiles under Ajv2020 strict with no warnings, accepts a
// complete report and rejects each kind of drift; renderJson refuses invalid reports.
import { describe, expect, it } from 'vitest';
import { losslessText } from '../../src/evidence/lossless.js';
import { categories, encodings, forms, precisions } from '../../src/patterns/types.js';
import { renderJson } from '../../src/report/json.js';
import { reportSchemaVersion, type FindingJson, type Report } from '../../src/report/types.js';
import { compileReportValidator, reportSchema, validateReport } from '../../src/report/validate.js';

const sha = (digit: string): string => digit.repeat(64);

/** A report that uses every field, optional ones included. */
function fullReport(): Report {
  const finding: FindingJson = {
    id: '0123456789abcdef0123456789abcdef',
    term: {
      id: 'dahua.em-nation-type-uygur',
      text: 'EM_NATION_TYPE_UYGUR',
      category: 'ethnicity',
      precision: 'high',
      pack: 'dahua',
      meaning: 'Dahua "nation type: Uyghur"',
    },
    match: { encoding: 'utf-8', form: 'raw', variant: 'EM_NATION_TYPE_UYGUR', hex: '454d5f4e4154494f4e5f545950455f5559475552', length: 20 },
    location: {
      input: 'fw/DH_IPC.bin',
      chain: [
        { format: 'dahua-zip', path: 'romfs-x.squashfs.img', offset: 0 },
        { format: 'gzip', offset: 4096 },
        { format: 'tar', path: { base64: '/w==' }, offset: 512 },
      ],
      offset: 500,
      objectSha256: sha('a'),
      line: 12,
      column: 5,
    },
    context: { before: '    ', after: ' = 1, // 维族(新疆)', hex: '20202020' },
    confidence: 'high',
    reasons: ['precision:high', 'context:face-attributes (emSex, nAge)'],
  };
  return {
    reportSchemaVersion,
    tool: { name: 'fwsift', version: '0.1.0' },
    run: {
      startedAt: '2024-05-01T10:00:00.000Z',
      finishedAt: '2024-05-01T10:00:01.250Z',
      options: { failOn: 'high', maxDepth: 16, nested: { anything: [1, 'two'] } },
      patternPacks: [{ id: 'dahua', version: '1.0.0', sha256: sha('b'), terms: 12 }],
      needles: 60,
      node: 'v20.20.2',
      platform: 'linux-x64',
    },
    inputs: [
      {
        path: 'fw/DH_IPC.bin',
        size: 1024,
        sha256: sha('c'),
        status: 'partial',
        problems: [{ chain: [{ format: 'zip', path: 'a.zip', offset: 10 }], kind: 'encrypted', message: 'member is encrypted', offset: 30 }],
        coverage: { bytesScanned: 2048, objects: 3 },
        layers: [{ chain: [], format: 'dahua-zip', start: 0, end: 1024 }, { chain: [{ format: 'dahua-zip', path: 'a.zip', offset: 10 }], format: 'zip', start: 10, end: 600 }],
      },
      {
        path: { base64: 'Zm9v/w==' },
        size: 0,
        sha256: sha('d'),
        status: 'complete',
        problems: [],
        coverage: { bytesScanned: 0, objects: 1 },
        layers: [],
      },
    ],
    findings: [finding],
    summary: {
      findings: 1,
      byCategory: { ethnicity: 1, race: 0, 'skin-colour': 0, 'region-targeting': 0, 'minority-alert': 0 },
      byConfidence: { high: 1, medium: 0, low: 0 },
      bytesScanned: 2048,
      objects: 4,
      durationMs: 1250,
      partialInputs: 1,
    },
  };
}

type Path = readonly (string | number)[];
const remove = Symbol('remove');

/** A deep copy of the full report with the value at each path replaced (or removed), to break on purpose. */
function broken(...changes: readonly (readonly [Path, unknown])[]): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(fullReport()));
  for (const [path, value] of changes) {
    const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    if (value === remove) delete parent[key];
    else parent[key] = value;
  }
  return copy;
}

/** The value at `path` inside parsed JSON. */
function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

describe('report schema', () => {
  it('declares JSON Schema 2020-12 and carries the major version in its $id', () => {
    const schema = reportSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/\/1\.json$/);
    expect(reportSchemaVersion.split('.')[0]).toBe('1');
  });

  it('compiles under Ajv2020 strict mode without a single warning', () => {
    const messages: unknown[][] = [];
    const logger = { log: (...args: unknown[]) => messages.push(args), warn: (...args: unknown[]) => messages.push(args), error: (...args: unknown[]) => messages.push(args) };
    expect(() => compileReportValidator({ logger })).not.toThrow();
    expect(messages).toEqual([]);
  });

  it('lists the same enums as the TypeScript constants', () => {
    const finding = ['$defs', 'finding', 'properties'];
    expect(at(reportSchema(), [...finding, 'term', 'properties', 'category', 'enum'])).toEqual([...categories]);
    expect(at(reportSchema(), [...finding, 'term', 'properties', 'precision', 'enum'])).toEqual([...precisions]);
    expect(at(reportSchema(), [...finding, 'match', 'properties', 'encoding', 'enum'])).toEqual([...encodings]);
    expect(at(reportSchema(), [...finding, 'match', 'properties', 'form', 'enum'])).toEqual([...forms]);
    const byCategory = at(reportSchema(), ['properties', 'summary', 'properties', 'byCategory', 'properties']);
    expect(Object.keys(byCategory as object)).toEqual([...categories]);
  });

  it('puts a description on every property', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      for (const [key, value] of Object.entries(record)) {
        if ((key === 'properties' || key === '$defs') && typeof value === 'object' && value !== null) {
          for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
            if (typeof (child as Record<string, unknown>).description !== 'string') missing.push(`${path}/${key}/${name}`);
          }
        }
        walk(value, `${path}/${key}`);
      }
    };
    walk(reportSchema(), '#');
    expect(missing).toEqual([]);
  });

  it('accepts a report that uses every field', () => {
    expect(validateReport(fullReport())).toEqual([]);
  });

  it('accepts an empty report (arrays present and empty)', () => {
    const report = { ...fullReport(), inputs: [], findings: [] };
    expect(validateReport(report)).toEqual([]);
  });

  it('accepts any content in run.options', () => {
    const report = broken([['run', 'options'], { whatever: { deeply: [null, true] } }]);
    expect(validateReport(report)).toEqual([]);
  });

  it('rejects a confidence outside the enum, naming the field', () => {
    const report = broken([['findings', 0, 'confidence'], 'certain']);
    expect(validateReport(report)).toEqual(['/findings/0/confidence: must be equal to one of the allowed values']);
  });

  it('rejects an unknown encoding and problem kind', () => {
    const report = broken([['findings', 0, 'match', 'encoding'], 'shift_jis'], [['inputs', 0, 'problems', 0, 'kind'], 'oops']);
    expect(validateReport(report)).toEqual([
      '/inputs/0/problems/0/kind: must be equal to one of the allowed values',
      '/findings/0/match/encoding: must be equal to one of the allowed values',
    ]);
  });

  it('rejects a missing required property', () => {
    const report = broken([['summary', 'durationMs'], remove]);
    expect(validateReport(report)).toEqual(["/summary: must have required property 'durationMs'"]);
  });

  it('rejects an extra property and names it', () => {
    const report = broken([['findings', 0, 'location', 'extra'], 1]);
    expect(validateReport(report)).toEqual(['/findings/0/location: must NOT have additional properties ("extra")']);
  });

  it('rejects an extra property at the top level', () => {
    const report = broken([['schemaVersion'], '1.0.0']);
    expect(validateReport(report)).toEqual(['/: must NOT have additional properties ("schemaVersion")']);
  });

  it('rejects a sha256 that is not 64 lower-case hex digits', () => {
    for (const bad of [sha('A'), sha('a').slice(1), `${sha('a')}0`, 'z'.repeat(64)]) {
      const report = broken([['inputs', 0, 'sha256'], bad]);
      expect(validateReport(report)).toEqual(['/inputs/0/sha256: must match pattern "^[0-9a-f]{64}$"']);
    }
  });

  it('rejects a timestamp that is not an RFC 3339 date-time', () => {
    const report = broken([['run', 'startedAt'], '1 May 2024']);
    expect(validateReport(report)).toEqual(['/run/startedAt: must match format "date-time"']);
  });

  it('rejects a report schema version of another major or not semver', () => {
    for (const bad of ['2.0.0', '1.0', 'v1.0.0', '1.01.0']) {
      const report = broken([['reportSchemaVersion'], bad]);
      expect(validateReport(report)).toHaveLength(1);
    }
  });

  it('rejects a lossless object with other keys or bad base64', () => {
    const report = broken([['inputs', 1, 'path'], { base64: 'not base64!' }], [['findings', 0, 'location', 'input'], { text: 'x' }]);
    expect(validateReport(report).filter((m) => m.endsWith('must match exactly one schema in oneOf'))).toEqual([
      '/inputs/1/path: must match exactly one schema in oneOf',
      '/findings/0/location/input: must match exactly one schema in oneOf',
    ]);
  });

  it('rejects a tool name other than fwsift and a line number of 0', () => {
    const report = broken([['tool', 'name'], 'other'], [['findings', 0, 'location', 'line'], 0]);
    expect(validateReport(report)).toEqual(['/tool/name: must be equal to constant', '/findings/0/location/line: must be >= 1']);
  });

  it('rejects values that are not reports at all', () => {
    expect(validateReport(null)).toEqual(['/: must be object']);
    expect(validateReport([])).toEqual(['/: must be object']);
  });
});

describe('losslessText', () => {
  it('keeps valid UTF-8 as a string, BOM included', () => {
    expect(losslessText(new TextEncoder().encode('romfs/维族.txt'))).toBe('romfs/维族.txt');
    expect(losslessText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa');
  });

  it('writes bytes that are not UTF-8 as base64 that round-trips (R26: byte 0xFF)', () => {
    const bytes = Uint8Array.of(0x66, 0x6f, 0x6f, 0xff);
    const text = losslessText(bytes);
    expect(text).toEqual({ base64: 'Zm9v/w==' });
    expect(Buffer.from((text as { base64: string }).base64, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('treats GBK bytes as not UTF-8 (no replacement characters)', () => {
    expect(losslessText(Uint8Array.of(0xc8, 0xcb, 0xd6, 0xd6))).toEqual({ base64: 'yMvW1g==' });
  });
});

describe('renderJson', () => {
  it('writes reportSchemaVersion as the first key, two-space indented, with a final newline', () => {
    const { reportSchemaVersion: version, ...rest } = fullReport();
    const text = renderJson({ ...rest, reportSchemaVersion: version } as Report);
    expect(text.startsWith(`{\n  "reportSchemaVersion": "${reportSchemaVersion}",\n  "tool"`)).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(fullReport());
  });

  it('is byte-identical for the same report', () => {
    expect(renderJson(fullReport())).toBe(renderJson(fullReport()));
  });

  it('throws, listing every problem, for an invalid report', () => {
    const report = broken([['findings', 0, 'confidence'], 'certain'], [['summary', 'objects'], -1]);
    expect(() => renderJson(report as Report)).toThrowError(
      /does not match schema[\s\S]*\/findings\/0\/confidence: must be equal to one of the allowed values[\s\S]*\/summary\/objects: must be >= 0/,
    );
  });
});
