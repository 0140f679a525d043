// Issue 12: evidence on fixtures made by real encoders and compilers (test/fixtures/build/evidence.sh):
// context and confidence in the object's own encoding (points 1, 2), no trail-byte demotion after
// UTF-8 text (3), a mislabelled camera root filesystem scans complete and exits 0 (4), and
// identifiers inside compiled symbols (5, JNI `_1` escapes included), one finding per place (6) and real labels
// getting real confidence (7).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, scan, type FindingJson, type Report } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

const dir = new URL('../fixtures/evidence/', import.meta.url).pathname;
const files = ['face-attr.utf8.h', 'face-attr.gbk.h', 'face-attr.big5.h', 'utf8-comment.py', 'camera-rootfs.tar', 'symbols.o', 'symbols-rust-v0.o', 'jni/com_vendor_sdk_FaceAttr.h', 'jni/com_vendor_sdk_EM_RACE_TYPE.h', 'jni/libfaceattr.so', 'symbols-go.o'];
let report: Report;

beforeAll(async () => {
  report = await scan(files.map((file) => join(dir, file)));
}, 120_000);

const findingsIn = (file: string): FindingJson[] => report.findings.filter((finding) => finding.location.input === join(dir, file));
const byTerm = (file: string, termId: string): FindingJson[] => findingsIn(file).filter((finding) => finding.term.id === termId);

describe('point 1: context in the object\'s own encoding', () => {
  it.each([
    ['face-attr.gbk.h', 'gb18030', '维族(新疆)'],
    ['face-attr.big5.h', 'big5', '維族(新疆)'],
    ['face-attr.utf8.h', 'utf-8', '维族(新疆)'],
  ])('%s: the comment after EM_NATION_TYPE_UYGUR reads as Chinese, decoded as %s', (file, encoding, comment) => {
    const [finding] = byTerm(file, 'dahua.em-nation-type-uygur');
    expect(finding?.context).toMatchObject({ encoding, after: expect.stringContaining(comment) });
  });

  it('shows readable Chinese for the GBK and Big5 headers in the Markdown and HTML appendix', () => {
    for (const [format, text] of [['md', renderMarkdown(report)], ['html', renderHtml(report)]] as const) {
      expect(text, format).toContain('// 未知');
      expect(text, format).toContain('維族(新疆)');
      expect(text, format).not.toContain('δ֪');
    }
  });
});

