// Issue 10: one mechanism decides which object owns which bytes. A WARC response whose payload
// is chunked but not compressed holds the payload's bytes piece by piece: a term inside a piece
// is the payload's finding, reported once, not once more on the WARC bytes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { scan, validateReport, verify } from '../../src/index.js';

function chunkedWarc(pieces: readonly (string | Buffer)[], contentType = 'text/plain; charset=utf-8'): Buffer {
  const body = Buffer.concat([...pieces.map((piece) => Buffer.concat([Buffer.from(`${Buffer.byteLength(piece).toString(16)}\r\n`), Buffer.from(piece), Buffer.from('\r\n')])), Buffer.from('0\r\n\r\n')]);
  const http = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\n\r\n`), body]);
  const head = `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://vendor.example/sdk.h\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]);
}

describe('byte ownership', () => {
  it('reports a term in a chunked, uncompressed WARC payload once, on the payload, and verify re-proves it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'fwsift-owns-')), 'capture.warc');
    writeFileSync(path, chunkedWarc(['typedef enum { EM_NATION_TYPE_UYGUR, ', 'EM_RACE_', 'TYPE race;\n']));
    const report = await scan([path]);
    expect(validateReport(report)).toEqual([]);
    const uygur = report.findings.filter((finding) => finding.match.hex === Buffer.from('EM_NATION_TYPE_UYGUR').toString('hex'));
    expect(uygur.map((finding) => finding.location.chain.map((link) => link.format))).toEqual([['warc']]);
    // A term split by the chunk framing exists only in the payload.
    expect(report.findings.filter((finding) => finding.match.hex === Buffer.from('EM_RACE_TYPE').toString('hex')).map((finding) => finding.location.chain.length)).toEqual([1]);
    expect((await verify(report)).ok).toBe(true);
  });

  it('hands the HTTP charset of a WARC payload to the text view of a page that declares none', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'fwsift-owns-')), 'page.warc');
    const page = Buffer.concat([Buffer.from('<html><body><p>'), iconv.encode('支持', 'gb2312'), Buffer.from('<b>'), iconv.encode('人', 'gb2312'), Buffer.from('</b>'), iconv.encode('种识别', 'gb2312'), Buffer.from('</p></body></html>\n')]);
    writeFileSync(path, chunkedWarc([page], 'text/html; charset=GB2312'));
    const report = await scan([path]);
    const views = report.findings.filter((finding) => finding.match.form === 'text-view');
    expect(views.map((finding) => [finding.term.id, finding.match.encoding])).toEqual([['zh.renzhong', 'gb18030']]);
    expect((await verify(report)).ok).toBe(true);
  });
});
