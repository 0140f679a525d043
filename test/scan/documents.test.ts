// Documents end to end (issue #6): saved product pages, MHTML, OOXML and a UTF-16 XML string
// table are scanned through `scan()`, and every term of the four Dahua quotations of
// research/vocabulary.md is found exactly once per document: raw where its bytes are plain,
// in the text view where markup splits it or references spell it, never twice.
// Fixtures: test/fixtures/build/documents.sh.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { scan, validateReport, type FindingJson, type Report } from '../../src/index.js';

const dir = new URL('../fixtures/documents/', import.meta.url).pathname;
const fixture = (name: string) => `${dir}${name}`;
const names = [
  'product-page--gb2312-split-and-entities.html',
  'product-page--big5-http-equiv.html',
  'mhtml--python-email-qp-base64.mhtml',
  'mhtml--chromium-blink.mhtml',
  'docx--python-docx-split-runs.docx',
  'ui-strings--utf16le-bom.xml',
  'plain--gb18030.txt',
  'corrupt--unclosed-comment.html',
  'corrupt--tag-cut-at-eof.html',
  'corrupt--invalid-utf8-declared-utf8.html',
];

const chainOf = (finding: FindingJson) => finding.location.chain.map((link) => `${link.format}:${typeof link.path === 'string' ? link.path : ''}`).join(' > ');
const inObject = (report: Report, name: string, chain: string) => report.findings.filter((f) => f.location.input === fixture(name) && chainOf(f) === chain);
const countByTerm = (findings: readonly FindingJson[]) => {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.term.id] = (counts[finding.term.id] ?? 0) + 1;
  return counts;
};

/** The four quotations hold 人种 twice, 疆藏(需定制支持) twice (with 疆藏 inside it: one finding per place) and 肤色 once. */
const fourQuotations = { 'zh.renzhong': 2, 'zh.jiangzang-xu-dingzhi-zhichi': 2, 'zh.fuse': 1 };

