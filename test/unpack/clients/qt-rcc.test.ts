import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qtRccHandler } from '../../../src/unpack/executables/qt-rcc.js';
import { chunkings } from '../../helpers/chunkings.js';
import { openWith, pathOf } from '../helpers/open-handler.js';
import { sweep } from './hostile.js';

/** rcc --binary --format-version 2 of src/qrc/app.qrc: labels.txt zlib-compressed (it compresses well), alert.txt stored. */
const rcc = readFileSync(new URL('../../fixtures/unpack/clients/app.rcc', import.meta.url));
const source = (name: string) => readFileSync(new URL(`../../fixtures/unpack/clients/src/qrc/i18n/${name}`, import.meta.url));

describe('Qt binary resources (rcc)', () => {
  it.each(chunkings(rcc).filter((chunking) => !chunking.label.startsWith('split@')))('yields each file by its tree path, inflated or stored ($label)', async ({ chunks }) => {
    const opened = await openWith(qtRccHandler, rcc, { chunks });
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => [pathOf(child.link), child.bytes])).toEqual([
      ['ui/i18n/labels.txt', source('labels.txt')],
      ['ui/i18n/alert.txt', source('alert.txt')],
    ]);
    // The stored file is a slice of the resource file at its offset.
    const stored = opened.children[1]!;
    expect(rcc.subarray(stored.link.offset, stored.link.offset + stored.bytes.length).equals(stored.bytes)).toBe(true);
  });
  it('refuses a version it does not know', () => {
    const bytes = Buffer.from(rcc);
    bytes.writeUInt32BE(9, 4);
    expect(qtRccHandler.detect(bytes).ok).toBe(false);
  });
  it('reports zlib data that does not inflate, a directory beyond the tree, and a zstd file', async () => {
    const broken = Buffer.from(rcc);
    broken.fill(0xff, 0x14 + 8 + 2, 0x14 + 8 + 40);
    expect((await openWith(qtRccHandler, broken)).problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/ui\/i18n\/labels\.txt: zlib data does not inflate/) })]);
    const tree = rcc.readUInt32BE(8);
    const wide = Buffer.from(rcc);
    wide.writeUInt32BE(0x00ff_ffff, tree + 6);
    expect((await openWith(qtRccHandler, wide)).error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/beyond the tree/) });
    const zstd = Buffer.from(rcc);
    // Node 3 is labels.txt (root, ui, i18n, then its files); its flags sit 4 bytes in.
    zstd.writeUInt16BE(4, tree + 3 * 22 + 4);
    expect((await openWith(qtRccHandler, zstd)).problems).toEqual([expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/zstd/) })]);
  });
  it('survives every cut and a sweep of corrupted bytes', async () => {
    expect((await sweep(qtRccHandler, rcc)).reported).toBeGreaterThan(0);
  });
});
