// PDF: the stream scanner over built files (exact data ranges, /Length direct, indirect and
// wrong, truncation, /Encrypt), each filter against known vectors and round trips, and the
// handler (decoded stream children, aggregated problems, pdf.js page text, its time bound).
// The ReportLab/qpdf fixtures are scanned end to end in test/scan/documents-b.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ascii85Decode, asciiHexDecode, filterKind, inflateLenient, lzwDecode, runLengthDecode } from '../../src/unpack/documents/pdf-filters.js';
import { parseValue, scanPdf } from '../../src/unpack/documents/pdf-objects.js';
import { extractPdfText, type PdfTextEvent } from '../../src/unpack/documents/pdf-text.js';
import { pdfHandler } from '../../src/unpack/documents/pdf.js';
import { scan } from '../../src/index.js';
import { openChunks } from '../helpers/open-chunks.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/unpack/pdf/${name}`, import.meta.url));

interface PdfObject {
  readonly dict?: string;
  /** Stream data; `/Length` is added unless `dict` already states one. */
  readonly stream?: Uint8Array;
  /** A non-dictionary object body (`42`). */
  readonly body?: string;
}

/**
 * A PDF with the given objects numbered from 1, a classic xref table with their real offsets,
 * and a trailer (`trailer` entries added to /Size and /Root 1 0 R). Returns the bytes and where
 * each object and each stream's data start.
 */
function buildPdf(objects: readonly PdfObject[], options: { trailer?: string; startxref?: number } = {}) {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let at = parts[0]!.length;
  const push = (bytes: Buffer) => {
    parts.push(bytes);
    at += bytes.length;
  };
  const offsets: number[] = [];
  const dataStarts: (number | undefined)[] = [];
  objects.forEach((object, i) => {
    offsets.push(at);
    if (object.body !== undefined) {
      push(latin1(`${i + 1} 0 obj\n${object.body}\nendobj\n`));
      dataStarts.push(undefined);
      return;
    }
    const dict = object.stream !== undefined && !/\/Length\b/.test(object.dict ?? '') ? `${object.dict ?? ''} /Length ${object.stream.length}` : (object.dict ?? '');
    push(latin1(`${i + 1} 0 obj\n<<${dict}>>\n`));
    if (object.stream === undefined) dataStarts.push(undefined);
    else {
      push(latin1('stream\r\n'));
      dataStarts.push(at);
      push(Buffer.from(object.stream));
      push(latin1('\nendstream\n'));
    }
    push(latin1('endobj\n'));
  });
  const xref = at;
  push(latin1(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`));
  push(latin1(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${options.trailer ?? ''} >>\nstartxref\n${options.startxref ?? xref}\n%%EOF\n`));
  return { bytes: Buffer.concat(parts), offsets, dataStarts };
}

/** A valid one-page document: catalog, pages, page, Helvetica, and the content stream (object 5). */
function textPdf(content: Uint8Array, contentDict = '', extra: readonly PdfObject[] = []) {
  return buildPdf([
    { dict: '/Type /Catalog /Pages 2 0 R' },
    { dict: '/Type /Pages /Kids [3 0 R] /Count 1' },
    { dict: '/Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R' },
    { dict: '/Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding' },
    { dict: contentDict, stream: content },
    ...extra,
  ]);
}

const showText = (text: string) => latin1(`BT /F1 12 Tf 72 700 Td (${text}) Tj ET\n`);

describe('pdfHandler.detect', () => {
  it.each([
    ['%PDF-1.7 at offset 0', latin1('%PDF-1.7\n'), true],
    ['%PDF-2.0 on a line after 600 bytes of junk', Buffer.concat([Buffer.alloc(600, 0x20), latin1('\n%PDF-2.0\n')]), true],
    ['%PDF-1.4 at offset 0 of a 8-byte file', latin1('%PDF-1.4'), true],
    ['source code that mentions the header', latin1('if (head.startsWith("%PDF-1.4")) {\n'), false],
    ['a second mention on its own line is found', latin1('x = "%PDF-1.4";\r%PDF-1.5\r'), true],
    ['%PDF- past the first 1024 bytes', Buffer.concat([Buffer.alloc(1024, 0x20), latin1('%PDF-1.4\n')]), false],
    ['%PDF- without a version', latin1('%PDF-x.y\n'), false],
    ['a PostScript file', latin1('%!PS-Adobe-3.0\n'), false],
  ])('%s', (_, head, ok) => expect(pdfHandler.detect(head).ok).toBe(ok));
});

