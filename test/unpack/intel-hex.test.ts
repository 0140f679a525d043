import { describe, expect, it } from 'vitest';
import { intelHexHandler, maxIntelHexLineBytes, parseIntelHexRecord, validateFirstIntelHexLine } from '../../src/unpack/firmware/intel-hex.js';
import { lines, maxRecordProblems } from '../../src/unpack/firmware/hex-records.js';
import { chunkings } from '../helpers/chunkings.js';
import { openChunks } from '../helpers/open-chunks.js';

/** `objcopy -I binary -O ihex --change-addresses 0x0800fff0` of "EM_NATION_TYPE_UYGUR payload 0123456789\n". */
const objcopyLinear = [
  ':020000040800F2',
  ':10FFF000454D5F4E4154494F4E5F545950455F55F2',
  ':020000040801F1',
  ':1000000059475552207061796C6F616420303132EC',
  ':08001000333435363738390A64',
  ':040000050800FFF000',
  ':00000001FF',
  '',
].join('\r\n');
const payload = Buffer.from('EM_NATION_TYPE_UYGUR payload 0123456789\n');

/** One record with a correct checksum. */
function record(type: number, offset: number, data: Buffer): string {
  const bytes = Buffer.concat([Buffer.from([data.length, offset >> 8, offset & 0xff, type]), data]);
  const sum = bytes.reduce((total, byte) => total + byte, 0);
  return `:${Buffer.concat([bytes, Buffer.from([-sum & 0xff])]).toString('hex').toUpperCase()}`;
}

describe('parseIntelHexRecord', () => {
  it('decodes a data record with its checksum', () => {
    expect(parseIntelHexRecord(Buffer.from(':10FFF000454D5F4E4154494F4E5F545950455F55F2'))).toEqual({
      ok: true,
      record: { type: 0, offset16: 0xfff0, data: Uint8Array.from(payload.subarray(0, 16)), checksumValid: true },
    });
  });
  it('flags a wrong checksum without rejecting the record', () => {
    expect(parseIntelHexRecord(Buffer.from(':10FFF000454D5F4E4154494F4E5F545950455F55F3'))).toMatchObject({ ok: true, record: { checksumValid: false } });
  });
  it.each([
    ['no colon', '10FFF000'],
    ['odd digit count', ':10FFF00'],
    ['a non-hex digit', ':0G000001FF'],
    ['fewer than 5 bytes', ':000000'],
    ['a count that disagrees with the data', ':05000000AA00'],
    ['an unknown type', ':00000006FA'],
  ])('rejects %s', (_name, line) => {
    expect(parseIntelHexRecord(Buffer.from(line)).ok).toBe(false);
  });
  it('rejects every prefix of a record as a first line', () => {
    const line = ':10FFF000454D5F4E4154494F4E5F545950455F55F2';
    for (let length = 0; length < line.length; length++) expect(validateFirstIntelHexLine(Buffer.from(line.slice(0, length)))).toBeDefined();
    expect(validateFirstIntelHexLine(Buffer.from(line))).toBeUndefined();
  });
  it('does not accept an end-of-file or start-address record as the first line', () => {
    expect(validateFirstIntelHexLine(Buffer.from(':00000001FF'))).toBeDefined();
    expect(validateFirstIntelHexLine(Buffer.from(':040000050800FFF000'))).toBeDefined();
  });
});

describe('intel-hex detect', () => {
  it('accepts a valid first record, with or without a line end, and nothing else', () => {
    expect(intelHexHandler.detect(Buffer.from(objcopyLinear)).ok).toBe(true);
    expect(intelHexHandler.detect(Buffer.from(':020000040800F2')).ok).toBe(true);
    expect(intelHexHandler.detect(Buffer.from(':020000040800F3\r\n')).ok).toBe(false);
    expect(intelHexHandler.detect(Buffer.from(`:${'0'.repeat(maxIntelHexLineBytes + 5)}`)).ok).toBe(false);
  });
  it('is never carved: its one-byte signature is startOnly', () => {
    expect(intelHexHandler.signatures.every((signature) => signature.startOnly === true)).toBe(true);
  });
});

