// The MHTML handler: parts as children, bodies decoded, offsets of each body in the message,
// the same result for every input chunk size, and damaged messages that still yield their parts.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { mhtmlHandler } from '../../src/unpack/documents/mhtml.js';
import { openWith, pathOf } from './helpers/open-handler.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));
const source = (name: string) => readFileSync(new URL(`../fixtures/documents-src/${name}`, import.meta.url));

/** A message with CRLF line ends from lines joined by `\n`. */
const message = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

describe('mhtml: detect', () => {
  it('accepts the top-level headers of a multipart/related message', () => {
    expect(mhtmlHandler.detect(fixture('mhtml--chromium-blink.mhtml').subarray(0, 8192)).ok).toBe(true);
    expect(mhtmlHandler.detect(fixture('mhtml--python-email-qp-base64.mhtml').subarray(0, 8192)).ok).toBe(true);
  });

  it.each([
    ['headers without MIME-Version', 'Content-Type: multipart/related; boundary="b"\n\n--b\n'],
    ['a single-part message', 'MIME-Version: 1.0\nContent-Type: text/html\n\n<html>'],
    ['multipart without a boundary', 'MIME-Version: 1.0\nContent-Type: multipart/related\n\n'],
    ['an HTML page', '<!DOCTYPE html><html>MIME-Version: 1.0'],
    ['text that mentions a header', 'Note: MIME-Version: 1.0 and Content-Type: multipart/related; boundary=x\n'],
  ])('rejects %s', (_name, text) => expect(mhtmlHandler.detect(message(text)).ok).toBe(false));
});

describe('mhtml: a message written by Python email (quoted-printable and base64 parts)', () => {
  const raw = fixture('mhtml--python-email-qp-base64.mhtml');

  it.each([1, 2, 3, 7, 4096, 65536])('yields the same three decoded parts in %i-byte chunks', async (chunkSize) => {
    const opened = await openWith(mhtmlHandler, raw, { chunkSize });
    expect(opened.problems).toEqual([]);
    expect(opened.error).toBeUndefined();
    expect(opened.children.map((child) => pathOf(child.link))).toEqual([
      'https://vendor.example/product-page.html',
      'https://vendor.example/frame.html',
      'https://vendor.example/attr.png',
    ]);
    const [page, frame, image] = opened.children.map((child) => child.bytes);
    // Quoted-printable with CRLF hard line breaks: the GB2312 page without its <meta charset>.
    const text = source('product-page-gb2312.html.utf8').toString('utf8').split('\n').filter((line) => !line.includes('<meta charset')).join('\r\n');
    expect(page).toEqual(iconv.encode(text, 'gb2312'));
    expect(frame!.toString('utf8').replace(/\r\n/g, '\n')).toBe(source('mhtml-frame.html').toString('utf8'));
    expect(image!.subarray(0, 8)).toEqual(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'));
  });

  it('links each part to the offset of its body in the message', async () => {
    const opened = await openWith(mhtmlHandler, raw);
    for (const child of opened.children) {
      const location = Buffer.from(`\r\nContent-Location: ${pathOf(child.link)}\r\n\r\n`);
      expect(child.link.offset).toBe(raw.indexOf(location) + location.length);
      expect(child.link.format).toBe('mhtml');
    }
  });
});

describe('mhtml: a message saved by Chromium', () => {
  it('yields the page (GBK after Blink re-serialised it) and its stylesheet', async () => {
    const opened = await openWith(mhtmlHandler, fixture('mhtml--chromium-blink.mhtml'), { chunkSize: 5 });
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => pathOf(child.link))).toEqual([
      'https://vendor.example/product-page.html',
      'cid:css-00000000-0000-0000-0000-000000000000@mhtml.blink',
    ]);
    const page = iconv.decode(opened.children[0]!.bytes, 'gbk');
    expect(page).toContain('charset=GBK');
    expect(page).toContain('疆<b>藏</b>(需定制支持)');
    expect(page).toContain('胡子、人种');
  });
});

