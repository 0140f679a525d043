// The XML text view: firmware UI string tables (often UTF-16LE), and the XML members of office
// documents, where a word is split across runs and must still read as one.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectView } from '../../src/text/index.js';
import { xmlView } from '../../src/text/xml.js';
import { chunkings } from '../helpers/chunkings.js';
import { expectValidSegments, rawRangeOf, render, renderWhole } from './render.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
const utf16le = (text: string) => Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(text, 'utf16le')]);

const wordDocument = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

describe('xml view: detect', () => {
  it.each([
    ['an XML declaration', '<?xml version="1.0"?><a/>'],
    ['an XML declaration after a UTF-8 BOM and white space', '\ufeff\n<?xml version="1.0" encoding="UTF-8"?>'],
  ])('accepts %s', (_name, head) => expect(xmlView.detect(Buffer.from(head)).ok).toBe(true));

  it('accepts UTF-16LE with a BOM followed by <', () => expect(xmlView.detect(utf16le('<strings>')).ok).toBe(true));
  it('accepts UTF-16LE without a BOM starting <?xml', () => expect(xmlView.detect(Buffer.from('<?xml version="1.0"?>', 'utf16le')).ok).toBe(true));

  it.each([
    ['a bare element', '<config><a>1</a></config>'],
    ['<?xml-stylesheet without a declaration', '<?xml-stylesheet href="a"?>'],
    ['text', '人种'],
    ['a UTF-8 BOM then text', '\ufeffhello'],
  ])('does not claim %s', (_name, head) => expect(xmlView.detect(Buffer.from(head)).ok).toBe(false));

  it('leaves XHTML to the HTML view (registry order)', () => {
    expect(detectView(Buffer.from('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'))?.id).toBe('html');
    expect(detectView(Buffer.from('<?xml version="1.0"?>\n<strings/>'))?.id).toBe('xml');
  });
});

describe('xml view: text', () => {
  it('joins a word split across WordprocessingML runs, run properties and all, and ends lines at paragraphs', async () => {
    const rendered = await renderWhole(
      xmlView,
      wordDocument('<w:p><w:r><w:t>口罩,胡子,</w:t></w:r><w:r><w:t>疆</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/><w:sz w:val="24"/></w:rPr><w:t>藏</w:t></w:r><w:r><w:t xml:space="preserve">(需定制支持)</w:t></w:r></w:p><w:p><w:hyperlink r:id="x"><w:r><w:t>人</w:t></w:r></w:hyperlink><w:ins><w:r><w:t>种</w:t></w:r></w:ins></w:p>'),
    );
    expect(lines(rendered.text)).toEqual(['口罩,胡子,疆藏(需定制支持)', 'spellStart', '24', 'preserve', '人种', 'x']);
  });

  it('breaks lines at table cells and line breaks inside a paragraph', async () => {
    const rendered = await renderWhole(xmlView, wordDocument('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>人</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>种</w:t><w:br/><w:t>肤色</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'));
    expect(lines(rendered.text)).toEqual(['人', '种', '肤色']);
  });

  it('joins DrawingML runs (pptx) within a paragraph', async () => {
    const rendered = await renderWhole(xmlView, '<?xml version="1.0"?><p:sld xmlns:a="a" xmlns:p="p"><p:txBody><a:p><a:r><a:rPr lang="zh-CN"/><a:t>人</a:t></a:r><a:r><a:t>种</a:t></a:r></a:p><a:p><a:r><a:t>x</a:t></a:r></a:p></p:txBody></p:sld>');
    expect(lines(rendered.text)).toEqual(['人种', 'zh-CN', 'x']);
  });

  it('joins SpreadsheetML rich-text runs (xlsx shared strings) but not separate strings', async () => {
    const rendered = await renderWhole(xmlView, '<?xml version="1.0"?><sst xmlns="s"><si><t>肤色</t></si><si><r><t>疆</t></r><r><rPr><b/></rPr><t>藏</t></r></si><si><t>人</t></si><si><t>种</t></si></sst>');
    expect(lines(rendered.text)).toEqual(['肤色', '疆藏', '人', '种']);
  });

  it('keeps generic elements on separate lines, so values of neighbouring elements do not join', async () => {
    const rendered = await renderWhole(xmlView, '<?xml version="1.0"?><item><name>人</name><value>种</value></item>');
    expect(lines(rendered.text)).toEqual(['人', '种']);
  });

  it('reads CDATA, references, and attribute values but not namespace declarations', async () => {
    const rendered = await renderWhole(xmlView, '<?xml version="1.0"?><s xmlns="urn:x" xmlns:a="urn:y" label="肤色" a:hint="&#x4eba;&amp;"><![CDATA[疆<]]>&#34255;&lt;&unknown;</s>');
    expect(lines(rendered.text)).toEqual(['肤色', '人&', '疆<藏<&unknown;']);
  });

  it('skips a document type with an internal subset, comments and processing instructions', async () => {
    const rendered = await renderWhole(xmlView, '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e "a>b"> <!-- ] > -->]><?pi x > y?><!-- 人种 --><s>肤色</s>');
    expect(lines(rendered.text)).toEqual(['肤色']);
  });

  it('reports a comment that never ends', async () => {
    const rendered = await renderWhole(xmlView, '<?xml version="1.0"?><s>人种</s><!-- 肤色');
    expect(lines(rendered.text)).toEqual(['人种']);
    expect(rendered.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringContaining('comment') })]);
  });
});

