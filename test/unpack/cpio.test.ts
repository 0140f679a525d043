import { describe, expect, it } from 'vitest';
import { cpioHandler, maxCpioNameBytes, parseCpioHeader, type CpioFormat } from '../../src/unpack/archives/cpio.js';
import { chunkings } from '../helpers/chunkings.js';
import { errorKinds, openChunks } from '../helpers/open-chunks.js';

/** The newc header GNU cpio 2.13 writes for a 6-byte regular file a.txt (`cpio -o -H newc --reproducible`). */
const realNewc = Buffer.from(
  '070701' + '00000000' + '000081A4' + '00000000' + '00000000' + '00000001' + '6B0C6570' + '00000006' + '00000000' + '00000000' + '00000000' + '00000000' + '00000006' + '00000000',
  'latin1',
);

interface Member {
  readonly name: string | Buffer;
  readonly data?: Buffer;
  readonly mode?: number;
  readonly nameSize?: number;
  readonly check?: number;
}

const pad4 = (length: number) => Buffer.alloc((4 - (length % 4)) % 4);

/** Archive bytes in `format`, ending with TRAILER!!! unless `trailer` is false. */
function cpio(format: CpioFormat, members: readonly Member[], trailer = true): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  const push = (bytes: Buffer) => {
    parts.push(bytes);
    at += bytes.length;
  };
  for (const member of [...members, ...(trailer ? [{ name: 'TRAILER!!!', mode: 0 }] : [])]) {
    const name = Buffer.concat([Buffer.isBuffer(member.name) ? member.name : Buffer.from(member.name, 'latin1'), Buffer.of(0)]);
    const data = member.data ?? Buffer.alloc(0);
    const mode = member.mode ?? 0o100644;
    const nameSize = member.nameSize ?? name.length;
    if (format === 'odc') {
      const octal = (value: number, width: number) => value.toString(8).padStart(width, '0');
      push(Buffer.from(`070707${octal(0, 6)}${octal(1, 6)}${octal(mode, 6)}${octal(0, 6)}${octal(0, 6)}${octal(1, 6)}${octal(0, 6)}${octal(0x6592_0080, 11)}${octal(nameSize, 6)}${octal(data.length, 11)}`, 'latin1'));
      push(name);
      push(data);
    } else {
      const sum = member.check ?? (format === 'crc' ? data.reduce((total, byte) => (total + byte) >>> 0, 0) : 0);
      const hex = (value: number) => value.toString(16).toUpperCase().padStart(8, '0');
      const fields = [1, mode, 0, 0, 1, 0x6592_0080, data.length, 0, 0, 0, 0, nameSize, sum];
      push(Buffer.from(`${format === 'crc' ? '070702' : '070701'}${fields.map(hex).join('')}`, 'latin1'));
      push(name);
      push(pad4(at));
      push(data);
      push(pad4(at));
    }
  }
  return Buffer.concat(parts);
}

const files: readonly Member[] = [
  { name: 'docs', mode: 0o040755 },
  { name: 'docs/a.txt', data: Buffer.from('人种 in UTF-8\n') },
  { name: 'docs/link', mode: 0o120777, data: Buffer.from('/etc/passwd') },
  { name: 'docs/empty', data: Buffer.alloc(0) },
  { name: 'dev/console', mode: 0o020600 },
  { name: 'docs/b.bin', data: Buffer.from([0, 1, 2, 3, 4, 5, 6]) },
];

describe('parseCpioHeader', () => {
  it('decodes the header GNU cpio writes', () => {
    expect(parseCpioHeader(realNewc)).toEqual({
      ok: true,
      header: { format: 'newc', headerBytes: 110, inode: 0, mode: 0o100644, nlink: 1, mtime: 0x6b0c6570, fileSize: 6, nameSize: 6, check: 0 },
    });
  });
  it.each(Array.from({ length: 110 }, (_, length) => length))('rejects a newc header cut to %i bytes', (length) => {
    expect(parseCpioHeader(realNewc.subarray(0, length)).ok).toBe(false);
  });
  it.each(Array.from({ length: 13 }, (_, field) => field))('rejects a non-hex digit in field %i', (field) => {
    const bytes = Buffer.from(realNewc);
    bytes[6 + field * 8 + 3] = 0x47; // 'G'
    expect(parseCpioHeader(bytes).ok).toBe(false);
  });
  it('accepts lowercase hex (other writers)', () => {
    expect(parseCpioHeader(Buffer.from(realNewc.toString('latin1').toLowerCase(), 'latin1')).ok).toBe(true);
  });
  it('rejects a zero name size', () => {
    const bytes = Buffer.from(realNewc);
    bytes.write('00000000', 6 + 11 * 8, 'latin1');
    expect(parseCpioHeader(bytes)).toEqual({ ok: false, reason: 'newc name size is 0' });
  });
  it('decodes odc, and rejects an 8 in an octal field', () => {
    const odc = cpio('odc', [{ name: 'x', data: Buffer.from('abc') }], false);
    expect(parseCpioHeader(odc)).toMatchObject({ ok: true, header: { format: 'odc', headerBytes: 76, fileSize: 3, nameSize: 2 } });
    for (let length = 0; length < 76; length++) expect(parseCpioHeader(odc.subarray(0, length)).ok).toBe(false);
    const bad = Buffer.from(odc);
    bad[20] = 0x38;
    expect(parseCpioHeader(bad).ok).toBe(false);
  });
  it('handles the largest field values as exact numbers', () => {
    const bytes = Buffer.from(realNewc);
    bytes.write('FFFFFFFF', 6 + 6 * 8, 'latin1');
    expect(parseCpioHeader(bytes)).toMatchObject({ ok: true, header: { fileSize: 0xffffffff } });
  });
});

