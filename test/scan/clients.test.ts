// Vendor client software end to end (issue 16, part B), through the public scan() and verify():
// a term planted in the deepest place each format allows is found with a chain naming every
// layer (a PE string table inside a zip; a resources.arsc string inside an APK inside a tar.gz
// firmware update; a .NET #US literal; .qm, .rcc, .mo, class, dex, binary XML, plist and Hermes
// bundle strings), the
// untouched report verifies, and a damaged copy is reported as a problem on the right object.
// Fixtures: test/fixtures/build/clients.sh.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan, validateReport, verify, type FindingJson, type Report } from '../../src/index.js';

const dir = new URL('../fixtures/unpack/clients/', import.meta.url).pathname;
const inputs = ['client.zip', 'firmware-update.tar.gz', 'face-dotnet.exe', 'face_zh.qm', 'face_zh.mo', 'face.jar', 'FaceSearch.ipa', 'app.rcc', 'facesearch-rn.apk'];

/** The chain as `format:path` strings (`format` alone for layers without a path). */
const chainOf = (finding: FindingJson) => finding.location.chain.map((link) => (link.path === undefined ? link.format : `${link.format}:${typeof link.path === 'string' ? link.path : JSON.stringify(link.path)}`));
/** The last path component of a report path (fixture paths are plain UTF-8). */
const baseName = (path: FindingJson['location']['input']) => (typeof path === 'string' ? path : '').split('/').at(-1);
const fileOf = (finding: FindingJson) => baseName(finding.location.input);

let report: Report;
beforeAll(async () => {
  report = await scan(inputs.map((name) => join(dir, name)));
});

function findingsOf(file: string, term: string): string[][] {
  return report.findings.filter((finding) => fileOf(finding) === file && finding.term.text === term).map(chainOf);
}

