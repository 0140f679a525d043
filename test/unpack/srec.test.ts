import { describe, expect, it } from 'vitest';
import { parseSrecRecord, srecHandler, validateFirstSrecLine } from '../../src/unpack/firmware/srec.js';
import { chunkings } from '../helpers/chunkings.js';
import { openChunks } from '../helpers/open-chunks.js';

/** `objcopy -I binary -O srec --change-addresses 0x08000000` of "EM_NATION_TYPE_UYGUR payload 0123456789\n" (output p3.srec). */
const objcopyS3 = [
  'S00A000070332E7372656377',
  'S31508000000454D5F4E4154494F4E5F545950455F55D3',
  'S3150800001059475552207061796C6F616420303132CE',
  'S30D08000020333435363738390A46',
  'S70508000000F2',
  '',
].join('\r\n');
const payload = Buffer.from('EM_NATION_TYPE_UYGUR payload 0123456789\n');

function record(type: number, address: number, data: Buffer): string {
  const width = { 0: 2, 1: 2, 2: 3, 3: 4, 5: 2, 7: 4, 8: 3, 9: 2 }[type]!;
  const addressBytes = Buffer.alloc(width);
  addressBytes.writeUIntBE(address, 0, width);
  const body = Buffer.concat([Buffer.from([width + data.length + 1]), addressBytes, data]);
  const sum = body.reduce((total, byte) => total + byte, 0);
  return `S${type}${Buffer.concat([body, Buffer.from([~sum & 0xff])]).toString('hex').toUpperCase()}`;
}

describe('parseSrecRecord', () => {
  it('decodes S0, S1, S2, S3 and S7 records with their address widths', () => {
    expect(parseSrecRecord(Buffer.from('S00A000070332E7372656377'))).toEqual({ ok: true, record: { type: 0, address: 0, data: Uint8Array.from(Buffer.from('p3.srec')), checksumValid: true } });
    expect(parseSrecRecord(Buffer.from('S31508000000454D5F4E4154494F4E5F545950455F55D3'))).toMatchObject({ ok: true, record: { type: 3, address: 0x08000000, checksumValid: true } });
    expect(parseSrecRecord(Buffer.from(record(1, 0x1234, Buffer.from('a'))))).toMatchObject({ ok: true, record: { type: 1, address: 0x1234, checksumValid: true } });
    expect(parseSrecRecord(Buffer.from(record(2, 0x123456, Buffer.from('a'))))).toMatchObject({ ok: true, record: { type: 2, address: 0x123456, checksumValid: true } });
    expect(parseSrecRecord(Buffer.from('S70508000000F2'))).toMatchObject({ ok: true, record: { type: 7, address: 0x08000000, checksumValid: true } });
  });
  it('flags a wrong checksum without rejecting the record', () => {
    expect(parseSrecRecord(Buffer.from('S31508000000454D5F4E4154494F4E5F545950455F55D4'))).toMatchObject({ ok: true, record: { checksumValid: false } });
  });
  it.each([
    ['no S', '31508000000'],
    ['type S4 (reserved)', 'S4030000FC'],
    ['odd digit count', 'S1050000616'],
    ['a count that disagrees with the bytes', 'S1060000619D'],
    ['a count too short for the address', 'S3030000FC'],
    ['a non-hex digit', 'S1040000Z19A'],
  ])('rejects %s', (_name, line) => {
    expect(parseSrecRecord(Buffer.from(line)).ok).toBe(false);
  });
  it('rejects every prefix of a record as a first line, and S5-S9 as a first record', () => {
    const line = 'S31508000000454D5F4E4154494F4E5F545950455F55D3';
    for (let length = 0; length < line.length; length++) expect(validateFirstSrecLine(Buffer.from(line.slice(0, length)))).toBeDefined();
    expect(validateFirstSrecLine(Buffer.from(line))).toBeUndefined();
    expect(validateFirstSrecLine(Buffer.from('S70508000000F2'))).toBeDefined();
  });
});

describe('srec detect', () => {
  it('accepts a valid first record only, and is never carved', () => {
    expect(srecHandler.detect(Buffer.from(objcopyS3)).ok).toBe(true);
    expect(srecHandler.detect(Buffer.from('S00A000070332E7372656378\n')).ok).toBe(false);
    expect(srecHandler.detect(Buffer.from('Some text\n')).ok).toBe(false);
    expect(srecHandler.signatures.every((signature) => signature.startOnly === true)).toBe(true);
  });
});

describe('srec open', () => {
  it('yields the S0 header and the data as one segment, the same for every chunking', async () => {
    for (const { label, chunks } of chunkings(Buffer.from(objcopyS3))) {
      expect(await openChunks(srecHandler, chunks), label).toEqual({
        children: [
          { path: 'S0', offset: 0, bytes: Buffer.from('p3.srec'), size: 7 },
          { path: '@0x08000000', offset: 26, bytes: payload },
        ],
        problems: [],
        length: objcopyS3.indexOf('S7') + 14,
      });
    }
  });

  it('starts a new child at an address jump and accepts a matching count record', async () => {
    const text = [record(1, 0x1000, Buffer.from('one')), record(1, 0x1003, Buffer.from('+')), record(5, 2, Buffer.alloc(0)), record(2, 0x20000, Buffer.from('two')), record(9, 0, Buffer.alloc(0))].join('\n');
    const result = await openChunks(srecHandler, [Buffer.from(text)]);
    expect(result.children.map((child) => [child.path, child.bytes.toString()])).toEqual([
      ['@0x00001000', 'one+'],
      ['@0x00020000', 'two'],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('keeps the data of a record with a bad checksum and reports it', async () => {
    const text = objcopyS3.replace('D3\r\n', 'D4\r\n');
    const result = await openChunks(srecHandler, [Buffer.from(text)]);
    expect(result.children[1]!.bytes).toEqual(payload);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('line 2 at 26: checksum mismatch') }]);
  });

  it('reports a count record that does not match the data records before it', async () => {
    const text = [record(1, 0, Buffer.from('a')), record(5, 3, Buffer.alloc(0)), record(9, 0, Buffer.alloc(0))].join('\n');
    expect((await openChunks(srecHandler, [Buffer.from(text)])).problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('S5 count 3 but 1 data records') }]);
  });

  it('takes a file ending in a matching count record as whole (srec_cat without a start address)', async () => {
    const text = [record(0, 0, Buffer.from('hdr')), record(1, 0, Buffer.from('a')), record(1, 1, Buffer.from('b')), record(5, 2, Buffer.alloc(0))].join('\n');
    const result = await openChunks(srecHandler, [Buffer.from(text)]);
    expect(result.children.map((child) => child.bytes.toString())).toEqual(['hdr', 'ab']);
    expect(result.problems).toEqual([]);
  });

  it('reports a file without a termination record after yielding its data', async () => {
    const result = await openChunks(srecHandler, [Buffer.from(objcopyS3.slice(0, objcopyS3.indexOf('S7')))]);
    expect(result.children[1]!.bytes).toEqual(payload);
    expect(result.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('no termination record')]);
  });
});