describe('point 2: confidence reads the same decoding', () => {
  it('gives byRace among sex/age/glasses/mask the same confidence and text share in UTF-8, GBK and Big5', () => {
    // Reason codes without their details: the Big5 header writes 性別 where the others write 性别.
    const levels = ['face-attr.utf8.h', 'face-attr.gbk.h', 'face-attr.big5.h'].map((file) => byTerm(file, 'hikvision.by-race').map((f) => [f.confidence, f.reasons.map((r) => r.replace(/ \(.*/, ''))]));
    expect(levels[0]).toHaveLength(1);
    expect(levels[1]).toEqual(levels[0]);
    expect(levels[2]).toEqual(levels[0]);
    expect(JSON.stringify(levels)).not.toContain('binary-window');
  });
});

describe('point 3: no trail-byte demotion in valid UTF-8', () => {
  it('keeps `# 参考EM_RACE_TYPE` at high, like the second hit on the line', () => {
    const found = byTerm('utf8-comment.py', 'dahua.em-race-type');
    expect(found.map((f) => f.confidence)).toEqual(['high', 'high', 'high']);
    expect(found.flatMap((f) => f.reasons).filter((r) => r.includes('trail-byte'))).toEqual([]);
  });
});

describe('point 4: a mislabelled charset is not a partial scan', () => {
  it('scans the clean camera root filesystem complete, without problems or findings', () => {
    const input = report.inputs.find((entry) => entry.path === join(dir, 'camera-rootfs.tar'))!;
    expect(input.status).toBe('complete');
    expect(input.problems).toEqual([]);
    expect(findingsIn('camera-rootfs.tar')).toEqual([]);
  });

  it('exits 0 from the command line', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fwsift-i12-'));
    try {
      const run = await runCli('scan', join(dir, 'camera-rootfs.tar'), '--quiet', '--no-progress', '-o', join(out, 'report.json'));
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).summary.partialInputs).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('point 5: identifiers inside compiled symbols', () => {
  it.each([
    ['symbols.o', 'uniview.netdev-skincolor-colour', 'verify:symbol:itanium'],
    ['symbols.o', 'dahua.em-race-type', 'verify:symbol:itanium'],
    ['symbols-rust-v0.o', 'dahua.em-race-type', 'verify:symbol:rust-v0'],
    ['jni/com_vendor_sdk_FaceAttr.h', 'dahua.em-complexion', 'verify:symbol:jni'],
    ['jni/libfaceattr.so', 'dahua.em-complexion', 'verify:symbol:jni'],
    // Go joins package and name with `.` (vendor/sdk.EM_RACE_TYPE): a boundary already, so no form is needed.
    ['symbols-go.o', 'dahua.em-race-type', 'precision:high'],
    ['symbols-go.o', 'uniview.netdev-skincolor-colour', 'precision:high'],
  ])('%s: %s is reported with %s', (file, termId, reason) => {
    const found = byTerm(file, termId);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((f) => f.reasons.some((r) => r.startsWith(reason))), JSON.stringify(found.map((f) => f.reasons))).toBe(true);
    expect(found.every((f) => f.confidence !== 'low')).toBe(true);
  });
});


describe('point 5: a JNI name escapes `_` as `_1`', () => {
  it.each([
    ['jni/com_vendor_sdk_EM_RACE_TYPE.h', 'dahua.em-race-type', 'Java_com_vendor_sdk_EM_1RACE_1TYPE_get'],
    ['jni/libfaceattr.so', 'dahua.em-race-type', 'Java_com_vendor_sdk_EM_1RACE_1TYPE_get'],
    ['jni/com_vendor_sdk_FaceAttr.h', 'dahua.em-nation-type-uygur', 'Java_com_vendor_sdk_FaceAttr_EM_1NATION_1TYPE_1UYGUR'],
    ['jni/libfaceattr.so', 'dahua.em-nation-type-uygur', 'Java_com_vendor_sdk_FaceAttr_EM_1NATION_1TYPE_1UYGUR'],
  ])('%s: %s is found inside %s with the jni form', (file, termId, symbol) => {
    // One finding at the symbol's first occurrence (.so: .dynstr; the stripped file keeps no other copy).
    const jni = byTerm(file, termId).filter((f) => f.reasons.some((r) => r.startsWith('verify:symbol:jni')));
    expect(jni, JSON.stringify(findingsIn(file).map((f) => [f.term.id, f.reasons]))).toHaveLength(1);
    expect(jni[0]!.confidence).not.toBe('low');
    const { variant, length } = jni[0]!.match;
    expect(symbol).toContain(`_${variant}`);
    const bytes = readFileSync(join(dir, file));
    const symbolAt = bytes.indexOf(symbol);
    expect(jni[0]!.location.offset).toBe(symbolAt + symbol.indexOf(`_${variant}`) + 1);
    expect(bytes.subarray(jni[0]!.location.offset, jni[0]!.location.offset + length).toString('latin1')).toBe(variant);
  });
});

describe('point 6: one finding per place', () => {
  it.each(['face-attr.utf8.h', 'face-attr.gbk.h', 'face-attr.big5.h'])('%s: uygur and EM_NATION_TYPE are listed inside EM_NATION_TYPE_UYGUR, 维族 inside 维族(新疆)', (file) => {
    const [uygur] = byTerm(file, 'dahua.em-nation-type-uygur');
    expect(uygur?.contains?.map((inner) => inner.termId).sort()).toEqual(['dahua.em-nation-type', 'en.uyghur']);
    const [weizu] = byTerm(file, 'zh.weizu-xinjiang');
    expect(weizu?.contains?.map((inner) => inner.termId)).toEqual(['zh.weizu']);
    // The contained terms are not findings of their own at those places.
    for (const inner of [...(uygur?.contains ?? []), ...(weizu?.contains ?? [])]) {
      expect(findingsIn(file).filter((finding) => finding.term.id === inner.termId && finding.location.offset === inner.offset)).toEqual([]);
    }
  });
});

describe('point 7: real labels get real confidence', () => {
  it.each(['face-attr.utf8.h', 'face-attr.gbk.h', 'face-attr.big5.h'])('%s: ambiguous byRace among bySex, byAge, byGlass and byMask, commented 人种, is high', (file) => {
    const [byRace] = byTerm(file, 'hikvision.by-race');
    expect(byRace?.confidence).toBe('high');
    expect(byRace?.reasons.some((reason) => reason.startsWith('context:face-attributes'))).toBe(true);
  });
});
