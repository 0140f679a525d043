// Documents made by real tools, scanned end to end through `scan()`: WARCs captured by wget
// (plain and per-record gzip, truncated copies) and a ReportLab PDF datasheet with a subset CJK
// font (damaged and qpdf-encrypted copies). Fixtures: test/fixtures/build/documents-b.sh.
//
// The rule these tests hold: each term of the four Dahua quotations (vocabulary.md) is found
// exactly once per document and chain (one product page per WARC payload, one quotation per
// PDF page), never again on the container's raw bytes.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scan, validateReport, verify, type FindingJson, type Report } from '../../src/index.js';

const fixture = (name: string) => new URL(`../fixtures/unpack/${name}`, import.meta.url).pathname;
const pathText = (path: unknown) => (typeof path === 'string' ? path : path === undefined ? '' : JSON.stringify(path));
const chainOf = (finding: FindingJson) => finding.location.chain.map((link) => `${link.format}:${pathText(link.path)}`).join(' ! ');

/** Term ids of the quotations' terms (the shorter 疆藏 is reported inside 疆藏(需定制支持) too). */
const quotationTerms = ['zh.renzhong', 'zh.jiangzang-xu-dingzhi-zhichi', 'zh.fuse'];
/** Terms per product page, by the model in its URI or PDF page number. */
const quotation = {
  'DH-IPC-HF8249F-FD': ['zh.jiangzang-xu-dingzhi-zhichi', 'zh.renzhong'],
  'DH-IPC-MFW8449-ZHM-D47-LI-0832': ['zh.jiangzang-xu-dingzhi-zhichi'],
  'DH-CP835-AU1F-LZF2070': ['zh.renzhong'],
  'DH-SDT-5A404-C2F': ['zh.fuse'],
} as const;

/** chain → sorted quotation term ids found on it (each id once per occurrence). */
function termsByChain(report: Report): Record<string, string[]> {
  const byChain: Record<string, string[]> = {};
  for (const finding of report.findings) {
    if (!quotationTerms.includes(finding.term.id)) continue;
    (byChain[chainOf(finding)] ??= []).push(finding.term.id);
  }
  for (const ids of Object.values(byChain)) ids.sort();
  return byChain;
}

/** Offset of the `WARC/` line of the response record for a URI ending in `suffix`, found by reading the WARC's own bytes. */
function recordOffset(warc: Buffer, suffix: string): number {
  const text = warc.toString('latin1');
  for (let at = text.indexOf('WARC/1.'); at !== -1; at = text.indexOf('WARC/1.', at + 1)) {
    const head = text.slice(at, text.indexOf('\r\n\r\n', at));
    if (head.includes('WARC-Type: response') && head.includes(`${suffix}>`)) return at;
  }
  throw new Error(`no response record for ${suffix}`);
}

describe.each([
  ['wget--four-pages.warc', [], (bytes: Buffer) => bytes],
  ['wget--four-pages.warc.gz', ['gzip:'], (bytes: Buffer) => gunzipSync(bytes)],
])('a wget capture of four product pages: %s', async (name, outer, decompress) => {
  const report = await scan([fixture(`warc/${name}`)]);
  const warc = decompress(readFileSync(fixture(`warc/${name}`)));
  const host = /WARC-Target-URI: <(http:\/\/127\.0\.0\.1:\d+)\//.exec(warc.toString('latin1'))![1]!;
  const uri = (coding: string, model: string) => `${host}/${coding}/${model}.html`;
  const pages = [
    ['identity', 'DH-IPC-MFW8449-ZHM-D47-LI-0832'],
    ['gzip-chunked', 'DH-IPC-HF8249F-FD'],
    ['br', 'DH-CP835-AU1F-LZF2070'],
    ['chunked-split', 'DH-SDT-5A404-C2F'],
  ] as const;

  it('writes a schema-valid, complete report', () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.problems).toEqual([]);
    expect(report.inputs[0]!.status).toBe('complete');
  });
  it('finds each quotation term exactly once per payload, and none on the WARC bytes themselves', () => {
    const expected = Object.fromEntries(pages.map(([coding, model]) => [[...outer, `warc:${uri(coding, model)}`].join(' ! '), [...quotation[model]].sort()]));
    expect(termsByChain(report)).toEqual(expected);
  });
  it('puts each payload at the offset of its record in the (decompressed) WARC stream', () => {
    for (const [coding, model] of pages) {
      const found = report.findings.find((finding) => chainOf(finding).endsWith(`warc:${uri(coding, model)}`))!;
      expect(found.location.chain.at(-1)!.offset, model).toBe(recordOffset(warc, `/${coding}/${model}.html`));
    }
  });
  it('reports the payload bytes in their GB2312 encoding', () => {
    expect(new Set(report.findings.filter((finding) => quotationTerms.includes(finding.term.id)).map((finding) => finding.match.encoding))).toEqual(new Set(['gb18030']));
  });
  it('re-proves every finding with verify', async () => {
    const result = await verify(report);
    expect(result.results.filter((item) => item.status !== 'ok')).toEqual([]);
  });
});