describe('mhtml: edge cases', () => {
  it('names parts without a Content-Location by their number, and passes 7bit/8bit bodies as they are', async () => {
    const raw = message('MIME-Version: 1.0\nContent-Type: multipart/related; boundary=xyz\n\npreamble\n--xyz\nContent-Type: text/plain\n\nfirst\n--xyz\nContent-Transfer-Encoding: 8bit\n\nsecond\n\n--xyz--\nepilogue\n');
    const opened = await openWith(mhtmlHandler, raw, { chunkSize: 1 });
    expect(opened.children.map((child) => [pathOf(child.link), child.bytes.toString('latin1')])).toEqual([
      ['part 1', 'first'],
      ['part 2', 'second\r\n'],
    ]);
  });

  it('opens a nested multipart in place', async () => {
    const raw = message('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="outer"\n\n--outer\nContent-Type: multipart/alternative; boundary="inner"\n\n--inner\nContent-Type: text/plain\n\nplain\n--inner\nContent-Type: text/html\nContent-Location: a.html\n\n<p>html</p>\n--inner--\n--outer\nContent-Type: text/plain\n\nlast\n--outer--\n');
    for (const chunkSize of [1, 3, 4096]) {
      const opened = await openWith(mhtmlHandler, raw, { chunkSize });
      expect(opened.children.map((child) => [pathOf(child.link), child.bytes.toString('latin1')]), `${chunkSize}`).toEqual([
        ['part 2', 'plain'],
        ['a.html', '<p>html</p>'],
        ['part 4', 'last'],
      ]);
    }
  });

  it('does not take a line that only starts with the boundary for a delimiter, and accepts LF line ends', async () => {
    const raw = Buffer.from('MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n\n--bx is text\n--b \n\nnext\n--b--');
    const opened = await openWith(mhtmlHandler, raw, { chunkSize: 2 });
    expect(opened.children.map((child) => child.bytes.toString('latin1'))).toEqual(['--bx is text', 'next']);
  });

  it('decodes quoted-printable soft breaks, escapes and transport padding, and keeps malformed escapes as written', async () => {
    const raw = message('MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Transfer-Encoding: quoted-printable\n\n=C8=CB=D6=\n=D6 a=3Db  \nsoft=  \nbreak =ZZ =4\n--b--\n');
    const opened = await openWith(mhtmlHandler, raw, { chunkSize: 1 });
    expect(opened.children[0]!.bytes).toEqual(Buffer.concat([Buffer.of(0xc8, 0xcb, 0xd6, 0xd6), Buffer.from(' a=b\r\nsoftbreak =ZZ =4')]));
  });

  it('reports base64 bytes it could not decode, and keeps the rest', async () => {
    const raw = message('MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Transfer-Encoding: base64\n\n5Lq6!!56eN\n--b--\n');
    const opened = await openWith(mhtmlHandler, raw);
    expect(opened.children[0]!.bytes.toString('utf8')).toBe('人种');
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringContaining('2 bytes') })]);
  });

  it('passes an unknown transfer encoding on undecoded, as unsupported', async () => {
    const raw = message('MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 a\n--b--\n');
    const opened = await openWith(mhtmlHandler, raw);
    expect(opened.children[0]!.bytes.toString('latin1')).toBe('begin 644 a');
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'unsupported' })]);
  });

  it('ends the last part at the end of a message that lost its closing delimiter', async () => {
    const raw = message('MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n\ncut short');
    const opened = await openWith(mhtmlHandler, raw, { chunkSize: 3 });
    expect(opened.children.map((child) => child.bytes.toString('latin1'))).toEqual(['cut short']);
  });

  it('moves on to the next part when the consumer stops reading one early', async () => {
    const raw = message(`MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n\n${'x'.repeat(5000)}\n--b\nContent-Location: second\n\nsecond\n--b--\n`);
    const opened = await openWith(mhtmlHandler, raw, { chunkSize: 100, maxChildBytes: 10 });
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(['part 1', 'second']);
    expect(opened.children[1]!.bytes.toString('latin1')).toBe('second');
  });
});
