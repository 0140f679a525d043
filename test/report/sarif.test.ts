// SARIF 2.1.0 rendering (R30–R34): valid against the official schema (draft-04, ajv-draft-04)
// and accepted by Microsoft's SARIF Multitool with GitHub's ingestion rules.
import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { artifactUri, render, sarifLimits, toSarif } from '../../src/report/sarif.js';
import { validateReport } from '../../src/report/validate.js';
import type { Report } from '../../src/report/types.js';
import { cleanReport, finding, hostileName, makeReport, richReport } from '../helpers/reports.js';
import { compileSarifValidator } from '../helpers/sarif-schema.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const validateSarif = compileSarifValidator();

function sarifErrors(report: Report, options = {}): unknown[] {
  const log = JSON.parse(render(report, options)) as unknown;
  return validateSarif(log) ? [] : (validateSarif.errors ?? []);
}

const run = (report: Report, options = {}): Json => (toSarif(report, options) as Json).runs[0] as Json;

describe('SARIF rendering', () => {
  it('the fixture reports are valid fwsift reports', () => {
    expect(validateReport(richReport())).toEqual([]);
    expect(validateReport(cleanReport())).toEqual([]);
  });

  it('validates against the official SARIF 2.1.0 schema (typical, clean, partial, with a category)', () => {
    expect(sarifErrors(richReport())).toEqual([]);
    expect(sarifErrors(cleanReport())).toEqual([]);
    expect(sarifErrors(richReport(), { category: 'firmware/dahua' })).toEqual([]);
  });

  it('writes $schema, version 2.1.0, one run with tool.driver name, versions and informationUri', () => {
    const log = toSarif(richReport()) as Json;
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run(richReport()).tool.driver).toMatchObject({ name: 'fwsift', semanticVersion: '0.1.0', version: '0.1.0' });
    expect(run(richReport()).tool.driver.informationUri).toMatch(/^https:\/\//);
  });

  it('has one rule per term found, sorted by id, with descriptions, help, level, precision and tags', () => {
    const rules = run(richReport()).tool.driver.rules as Json[];
    expect(rules.map((rule) => rule.id)).toEqual(['dahua.em-nation-type-uygur', 'zh.fuse', 'zh.renzhong']);
    const renzhong = rules[2]!;
    expect(renzhong.name).toBe('ZhRenzhong');
    expect(renzhong.shortDescription.text).toBe('Race term "人种".');
    expect(renzhong.fullDescription.text).toContain('"race" (human type)');
    expect(renzhong.help.text).toContain('https://ipvm.com/reports/dahua-racial');
    expect(renzhong.help.markdown).toContain('[IPVM\\: Dahua racial analytics](https://ipvm.com/reports/dahua-racial)');
    expect(renzhong.helpUri).toBe('https://ipvm.com/reports/dahua-racial');
    expect(renzhong.defaultConfiguration.level).toBe('warning');
    expect(renzhong.properties).toMatchObject({ precision: 'medium', tags: ['fwsift', 'race', 'precision-medium', 'pack-fwsift.core'] });
    expect(rules[0]!.properties.precision).toBe('high');
  });

  it('maps confidence to level: high → error, medium → warning, low → note', () => {
    const results = run(richReport()).results as Json[];
    expect(results.map((result) => result.level)).toEqual(['error', 'error', 'warning', 'note']);
  });

  it('gives each result ruleId, ruleIndex, a one-sentence message, a location and fingerprints from the finding id', () => {
    const sarifRun = run(richReport());
    const results = sarifRun.results as Json[];
    for (const result of results) {
      expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.message.text).toMatch(/^[A-Z].*\.$/);
      expect(result.locations.length).toBeLessThanOrEqual(sarifLimits.locationsPerResult);
    }
    const exact = results[1]!;
    expect(exact.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'fw/firmware.bin' }, region: { byteOffset: 100 } },
      logicalLocations: [{ name: 'etc/face.h', fullyQualifiedName: 'fw/firmware.bin!/etc/face.h', kind: 'module' }],
    });
    expect(exact.message.text).toContain('at offset 5 (0x5) of fw/firmware.bin!/etc/face.h');
    expect(exact.partialFingerprints).toEqual({ primaryLocationLineHash: '0000000000000000:1' });
    expect(exact.fingerprints).toEqual({ 'fwsiftFindingId/v1': '00000000000000000000000000000002' });
    expect(exact.properties).toMatchObject({ findingId: '00000000000000000000000000000002', objectSha256: 'e'.repeat(64), matchHex: Buffer.from('EM_NATION_TYPE_UYGUR').toString('hex') });
  });

  it('keeps the primaryLocationLineHash when only offsets change (R32)', () => {
    const moved = richReport();
    const shifted = makeReport(moved.inputs, moved.findings.map((item) => ({ ...item, location: { ...item.location, offset: item.location.offset + 1000 } })));
    const hashes = (report: Report) => (run(report).results as Json[]).map((result) => result.partialFingerprints.primaryLocationLineHash);
    expect(hashes(shifted)).toEqual(hashes(moved));
  });

  it('points artifactLocation at the scanned file and puts the chain inside it in the message and logicalLocations', () => {
    const results = run(richReport()).results as Json[];
    const gzipped = results[2]!.locations[0];
    expect(gzipped.physicalLocation.artifactLocation).toEqual({ uri: 'fw/firmware.bin' });
    expect(gzipped.logicalLocations[0].fullyQualifiedName).toBe('fw/firmware.bin!/romfs.tar.gz!/<gzip>!/etc/web/lang/zh-CN.xml');
    expect(results[2]!.message.text).toContain('fw/firmware.bin!/romfs.tar.gz!/<gzip>!/etc/web/lang/zh-CN.xml');
    expect(results[2]!.properties.chain).toHaveLength(3);
    const insideGzip = finding({ n: 9, location: { input: 'a.gz', chain: [{ format: 'gzip', offset: 0 }], offset: 3, objectSha256: 'a'.repeat(64), line: 2, column: 1 } });
    const location = (run(makeReport([], [insideGzip])).results as Json[])[0]!.locations[0];
    expect(location).toEqual({ physicalLocation: { artifactLocation: { uri: 'a.gz' }, region: { byteOffset: 0 } }, logicalLocations: [{ fullyQualifiedName: 'a.gz!/<gzip>', kind: 'module' }] });
  });

  it('gives a hit in the file\'s own bytes a region with offsets (and lines for text) and no logical location', () => {
    const direct = finding({ n: 10, location: { input: 'page.html', chain: [], offset: 7, objectSha256: 'a'.repeat(64), line: 3, column: 2 } });
    const location = (run(makeReport([], [direct])).results as Json[])[0]!.locations[0];
    expect(location).toEqual({ physicalLocation: { artifactLocation: { uri: 'page.html' }, region: { startLine: 3, startColumn: 2, byteOffset: 7, byteLength: 4 } } });
  });

  it('percent-encodes URIs: UTF-8 names, "!" inside names, bytes that are not UTF-8, absolute paths as file://', () => {
    expect(artifactUri('fw/资料 人种.bin')).toBe('fw/%E8%B5%84%E6%96%99%20%E4%BA%BA%E7%A7%8D.bin');
    expect(artifactUri('fw!/a.zip')).toBe('fw%21/a.zip');
    expect(artifactUri({ base64: Buffer.from([0x66, 0xff]).toString('base64') })).toBe('f%FF');
    expect(artifactUri('/abs/fw.bin')).toBe('file:///abs/fw.bin');
    expect(artifactUri('./fw.bin')).toBe('fw.bin');
    expect(artifactUri(hostileName)).toMatch(/^[A-Za-z0-9\-._~/%]+$/);
  });

  it('reports a partial scan: executionSuccessful false and one notification per problem and skipped input', () => {
    const invocation = run(richReport()).invocations[0] as Json;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.startTimeUtc).toBe('2024-05-01T10:00:00.000Z');
    const notes = invocation.toolExecutionNotifications as Json[];
    expect(notes.map((note) => [note.level, note.descriptor.id])).toEqual([
      ['warning', 'corrupt'],
      ['warning', 'encrypted'],
      ['note', 'skipped'],
    ]);
    expect(notes[0]!.locations[0].physicalLocation.artifactLocation.uri).toBe('fw/firmware.bin');
    expect(notes[0]!.locations[0].logicalLocations[0].fullyQualifiedName).toBe('fw/firmware.bin!/damaged.bin');
    expect(notes[1]!.locations[0].physicalLocation.region).toEqual({ byteOffset: 3500 });
    expect(run(cleanReport()).invocations[0].executionSuccessful).toBe(true);
  });

  it('lists the inputs as artifacts with length and sha-256', () => {
    const artifacts = run(richReport()).artifacts as Json[];
    expect(artifacts[0]).toEqual({ location: { uri: 'fw/firmware.bin' }, length: 4096, hashes: { 'sha-256': 'c'.repeat(64) }, properties: { status: 'partial' } });
    expect(artifacts[2]).toEqual({ location: { uri: 'fw/link' }, properties: { status: 'skipped' } });
  });

  it('sets automationDetails.id from --category (R34)', () => {
    expect(run(richReport(), { category: 'firmware' }).automationDetails).toEqual({ id: 'firmware/' });
    expect(run(richReport(), { category: 'a/b/' }).automationDetails).toEqual({ id: 'a/b/' });
    expect(run(richReport()).automationDetails).toBeUndefined();
  });

  it('writes baselineState and an external suppression with its justification', () => {
    const report = richReport();
    const marked = makeReport(report.inputs, [
      { ...report.findings[0]!, baselineState: 'unchanged' },
      { ...report.findings[1]!, baselineState: 'new', suppression: { entry: 'fw/**', reason: 'vendor sample, reviewed', expires: '2099-01-01' } },
    ]);
    const results = run(marked).results as Json[];
    expect(results[0]!.baselineState).toBe('unchanged');
    expect(results[1]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'vendor sample, reviewed', properties: { entry: 'fw/**', expires: '2099-01-01' } }]);
    expect(sarifErrors(marked)).toEqual([]);
  });

  it('keeps at most 25,000 results, the strongest first, and records the cut in run.properties (R33)', () => {
    const many = Array.from({ length: 30_000 }, (_, n) =>
      finding({ n: n + 1, confidence: n % 3 === 0 ? 'high' : n % 3 === 1 ? 'medium' : 'low', location: { input: 'big.bin', chain: [], offset: n * 10, objectSha256: 'a'.repeat(64) } }),
    );
    const sarifRun = run(makeReport([], many));
    const results = sarifRun.results as Json[];
    expect(results).toHaveLength(25_000);
    expect(results.filter((result) => result.level === 'error')).toHaveLength(10_000);
    expect(results.filter((result) => result.level === 'note')).toHaveLength(5_000);
    expect(sarifRun.properties.truncated.results).toMatchObject({ total: 30_000, kept: 25_000, omitted: 5_000 });
    expect(results.map((result) => result.properties.findingId)).toEqual([...results.map((result) => result.properties.findingId)].sort());
  });

  it('clips rule descriptions to 1,024 characters and records it', () => {
    const long = finding({ n: 1, term: { ...finding({ n: 1 }).term, meaning: 'm'.repeat(2000) } });
    const sarifRun = run(makeReport([], [long]));
    expect(Array.from(sarifRun.tool.driver.rules[0].fullDescription.text as string)).toHaveLength(1024);
    expect(sarifRun.properties.truncated.fullDescription).toEqual({ 'zh.renzhong': expect.any(Number) });
  });

  it('writes empty arrays, not null, for a clean report', () => {
    const sarifRun = run(cleanReport());
    expect(sarifRun.results).toEqual([]);
    expect(sarifRun.tool.driver.rules).toEqual([]);
    expect(sarifRun.invocations[0].toolExecutionNotifications).toEqual([]);
  });

  it('is deterministic', () => {
    expect(render(richReport())).toBe(render(richReport()));
  });
});

