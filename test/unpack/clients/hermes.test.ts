// Hermes bytecode bundles: the fixture is written by test/fixtures/build/make-hermes.py (version
// 96, checked by hermes-dec's hbc-file-parser) with ASCII, UTF-16, overflowed and packed strings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeStrings } from '../../../src/unpack/mobile/hermes-layout.js';
import { hermesHandler, maxTableBytes } from '../../../src/unpack/mobile/hermes.js';
import { chunkings } from '../../helpers/chunkings.js';
import { openWith, pathOf } from '../helpers/open-handler.js';
import { sweep } from './hostile.js';

const bundle = readFileSync(new URL('../../fixtures/unpack/clients/hermes--index.android.bundle', import.meta.url));
/** Header fields (BytecodeFileHeader): u32 offsets. */
const stringCountAt = 52;
const overflowCountAt = 56;
/** The small string table starts after the 128-byte header, one 16-byte function header and one string-kind run. */
const smallTableAt = 128 + 16 + 4;

const patched = (edit: (copy: Buffer) => void) => {
  const copy = Buffer.from(bundle);
  edit(copy);
  return copy;
};

describe('Hermes bytecode handler', () => {
  it('detects the bundle with its version and file length, and refuses look-alikes', () => {
    expect(hermesHandler.detect(bundle)).toEqual({ ok: true, length: bundle.length, reasons: ['Hermes bytecode version 96'] });
    // The delta-prepped form has the inverted magic; a JavaScript bundle starts with text.
    expect(hermesHandler.detect(patched((copy) => copy.fill(0xff, 0, 8))).ok).toBe(false);
    expect(hermesHandler.detect(Buffer.from('var __BUNDLE_START_TIME__=this.nativePerformanceNow?nativePerformanceNow():Date.now()'.padEnd(200)))).toMatchObject({ ok: false });
    expect(hermesHandler.detect(patched((copy) => copy.writeUInt32LE(7, 8)))).toMatchObject({ ok: false, reason: expect.stringMatching(/version 7/) });
    expect(hermesHandler.detect(bundle.subarray(0, 100)).ok).toBe(false);
  });

  it.each(chunkings(bundle).filter((chunking) => !chunking.label.startsWith('split@')))('yields every string as stored, packed strings as one child ($label)', async ({ chunks }) => {
    const opened = await openWith(hermesHandler, bundle, { chunks });
    expect(opened.problems).toEqual([]);
    expect(opened.error).toBeUndefined();
    expect(opened.length).toBe(bundle.length);
    const shown = opened.children.map((child) => [pathOf(child.link), child.bytes.toString(pathOf(child.link)!.startsWith('string #2') || pathOf(child.link)!.startsWith('string #3') ? 'utf16le' : 'latin1')]);
    expect(shown.slice(0, 3)).toEqual([
      ['string #0', 'global'],
      ['string #1 (+1 packed with it)', 'faceAttribute_EM_NATION_TYPE_UYGUR'],
      ['string #2', '人脸属性: 人种'],
    ]);
    expect(shown[3]![0]).toBe('string #3');
    expect(shown[3]![1]).toMatch(/^告警类型 ·+ 维族人员实时预警 。+$/);
    expect(opened.children).toHaveLength(4);
    // Each child is a verbatim slice of the bundle at its offset.
    for (const child of opened.children) expect(bundle.subarray(child.link.offset, child.link.offset! + child.bytes.length)).toEqual(child.bytes);
  });

  it('merges strings Hermes packed into each other, and keeps disjoint ones apart', () => {
    const strings = [
      { id: 4, utf16: false, start: 20, end: 30 },
      { id: 1, utf16: false, start: 10, end: 25 },
      { id: 0, utf16: false, start: 0, end: 6 },
      { id: 2, utf16: true, start: 30, end: 40 },
    ];
    expect(mergeStrings(strings)).toEqual([
      { path: 'string #0', start: 0, end: 6 },
      { path: 'string #1 (+1 packed with it)', start: 10, end: 30 },
      { path: 'string #2', start: 30, end: 40 },
    ]);
  });

  it('reports an entry pointing past the storage or at a missing overflow entry as corrupt, and opens the rest', async () => {
    // String #2's small entry gets the largest offset; string #3's overflow index becomes 9.
    const opened = await openWith(hermesHandler, patched((copy) => {
      copy.writeUInt32LE(((copy.readUInt32LE(smallTableAt + 8) & 0xff00_0001) | (0x7f_fff0 << 1)) >>> 0, smallTableAt + 8);
      copy.writeUInt32LE(((copy.readUInt32LE(smallTableAt + 12) & 0xff00_0001) | (9 << 1)) >>> 0, smallTableAt + 12);
    }));
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/2 string table entries point outside the string storage/) })]);
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(['string #0', 'string #1 (+1 packed with it)']);
  });

  it('reports a count whose tables run past the object as corrupt, and tables past the memory bound as a limit', async () => {
    const cut = await openWith(hermesHandler, patched((copy) => {
      copy.writeUInt32LE(0xffff_ffff, 32);
      copy.writeUInt32LE(0x0fff_ffff, stringCountAt);
    }));
    expect([cut.children, cut.error?.kind, cut.error?.message]).toEqual([[], 'corrupt', expect.stringMatching(/string storage ends at \d+, past the object's 884 bytes/)]);
    // A real table one entry over the bound: the header of the fixture, then zeroed entries.
    const count = maxTableBytes / 4 + 1;
    const big = Buffer.alloc(smallTableAt + count * 4 + 64);
    bundle.copy(big, 0, 0, smallTableAt);
    big.writeUInt32LE(big.length, 32);
    big.writeUInt32LE(count, stringCountAt);
    big.writeUInt32LE(0, overflowCountAt);
    big.writeUInt32LE(0, 60);
    const limited = await openWith(hermesHandler, big);
    expect([limited.children, limited.error?.kind, limited.error?.message]).toEqual([[], 'limit', expect.stringMatching(/exceed the 16777216-byte bound/)]);
  });

  it('survives every cut and a sweep of corrupted bytes', async () => {
    const { opened, reported } = await sweep(hermesHandler, bundle);
    expect(opened).toBeGreaterThan(50);
    expect(reported).toBeGreaterThan(0);
  });
});