describe('parseValue', () => {
  it('reads nested dictionaries, arrays, references, numbers and #-escaped names, and skips strings and comments', () => {
    const bytes = latin1('<< /A#20B 1 0 R /N -1.5 /S (a\\)b(c)) /H <414243> /D << /X [1 2 R /Y 3] >> % comment\n /Z true >>');
    const parsed = parseValue(bytes, 0, bytes.length);
    expect(parsed?.end).toBe(bytes.length);
    const entries = parsed?.value.kind === 'dict' ? parsed.value.entries : new Map();
    expect(entries.get('A B')).toEqual({ kind: 'ref', object: 1, generation: 0 });
    expect(entries.get('N')).toEqual({ kind: 'number', value: -1.5 });
    expect(entries.get('S')).toEqual({ kind: 'other' });
    expect(entries.get('H')).toEqual({ kind: 'other' });
    expect(entries.get('D')).toEqual({ kind: 'dict', entries: new Map([['X', { kind: 'array', items: [{ kind: 'ref', object: 1, generation: 2 }, { kind: 'name', name: 'Y' }, { kind: 'number', value: 3 }] }]]) });
    expect(entries.get('Z')).toEqual({ kind: 'other' });
  });
  it.each([
    ['an unterminated dictionary', '<< /A 1'],
    ['an unterminated string', '<< /A (abc >>'],
    ['a key that is not a name', '<< 1 2 >>'],
  ])('rejects %s', (_, text) => expect(parseValue(latin1(text), 0, text.length)).toBeUndefined());
});

describe('scanPdf', () => {
  it('finds each stream with its exact data range, filters and type', () => {
    const content = deflateSync(showText('hello'));
    const { bytes, offsets, dataStarts } = buildPdf([
      { dict: '/Type /Catalog' },
      { dict: '/Filter /FlateDecode', stream: content },
      { dict: '/Type /EmbeddedFile /Filter [/ASCII85Decode /FlateDecode] /DecodeParms [null << /Predictor 1 >>]', stream: latin1('abc~>') },
    ]);
    const layout = scanPdf(bytes);
    expect(layout.damage).toEqual([]);
    expect(layout.encrypted).toBe(false);
    expect(layout.streams).toEqual([
      { object: 2, generation: 0, objectOffset: offsets[1], dataStart: dataStarts[1], dataEnd: dataStarts[1]! + content.length, filters: ['FlateDecode'], decodeParms: [undefined], end: 'length' },
      {
        object: 3,
        generation: 0,
        objectOffset: offsets[2],
        dataStart: dataStarts[2],
        dataEnd: dataStarts[2]! + 5,
        filters: ['ASCII85Decode', 'FlateDecode'],
        decodeParms: [undefined, new Map([['Predictor', { kind: 'number', value: 1 }]])],
        type: 'EmbeddedFile',
        end: 'length',
      },
    ]);
  });
  it('resolves an indirect /Length defined after the stream', () => {
    const data = latin1('0123456789 endstream inside the data');
    const { bytes, dataStarts } = buildPdf([{ dict: '/Length 2 0 R', stream: data }, { body: String(data.length) }]);
    expect(scanPdf(bytes).streams.map((s) => [s.dataStart, s.dataEnd, s.end])).toEqual([[dataStarts[0], dataStarts[0]! + data.length, 'length']]);
  });
  it('trusts /Length over an "endstream" inside the data', () => {
    const data = latin1('text endstream text');
    const { bytes, dataStarts } = buildPdf([{ stream: data }]);
    expect(scanPdf(bytes).streams.map((s) => [s.dataEnd - s.dataStart, s.end])).toEqual([[data.length, 'length']]);
    expect(dataStarts[0]).toBeDefined();
  });
  it('falls back to the next endstream when /Length is wrong or unresolvable', () => {
    const data = latin1('twelve bytes');
    for (const dict of ['/Length 5', '/Length 99999', '/Length 7 0 R', '/Length /Bad']) {
      const { bytes, dataStarts } = buildPdf([{ dict, stream: data }]);
      expect(scanPdf(bytes).streams.map((s) => [s.dataStart, s.dataEnd, s.end]), dict).toEqual([[dataStarts[0], dataStarts[0]! + data.length, 'endstream']]);
    }
  });
  it('reads a truncated stream to the end of the file and calls the file truncated', () => {
    const { bytes, dataStarts } = buildPdf([{ stream: latin1('x'.repeat(100)) }]);
    const cut = bytes.subarray(0, dataStarts[0]! + 40);
    const layout = scanPdf(cut);
    expect(layout.streams.map((s) => [s.dataEnd - s.dataStart, s.end])).toEqual([[40, 'end-of-file']]);
    expect(layout.damage).toEqual([expect.stringMatching(/stream of object 1 at offset \d+ has no endstream: the file is truncated/), expect.stringMatching(/no startxref/)]);
  });
  it('calls a startxref that points elsewhere broken', () => {
    const { bytes } = buildPdf([{ dict: '/Type /Catalog' }], { startxref: 0 });
    expect(scanPdf(bytes).damage).toEqual([expect.stringMatching(/^startxref 0 does not point at a cross-reference section/)]);
  });
  it('accepts a startxref that points at a cross-reference stream', () => {
    const { bytes, offsets } = buildPdf([{ dict: '/Type /Catalog' }, { dict: '/Type /XRef /Size 3', stream: latin1('xx') }]);
    const relinked = Buffer.from(bytes.toString('latin1').replace(/startxref\n\d+/, `startxref\n${offsets[1]}`), 'latin1');
    expect(scanPdf(relinked).damage).toEqual([]);
  });
  it.each([
    ['a classic trailer', { trailer: '/Encrypt 9 0 R' }, [], true],
    ['a cross-reference stream', {}, [{ dict: '/Type /XRef /Encrypt << /Filter /Standard >>', stream: latin1('x') }], true],
    ['only the text of a content stream', {}, [{ stream: latin1('(trailer << /Encrypt 1 0 R >>) Tj') }], false],
  ])('sees /Encrypt in %s', (_, options, objects, encrypted) => {
    expect(scanPdf(buildPdf([{ dict: '/Type /Catalog' }, ...objects], options).bytes).encrypted).toBe(encrypted);
  });
  it('stops recording streams at the bound', () => {
    const { bytes } = buildPdf([{ stream: latin1('a') }, { stream: latin1('b') }, { stream: latin1('c') }]);
    const layout = scanPdf(bytes, 2);
    expect([layout.streams.length, layout.tooManyStreams]).toEqual([2, true]);
  });
});