/** The Multitool ships as a self-contained .NET binary inside the npm package. */
const multitool = new URL('../../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool', import.meta.url).pathname;

function multitoolProblem(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `the Multitool binary is linux-x64 only (this is ${process.platform}-${process.arch})`;
  if (!existsSync(multitool)) return `${multitool} is not installed (npm ci installs @microsoft/sarif-multitool)`;
  try {
    accessSync(multitool, constants.X_OK);
  } catch {
    // npm may skip the package's postinstall `chmod u+x`: do it here (we own node_modules).
    try {
      chmodSync(multitool, 0o755);
    } catch (error) {
      return `${multitool} is not executable and chmod failed: ${String(error)}`;
    }
  }
  return undefined;
}

describe('SARIF Multitool (GitHub ingestion rules)', () => {
  const problem = multitoolProblem();
  it.skipIf(problem !== undefined)(`validate --rule-kind "Gh;Sarif" reports no error or warning${problem === undefined ? '' : ` (skipped: ${problem})`}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-sarif-'));
    const files = { rich: richReport(), clean: cleanReport() };
    for (const [name, report] of Object.entries(files)) writeFileSync(join(dir, `${name}.sarif`), render(report, { category: 'fwsift' }));
    for (const name of Object.keys(files)) {
      const output = join(dir, `${name}.validation.sarif`);
      const { stdout } = await promisify(execFile)(multitool, ['validate', '--rule-kind', 'Gh;Sarif', '-o', output, join(dir, `${name}.sarif`)], {
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
        timeout: 120_000,
      });
      const validation = JSON.parse(readFileSync(output, 'utf8')) as Json;
      const findings = (validation.runs[0].results as Json[]).filter((result) => result.level === 'error' || result.level === 'warning' || result.level === undefined);
      expect(findings.map((result) => `${result.ruleId}: ${result.message?.text ?? JSON.stringify(result.message)}`), stdout).toEqual([]);
      expect(validation.runs[0].invocations?.[0]?.executionSuccessful ?? true).toBe(true);
    }
  });
});
