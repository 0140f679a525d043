// The HTML text view: what becomes text, where each piece came from, which charset, and what
// a malformed page costs. Every document is also rendered through every chunking.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { asciiHead, htmlView } from '../../src/text/html.js';
import { chunkings } from '../helpers/chunkings.js';
import { expectValidSegments, rawRangeOf, render, renderWhole } from './render.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('asciiHead', () => {
  it('lowercases ASCII, drops a BOM, reduces UTF-16 to its low bytes and other bytes to U+0080', () => {
    expect(asciiHead(Buffer.from('<HTML Lang="EN">\xe4\xb8\xad', 'latin1'))).toBe('<html lang="en">\x80\x80\x80');
    expect(asciiHead(Buffer.from('\ufeff<Body>', 'utf8'))).toBe('<body>');
    expect(asciiHead(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<P>中', 'utf16le')]))).toBe('<p>\x80');
    expect(asciiHead(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<P>中', 'utf16le').swap16()]))).toBe('<p>\x80');
    expect(asciiHead(Buffer.from('<?XML ', 'utf16le'))).toBe('<?xml ');
    expect(asciiHead(Buffer.from([0x00, 0x41, 0x7f, 0xff]))).toBe('\x00a\x7f\x80');
  });
});

describe('html view: detect', () => {
  it.each([
    ['a document type', '<!DOCTYPE html>\n<html>'],
    ['a lowercase document type after white space', '\n\n  <!doctype html><title>x</title>'],
    ['<html> after a UTF-8 BOM', '\ufeff<html lang="zh-CN">'],
    ['<HTML> in capitals', '<HTML><BODY>'],
    ["IE's saved-from-url comment before <html>", '<!-- saved from url=(0044)https://www.example.com/product.html -->\r\n<html>'],
    ['a fragment starting at <head>', '<head><meta charset="gb2312">'],
    ['a fragment starting at <meta>', '<meta http-equiv="Content-Type" content="text/html; charset=big5">'],
    ['a fragment starting at <body>', '<body>人种</body>'],
    ['XHTML: an XML declaration then <html>', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n<html xmlns="http://www.w3.org/1999/xhtml">'],
  ])('accepts %s', (_name, head) => {
    expect(htmlView.detect(Buffer.from(head)).ok).toBe(true);
  });

  it('accepts a UTF-16LE page with a BOM', () => {
    expect(htmlView.detect(Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from('<!DOCTYPE html><html>', 'utf16le')])).ok).toBe(true);
  });

  it('accepts a UTF-16BE page without a BOM', () => {
    expect(htmlView.detect(Buffer.from('<html><body>', 'utf16le').swap16()).ok).toBe(true);
  });

  it.each([
    ['plain text', '支持人脸属性提取: 人种, 肤色'],
    ['generic XML', '<?xml version="1.0"?>\n<strings><string>x</string></strings>'],
    ['a fragment starting at <div>', '<div class="x">人种</div>'],
    ['JSON', '{"html": "<html>"}'],
    ['an unclosed leading comment', '<!-- <html> is inside the comment'],
    ['nothing', ''],
    ['binary', '\x7fELF\x02\x01\x01\x00<html>'],
  ])('does not claim %s', (_name, head) => {
    expect(htmlView.detect(Buffer.from(head)).ok).toBe(false);
  });
});

describe('html view: text', () => {
  it.each([
    ['joins a term split by inline tags', '<p>疆<b>藏</b>(需定制支持)</p>', ['疆藏(需定制支持)']],
    ['drops a comment between two characters', '<p>人<!-- note -->种</p>', ['人种']],
    ['drops <!--> and <!---> at once (WHATWG)', '<p>人<!-->种<!--->色</p>', ['人种色']],
    ['ends a comment at --!>', '<p>人<!-- x --!>种</p>', ['人种']],
    ['breaks lines at table cells', '<table><tr><td>人</td><td>种</td></tr></table>', ['人', '种']],
    ['breaks lines at <br>', '人<br>种', ['人', '种']],
    ['keeps inline elements inline', '<span>人</span><a href="#">种</a><em>肤</em><i>色</i>', ['人种肤色']],
    ['decodes decimal and hex references', '&#20154;&#x79CD;&#X79cd;', ['人种种']],
    ['decodes references without their semicolon', '&#20154&#x79cd', ['人种']],
    ['decodes the named references', '&amp;&lt;&gt;&quot;&apos;&copy;&NotEqualTilde;&fjlig;', ['&<>"\'©≂̸fj']],
    ['decodes legacy references without a semicolon by their longest name', '&copy &ampx &notit;', ['© &x ¬it;']],
    ['maps numeric references to C1 controls as windows-1252 does', '&#128;&#x99;', ['€™']],
    ['turns NUL, surrogates and out-of-range references into U+FFFD', '&#0;&#xD800;&#x110000;', ['\ufffd\ufffd\ufffd']],
    ['leaves what is not a reference as written', 'a & b &foo; &#; &#xZ; &', ['a & b &foo; &#; &#xZ; &']],
    ['keeps a lone < as text', '<p>a < b, 1<2, <3</p>', ['a < b, 1<2, <3']],
    ['reads the title as text with references', '<title>人种 &amp; <b>x</b></title>', ['人种 & <b>x</b>']],
    ['skips style sheets', '<style>p::before{content:"人种"}</style><p>x</p>', ['x']],
    ['skips the document type and processing instructions', '<!DOCTYPE html><?php echo "人种" ?><p>x</p>', ['x']],
    ['reads CDATA sections as text', '<svg><![CDATA[人]]]>种</svg>', ['人]种']],
    ['treats an end tag with attributes as markup', '<p>人</p class="x">种', ['人', '种']],
  ])('%s', async (_name, html, expected) => {
    const rendered = await renderWhole(htmlView, html);
    expect(lines(rendered.text)).toEqual(expected);
    expect(rendered.problems).toEqual([]);
  });

  it('writes text attributes on lines of their own at the next block edge, without breaking the text around them', async () => {
    const rendered = await renderWhole(htmlView, '<p>疆<b title="粗体">藏</b>(需定制支持)<img alt="人种" src="x.png" class="c"></p><p>x</p>');
    expect(lines(rendered.text)).toEqual(['疆藏(需定制支持)', '粗体', '人种', 'x']);
  });

  it('includes title, alt, content, value, placeholder, aria-label and data-* values, and no others', async () => {
    const rendered = await renderWhole(
      htmlView,
      '<div data-label="人种" alt="a" value="v" placeholder="p" aria-label="l" content="c" title="t" class="no" id="no" href="no" style="no">x</div>',
    );
    expect(lines(rendered.text)).toEqual(['人种', 'a', 'v', 'p', 'l', 'c', 't', 'x']);
  });

  it('applies the attribute-value rule for legacy references (&amp= stays literal)', async () => {
    const rendered = await renderWhole(htmlView, '<div title="&amp=x &ampy &amp; &#20154;">t</div>');
    expect(lines(rendered.text)).toEqual(['&amp=x &ampy & 人', 't']);
  });

  it('reads unquoted and single-quoted attribute values', async () => {
    const rendered = await renderWhole(htmlView, "<div title=人种 alt='肤色'>x</div>");
    expect(lines(rendered.text)).toEqual(['人种', '肤色', 'x']);
  });

  it("writes an inline script's string literals with their escapes decoded, and nothing of its code or comments", async () => {
    const script = [
      '<script>',
      'var race = "\\u4eba\\u79cd"; // "not a string"',
      "var region = '\\u{7586}\\x41\\101\\t\\'';",
      '/* \'also not\' */ var t = `a${race + "\\u80a4"}b`;',
      'var face = "\\ud83d\\ude00", bad = "\\u12G", cont = "x\\',
      'y";',
      '</script><p>end</p>',
    ].join('\n');
    const rendered = await renderWhole(htmlView, script);
    expect(lines(rendered.text)).toEqual(['人种', "疆AA\t'", 'a', '肤', 'b', '😀', '\\u12G', 'xy', 'end']);
  });

  it('ends a script at </script even inside a string literal (WHATWG)', async () => {
    const rendered = await renderWhole(htmlView, '<script>var s = "</script><p>人种</p>');
    expect(lines(rendered.text)).toEqual(['人种']);
  });

  it('reads a script that runs to the end of the document without a problem', async () => {
    const rendered = await renderWhole(htmlView, '<html><script>var a = "人种');
    expect(lines(rendered.text)).toEqual(['人种']);
    expect(rendered.problems).toEqual([]);
  });
});

describe('html view: where text came from', () => {
  it('maps a GB2312 term split by markup to the raw bytes of its first and last characters', async () => {
    const raw = iconv.encode('<meta charset="gb2312"><p>支持疆<b>藏</b>(需定制支持)</p>', 'gb2312');
    const rendered = await renderWhole(htmlView, raw);
    const start = raw.indexOf(iconv.encode('疆', 'gb2312'));
    const end = raw.indexOf(iconv.encode(')', 'gb2312'), start) + 1;
    expect(rawRangeOf(rendered, '疆藏(需定制支持)')).toEqual({ start, end });
    expectValidSegments(rendered, raw, 'gb18030');
  });

  it('maps a term written as references to the raw range of the references', async () => {
    const raw = Buffer.from('<p>胡子、&#20154;&#31181;</p>');
    const rendered = await renderWhole(htmlView, raw);
    const start = raw.indexOf('&#20154;');
    expect(rawRangeOf(rendered, '人种')).toEqual({ start, end: start + '&#20154;&#31181;'.length });
  });

  it('maps UTF-8 text one to one', async () => {
    const raw = Buffer.from('<p>支持人脸属性, 人种</p>');
    const rendered = await renderWhole(htmlView, raw);
    const start = raw.indexOf('人种');
    expect(rawRangeOf(rendered, '人种')).toEqual({ start, end: start + Buffer.byteLength('人种') });
    expect(rendered.segments.length).toBeLessThan(4);
  });

  it('maps a JavaScript escape to the raw range of the escape', async () => {
    const raw = Buffer.from('<script>x = "\\u4eba\\u79cd"</script>');
    const rendered = await renderWhole(htmlView, raw);
    const start = raw.indexOf('\\u4eba');
    expect(rawRangeOf(rendered, '人种')).toEqual({ start, end: start + 12 });
  });

  it.each([
    ['product-page--gb2312-split-and-entities.html', 'gb18030'],
    ['product-page--big5-http-equiv.html', 'big5'],
    ['corrupt--invalid-utf8-declared-utf8.html', ['utf-8', 'gb18030']],
  ])('keeps every segment invariant on %s', async (name, charset) => {
    const raw = fixture(name);
    const rendered = await renderWhole(htmlView, raw);
    expectValidSegments(rendered, raw, charset);
  });
});

describe('html view: charset', () => {
  const page = (body: string, head = '') => `<!DOCTYPE html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

  it.each([
    ['<meta charset=gb2312>', iconv.encode(page('人种', '<meta charset=gb2312>'), 'gb2312'), 'gb18030'],
    ['<meta charset="GBK">', iconv.encode(page('人种', '<meta charset="GBK">'), 'gbk'), 'gb18030'],
    ['x-gbk', iconv.encode(page('人种', '<meta charset="x-gbk">'), 'gbk'), 'gb18030'],
    ['http-equiv Content-Type big5', iconv.encode(page('人種', '<meta http-equiv="Content-Type" content="text/html; charset=big5">'), 'big5'), 'big5'],
    ['big5-hkscs', iconv.encode(page('人種', '<meta charset="big5-hkscs">'), 'big5'), 'big5'],
    ['a UTF-16LE BOM', Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(page('人种'), 'utf16le')]), 'utf-16le'],
    ['a UTF-16BE BOM', Buffer.concat([Buffer.of(0xfe, 0xff), Buffer.from(page('人种'), 'utf16le').swap16()]), 'utf-16be'],
    ['a UTF-8 BOM over a GBK meta', Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(page('人种', '<meta charset="gbk">'))]), 'utf-8'],
    ['a meta naming UTF-16 in ASCII bytes (means UTF-8)', Buffer.from(page('人种', '<meta charset="utf-16">')), 'utf-8'],
    ['an XML declaration (XHTML)', iconv.encode(`<?xml version="1.0" encoding="gb2312"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>人种</p></body></html>`, 'gb2312'), 'gb18030'],
    ['no declaration, UTF-8 bytes', Buffer.from(page('人种')), 'utf-8'],
    ['no declaration, GB2312 bytes (sniffed)', iconv.encode(page('支持人脸属性提取,支持7种属性,5种表情: 性别,年龄,眼镜,口罩,人种,胡子'), 'gb2312'), 'gb18030'],
    ['no declaration, Big5 bytes (sniffed)', iconv.encode(page('支持人臉屬性提取,支持7種屬性,5種表情: 性別,年齡,眼鏡,口罩,人種,鬍子'), 'big5'), 'big5'],
  ])('decodes a page declared or sniffed by %s', async (_name, raw, charset) => {
    const rendered = await renderWhole(htmlView, raw);
    expect(rendered.charset).toBe(charset);
    expect(rendered.text).toMatch(/人[种種]/);
    expect(rendered.problems).toEqual([]);
  });

  it('finds a <meta charset> behind a long comment (prescan of 4 KiB)', async () => {
    const raw = iconv.encode(`<html><!-- ${'x'.repeat(2000)} --><meta charset="gb2312"><p>人种</p>`, 'gb2312');
    const rendered = await renderWhole(htmlView, raw);
    expect(rendered.charset).toBe('gb18030');
    expect(rendered.text).toContain('人种');
  });

  it('skips a meta inside a comment and an unknown label (WHATWG prescan)', async () => {
    const raw = iconv.encode('<html><!-- <meta charset="big5"> --><meta charset="no-such-charset"><meta charset="gb2312"><p>人种</p>', 'gb2312');
    expect((await renderWhole(htmlView, raw)).charset).toBe('gb18030');
  });

  it('decodes Shift_JIS (人種 in a Japanese page), though the report has no name for that charset', async () => {
    const raw = iconv.encode(page('顔属性: 人種', '<meta charset="Shift_JIS">'), 'shiftjis');
    const rendered = await renderWhole(htmlView, raw);
    expect(rendered.text).toContain('顔属性: 人種');
    expect(rendered.charset).toBeUndefined();
  });

  it('decodes a windows-1252 page', async () => {
    const raw = Buffer.from(page('caf\xe9 &#20154;&#31181;', '<meta charset="iso-8859-1">'), 'latin1');
    expect(lines((await renderWhole(htmlView, raw)).text)).toContain('café 人种');
  });

  it('reports a charset it cannot decode as unsupported and reads the page as windows-1252', async () => {
    const rendered = await renderWhole(htmlView, page('&#20154;&#31181;', '<meta charset="euc-jp">'));
    expect(rendered.problems).toEqual([expect.objectContaining({ kind: 'unsupported', message: expect.stringContaining('euc-jp') })]);
    expect(rendered.text).toContain('人种');
  });
});

describe('html view: malformed pages', () => {
  it('reports a comment that swallows the rest of the page, with what it cost', async () => {
    const raw = fixture('corrupt--unclosed-comment.html');
    const rendered = await renderWhole(htmlView, raw);
    expect(lines(rendered.text)).toEqual(['人脸属性: 人种']);
    const at = raw.indexOf('<!--');
    expect(rendered.problems).toEqual([{ kind: 'corrupt', offset: at, message: expect.stringContaining(`${raw.length - at} bytes`) }]);
  });

  it('reports a tag cut by the end of the document, and still writes the attribute text it had', async () => {
    const raw = fixture('corrupt--tag-cut-at-eof.html');
    const rendered = await renderWhole(htmlView, raw);
    expect(lines(rendered.text)).toEqual(['人脸属性', '人种']);
    expect(rendered.problems).toEqual([{ kind: 'corrupt', offset: raw.indexOf('<img'), message: expect.stringContaining('tag <img') }]);
  });

  // Issue 12 point 4: a charset label that does not fit the bytes is a note, not a corrupt page.
  it('reads a GB2312 paragraph in a page declared UTF-8 as GB18030, and notes it instead of reporting a problem', async () => {
    const raw = fixture('corrupt--invalid-utf8-declared-utf8.html');
    const rendered = await renderWhole(htmlView, raw);
    expect(lines(rendered.text)).toEqual(['人脸属性: 人种', '属性: 肤色']);
    expect(rendered.problems).toEqual([]);
    const at = raw.indexOf(Buffer.of(0xca));
    expect(rendered.notes).toEqual([{ offset: at, message: expect.stringMatching(/^charset utf-8 \(from meta\) does not decode 2 stretches .* read them as gb18030/) }]);
  });

  it('keeps bytes that no charset decodes as corrupt, with U+FFFD in the text', async () => {
    const raw = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>人种 '), Buffer.of(0xff, 0xfe, 0xff), Buffer.from('</p>')]);
    const rendered = await renderWhole(htmlView, raw);
    expect(rendered.text).toContain('人种 \ufffd');
    expect(rendered.notes).toEqual([]);
    expect(rendered.problems).toEqual([{ kind: 'corrupt', offset: raw.indexOf(0xff), message: expect.stringContaining('nor any other Chinese charset') }]);
  });

  it.each([
    ['a lone < at the end', '<p>x</p><', ['x', '<']],
    ['</ at the end', '<p>x</p></', ['x', '</']],
    ['a reference cut by the end', '<p>x &#20154', ['x 人']],
    ['a named reference cut by the end', '<p>x &amp', ['x &']],
    ['an unterminated CDATA section', '<p>x<![CDATA[人种]', ['x人种]']],
  ])('loses nothing and reports nothing for %s', async (_name, html, expected) => {
    const rendered = await renderWhole(htmlView, html);
    expect(lines(rendered.text)).toEqual(expected);
    expect(rendered.problems).toEqual([]);
  });

  it('never throws on arbitrary bytes', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = Buffer.from('<>/!-?[]&#;"\'= xa\\`${}\n\u4eba\ufffd', 'utf8');
    for (let round = 0; round < 200; round++) {
      const raw = Buffer.from(Array.from({ length: 64 }, () => (random() < 0.2 ? Math.floor(random() * 256) : alphabet[Math.floor(random() * alphabet.length)]!)));
      const page = Buffer.concat([Buffer.from('<html>'), raw]);
      const rendered = await renderWhole(htmlView, page);
      expectValidSegments(rendered, page, rendered.charset ?? 'windows-1252');
    }
  });
});

