import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arscHandler } from '../../../src/unpack/mobile/arsc.js';
import { binaryXmlHandler } from '../../../src/unpack/mobile/binary-xml.js';
import { readStringPool } from '../../../src/unpack/mobile/string-pool.js';
import { chunkings } from '../../helpers/chunkings.js';
import { openWith, pathOf } from '../helpers/open-handler.js';
import { sweep } from './hostile.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/unpack/clients/${name}`, import.meta.url));
/** aapt output for src/apk (minSdkVersion 21: UTF-8 pools), and the same with --utf16. */
const utf8Table = fixture('resources.arsc');
const utf16Table = fixture('resources-utf16.arsc');
/** res/xml/attributes.xml as aapt compiled it. */
const attributes = fixture('attributes.axml');
const named = (opened: Awaited<ReturnType<typeof openWith>>, encoding: BufferEncoding) => opened.children.map((child) => [pathOf(child.link), child.bytes.toString(encoding)]);

describe('resources.arsc', () => {
  const expected = [
    ['xml/attributes', 'res/xml/attributes.xml'],
    ['string/app_name', 'Face Search'],
    ['string/face_attr_race', 'Race'],
    ['string/app_name[zh-rCN]', '人脸搜索'],
    ['string/face_attr_race[zh-rCN]', '维族人员实时预警'],
    ['array/nation_types[zh-rCN]', '汉族'],
    ['array/nation_types[zh-rCN]', '疆藏人员'],
  ];
  it.each(chunkings(utf8Table).filter((chunking) => !chunking.label.startsWith('split@')))('names each UTF-8 pool string after the resource and language using it ($label)', async ({ chunks }) => {
    const opened = await openWith(arscHandler, utf8Table, { chunks });
    expect(opened.problems).toEqual([]);
    expect(named(opened, 'utf8')).toEqual(expected);
  });
  it('does the same for a UTF-16 pool', async () => {
    const opened = await openWith(arscHandler, utf16Table);
    expect(opened.problems).toEqual([]);
    expect(named(opened, 'utf16le')).toEqual(expected);
    for (const child of opened.children) expect(child.bytes.equals(utf16Table.subarray(child.link.offset, child.link.offset + child.bytes.length))).toBe(true);
  });
  it('rejects a table whose header is not RES_TABLE_TYPE with a 12-byte header', () => {
    expect(arscHandler.detect(utf8Table).ok).toBe(true);
    const other = Buffer.from(utf8Table);
    other.writeUInt16LE(16, 2);
    expect(arscHandler.detect(other).ok).toBe(false);
  });
  it('reports a pool claiming more strings than it holds', async () => {
    const bytes = Buffer.from(utf8Table);
    bytes.writeUInt32LE(0x00ff_ffff, 12 + 8);
    expect((await openWith(arscHandler, bytes)).error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/claims 16777215 strings/) });
  });
  it('reports a string whose length runs past its pool, and keeps the others', async () => {
    const bytes = Buffer.from(utf16Table);
    const at = bytes.indexOf(Buffer.from('维族', 'utf16le')) - 2;
    bytes.writeUInt16LE(0x7000, at);
    const opened = await openWith(arscHandler, bytes);
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/string 4 at 0x[0-9a-f]+ runs past its pool/) })]);
    expect(opened.children).toHaveLength(6);
  });
  it('survives every cut and a sweep of corrupted bytes of both tables', async () => {
    for (const table of [utf8Table, utf16Table]) expect((await sweep(arscHandler, table)).reported).toBeGreaterThan(0);
  });
});

describe('readStringPool', () => {
  it('reads the UTF-8 lengths (UTF-16 length, then byte length) aapt writes', () => {
    const pool = readStringPool(utf8Table, 12);
    expect('error' in pool).toBe(false);
    if ('error' in pool) return;
    expect(pool.utf8).toBe(true);
    const race = pool.strings[4]!;
    expect(utf8Table.subarray(race.start, race.end).toString('utf8')).toBe('维族人员实时预警');
    // 8 UTF-16 units, 24 UTF-8 bytes: the two length bytes before the text.
    expect([...utf8Table.subarray(race.start - 2, race.start)]).toEqual([8, 24]);
  });
});

describe('Android binary XML', () => {
  it.each(chunkings(attributes).filter((chunking) => !chunking.label.startsWith('split@')))('names attribute values and text after their element ($label)', async ({ chunks }) => {
    const opened = await openWith(binaryXmlHandler, attributes, { chunks });
    expect(opened.problems).toEqual([]);
    const byName = new Map(opened.children.map((child) => [pathOf(child.link), child.bytes]));
    const text = (bytes: Buffer | undefined) => bytes?.toString(attributes.readUInt32LE(8 + 16) & 0x100 ? 'utf8' : 'utf16le');
    expect(text(byName.get('attribute@key'))).toBe('EM_NATION_TYPE_UYGUR');
    expect(text(byName.get('attribute@label'))).toBe('肤色');
    expect(text(byName.get('text in attribute'))).toBe('种族属性');
  });
  it('rejects a chunk that is not RES_XML_TYPE followed by a string pool', () => {
    expect(binaryXmlHandler.detect(attributes).ok).toBe(true);
    expect(binaryXmlHandler.detect(utf8Table).ok).toBe(false);
  });
  it('reports a chunk with a bad size; the values it would have named stay in the raw document', async () => {
    const bytes = Buffer.from(attributes);
    const poolSize = bytes.readUInt32LE(8 + 4);
    bytes.writeUInt32LE(4, 8 + poolSize + 4);
    const opened = await openWith(binaryXmlHandler, bytes);
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/bad size/) })]);
    expect(opened.children).toEqual([]);
  });
  it('survives every cut and a sweep of corrupted bytes', async () => {
    expect((await sweep(binaryXmlHandler, attributes)).reported).toBeGreaterThan(0);
  });
});
