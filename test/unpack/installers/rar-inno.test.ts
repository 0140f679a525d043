// RAR and Inno Setup, the formats that are recognised rather than decoded: RAR members are
// listed (stored ones opened as verbatim slices, compressed ones named in an `unsupported`
// problem), Inno Setup version ids are parsed (the installer itself is opened in inno.test.ts).
// No Debian tool writes either format, so the archives are built here from the published layouts (RAR 5's headers
// carry real CRC-32s, so 7-Zip lists them: the cross-check in the first test).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { innoHandler, parseInnoVersion } from '../../../src/unpack/installers/inno.js';
import { rarHandler } from '../../../src/unpack/installers/rar.js';
import { errorKinds, openChunks } from '../../helpers/open-chunks.js';

const vint = (value: number) => {
  const out: number[] = [];
  let rest = value;
  do {
    out.push((rest & 0x7f) | (rest >= 0x80 ? 0x80 : 0));
    rest = Math.floor(rest / 128);
  } while (rest > 0);
  return Buffer.from(out);
};
/** One RAR 5 header: CRC-32, size, then `body`. */
const rar5Header = (body: Buffer) => {
  const sized = Buffer.concat([vint(body.length), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(sized) >>> 0);
  return Buffer.concat([crc, sized]);
};
/** A RAR 5 file header and its data; method 0 is stored. */
const rar5File = (name: string, data: Buffer, method: number, extra = Buffer.alloc(0)) => {
  const nameBytes = Buffer.from(name, 'utf8');
  const fields = Buffer.concat([vint(0), vint(data.length), vint(0o644), vint(method << 7), vint(1), vint(nameBytes.length), nameBytes, extra]);
  const flags = 2 | (extra.length > 0 ? 1 : 0);
  return Buffer.concat([rar5Header(Buffer.concat([vint(2), vint(flags), ...(extra.length > 0 ? [vint(extra.length)] : []), vint(data.length), fields])), data]);
};
const rar5 = (...files: Buffer[]) =>
  Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), rar5Header(Buffer.concat([vint(1), vint(0), vint(0)])), ...files, rar5Header(Buffer.concat([vint(5), vint(0), vint(0)]))]);

const term = Buffer.from('face attribute: 人种 EM_NATION_TYPE_UYGUR\n', 'utf8');

describe('rar', () => {
  it('lists a RAR 5 archive, opens its stored member verbatim and names the compressed one as unsupported (7-Zip lists the same)', async () => {
    const archive = rar5(rar5File('lang/zh-CN.txt', term, 0), rar5File('bin/client.dll', Buffer.from('not really compressed'), 3));
    const dir = mkdtempSync(join(tmpdir(), 'fwsift-rar-'));
    writeFileSync(join(dir, 'a.rar'), archive);
    const listing = execFileSync('7z', ['l', '-slt', join(dir, 'a.rar')], { encoding: 'utf8' });
    expect(listing).toMatch(/Path = lang\/zh-CN\.txt/);
    expect(listing).toMatch(/Path = bin\/client\.dll/);
    const result = await openChunks(rarHandler, [archive]);
    expect(result.children.map((child) => [child.path, child.bytes.toString('utf8')])).toEqual([['lang/zh-CN.txt', term.toString('utf8')]]);
    const child = result.children[0]!;
    expect(archive.subarray(child.verbatim!.start, child.verbatim!.end).equals(term)).toBe(true);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/RAR 5 .*"bin\/client\.dll"/) })]);
    expect(result.length).toBe(archive.length);
  });

  it('reports an encrypted RAR 5 member (encryption record in the extra area) as encrypted', async () => {
    const encryption = Buffer.concat([vint(3), vint(1), vint(0), vint(0)]);
    const result = await openChunks(rarHandler, [rar5(rar5File('secret.txt', term, 0, encryption))]);
    expect(result.children).toEqual([]);
    expect(errorKinds(result)).toEqual(['encrypted']);
  });

  it('lists a RAR 4 archive: stored member opened, compressed member named', async () => {
    const block = (type: number, flags: number, body: Uint8Array, add: Uint8Array = new Uint8Array(0)) => {
      const head = Buffer.alloc(7);
      head.writeUInt8(type, 2);
      head.writeUInt16LE(flags | (add.length > 0 ? 0x8000 : 0), 3);
      head.writeUInt16LE(7 + body.length, 5);
      return Buffer.concat([head, body, add]);
    };
    const file = (name: string, data: Buffer, method: number) => {
      const fields = Buffer.alloc(25);
      fields.writeUInt32LE(data.length, 0);
      fields.writeUInt32LE(data.length, 4);
      fields.writeUInt8(method, 18);
      fields.writeUInt16LE(name.length, 19);
      return block(0x74, 0x8000, Buffer.concat([fields, Buffer.from(name, 'latin1')]), data);
    };
    const archive = Buffer.concat([Buffer.from('Rar!\x1a\x07\x00', 'latin1'), block(0x73, 0, Buffer.alloc(6)), file('a.txt', term, 0x30), file('b.bin', Buffer.alloc(9), 0x33), block(0x7b, 0, Buffer.alloc(0))]);
    const result = await openChunks(rarHandler, [archive]);
    expect(result.children.map((child) => [child.path, child.bytes.equals(term)])).toEqual([['a.txt', true]]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/RAR 4 .*"b\.bin"/) })]);
  });

  it('reports cut and damaged archives as corrupt, never throws', async () => {
    const archive = rar5(rar5File('lang/zh-CN.txt', term, 0));
    for (const size of [8, 12, 20, 40, archive.length - 3]) expect(errorKinds(await openChunks(rarHandler, [archive.subarray(0, size)]))).toContain('corrupt');
    const huge = Buffer.from(archive);
    huge.writeUInt8(0xff, 12); // the main header's size vint becomes a long number
    huge.writeUInt8(0xff, 13);
    expect(errorKinds(await openChunks(rarHandler, [huge]))).toContain('corrupt');
  });
});

describe('inno', () => {
  const versionId = (text: string) => Buffer.concat([Buffer.from(text, 'latin1'), Buffer.alloc(64 - text.length)]);

  it('reports Inno Setup data whose first block header fails its CRC32 as corrupt (the opened installer: inno.test.ts)', async () => {
    const data = Buffer.concat([versionId('Inno Setup Setup Data (6.2.2) (u)'), Buffer.alloc(100, 0x5a)]);
    expect(innoHandler.detect(data)).toEqual({ ok: true });
    const result = await openChunks(innoHandler, [data]);
    expect(result.children).toEqual([]);
    expect(errorKinds(result)).toEqual(['corrupt']);
  });

  it('accepts the version ids innoextract knows and rejects look-alikes', () => {
    expect(parseInnoVersion(versionId('Inno Setup Setup Data (5.5.7)'))).toEqual({ ok: true, version: '5.5.7', unicode: false });
    expect(parseInnoVersion(versionId('Inno Setup Setup Data (5.3.10) (u)'))).toEqual({ ok: true, version: '5.3.10', unicode: true });
    expect(parseInnoVersion(versionId('Inno Setup Setup Data (x)'))).toMatchObject({ ok: false });
    expect(parseInnoVersion(Buffer.from('Inno Setup Setup Data (5.5.7)'))).toMatchObject({ ok: false });
  });
});