describe('client software and mobile apps, scanned end to end', () => {
  it('writes a schema-valid report with every input complete', () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs.map((input) => [baseName(input.path), input.status, input.problems])).toEqual(inputs.map((name) => [name, 'complete', []]));
  });

  it.each([
    ['a PE string table inside a zip', 'client.zip', '人种', ['zip:bin/app-resources.exe', 'pe:RT_STRING/7/2052']],
    ['a PE dialog inside a zip', 'client.zip', '维族人员实时预警', ['zip:bin/app-resources.exe', 'pe:RT_DIALOG/2/1033']],
    ['a PE menu inside a zip', 'client.zip', '涉疆人员分析', ['zip:bin/app-resources.exe', 'pe:RT_MENU/1/1033']],
    ['PE version info inside a zip', 'client.zip', '种族属性', ['zip:bin/app-resources.exe', 'pe:RT_VERSION/1/1033']],
    ['a resources.arsc string inside an APK inside a tar.gz update', 'firmware-update.tar.gz', '维族人员实时预警', ['gzip', 'tar:update/apps/facesearch.apk', 'zip:resources.arsc', 'arsc:string/face_attr_race[zh-rCN]']],
    ['a string-array item in resources.arsc', 'firmware-update.tar.gz', '疆藏人员', ['gzip', 'tar:update/apps/facesearch.apk', 'zip:resources.arsc', 'arsc:array/nation_types[zh-rCN]']],
    ['a dex string inside the APK', 'firmware-update.tar.gz', '涉疆人员分析', ['gzip', 'tar:update/apps/facesearch.apk', 'zip:classes.dex', 'dex:string #2']],
    ['a binary XML attribute inside the APK', 'firmware-update.tar.gz', '肤色', ['gzip', 'tar:update/apps/facesearch.apk', 'zip:res/xml/attributes.xml', 'axml:attribute@label']],
    ['the manifest label inside the APK', 'firmware-update.tar.gz', '人种', ['gzip', 'tar:update/apps/facesearch.apk', 'zip:AndroidManifest.xml', 'axml:manifest@label']],
    ['a .NET user string', 'face-dotnet.exe', '维族人员实时预警', ['pe:.NET #US']],
    ['a .NET identifier', 'face-dotnet.exe', 'EM_NATION_TYPE_UYGUR', ['pe:.NET #Strings']],
    ['a Qt translation', 'face_zh.qm', '维族人员实时预警', ['qm:AlarmPage/Real-time minority alert']],
    ['a zlib-compressed file in a Qt binary resource file', 'app.rcc', '肤色', ['rcc:ui/i18n/labels.txt']],
    ['a gettext translation', 'face_zh.mo', '疆藏(需定制支持)', ['mo:msgstr "Xinjiang and Tibet (custom build)"']],
    ['a Java string literal inside a jar', 'face.jar', '疆藏人员导入', ['zip:com/vendor/face/Labels.class']],
    ['a Java constant with a supplementary character, decoded', 'face.jar', '肤色', ['zip:com/vendor/face/Labels.class', 'class:constant #12 decoded']],
    ['an Info.plist value inside an IPA', 'FaceSearch.ipa', '人种', ['zip:Payload/FaceSearch.app/Info.plist', 'bplist:/FaceAttributes/0/label']],
    ['a compiled .strings value inside an IPA', 'FaceSearch.ipa', '维族人员实时预警', ['zip:Payload/FaceSearch.app/en.lproj/Labels.strings', 'bplist:/alert.title']],
    ['a UTF-16 .strings file inside an IPA', 'FaceSearch.ipa', '肤色', ['zip:Payload/FaceSearch.app/zh-Hans.lproj/Localizable.strings']],
    ['a UTF-16 Hermes string inside a React Native APK', 'facesearch-rn.apk', '人种', ['zip:assets/index.android.bundle', 'hermes:string #2']],
    ['an overflowed UTF-16 Hermes string', 'facesearch-rn.apk', '维族人员实时预警', ['zip:assets/index.android.bundle', 'hermes:string #3']],
    ['an ASCII Hermes string that another is packed into', 'facesearch-rn.apk', 'EM_NATION_TYPE_UYGUR', ['zip:assets/index.android.bundle', 'hermes:string #1 (+1 packed with it)']],
  ])('finds %s with every layer in the chain', (_, file, term, chain) => {
    expect(findingsOf(file, term)).toContainEqual(chain);
  });

  it('reports each occurrence once: a string child owns the raw hit inside it, the container does not repeat it', () => {
    const places = report.findings.map((finding) => `${finding.location.input}|${finding.location.chain.map((link) => link.offset).join('>')}+${finding.location.offset}|${finding.term.id}`);
    expect(places.length).toBe(new Set(places).size);
    const rawInPe = report.findings.filter((finding) => fileOf(finding) === 'client.zip' && chainOf(finding).length === 1);
    expect(rawInPe).toEqual([]);
  });

  it('re-proves every finding and input hash with verify()', async () => {
    const result = await verify(report);
    expect(result.results.filter((item) => item.status === 'failed').map((item) => `${item.label}: ${item.reason}`)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports a damaged resources.arsc inside an APK as a problem on that object, and still finds the dex string', async () => {
    const work = mkdtempSync(join(tmpdir(), 'fwsift-clients-'));
    const apk = join(work, 'facesearch.apk');
    copyFileSync(join(dir, 'facesearch.apk'), apk);
    const bytes = readFileSync(apk);
    // resources.arsc is stored: its global pool's string count sits 20 bytes into the table.
    const table = bytes.indexOf(Buffer.from('0200 0c00'.replaceAll(' ', ''), 'hex'));
    bytes.writeUInt32LE(0x00ff_ffff, table + 12 + 8);
    writeFileSync(apk, bytes);
    const damaged = await scan([apk]);
    const [input] = damaged.inputs;
    expect(input!.status).toBe('partial');
    expect(input!.problems).toContainEqual(expect.objectContaining({ kind: 'corrupt', chain: [expect.objectContaining({ format: 'zip', path: 'resources.arsc' })], message: expect.stringMatching(/claims 16777215 strings/) }));
    expect(damaged.findings.filter((finding) => finding.term.text === '涉疆人员分析').map(chainOf)).toEqual([['zip:classes.dex', 'dex:string #2']]);
  });
});