/** ASCII85 encoder (§7.4.3), for round trips. */
function ascii85(bytes: Uint8Array): Buffer {
  let out = '';
  for (let at = 0; at < bytes.length; at += 4) {
    const group = bytes.subarray(at, at + 4);
    let value = 0;
    for (let i = 0; i < 4; i++) value = value * 256 + (group[i] ?? 0);
    if (group.length === 4 && value === 0) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let i = 0; i < 5; i++) {
      digits.unshift(String.fromCharCode(0x21 + (value % 85)));
      value = Math.floor(value / 85);
    }
    out += digits.slice(0, group.length + 1).join('');
  }
  return latin1(`${out}~>`);
}

/** LZW encoder (§7.4.4.2, 9 to 12 bits, a clear code when the table is full), for round trips. */
function lzw(bytes: Uint8Array, earlyChange = 1): Buffer {
  const codes: { code: number; width: number }[] = [];
  let table = new Map<string, number>();
  let next = 258;
  let width = 9;
  const reset = () => {
    table = new Map(Array.from({ length: 256 }, (_, i) => [String.fromCharCode(i), i]));
    next = 258;
    width = 9;
  };
  reset();
  codes.push({ code: 256, width });
  let current = '';
  for (const byte of bytes) {
    const extended = current + String.fromCharCode(byte);
    if (table.has(extended)) {
      current = extended;
      continue;
    }
    codes.push({ code: table.get(current)!, width });
    table.set(extended, next++);
    if (next + earlyChange > 1 << width && width < 12) width++;
    if (next >= 4094) {
      codes.push({ code: 256, width });
      reset();
    }
    current = String.fromCharCode(byte);
  }
  if (current !== '') codes.push({ code: table.get(current)!, width });
  if (next + earlyChange > 1 << width && width < 12) width++;
  codes.push({ code: 257, width });
  const out: number[] = [];
  let bits = 0;
  let count = 0;
  for (const { code, width: w } of codes) {
    bits = (bits << w) | code;
    count += w;
    while (count >= 8) {
      out.push((bits >>> (count - 8)) & 0xff);
      count -= 8;
    }
    bits &= (1 << count) - 1;
  }
  if (count > 0) out.push((bits << (8 - count)) & 0xff);
  return Buffer.from(out);
}

/** Deterministic test bytes: text with repeats (compresses) mixed with noise. */
function sample(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = i % 3 === 0 ? state >>> 24 : 0x61 + ((i >> 4) % 7);
  }
  return out;
}