describe('documents through scan()', async () => {
  const report = await scan(names.map(fixture));
  const input = (name: string) => report.inputs.find((entry) => entry.path === fixture(name))!;

  it('writes a schema-valid report', () => expect(validateReport(report)).toEqual([]));

  describe.each([
    ['product-page--gb2312-split-and-entities.html', ''],
    ['product-page--big5-http-equiv.html', ''],
    ['mhtml--python-email-qp-base64.mhtml', 'mhtml:https://vendor.example/product-page.html'],
    ['mhtml--chromium-blink.mhtml', 'mhtml:https://vendor.example/product-page.html'],
    ['docx--python-docx-split-runs.docx', 'zip:word/document.xml'],
  ])('%s', (name, chain) => {
    it('finds every term of the four quotations exactly once', () => {
      expect(countByTerm(inObject(report, name, chain))).toEqual(fourQuotations);
      const longer = inObject(report, name, chain).filter((f) => f.term.id === 'zh.jiangzang-xu-dingzhi-zhichi');
      for (const finding of longer) expect(finding.contains?.map((inner) => inner.termId)).toEqual(['zh.jiangzang']);
    });
    it('finds them raw or in the text view, nothing else', () => {
      for (const finding of inObject(report, name, chain)) expect(['raw', 'text-view', 'html-entity']).toContain(finding.match.form);
    });
    it('scans completely', () => expect(input(name)).toMatchObject({ status: 'complete', problems: [] }));
  });

  it('finds the term split by markup in the GB2312 page in the text view, at the raw offset of its first character', () => {
    const raw = readFileSync(fixture('product-page--gb2312-split-and-entities.html'));
    const split = inObject(report, 'product-page--gb2312-split-and-entities.html', '').filter((f) => f.term.id === 'zh.jiangzang-xu-dingzhi-zhichi' && f.match.form === 'text-view');
    expect(split).toEqual([expect.objectContaining({ match: expect.objectContaining({ encoding: 'gb18030', form: 'text-view' }) })]);
    expect(split[0]!.location.offset).toBe(raw.indexOf(iconv.encode('疆<b>藏', 'gb2312')));
  });

  it('reports the term written as references once, at the references', () => {
    const raw = readFileSync(fixture('product-page--gb2312-split-and-entities.html'));
    const offsets = inObject(report, 'product-page--gb2312-split-and-entities.html', '').filter((f) => f.term.id === 'zh.renzhong').map((f) => f.location.offset);
    expect(offsets).toContain(raw.indexOf('&#20154;&#31181;'));
  });

  it('finds traditional 人種 split by markup in the Big5 page in the text view', () => {
    const views = inObject(report, 'product-page--big5-http-equiv.html', '').filter((f) => f.match.form === 'text-view');
    expect(views.map((f) => [f.term.id, f.match.encoding])).toEqual([['zh.renzhong', 'big5']]);
  });

  it('sniffs the MHTML page whose charset only its part header names (GB2312, no <meta>)', () => {
    const views = inObject(report, 'mhtml--python-email-qp-base64.mhtml', 'mhtml:https://vendor.example/product-page.html').filter((f) => f.match.form === 'text-view');
    expect(views.map((f) => f.match.encoding)).toEqual(['gb18030']);
  });

  it("finds the MHTML frame's script strings and title attribute once each", () => {
    const frame = inObject(report, 'mhtml--python-email-qp-base64.mhtml', 'mhtml:https://vendor.example/frame.html');
    // `race:` is the JavaScript key of the 人种 label (`{ race: "\u4eba\u79cd" }`): a race field of its own.
    expect(countByTerm(frame)).toEqual({ 'en.race-field': 1, 'zh.renzhong': 1, 'zh.jiangzang-xu-dingzhi-zhichi': 1, 'zh.fuse': 1 });
    // Spelled \u{7586}\u{85cf}(\u9700…): only the text view reads the whole phrase.
    expect(frame.find((f) => f.term.id === 'zh.jiangzang-xu-dingzhi-zhichi')?.match.form).toBe('text-view');
  });

  it('joins the docx runs: the split terms are text-view findings in word/document.xml', () => {
    const views = inObject(report, 'docx--python-docx-split-runs.docx', 'zip:word/document.xml').filter((f) => f.match.form === 'text-view');
    expect(views.map((f) => f.term.id).sort()).toEqual(['zh.fuse', 'zh.jiangzang-xu-dingzhi-zhichi']);
  });

  it('finds the UTF-16LE XML terms once each, the CDATA/reference one in the text view', () => {
    const found = inObject(report, 'ui-strings--utf16le-bom.xml', '');
    expect(countByTerm(found)).toEqual({ 'zh.renzhong': 1, 'zh.fuse': 1, 'zh.jiangzang-xu-dingzhi-zhichi': 1 });
    expect(found.map((f) => f.match.encoding)).toEqual(['utf-16le', 'utf-16le', 'utf-16le']);
  });

  it('searches plain GB18030 text raw, with no view', () => {
    const found = inObject(report, 'plain--gb18030.txt', '');
    expect(found.map((f) => [f.term.id, f.match.encoding, f.match.form])).toEqual([
      ['zh.renzhong', 'gb18030', 'raw'],
      ['zh.fuse', 'gb18030', 'raw'],
    ]);
    expect(input('plain--gb18030.txt').layers).toEqual([expect.objectContaining({ format: 'raw' })]);
  });

  it('draws a rendered page as an html layer and an XML string table as an xml layer', () => {
    expect(input('product-page--gb2312-split-and-entities.html').layers).toEqual([expect.objectContaining({ format: 'html' })]);
    expect(input('ui-strings--utf16le-bom.xml').layers).toEqual([expect.objectContaining({ format: 'xml' })]);
  });

  describe.each([
    ['corrupt--unclosed-comment.html', 'comment', { 'zh.renzhong': 1, 'zh.fuse': 1 }],
    ['corrupt--tag-cut-at-eof.html', 'tag <img', { 'zh.renzhong': 1 }],
  ])('%s', (name, problem, counts) => {
    it('is partial with one corrupt problem on the page, naming what was lost', () => {
      expect(input(name).status).toBe('partial');
      expect(input(name).problems).toEqual([expect.objectContaining({ kind: 'corrupt', chain: [], message: expect.stringContaining(problem) })]);
    });
    it('still finds every term, raw where the view lost it', () => expect(countByTerm(inObject(report, name, ''))).toEqual(counts));
  });

  it('reads a page whose declared UTF-8 does not fit some bytes in the charset that does, with a note, not a problem', () => {
    const page = input('corrupt--invalid-utf8-declared-utf8.html');
    expect(page).toMatchObject({ status: 'complete', problems: [] });
    expect(page.notes?.length).toBeGreaterThan(0);
    expect(countByTerm(inObject(report, 'corrupt--invalid-utf8-declared-utf8.html', ''))).toEqual({ 'zh.renzhong': 1, 'zh.fuse': 1 });
  });
});
