import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { javaClassHandler } from '../../../src/unpack/executables/java-class.js';
import { decodeMutf8, differsFromUtf8 } from '../../../src/unpack/executables/mutf8.js';
import { dexHandler } from '../../../src/unpack/mobile/dex.js';
import { chunkings } from '../../helpers/chunkings.js';
import { openWith, pathOf } from '../helpers/open-handler.js';
import { sweep } from './hostile.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/unpack/clients/${name}`, import.meta.url));
/** javac 17 output for src/java/com/vendor/face/Labels.java (also packed in face.jar). */
const labelsClass = () => fixture('Labels.class');
const dex = fixture('classes.dex');

describe('modified UTF-8', () => {
  it('decodes an encoded NUL and a surrogate pair written as two 3-byte sequences', () => {
    // U+20000 is D840 DC00: ED A1 80 ED B0 80 in modified UTF-8 (F0 A0 80 80 in UTF-8).
    const stored = Buffer.from([0x41, 0xc0, 0x80, 0xed, 0xa1, 0x80, 0xed, 0xb0, 0x80, ...Buffer.from('人种')]);
    expect(differsFromUtf8(stored)).toBe(true);
    expect(decodeMutf8(stored)).toBe('A\u0000\u{20000}人种');
  });
  it('leaves BMP text alone: it is already UTF-8', () => {
    expect(differsFromUtf8(Buffer.from('疆藏人员 EM_NATION_TYPE_UYGUR'))).toBe(false);
  });
  it('turns a malformed byte into U+FFFD and goes on', () => {
    expect(decodeMutf8(Buffer.from([0xff, 0x41]))).toBe('\ufffdA');
  });
});

describe('Java class handler', () => {
  const bytes = labelsClass();
  it('detects a class file and refuses a Mach-O fat header (same magic, arch count 2)', () => {
    expect(javaClassHandler.detect(bytes).ok).toBe(true);
    expect(javaClassHandler.detect(Buffer.from('cafebabe0000000201000007', 'hex')).ok).toBe(false);
  });
  it.each(chunkings(bytes).filter((chunking) => !chunking.label.startsWith('split@')))('yields a decoded child only for the constant that is not plain UTF-8 ($label)', async ({ chunks }) => {
    const opened = await openWith(javaClassHandler, bytes, { chunks });
    expect(opened.problems).toEqual([]);
    // javap -v: #12 = Utf8 "\u{20000} 肤色", stored as ED A1 80 ED B0 80 then UTF-8; the other literals are plain UTF-8, found raw in the class.
    expect(opened.children.map((child) => [pathOf(child.link), child.bytes.toString('utf8')])).toEqual([['constant #12 decoded', '\u{20000} 肤色']]);
    expect(bytes.subarray(opened.children[0]!.link.offset, opened.children[0]!.link.offset + 6).toString('hex')).toBe('eda180edb080');
  });
  it('reports an unknown constant tag and a pool cut short', async () => {
    const badTag = Buffer.from(bytes);
    badTag[10] = 0x63;
    expect((await openWith(javaClassHandler, badTag)).error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/unknown tag 99/) });
    expect((await openWith(javaClassHandler, bytes.subarray(0, 40))).error).toMatchObject({ kind: 'corrupt' });
  });
  it('survives every cut and a sweep of corrupted bytes', async () => {
    expect((await sweep(javaClassHandler, bytes)).reported).toBeGreaterThan(0);
  });
});

describe('dex handler', () => {
  it('detects the script-built dex (checked by dexdump) and not a dex-like text', () => {
    expect(dexHandler.detect(dex)).toEqual({ ok: true, length: dex.length });
    expect(dexHandler.detect(Buffer.from('dex\n035\0'.padEnd(0x70, ' '))).ok).toBe(false);
  });
  it.each(chunkings(dex).filter((chunking) => !chunking.label.startsWith('split@')))('yields every string id verbatim, and a decoded copy of the one that is not plain UTF-8 ($label)', async ({ chunks }) => {
    const opened = await openWith(dexHandler, dex, { chunks });
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(['string #0', 'string #1', 'string #2', 'string #3', 'string #3 decoded']);
    expect(opened.children[2]!.bytes.toString('utf8')).toBe('涉疆人员分析');
    expect(opened.children[4]!.bytes.toString('utf8')).toBe('\u{20000} supplementary plane, then 肤色');
  });
  it('reports a checksum mismatch and still opens the strings', async () => {
    const bytes = Buffer.from(dex);
    bytes[dex.indexOf(Buffer.from('EM_NATION'))] = 0x65;
    const opened = await openWith(dexHandler, bytes);
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/checksum/) })]);
    expect(opened.children).toHaveLength(5);
  });
  it('reports string ids that point outside the file, and a string table larger than the file', async () => {
    const outside = Buffer.from(dex);
    outside.writeUInt32LE(0x7fff_0000, 0x70);
    expect((await openWith(dexHandler, outside)).problems.map((problem) => problem.message)).toContainEqual(expect.stringMatching(/1 string id\(s\) point outside/));
    const huge = Buffer.from(dex);
    huge.writeUInt32LE(0x1000_0000, 56);
    expect((await openWith(dexHandler, huge)).error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/string_ids/) });
  });
  it('survives every cut and a sweep of corrupted bytes', async () => {
    expect((await sweep(dexHandler, dex)).reported).toBeGreaterThan(0);
  });
});