describe('PDF filters', () => {
  it('maps names and abbreviations to kinds', () => {
    expect(['FlateDecode', 'Fl', 'LZW', 'AHx', 'A85', 'RL', 'DCTDecode', 'JBIG2Decode', 'Crypt', 'constructor'].map(filterKind)).toEqual([
      'flate',
      'flate',
      'lzw',
      'ascii-hex',
      'ascii85',
      'run-length',
      'image',
      'image',
      'unsupported',
      'unsupported',
    ]);
  });
  it('ASCIIHexDecode: pairs, white space, an odd last digit, the > end', () => {
    expect(Buffer.from(asciiHexDecode(latin1('48 65\n6C6c6F7>ignored'), 100).bytes).toString('latin1')).toBe('Hello\x70');
    expect(asciiHexDecode(latin1('48G'), 100)).toEqual({ bytes: Uint8Array.of(0x48), damage: 'ASCIIHexDecode: byte 0x47 at 2 is not a hex digit' });
    expect(asciiHexDecode(latin1('414243'), 2)).toEqual({ bytes: Uint8Array.of(0x41, 0x42), limited: true });
  });
  it('ASCII85Decode: the known vector, z, the <~ prefix, and round trips', () => {
    expect(Buffer.from(ascii85Decode(latin1('9jqo^~>'), 100).bytes).toString()).toBe('Man ');
    expect(Buffer.from(ascii85Decode(latin1('<~87cURD]i,"Ebo80~>'), 100).bytes).toString()).toBe('Hello World!');
    expect(ascii85Decode(latin1('z!!~>'), 100).bytes).toEqual(Buffer.alloc(5));
    for (const length of [0, 1, 2, 3, 4, 5, 1000]) expect(Buffer.from(ascii85Decode(ascii85(sample(length)), 1 << 20).bytes).equals(sample(length)), `${length}`).toBe(true);
    expect(ascii85Decode(latin1('9jqo^v'), 100).damage).toMatch(/byte 0x76 at 5 is not base-85/);
    expect(ascii85Decode(latin1('s8W-"~>'), 100).damage).toMatch(/exceeds 2\^32/);
    expect(ascii85Decode(ascii85(sample(100)), 10)).toMatchObject({ limited: true, bytes: sample(10) });
  });
  it('RunLengthDecode: literal runs, repeats, the 128 end', () => {
    expect(Buffer.from(runLengthDecode(Uint8Array.of(2, 0x61, 0x62, 0x63, 254, 0x78, 128, 0x7a), 100).bytes).toString()).toBe('abcxxx');
    expect(runLengthDecode(Uint8Array.of(5, 0x61), 100).damage).toMatch(/literal run of 6 bytes at 0 is cut short/);
    expect(runLengthDecode(Uint8Array.of(200, 0x61), 10)).toMatchObject({ limited: true, bytes: Buffer.alloc(10, 0x61) });
  });
  it('LZWDecode: the example of ISO 32000-1 §7.4.4.2', () => {
    expect(Buffer.from(lzwDecode(Buffer.from('800b6050220c0c8501', 'hex'), 100, 1).bytes).toString('latin1')).toBe('-----A---B');
  });
  it('LZWDecode: round trips through every code width and table reset, with both EarlyChange values', () => {
    for (const earlyChange of [1, 0]) {
      for (const length of [1, 300, 5000, 60_000]) {
        const input = sample(length, length);
        expect(Buffer.from(lzwDecode(lzw(input, earlyChange), 1 << 20, earlyChange).bytes).equals(input), `${earlyChange}/${length}`).toBe(true);
      }
    }
  });
  it('LZWDecode: a code not in the table is damage, after the bytes before it', () => {
    // Codes 256 (clear), 32 (a space), then 511: far past the next free entry (258).
    const result = lzwDecode(Buffer.from([0x80, 0x08, 0x3f, 0xe0]), 100, 1);
    expect(result).toEqual({ bytes: Buffer.from(' '), damage: 'LZWDecode: code 511 at byte 4 is not in the table' });
  });
  it('FlateDecode: zlib, raw deflate, a truncated stream keeps its start, garbage is damage, output is bounded', async () => {
    const input = sample(50_000);
    expect(Buffer.from((await inflateLenient(deflateSync(input), 1 << 20)).bytes).equals(input)).toBe(true);
    expect(Buffer.from((await inflateLenient(deflateRawSync(input), 1 << 20)).bytes).equals(input)).toBe(true);
    const truncated = await inflateLenient(deflateSync(input).subarray(0, 8000), 1 << 20);
    expect(truncated.damage).toBeUndefined();
    expect(truncated.bytes.length).toBeGreaterThan(1000);
    expect(Buffer.from(truncated.bytes).equals(input.subarray(0, truncated.bytes.length))).toBe(true);
    expect((await inflateLenient(Buffer.from('78da' + 'ff'.repeat(20), 'hex'), 100)).damage).toMatch(/^FlateDecode: /);
    const bounded = await inflateLenient(deflateSync(Buffer.alloc(1 << 20)), 1000);
    expect([bounded.bytes.length, bounded.limited]).toEqual([1000, true]);
  });
});