describe('xml view: charset', () => {
  it('decodes UTF-16LE with a BOM and maps terms to their UTF-16 bytes', async () => {
    const raw = fixture('ui-strings--utf16le-bom.xml');
    const rendered = await renderWhole(xmlView, raw);
    expect(rendered.charset).toBe('utf-16le');
    expect(lines(rendered.text)).toContain('疆藏(需定制支持)');
    const start = raw.indexOf(Buffer.from('人种', 'utf16le'));
    expect(rawRangeOf(rendered, '人种')).toEqual({ start, end: start + 4 });
    expectValidSegments(rendered, raw, 'utf-16le');
  });

  it('decodes UTF-16BE without a BOM from its declaration', async () => {
    const raw = Buffer.from('<?xml version="1.0" encoding="UTF-16"?><s>人种</s>', 'utf16le').swap16();
    const rendered = await renderWhole(xmlView, raw);
    expect(rendered.charset).toBe('utf-16be');
    expect(lines(rendered.text)).toEqual(['人种']);
  });

  it.each([
    ['GB2312', 'gb2312', 'gb18030'],
    ['GBK', 'gbk', 'gb18030'],
    ['Big5', 'big5', 'big5'],
  ])('decodes encoding="%s" from the declaration', async (label, encoding, charset) => {
    const raw = iconv.encode(`<?xml version="1.0" encoding="${label}"?><s>人種</s>`, encoding);
    const rendered = await renderWhole(xmlView, raw);
    expect(rendered.charset).toBe(charset);
    expect(lines(rendered.text)).toEqual(['人種']);
  });

  it('sniffs an undeclared GB2312 file rather than reading it as broken UTF-8', async () => {
    const raw = iconv.encode('<?xml version="1.0"?><s>支持人脸属性提取: 性别,年龄,眼镜,口罩,人种,胡子</s>', 'gb2312');
    const rendered = await renderWhole(xmlView, raw);
    expect(rendered.charset).toBe('gb18030');
    expect(rendered.problems).toEqual([]);
  });
});

describe('xml view: same text and segments for every chunking', () => {
  it.each([
    ['a word document', Buffer.from(wordDocument('<w:p><w:r><w:t>疆</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>藏&amp;</w:t></w:r></w:p><!-- c --><![CDATA[人]]>'))],
    ['a UTF-16LE string table', fixture('ui-strings--utf16le-bom.xml').subarray(0, 500)],
  ])('%s', async (_name, raw) => {
    const whole = await renderWhole(xmlView, raw);
    for (const { label, chunks } of chunkings(raw)) expect(await render(xmlView, chunks), label).toEqual(whole);
  });
});