describe('cpio open', () => {
  for (const format of ['newc', 'crc', 'odc'] as const) {
    const archive = cpio(format, files);
    it(`${format}: yields regular files only, with verbatim data ranges, for every chunking`, async () => {
      let reference: unknown;
      for (const { label, chunks } of chunkings(archive)) {
        const result = await openChunks(cpioHandler, chunks);
        reference ??= result;
        expect(result, label).toEqual(reference);
      }
      const result = reference as Awaited<ReturnType<typeof openChunks>>;
      expect(result.children.map((child) => [child.path, child.bytes.toString('utf8')])).toEqual([
        ['docs/a.txt', '人种 in UTF-8\n'],
        ['docs/empty', ''],
        ['docs/b.bin', '\u0000\u0001\u0002\u0003\u0004\u0005\u0006'],
      ]);
      for (const child of result.children) {
        expect(archive.subarray(child.verbatim!.start, child.verbatim!.end)).toEqual(child.bytes);
        expect(child.offset).toBe(child.verbatim!.start);
      }
      expect(result.problems).toEqual([]);
      expect(result.length).toBe(archive.length);
    });
  }

  it('crc: reports a data sum that does not match c_check, after the member', async () => {
    const archive = cpio('crc', [{ name: 'a', data: Buffer.from('abc'), check: 1 }]);
    const result = await openChunks(cpioHandler, [archive]);
    expect(result.children.map((child) => child.bytes.toString())).toEqual(['abc']);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('does not match c_check') }]);
  });

  it('crc: checks the sum even when the consumer abandons the member', async () => {
    const archive = cpio('crc', [{ name: 'a', data: Buffer.from('abcdef'), check: 1 }]);
    const result = await openChunks(cpioHandler, [...archive].map((byte) => Uint8Array.of(byte)), { maxChildBytes: 1 });
    expect(result.problems).toHaveLength(1);
  });

  it('keeps hostile names as bytes and yields a repeated name again', async () => {
    const archive = cpio('newc', [
      { name: '../../etc/x', data: Buffer.from('x') },
      { name: '/abs/y', data: Buffer.from('y') },
      { name: Buffer.from([0xff, 0xfe, 0x2f, 0x41]), data: Buffer.from('z') },
      { name: 'self', data: Buffer.alloc(0) },
      { name: 'self', data: Buffer.from('second') },
    ]);
    const result = await openChunks(cpioHandler, [archive]);
    expect(result.children.map((child) => child.path)).toEqual(['../../etc/x', '/abs/y', '\u00ff\u00fe/A', 'self', 'self']);
    expect(result.problems).toEqual([]);
  });

  it(`cuts a name longer than ${maxCpioNameBytes} bytes in the chain and goes on`, async () => {
    const archive = cpio('newc', [{ name: 'n'.repeat(maxCpioNameBytes + 10), data: Buffer.from('data') }, { name: 'next', data: Buffer.from('ok') }]);
    const result = await openChunks(cpioHandler, [archive]);
    expect(result.children.map((child) => [child.path!.length, child.bytes.toString()])).toEqual([
      [maxCpioNameBytes, 'data'],
      [4, 'ok'],
    ]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['corrupt']);
  });

  it('reports an archive without TRAILER!!! after yielding its members', async () => {
    const result = await openChunks(cpioHandler, [cpio('newc', [{ name: 'a', data: Buffer.from('abc') }], false)]);
    expect(result.children.map((child) => child.bytes.toString())).toEqual(['abc']);
    expect(result.error).toEqual({ kind: 'corrupt', message: expect.stringContaining('without a TRAILER!!!') });
  });

  it('stops at a malformed header with a corrupt error', async () => {
    const archive = Buffer.concat([cpio('newc', [{ name: 'a', data: Buffer.from('abc') }], false), Buffer.from('070701zzzz'), Buffer.alloc(100)]);
    const result = await openChunks(cpioHandler, [archive]);
    expect(result.children).toHaveLength(1);
    expect(result.error?.message).toContain('bad header');
  });

  it('stops after TRAILER!!! and reports where the archive ended', async () => {
    const archive = cpio('newc', [{ name: 'a', data: Buffer.from('abc') }]);
    const result = await openChunks(cpioHandler, [Buffer.concat([archive, Buffer.alloc(512), cpio('newc', [{ name: 'b', data: Buffer.from('b') }])])]);
    expect(result.children.map((child) => child.path)).toEqual(['a']);
    expect(result.length).toBe(archive.length);
  });

  it('yields what exists and one corrupt error wherever the archive is cut', async () => {
    const archive = cpio('newc', files);
    const full = (await openChunks(cpioHandler, [archive])).children;
    for (let cut = 0; cut < archive.length; cut++) {
      const result = await openChunks(cpioHandler, [archive.subarray(0, cut)]);
      const kinds = errorKinds(result);
      expect(kinds, `cut ${cut}`).toEqual(['corrupt']);
      result.children.forEach((child, i) => {
        expect(child.path, `cut ${cut}`).toBe(full[i]!.path);
        expect(full[i]!.bytes.subarray(0, child.bytes.length).equals(child.bytes), `cut ${cut}`).toBe(true);
      });
    }
  });
});

describe('cpio detect', () => {
  it('accepts each magic with valid fields and rejects text that merely starts with it', () => {
    for (const format of ['newc', 'crc', 'odc'] as const) expect(cpioHandler.detect(cpio(format, files)).ok).toBe(true);
    expect(cpioHandler.detect(Buffer.from(`070701 was the date; ${'x'.repeat(120)}`)).ok).toBe(false);
  });
  it('declares one carvable signature per magic', () => {
    expect(cpioHandler.signatures.map((s) => Buffer.from(s.magic).toString('latin1'))).toEqual(['070701', '070702', '070707']);
  });
});