describe('pdfHandler.open', () => {
  it('keeps an oversized stream from pdf.js: its first 16 MiB are searched, no page text is rendered, both said as limits', async () => {
    // 20 MiB of one text operator repeated: pdf.js would decode it whole outside its heap limit.
    const content = deflateSync(Buffer.concat([showText('EM_NATION_TYPE_UYGUR'), Buffer.alloc(20 * 1024 * 1024, 0x20)]));
    const { bytes } = textPdf(content, '/Filter /FlateDecode');
    const result = await openChunks(pdfHandler, [bytes], { maxChildBytes: 64 });
    expect(result.children.map((child) => child.path)).toEqual(['obj 5']);
    expect(result.problems).toEqual([
      { kind: 'limit', message: expect.stringContaining('decode to more than 16777216 bytes (obj 5)') },
      { kind: 'limit', message: expect.stringContaining('page text was not extracted') },
    ]);
  });

  it('yields decoded streams and the page text, and skips image streams', async () => {
    const content = showText('SDK enum: EM_NATION_TYPE_UYGUR');
    const { bytes, offsets, dataStarts } = textPdf(deflateSync(content), '/Filter /FlateDecode', [
      { dict: '/Type /XObject /Subtype /Image /Filter /DCTDecode', stream: latin1('\xff\xd8\xff\xe0 not really a jpeg') },
      { dict: '/Type /Metadata /Subtype /XML', stream: latin1('<x:xmpmeta>plain</x:xmpmeta>') },
      { dict: '/Filter [/ASCIIHexDecode /FlateDecode]', stream: latin1(`${deflateSync(latin1('hex then flate')).toString('hex')}>`) },
    ]);
    const result = await openChunks(pdfHandler, [bytes]);
    expect(result.problems).toEqual([]);
    expect(result.children.map((child) => [child.path, child.offset, child.bytes.toString('latin1'), child.verbatim])).toEqual([
      ['obj 5', offsets[4], content.toString('latin1'), undefined],
      ['obj 7', dataStarts[6], '<x:xmpmeta>plain</x:xmpmeta>', { start: dataStarts[6], end: dataStarts[6]! + 28 }],
      ['obj 8', offsets[7], 'hex then flate', undefined],
      ['page 1', 0, 'SDK enum: EM_NATION_TYPE_UYGUR', undefined],
    ]);
  });

  it('reports filters it does not decode once per document, naming the objects', async () => {
    const { bytes } = textPdf(deflateSync(showText('x')), '/Filter /FlateDecode', [
      { dict: '/Filter /Foo', stream: latin1('a') },
      { dict: '/Filter [/FlateDecode /Crypt]', stream: latin1('b') },
      { dict: '/Filter /Foo', stream: latin1('c') },
    ]);
    const result = await openChunks(pdfHandler, [bytes]);
    expect(result.problems).toEqual([{ kind: 'unsupported', message: 'PDF streams with filters not decoded here: /Foo (obj 6, obj 8), /Crypt (obj 7); their bytes were scanned raw only' }]);
  });

  it('reports damaged streams in one problem and keeps their decoded start', async () => {
    const good = deflateSync(Buffer.concat([showText('first part'), sample(40_000)]));
    // Input is fed to zlib in 4 KiB steps: the output of steps before the damaged one is kept.
    expect(good.length).toBeGreaterThan(9100);
    const damaged = Buffer.from(good);
    damaged.fill(0xff, 9000, 9060);
    const { bytes } = textPdf(deflateSync(showText('x')), '/Filter /FlateDecode', [{ dict: '/Filter /FlateDecode', stream: damaged }]);
    const result = await openChunks(pdfHandler, [bytes]);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringMatching(/^PDF: 1 stream\(s\) could not be fully decoded \(obj 6: FlateDecode: .*\); the bytes decoded before the damage were scanned$/) }]);
    expect(result.children.find((child) => child.path === 'obj 6')?.bytes.toString('latin1')).toContain('first part');
  });

  it('reports a file pdf.js cannot open as corrupt, after the streams it found', async () => {
    const bytes = latin1(`%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode /Length 99 >>\nstream\n${deflateSync(latin1('orphan text')).toString('latin1')}\nendstream\n`);
    const result = await openChunks(pdfHandler, [bytes]);
    expect(result.children.map((child) => [child.path, child.bytes.toString('latin1')])).toEqual([['obj 1', 'orphan text']]);
    expect(result.problems).toEqual([
      { kind: 'corrupt', message: expect.stringMatching(/^PDF structure: no startxref near the end of the file/) },
      { kind: 'corrupt', message: expect.stringMatching(/^PDF page text: pdf\.js: .*; the document could not be opened; the raw bytes and decoded streams were scanned$/) },
    ]);
  });

  it('extracts the text of each page of the ReportLab datasheet (CJK subset font) and its information strings', async () => {
    const result = await openChunks(pdfHandler, [fixture('datasheet--cjk-subset-font.pdf')]);
    expect(result.problems).toEqual([]);
    const text = (path: string) => result.children.find((child) => child.path === path)?.bytes.toString('utf8').replaceAll('\n', '');
    expect(text('page 1')).toContain('口罩,人种,胡子,疆藏(需定制支持)');
    expect(text('page 2')).toContain('困惑),口罩,胡子,疆藏(需定制支持)');
    expect(text('page 3')).toContain('眼镜、口罩、胡子、人种');
    expect(text('page 4')).toContain('口罩,肤色,胡子');
    expect(text('info')).toContain('Subject: 人脸属性参数: 人种');
    // The content streams hold subset glyph codes, not the text.
    expect(result.children.filter((child) => child.path?.startsWith('obj ')).some((child) => child.bytes.includes(Buffer.from('人种')))).toBe(false);
  });
});

