// Charset decisions: labels, the WHATWG <meta> prescan, XML declarations and the sniffer.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContent, prescanMeta, resolveLabel, sniffCharset, xmlDeclarationLabel } from '../../src/text/charset.js';

describe('resolveLabel', () => {
  it.each([
    ['gb2312', 'gb18030'],
    [' GBK ', 'gb18030'],
    ['x-gbk', 'gb18030'],
    ['GB18030', 'gb18030'],
    ['big5', 'big5'],
    ['Big5-HKSCS', 'big5'],
    ['utf8', 'utf-8'],
    ['UTF-16', 'utf-16le'],
    ['unicodeFFFE', 'utf-16be'],
    ['latin1', 'windows-1252'],
    ['Shift_JIS', 'shift_jis'],
    ['ks_c_5601-1987', 'euc-kr'],
    ['koi8-r', 'koi8-r'],
    ['euc-jp', 'unsupported'],
    ['iso-2022-jp', 'unsupported'],
    ['x-user-defined', 'unsupported'],
    ['utf-32', 'unsupported'],
    ['no-such-charset', undefined],
  ])('%s → %s', (label, expected) => expect(resolveLabel(label)).toBe(expected));
});

describe('prescanMeta (WHATWG §13.2.3.2)', () => {
  it.each([
    ['<meta charset="gb2312">', 'gb2312'],
    ["<META CHARSET='Big5'>", 'big5'],
    // An unquoted value runs to a space or `>`, so this label is "utf-8/", which names nothing.
    ['<meta charset=utf-8/>', undefined],
    ['<meta http-equiv="Content-Type" content="text/html; charset=gbk">', 'gbk'],
    ['<meta content="text/html; charset=\'big5\'" http-equiv="content-type">', 'big5'],
    ['<meta content="text/html; charset=gbk">', undefined],
    ['<!-- <meta charset="big5"> --><meta charset="gb2312">', 'gb2312'],
    ['<div title="<meta charset=big5>"><meta charset="gbk">', 'gbk'],
    ['<meta charset="utf-16le">', 'utf-8'],
    ['<meta charset="bogus"><meta charset="big5">', 'big5'],
    ['<?xml version="1.0" encoding="big5"?><html>', undefined],
    ['<meta name="description" content="charset=big5">', undefined],
  ])('%s → %s', (html, expected) => expect(prescanMeta(Buffer.from(html))).toBe(expected));

  it('extracts a charset from a content attribute', () => {
    expect(charsetFromContent('text/html;charset = "GB2312"')).toBe('gb2312');
    expect(charsetFromContent('text/html')).toBeUndefined();
  });
});

describe('xmlDeclarationLabel', () => {
  it.each([
    ['<?xml version="1.0" encoding="GB2312"?>', 'GB2312'],
    ["<?xml version='1.0' encoding='utf-16' standalone='yes'?>", 'utf-16'],
    ['<?xml version="1.0"?>', undefined],
    ['<root encoding="big5"/>', undefined],
  ])('%s → %s', (xml, expected) => expect(xmlDeclarationLabel(Buffer.from(xml), 0)).toBe(expected));
});

describe('sniffCharset', () => {
  const simplified = '支持人脸属性提取,支持7种属性,5种表情: 性别,年龄,眼镜,表情(生气,平静,高兴,悲伤,吃惊),口罩,人种,胡子';
  const traditional = '支持人臉屬性提取,支持7種屬性,5種表情: 性別,年齡,眼鏡,表情(生氣,平靜,高興,悲傷,吃驚),口罩,人種,鬍子';
  it.each([
    ['ASCII', Buffer.from('<p>hello</p>'), 'utf-8'],
    ['UTF-8 Chinese', Buffer.from(simplified), 'utf-8'],
    ['GB2312 Chinese (valid Big5 bytes too, mostly)', iconv.encode(simplified, 'gb2312'), 'gb18030'],
    ['Big5 Chinese (valid GB18030 bytes too)', iconv.encode(traditional, 'big5'), 'big5'],
    ['GBK traditional characters', iconv.encode(traditional, 'gbk'), 'gb18030'],
    ['a Latin page', Buffer.from('<p>caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve</p>', 'latin1'), 'windows-1252'],
  ])('%s → %s', (_name, bytes, expected) => expect(sniffCharset(bytes, true)).toBe(expected));

  it('does not count a UTF-8 sequence cut by the end of an incomplete prefix', () => {
    const bytes = Buffer.from(simplified);
    expect(sniffCharset(bytes.subarray(0, bytes.length - 1), false)).toBe('utf-8');
  });
});