describe('intel-hex open', () => {
  it('decodes an objcopy file across a 64 KiB page as one segment, the same for every chunking', async () => {
    for (const { label, chunks } of chunkings(Buffer.from(objcopyLinear))) {
      expect(await openChunks(intelHexHandler, chunks), label).toEqual({
        children: [{ path: '@0x0800fff0', offset: 17, bytes: payload }],
        problems: [],
        length: objcopyLinear.lastIndexOf(':00000001FF') + 11,
      });
    }
  });

  it('starts a new child at every address jump, in file order, with segment (02) addresses', async () => {
    const text = [
      record(0, 0x1000, Buffer.from('first ')),
      record(0, 0x1006, Buffer.from('segment')),
      record(0, 0x0100, Buffer.from('lower, later')),
      record(2, 0, Buffer.from([0x10, 0x00])),
      record(0, 0x0000, Buffer.from('segment base 0x10000')),
      ':00000001FF',
    ].join('\n');
    const result = await openChunks(intelHexHandler, [Buffer.from(text)]);
    expect(result.children.map((child) => [child.path, child.bytes.toString()])).toEqual([
      ['@0x00001000', 'first segment'],
      ['@0x00000100', 'lower, later'],
      ['@0x00010000', 'segment base 0x10000'],
    ]);
  });

  it('skips what a consumer leaves of a segment and still yields the next', async () => {
    const text = [record(0, 0, Buffer.from('aaaa')), record(0, 4, Buffer.from('bbbb')), record(0, 0x100, Buffer.from('cccc')), ':00000001FF'].join('\n');
    const result = await openChunks(intelHexHandler, [Buffer.from(text)], { maxChildBytes: 1 });
    expect(result.children.map((child) => [child.path, child.bytes.toString()])).toEqual([
      ['@0x00000000', 'aaaa'],
      ['@0x00000100', 'cccc'],
    ]);
  });

  it('keeps the data of a record with a bad checksum and reports it', async () => {
    const text = [':10FFF000454D5F4E4154494F4E5F545950455F55F3', ':00000001FF'].join('\n');
    const result = await openChunks(intelHexHandler, [Buffer.from(text)]);
    expect(result.children[0]!.bytes).toEqual(payload.subarray(0, 16));
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('line 1 at 0: checksum mismatch') }]);
  });

  it('skips malformed and over-long lines with a problem each, and ignores blank lines', async () => {
    const text = [record(0, 0, Buffer.from('ok')), 'garbage', '', `:${'A'.repeat(2000)}`, record(0, 2, Buffer.from('!')), ':00000001FF'].join('\n');
    const result = await openChunks(intelHexHandler, [Buffer.from(text)]);
    expect(result.children.map((child) => child.bytes.toString())).toEqual(['ok!']);
    expect(result.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('line 2'), expect.stringContaining('line 4 at')]);
  });

  it(`lists at most ${maxRecordProblems} damaged records, then counts the rest`, async () => {
    const text = [...Array.from({ length: maxRecordProblems + 7 }, () => 'junk'), ':00000001FF'].join('\n');
    const result = await openChunks(intelHexHandler, [Buffer.from(text)]);
    expect(result.problems).toHaveLength(maxRecordProblems + 1);
    expect(result.problems.at(-1)!.message).toContain('7 further damaged records');
  });

  it('reports a file without an end-of-file record (truncated) after yielding its data', async () => {
    const result = await openChunks(intelHexHandler, [Buffer.from(objcopyLinear.slice(0, objcopyLinear.indexOf(':08')))]);
    expect(result.children[0]!.bytes).toEqual(payload.subarray(0, 32));
    expect(result.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('no end-of-file record')]);
  });

  it('stops at the end-of-file record', async () => {
    const result = await openChunks(intelHexHandler, [Buffer.from(`${objcopyLinear}${record(0, 0, Buffer.from('after the end'))}\n`)]);
    expect(result.children.map((child) => child.path)).toEqual(['@0x0800fff0']);
  });
});

describe('lines', () => {
  it('splits on LF, CRLF and CR, trims spaces, and cuts over-long lines without holding them', async () => {
    const source = (async function* () {
      yield Buffer.from(' a \r\nb\rc');
      yield Buffer.from('\n' + 'x'.repeat(20) + '\nlast');
    })();
    const seen = [];
    for await (const line of lines(source, 8)) seen.push([Buffer.from(line.text).toString(), line.offset, line.tooLong]);
    expect(seen).toEqual([
      ['a', 0, false],
      ['b', 5, false],
      ['c', 7, false],
      ['xxxxxxxx', 9, true],
      ['last', 30, false],
    ]);
  });
});
