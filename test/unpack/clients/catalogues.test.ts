import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gettextMoHandler } from '../../../src/unpack/executables/gettext-mo.js';
import { qmHandler } from '../../../src/unpack/executables/qt-qm.js';
import { bplistHandler } from '../../../src/unpack/mobile/bplist.js';
import { chunkings } from '../../helpers/chunkings.js';
import { openWith, pathOf } from '../helpers/open-handler.js';
import { sweep } from './hostile.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/unpack/clients/${name}`, import.meta.url));
const streamed = (bytes: Uint8Array) => chunkings(bytes).filter((chunking) => !chunking.label.startsWith('split@'));
/** lrelease output for src/face_zh.ts.xml. */
const qm = fixture('face_zh.qm');
/** msgfmt output for src/face_zh.po. */
const mo = fixture('face_zh.mo');
describe('Qt .qm', () => {
  it.each(streamed(qm))('yields each translation (UTF-16BE) named context/source ($label)', async ({ chunks }) => {
    const opened = await openWith(qmHandler, qm, { chunks });
    expect(opened.problems).toEqual([]);
    const translations = opened.children.filter((child) => !pathOf(child.link)!.endsWith('(source)'));
    expect(translations.map((child) => [pathOf(child.link), Buffer.from(child.bytes).swap16().toString('utf16le')])).toEqual([
      ['AlarmPage/Real-time minority alert', '维族人员实时预警'],
      ['FaceDialog/Race', '人种'],
      ['FaceDialog/Skin colour', '肤色'],
    ]);
    expect(opened.children.filter((child) => pathOf(child.link)!.endsWith('(source)')).map((child) => child.bytes.toString('utf8'))).toEqual(['Real-time minority alert', 'Race', 'Skin colour']);
    expect(opened.length).toBe(qm.length);
  });
  it('reports a section longer than the file, and a message item with an unknown tag', async () => {
    const long = Buffer.from(qm);
    long.writeUInt32BE(0x7fff_ffff, 17);
    expect((await openWith(qmHandler, long)).error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/claims 2147483647 bytes/) });
    const unknown = Buffer.from(qm);
    const messages = unknown.indexOf(Buffer.of(0x69, 0, 0, 0));
    unknown[messages + 5] = 0x42;
    const opened = await openWith(qmHandler, unknown);
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/tag 66/) })]);
  });
  it('survives every cut and a sweep of corrupted bytes', async () => {
    expect((await sweep(qmHandler, qm)).reported).toBeGreaterThan(0);
  });
});

describe('gettext .mo', () => {
  it.each(streamed(mo))('yields msgids and translations named after the msgid ($label)', async ({ chunks }) => {
    const opened = await openWith(gettextMoHandler, mo, { chunks });
    expect(opened.problems).toEqual([]);
    const byName = new Map(opened.children.map((child) => [pathOf(child.link), child.bytes.toString('utf8')]));
    expect(byName.get('msgstr "Race"')).toBe('人种');
    expect(byName.get('msgstr "Xinjiang and Tibet (custom build)"')).toBe('疆藏(需定制支持)');
    expect(byName.get('msgid "Race"')).toBe('Race');
  });
  it('reads a big-endian catalogue the same way', async () => {
    expect(gettextMoHandler.detect(Buffer.from('950412de00000000000000000000001c0000001c0000000000000000', 'hex')).ok).toBe(true);
  });
  it('refuses a major revision above 1, and reports tables that run past the file', async () => {
    const revision = Buffer.from(mo);
    revision.writeUInt32LE(0x0002_0000, 4);
    expect(gettextMoHandler.detect(revision).ok).toBe(false);
    const tables = Buffer.from(mo);
    tables.writeUInt32LE(0x0100_0000, 8);
    expect((await openWith(gettextMoHandler, tables)).error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/run past/) });
  });
  it('reports a string that lies outside the file', async () => {
    const bytes = Buffer.from(mo);
    const translations = bytes.readUInt32LE(16);
    bytes.writeUInt32LE(0x7fff_0000, translations + 8 + 4);
    const opened = await openWith(gettextMoHandler, bytes);
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/1 string\(s\) lie outside/) })]);
  });
  it('survives every cut and a sweep of corrupted bytes', async () => {
    expect((await sweep(gettextMoHandler, mo)).reported).toBeGreaterThan(0);
  });
});

describe('binary plist', () => {
  /** plistlib's binary Info.plist (also packed in FaceSearch.ipa). */
  const info = fixture('Info.plist');
  it.each(streamed(info))('names each string by its key path from the top object ($label)', async ({ chunks }) => {
    const opened = await openWith(bplistHandler, info, { chunks });
    expect(opened.problems).toEqual([]);
    const byName = new Map(opened.children.map((child) => [pathOf(child.link), child.bytes]));
    expect(Buffer.from(byName.get('/FaceAttributes/0/label')!).swap16().toString('utf16le')).toBe('人种');
    expect(byName.get('/FaceAttributes/1/label')!.toString('latin1')).toBe('EM_NATION_TYPE_UYGUR');
    expect(byName.get('/CFBundleIdentifier')!.toString('latin1')).toBe('com.vendor.facesearch');
    expect(byName.get('/CFBundleIdentifier (key)')!.toString('latin1')).toBe('CFBundleIdentifier');
  });
  it('ends a cycle of containers (an array holding itself) and reports an inconsistent trailer', async () => {
    // bplist00, object 0 = array of one ref to object 0; offset table; trailer.
    const cyclic = Buffer.concat([Buffer.from('bplist00'), Buffer.of(0xa1, 0x00), Buffer.of(0x08), Buffer.alloc(6), Buffer.of(1, 1), Buffer.from('0000000000000001', 'hex'), Buffer.alloc(8), Buffer.from('000000000000000a', 'hex')]);
    const opened = await openWith(bplistHandler, cyclic);
    expect(opened.error).toBeUndefined();
    expect(opened.children).toEqual([]);
    const bad = Buffer.from(info);
    bad.writeUInt32BE(0x7fff_ffff, bad.length - 4);
    expect((await openWith(bplistHandler, bad)).error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/trailer is inconsistent/) });
  });
  it('survives every cut and a sweep of corrupted bytes', async () => {
    expect((await sweep(bplistHandler, info)).reported).toBeGreaterThan(0);
  });
});