describe('extractPdfText', () => {
  const collect = async (data: Uint8Array, timeoutMs?: number) => {
    const events: PdfTextEvent[] = [];
    for await (const event of extractPdfText(data, timeoutMs === undefined ? {} : { timeoutMs })) events.push(event);
    return events;
  };
  it('stops a document at its time bound with a limit error, and the next document still works', async () => {
    await expect(collect(fixture('datasheet--cjk-subset-font.pdf'), 1)).rejects.toMatchObject({ kind: 'limit', message: expect.stringMatching(/stopped after 1 ms/) });
    const events = await collect(fixture('datasheet--cjk-subset-font.pdf'));
    expect(events.filter((event) => event.kind === 'page').map((event) => event.kind === 'page' && event.number)).toEqual([1, 2, 3, 4]);
  });
  it('needs a password for a PDF encrypted with a user password', async () => {
    await expect(collect(fixture('encrypted--user-password.pdf'))).rejects.toMatchObject({ kind: 'encrypted' });
  });
  it('handles documents asked for concurrently, each on a worker of its own', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => collect(fixture('datasheet--cjk-subset-font.pdf'))));
    for (const events of runs) expect(events.filter((event) => event.kind === 'page')).toHaveLength(4);
  });
});

describe('PDFs inside PDFs', () => {
  it('opens an embedded PDF, and a page text that itself looks like a PDF, without waiting on the outer document', async () => {
    const inner = textPdf(deflateSync(showText('EM_NATION_TYPE_UYGUR')), '/Filter /FlateDecode').bytes;
    // The page text starts with a %PDF- line: the driver hands it to this handler again while the outer pdf.js job is still open.
    const lookalike = latin1('BT /F1 12 Tf 72 700 Td (%PDF-1.4) Tj 0 -20 Td (second line) Tj ET\n');
    const outer = textPdf(lookalike, '', [{ dict: '/Type /EmbeddedFile /Filter /FlateDecode', stream: deflateSync(inner) }]).bytes;
    const path = join(mkdtempSync(join(tmpdir(), 'fwsift-pdf-')), 'outer.pdf');
    writeFileSync(path, outer);
    const report = await scan([path]);
    const chains = report.findings.filter((finding) => finding.term.id === 'dahua.em-nation-type-uygur').map((finding) => finding.location.chain.map((link) => `${link.format}:${String(link.path)}`).join(' ! '));
    expect(chains).toEqual(['pdf:obj 6 ! pdf:obj 5', 'pdf:obj 6 ! pdf:page 1']);
  });
});