describe('a wget WARC cut in the middle of the gzip + chunked response', async () => {
  const report = await scan([fixture('warc/truncated--mid-record.warc')]);
  const input = report.inputs[0]!;
  it('is partial, with a corrupt problem on the cut payload naming the record and what was kept', () => {
    expect(input.status).toBe('partial');
    const cut = input.problems.filter((problem) => problem.message.startsWith('WARC record'));
    expect(cut).toEqual([
      {
        kind: 'corrupt',
        chain: [expect.objectContaining({ format: 'warc', path: expect.stringMatching(/\/gzip-chunked\/DH-IPC-HF8249F-FD\.html$/) })],
        offset: expect.any(Number),
        message: expect.stringMatching(/^WARC record 5 \(response http:\S+\/gzip-chunked\/DH-IPC-HF8249F-FD\.html\) at offset \d+: truncated: the input ends after \d+ of \d+ block bytes; the \d+ payload bytes decoded before it were scanned$/),
      },
    ]);
  });
  it('still finds the terms of the complete page before the cut', () => {
    expect(Object.entries(termsByChain(report)).filter(([chain]) => chain.includes('/identity/'))).toEqual([
      [expect.stringContaining('DH-IPC-MFW8449-ZHM-D47-LI-0832'), ['zh.jiangzang-xu-dingzhi-zhichi']],
    ]);
  });
});

describe('a wget WARC cut inside a record header', async () => {
  const report = await scan([fixture('warc/truncated--record-header.warc')]);
  it('is partial, with a corrupt problem on the WARC, and the two pages before the cut are found', () => {
    expect(report.inputs[0]!.problems).toEqual([{ kind: 'corrupt', chain: [], offset: expect.any(Number), message: expect.stringMatching(/^WARC record 7 at offset \d+: header truncated/) }]);
    expect(Object.keys(termsByChain(report)).map((chain) => chain.replace(/^warc:http:\/\/127\.0\.0\.1:\d+/, ''))).toEqual(
      expect.arrayContaining(['/identity/DH-IPC-MFW8449-ZHM-D47-LI-0832.html', '/gzip-chunked/DH-IPC-HF8249F-FD.html']),
    );
  });
});

/** The PDF page chains and what each holds. */
const datasheetPages = {
  'pdf:page 1': [...quotation['DH-IPC-HF8249F-FD']].sort(),
  'pdf:page 2': [...quotation['DH-IPC-MFW8449-ZHM-D47-LI-0832']].sort(),
  'pdf:page 3': [...quotation['DH-CP835-AU1F-LZF2070']].sort(),
  'pdf:page 4': [...quotation['DH-SDT-5A404-C2F']].sort(),
};

describe('the ReportLab datasheet with a subset CJK font', async () => {
  const report = await scan([fixture('pdf/datasheet--cjk-subset-font.pdf')]);
  it('writes a schema-valid, complete report', () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.problems).toEqual([]);
    expect(report.inputs[0]!.status).toBe('complete');
  });
  it('finds each quotation term exactly once on its page, and the subject term in the document information', () => {
    expect(termsByChain(report)).toEqual({ ...datasheetPages, 'pdf:info': ['zh.renzhong'] });
  });
  it('finds the Latin line both in the inflated content stream and in the page text', () => {
    const chains = report.findings.filter((finding) => finding.term.id === 'dahua.em-nation-type-uygur').map(chainOf);
    expect(chains).toEqual([expect.stringMatching(/^pdf:obj \d+$/), 'pdf:page 4']);
  });
  it('re-proves every finding with verify (page text is derived again by pdf.js)', async () => {
    const result = await verify(report);
    expect(result.results.filter((item) => item.status !== 'ok')).toEqual([]);
  });
});

describe('damaged and encrypted copies of the datasheet', () => {
  it('a truncated file is partial with a corrupt problem, and does not hang or crash', async () => {
    const report = await scan([fixture('pdf/corrupt--truncated.pdf')]);
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    expect(input.problems.map((problem) => [problem.kind, problem.chain])).toContainEqual(['corrupt', []]);
    expect(input.problems.find((problem) => problem.message.startsWith('PDF structure'))?.message).toMatch(/truncated/);
    expect(input.problems.filter((problem) => problem.kind === 'internal')).toEqual([]);
  });
  it('a broken cross-reference table is reported corrupt, and pdf.js still yields every page', async () => {
    const report = await scan([fixture('pdf/corrupt--broken-xref.pdf')]);
    expect(report.inputs[0]!.problems).toEqual([{ kind: 'corrupt', chain: [], message: expect.stringMatching(/^PDF structure: startxref 0+ does not point at a cross-reference section/) }]);
    expect(termsByChain(report)).toEqual({ ...datasheetPages, 'pdf:info': ['zh.renzhong'] });
  });
  it('a user password: one encrypted problem, nothing found, raw bytes scanned', async () => {
    const report = await scan([fixture('pdf/encrypted--user-password.pdf')]);
    const input = report.inputs[0]!;
    expect(input.status).toBe('partial');
    expect(input.problems).toEqual([{ kind: 'encrypted', chain: [], message: expect.stringMatching(/^PDF is encrypted and needs a password/) }]);
    expect(input.coverage.bytesScanned).toBeGreaterThanOrEqual(readFileSync(fixture('pdf/encrypted--user-password.pdf')).length);
    expect(report.findings).toEqual([]);
  });
  it('an empty user password: pdf.js decrypts the pages, and the undecrypted streams are reported', async () => {
    const report = await scan([fixture('pdf/encrypted--empty-user-password.pdf')]);
    expect(report.inputs[0]!.problems).toEqual([{ kind: 'encrypted', chain: [], message: expect.stringMatching(/^PDF is encrypted with an empty user password: pdf\.js extracted the page text, but its \d+ streams were not decrypted/) }]);
    expect(termsByChain(report)).toEqual({ ...datasheetPages, 'pdf:info': ['zh.renzhong'] });
  });
});
