// WARC records and the HTTP messages inside them: header parsing (pure), the chunked decoder
// across every chunking, content codings, and the handler over built archives delivered in
// many chunkings. Real wget captures are scanned end to end in test/scan/documents-b.test.ts.
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ChunkedDecoder, codingsOf, headEnd, parseHttpResponseHead, trimOws } from '../../src/unpack/documents/http-message.js';
import { InputError } from '../../src/unpack/types.js';
import { parseWarcHead, warcHandler } from '../../src/unpack/documents/warc.js';
import { chunkings, forEachChunking } from '../helpers/chunkings.js';
import { openChunks, type OpenResult } from '../helpers/open-chunks.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const gb = (hex: string) => Buffer.from(hex, 'hex');
/** 人种 and 肤色 in GB2312. */
const renzhongGb = gb('c8cbd6d6');
const fuseGb = gb('b7f4c9ab');
const page = Buffer.concat([latin1('<p>face attributes: '), renzhongGb, latin1(', '), fuseGb, latin1('</p>\n')]);

/** One WARC record: version line, fields (Content-Length added), empty line, block, CRLF CRLF. */
function record(fields: Record<string, string>, block: Uint8Array, version = '1.1'): Buffer {
  const head = [`WARC/${version}`, ...Object.entries({ ...fields, 'Content-Length': String(block.length) }).map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return Buffer.concat([latin1(`${head}\r\n\r\n`), block, latin1('\r\n\r\n')]);
}

function response(uri: string, headers: readonly string[], body: Uint8Array): Buffer {
  const message = Buffer.concat([latin1(`HTTP/1.1 200 OK\r\n${headers.map((header) => `${header}\r\n`).join('')}\r\n`), body]);
  return record({ 'WARC-Type': 'response', 'WARC-Target-URI': uri, 'Content-Type': 'application/http; msgtype=response' }, message);
}

/** The chunked framing of `body`, cut into pieces of the given sizes (the rest in one chunk). */
function chunked(body: Uint8Array, sizes: readonly number[], extension = ''): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const size of [...sizes, body.length]) {
    const piece = body.subarray(at, Math.min(body.length, at + size));
    if (piece.length === 0) break;
    parts.push(latin1(`${piece.length.toString(16)}${extension}\r\n`), Buffer.from(piece), latin1('\r\n'));
    at += piece.length;
  }
  parts.push(latin1('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** Inputs past this size skip the 1-, 2- and 3-byte chunkings (300,000 one-byte reads prove nothing more and take seconds). */
const smallChunkingsUpToBytes = 64 * 1024;

/** Opens `warc` in every fixed chunking and checks they agree; returns the whole-input result. */
async function openAll(warc: Uint8Array): Promise<OpenResult> {
  const tiny = new Set(['1-byte', '2-byte', '3-byte']);
  const [whole, ...others] = chunkings(warc).filter((chunking) => !chunking.label.startsWith('split@') && (warc.length <= smallChunkingsUpToBytes || !tiny.has(chunking.label)));
  const expected = await openChunks(warcHandler, whole!.chunks);
  for (const chunking of others) expect(await openChunks(warcHandler, chunking.chunks), chunking.label).toEqual(expected);
  return expected;
}

describe('parseWarcHead', () => {
  const parse = (text: string) => parseWarcHead(latin1(text));
  it('reads the version, the type, the target URI without <> and the length', () => {
    expect(parse('WARC/1.0\r\nWARC-Type: Response\r\nwarc-target-uri: <http://a/b>\r\nContent-Length: 12\r\n\r\n')).toMatchObject({
      version: '1.0',
      type: 'response',
      targetUri: latin1('http://a/b'),
      contentLength: 12,
    });
  });
  it('keeps a UTF-8 URI byte for byte, including a trailing a0 byte (no Unicode trim)', () => {
    const uri = Buffer.concat([latin1('http://例.cn/'), Buffer.from('堠', 'utf8')]);
    expect(Buffer.from(uri).subarray(-1)[0]).toBe(0xa0);
    const head = Buffer.concat([latin1('WARC/1.1\r\nWARC-Target-URI: '), uri, latin1('\r\nContent-Length: 0\r\n')]);
    expect(parseWarcHead(head)).toMatchObject({ targetUri: uri });
  });
  it('joins continuation lines', () => {
    expect(parse('WARC/1.1\r\nWARC-Type: resource\r\nX-Note: one\r\n  two\r\nContent-Length: 3\r\n')).toMatchObject({ fields: expect.arrayContaining([{ name: 'x-note', value: 'one two' }]) });
  });
  it.each([
    ['a record without Content-Length', 'WARC/1.1\r\nWARC-Type: resource\r\n', /no Content-Length/],
    ['a non-numeric Content-Length', 'WARC/1.1\r\nContent-Length: 12a\r\n', /bad Content-Length/],
    ['a Content-Length beyond 15 digits', 'WARC/1.1\r\nContent-Length: 1234567890123456\r\n', /bad Content-Length/],
    ['a line that is not a version', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n', /not a WARC version line/],
    ['a field line without a colon', 'WARC/1.1\r\nContent-Length 1\r\n', /not a header field/],
  ])('rejects %s', (_, text, message) => {
    const parsed = parse(text);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});

describe('warcHandler.detect', () => {
  it.each([
    ['WARC/1.0 with CRLF', 'WARC/1.0\r\nWARC-Type', true],
    ['WARC/1.1 with a bare LF', 'WARC/1.1\nWARC-Type', true],
    ['an unknown version', 'WARC/2.0\r\n', false],
    ['a longer version', 'WARC/1.10\r\n', false],
    ['HTML', '<!DOCTYPE html>', false],
  ])('%s', (_, head, ok) => expect(warcHandler.detect(latin1(head)).ok).toBe(ok));
});

describe('HTTP head parsing', () => {
  it('finds the end of a header section after CRLF CRLF or LF LF', () => {
    expect(headEnd(latin1('A: b\r\n\r\nbody'))).toBe(8);
    expect(headEnd(latin1('A: b\n\nbody'))).toBe(6);
    expect(headEnd(latin1('A: b\r\nC: d\r\n'))).toBe(-1);
  });
  it('reads the status and lowercased fields', () => {
    expect(parseHttpResponseHead(latin1('HTTP/1.1 206 Partial Content\r\nContent-Encoding: GZIP\r\nX-A:  v \r\n\r\n'))).toEqual({
      version: 'HTTP/1.1',
      status: 206,
      headers: [
        { name: 'content-encoding', value: 'GZIP' },
        { name: 'x-a', value: 'v' },
      ],
    });
  });
  it('accepts a status line without a reason phrase', () => expect(parseHttpResponseHead(latin1('HTTP/1.0 204\r\n'))).toMatchObject({ status: 204 }));
  it('rejects a bad status line', () => expect(parseHttpResponseHead(latin1('HTTP/1.1 OK\r\n'))).toHaveProperty('error'));
  it('lists codings of every field of a name, in order, without identity', () => {
    const head = parseHttpResponseHead(latin1('HTTP/1.1 200 OK\r\nContent-Encoding: identity, gzip\r\nContent-Encoding: BR\r\nTransfer-Encoding: chunked\r\n'));
    expect('headers' in head && codingsOf(head.headers, 'content-encoding')).toEqual(['gzip', 'br']);
    expect('headers' in head && codingsOf(head.headers, 'transfer-encoding')).toEqual(['chunked']);
  });
  it('trims only space and tab', () => expect(trimOws(' \t\u00a0x\u00a0\t ')).toBe('\u00a0x\u00a0'));
});

describe('ChunkedDecoder', () => {
  const decodeIn = (chunks: readonly Uint8Array[]) => {
    const decoder = new ChunkedDecoder();
    const out = Buffer.concat(chunks.flatMap((chunk) => decoder.push(chunk)));
    decoder.end();
    return { out, extra: decoder.extraBytes };
  };
  const body = Buffer.concat([page, page, latin1('end')]);

  it('decodes chunks, extensions and trailers the same in every chunking', () => {
    const framed = Buffer.concat([chunked(body, [5, 1, 17], ';name="v"'), latin1('')]);
    const withTrailer = Buffer.concat([framed.subarray(0, framed.length - 2), latin1('Expires: never\r\n\r\n')]);
    for (const input of [framed, withTrailer]) {
      forEachChunking(input, (chunks, label) => expect(decodeIn(chunks).out.equals(body), label).toBe(true));
    }
  });
  it('accepts bare LF line ends and uppercase hex sizes', () => {
    const input = latin1('A\nabcdefghij\n0\n\n');
    forEachChunking(input, (chunks, label) => expect(decodeIn(chunks).out.toString(), label).toBe('abcdefghij'));
  });
  it('joins a term split by a chunk boundary inside a character', () => {
    const input = chunked(page, [page.indexOf(fuseGb) + 1]);
    expect(input.includes(fuseGb)).toBe(false);
    forEachChunking(input, (chunks, label) => expect(decodeIn(chunks).out.includes(fuseGb), label).toBe(true));
  });
  it('counts bytes after the last chunk as extra', () => {
    forEachChunking(Buffer.concat([chunked(body, []), latin1('junk')]), (chunks, label) => expect(decodeIn(chunks).extra, label).toBe(4));
  });
  it('accepts a body that ends right after the last chunk (no empty trailer line)', () => {
    expect(decodeIn([latin1('3\r\nabc\r\n0\r\n')]).out.toString()).toBe('abc');
  });
  it.each([
    ['a size line that is not hex', '3\r\nabc\r\nzz\r\n', /bad chunk-size line "zz" for chunk 2/],
    ['data not followed by CRLF', '3\r\nabcX', /chunk 1 \(3 bytes\) is not followed by CRLF/],
    ['CR without LF after data', '3\r\nabc\rX', /followed by CR without LF/],
    ['a size with more than 13 hex digits', '10000000000000\r\n', /14 hex digits/],
  ])('rejects %s', (_, text, message) => {
    forEachChunking(latin1(text), (chunks, label) => {
      expect(() => decodeIn(chunks), label).toThrow(message);
    });
  });
  it.each([
    ['inside a chunk', '5\r\nab', /ends inside chunk 1 \(2 of 5 bytes\)/],
    ['before the last chunk', '2\r\nab\r\n', /ends after chunk 1, before the last chunk/],
    ['inside the trailer', '0\r\nX-A: 1', /ends inside the trailer section/],
  ])('reports a body that ends %s', (_, text, message) => {
    const decoder = new ChunkedDecoder();
    decoder.push(latin1(text));
    expect(() => decoder.end()).toThrow(message);
    expect(() => decoder.end()).toThrow(InputError);
  });
  it('bounds a chunk-size line', () => {
    expect(() => new ChunkedDecoder().push(latin1(`1;${'x'.repeat(5000)}`))).toThrow(/longer than 4096 bytes/);
  });
});

describe('warcHandler.open', () => {
  const info = record({ 'WARC-Type': 'warcinfo', 'Content-Type': 'application/warc-fields' }, latin1('software: test\r\n'));
  const request = record({ 'WARC-Type': 'request', 'WARC-Target-URI': 'http://h/identity' }, latin1('GET /identity HTTP/1.1\r\nHost: h\r\n\r\n'));

  it('yields an identity payload as a verbatim slice at its record offset', async () => {
    const target = response('<http://h/identity>', ['Content-Type: text/html; charset=gb2312', `Content-Length: ${page.length}`], page);
    const warc = Buffer.concat([info, request, target]);
    const result = await openAll(warc);
    expect(result.problems).toEqual([]);
    expect(result.children).toHaveLength(1);
    const child = result.children[0]!;
    expect(child).toMatchObject({ path: 'http://h/identity', offset: info.length + request.length, size: page.length });
    expect(child.bytes.equals(page)).toBe(true);
    expect(warc.subarray(child.verbatim!.start, child.verbatim!.end).equals(page)).toBe(true);
  });

  it.each([
    ['gzip + chunked', ['Content-Encoding: gzip', 'Transfer-Encoding: chunked'], chunked(gzipSync(page), [7, 9])],
    ['x-gzip', ['Content-Encoding: x-gzip'], gzipSync(page)],
    ['deflate (zlib)', ['Content-Encoding: deflate'], deflateSync(page)],
    ['deflate (raw, as some servers send it)', ['Content-Encoding: deflate'], deflateRawSync(page)],
    ['br', ['Content-Encoding: br'], brotliCompressSync(page)],
    ['two content codings', ['Content-Encoding: gzip, br'], brotliCompressSync(gzipSync(page))],
    ['chunked only', ['Transfer-Encoding: chunked'], chunked(page, [3])],
  ])('decodes %s in every chunking', async (_, headers, body) => {
    const result = await openAll(Buffer.concat([info, response('http://h/p', headers, body)]));
    expect(result.problems).toEqual([]);
    expect(result.children.map((child) => [child.path, child.offset, child.bytes.equals(page), child.verbatim])).toEqual([['http://h/p', info.length, true, undefined]]);
  });

  it('skips interim 100 Continue responses', async () => {
    const block = Buffer.concat([latin1('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n'), gzipSync(page)]);
    const result = await openAll(record({ 'WARC-Type': 'response', 'WARC-Target-URI': 'http://h/c' }, block));
    expect(result.children.map((child) => child.bytes.equals(page))).toEqual([true]);
  });

  it('yields resource and non-HTTP response blocks as they are, and skips request, metadata and revisit records', async () => {
    const resource = record({ 'WARC-Type': 'resource', 'WARC-Target-URI': 'file:///datasheet.html' }, page);
    const dns = record({ 'WARC-Type': 'response', 'WARC-Target-URI': 'dns:h' }, latin1('20240101000000\nh. 60 IN A 127.0.0.1\n'));
    const metadata = record({ 'WARC-Type': 'metadata', 'WARC-Target-URI': 'http://h/p' }, page);
    const revisit = record({ 'WARC-Type': 'revisit', 'WARC-Target-URI': 'http://h/p' }, latin1('HTTP/1.1 200 OK\r\n\r\n'));
    const result = await openAll(Buffer.concat([request, metadata, resource, revisit, dns]));
    expect(result.problems).toEqual([]);
    expect(result.children.map((child) => [child.path, child.offset])).toEqual([
      ['file:///datasheet.html', request.length + metadata.length],
      ['dns:h', request.length + metadata.length + resource.length + revisit.length],
    ]);
    expect(result.children[0]!.bytes.equals(page)).toBe(true);
  });

  it('names a record without a target URI by its record id', async () => {
    const result = await openAll(record({ 'WARC-Type': 'resource', 'WARC-Record-ID': '<urn:uuid:1>' }, page));
    expect(result.children.map((child) => child.path)).toEqual(['<urn:uuid:1>']);
  });

  it('reports a coding it cannot undo as unsupported and scans the payload still encoded', async () => {
    const result = await openAll(response('http://h/z', ['Content-Encoding: compress'], page));
    expect(result.problems).toEqual([{ kind: 'unsupported', message: expect.stringMatching(/WARC record 1 \(response http:\/\/h\/z\).*coding "compress" is not decoded/) }]);
    expect(result.children.map((child) => child.bytes.equals(page))).toEqual([true]);
  });

  it('leaves a zstd payload encoded for the zstd handler, without a problem', async () => {
    const zstdFrame = Buffer.from('28b52ffd0458410000616263', 'hex');
    const result = await openAll(response('http://h/zst', ['Content-Encoding: zstd'], zstdFrame));
    expect(result.problems).toEqual([]);
    expect(result.children.map((child) => child.bytes.equals(zstdFrame))).toEqual([true]);
  });

  it('reports a damaged gzip payload on the child and goes on with the next record', async () => {
    const broken = gzipSync(page);
    broken[12] = broken[12]! ^ 0xff;
    const warc = Buffer.concat([response('http://h/bad', ['Content-Encoding: gzip'], broken), response('http://h/good', [], page)]);
    // How much zlib emits before it notices the damage depends on how the bytes arrive: only the outcome is compared.
    for (const { label, chunks } of chunkings(warc).filter((chunking) => !chunking.label.startsWith('split@'))) {
      const result = await openChunks(warcHandler, chunks);
      expect(result.children.map((child) => [child.path, child.error?.kind]), label).toEqual([
        ['http://h/bad', 'corrupt'],
        ['http://h/good', undefined],
      ]);
      expect(result.children[0]!.error!.message, label).toMatch(/^WARC record 1 \(response http:\/\/h\/bad\) at offset 0: HTTP gzip: .*; the \d+ payload bytes decoded before it were scanned$/);
      expect(result.children[1]!.bytes.equals(page), label).toBe(true);
    }
  });

  it('reports a record cut inside its block on the child, with the payload bytes kept', async () => {
    const body = gzipSync(Buffer.concat(Array.from({ length: 200 }, (_, i) => latin1(`line ${i} ${'x'.repeat(i % 37)}\n`))));
    const whole = response('http://h/cut', ['Content-Encoding: gzip', 'Transfer-Encoding: chunked'], chunked(body, [100, 100]));
    const cut = whole.subarray(0, whole.length - 300);
    for (const { label, chunks } of chunkings(cut).filter((chunking) => !chunking.label.startsWith('split@'))) {
      const result = await openChunks(warcHandler, chunks);
      expect(result.problems, label).toEqual([]);
      expect(result.children, label).toHaveLength(1);
      const child = result.children[0]!;
      expect(child.error?.message, label).toMatch(/^WARC record 1 \(response http:\/\/h\/cut\) at offset 0: truncated: the input ends after \d+ of \d+ block bytes; the \d+ payload bytes decoded before it were scanned$/);
      expect(child.bytes.length, label).toBeGreaterThan(100);
      expect(child.error!.message).toContain(`the ${child.bytes.length} payload bytes`);
    }
  });

  it('reports a cut inside a block no child read as a problem of the WARC', async () => {
    const cut = Buffer.concat([info, request]).subarray(0, info.length + request.length - 10);
    const result = await openAll(cut);
    expect(result.children).toEqual([]);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringMatching(/^WARC record 2 \(request http:\/\/h\/identity\) at offset \d+: truncated: the input ends after \d+ of \d+ block bytes/) }]);
  });

  it.each([
    ['inside a record header', (warc: Buffer) => warc.subarray(0, info.length + 20), /WARC record 2 at offset \d+: header truncated/],
    ['garbage after the last record', (warc: Buffer) => Buffer.concat([warc, latin1('<html>not a record</html>\r\n\r\n')]), /WARC record 3 at offset \d+: not a WARC version line.*scanned raw, not opened/],
    ['a record without Content-Length', () => latin1('WARC/1.1\r\nWARC-Type: resource\r\n\r\nabc'), /WARC record 1 at offset 0: no Content-Length/],
    ['a header that never ends', () => Buffer.concat([latin1('WARC/1.1\r\n'), Buffer.alloc(300 * 1024, 0x41)]), /no end of the header within 262144 bytes/],
  ])('stops with a corrupt error at %s', async (_, build, message) => {
    const result = await openAll(build(Buffer.concat([info, request])));
    expect(result.error).toEqual({ kind: 'corrupt', message: expect.stringMatching(message) });
  });

  it('reports an HTTP header section that does not end inside its block', async () => {
    const result = await openAll(record({ 'WARC-Type': 'response', 'WARC-Target-URI': 'http://h/x' }, latin1('HTTP/1.1 200 OK\r\nA: b\r\n')));
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringMatching(/no end of the HTTP header section within 23 bytes/) }]);
    expect(result.children).toEqual([]);
  });

  it('accepts records written with bare LF after the block, and WARC 1.0', async () => {
    const one = Buffer.concat([record({ 'WARC-Type': 'resource', 'WARC-Target-URI': 'u:1' }, page, '1.0').subarray(0, -4), latin1('\n\n')]);
    const result = await openAll(Buffer.concat([one, record({ 'WARC-Type': 'resource', 'WARC-Target-URI': 'u:2' }, page)]));
    expect(result.problems).toEqual([]);
    expect(result.children.map((child) => [child.path, child.offset])).toEqual([
      ['u:1', 0],
      ['u:2', one.length],
    ]);
  });
});