describe('html view: same text and segments for every chunking', () => {
  const small = [
    '<!DOCTYPE html><p>疆<b title="粗&amp;体">藏</b>(需定制支持)&#20154;&#x79cd;&notit; &copy</p><!-- c --><script>var a = "\\u4eba\\u{79cd}</scrip", b = `x${1}y`;</script><style>p{}</style><![CDATA[z]]><p>a < b',
    Buffer.concat([Buffer.from('<meta charset="gb2312">'), iconv.encode('<td>人<i>种</i>, 肤色</td><!-- 未闭合', 'gb2312')]),
    Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from('<html><p>人种 &#x4eba;\ud83d\ude00</p>', 'utf16le'), Buffer.of(0x41)]),
    Buffer.concat([Buffer.from('<html><p>'), Buffer.of(0xe4, 0xba, 0x41, 0xf0, 0x9f, 0x98), Buffer.from('</p><img alt="x')]),
  ];
  it.each(small.map((doc, i) => [i, doc] as const))('small document %i', async (_i, doc) => {
    const raw = typeof doc === 'string' ? Buffer.from(doc) : doc;
    const whole = await renderWhole(htmlView, raw);
    for (const { label, chunks } of chunkings(raw)) expect(await render(htmlView, chunks), label).toEqual(whole);
  });

  it.each(['product-page--gb2312-split-and-entities.html', 'product-page--big5-http-equiv.html'])('%s', async (name) => {
    const raw = fixture(name);
    const whole = await renderWhole(htmlView, raw);
    for (const { label, chunks } of chunkings(raw)) expect(await render(htmlView, chunks), label).toEqual(whole);
  });

  it('a page longer than one output chunk and than the sniffing window', async () => {
    const body = '支持人脸属性提取,人种,肤色。'.repeat(1200);
    const raw = iconv.encode(`<html><p>${body}</p><p>疆<b>藏</b></p>`, 'gb2312');
    const whole = await renderWhole(htmlView, raw);
    expect(whole.charset).toBe('gb18030');
    expect(whole.chunkLengths.length).toBeGreaterThan(3);
    expect(whole.text).toContain('疆藏');
    for (const size of [3, 4096, 65536]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < raw.length; at += size) chunks.push(raw.subarray(at, at + size));
      expect(await render(htmlView, chunks), `${size}-byte`).toEqual(whole);
    }
    expectValidSegments(whole, raw, 'gb18030');
  });
});
