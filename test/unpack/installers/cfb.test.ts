// Compound File Binary / MSI: streams of an msibuild package named with MSI's packed names
// decoded, the string pool split into lines, the embedded cabinet handed on whole, and hostile
// variants (cut, looping chains, huge counts and sizes) reported as problems, never thrown.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cfbHandler, parseCfbHeader } from '../../../src/unpack/installers/cfb.js';
import { decodeMsiStreamName, isMsiPackage } from '../../../src/unpack/installers/msi-names.js';
import { stringPoolLines } from '../../../src/unpack/installers/msi-strings.js';
import { errorKinds, openChunks } from '../../helpers/open-chunks.js';

const msi = readFileSync(new URL('../../fixtures/unpack/installers/vendor-client.msi', import.meta.url));
const cab = readFileSync(new URL('../../fixtures/unpack/installers/vendor-client--mszip.cab', import.meta.url));
const sectorOffset = (sector: number) => (sector + 1) * 512;
const directoryEntry = (bytes: Buffer, index: number) => sectorOffset(bytes.readUInt32LE(48)) + index * 128;

describe('cfb', () => {
  it('yields every stream of an msibuild MSI with decoded names, and the string pool one string per line', async () => {
    const result = await openChunks(cfbHandler, [msi]);
    expect(result.problems).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.children.map((child) => child.path).sort()).toEqual(
      ['!Property', '!_Columns', '!_StringData', '!_StringData:lines', '!_StringPool', '!_Tables', '\x05SummaryInformation', 'product.cab'].sort(),
    );
    const lines = result.children.find((child) => child.path === '!_StringData:lines')!.bytes.toString('latin1');
    expect(lines.split('\n')).toContain('EM_NATION_TYPE_UYGUR');
    const embedded = result.children.find((child) => child.path === 'product.cab')!.bytes;
    expect(embedded.subarray(0, 4).toString('latin1')).toBe('MSCF');
    expect(result.length).toBe(msi.length);
  });

  it('decodes packed MSI names as Wine does and keeps other Compound File names as they are', () => {
    expect(decodeMsiStreamName('\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824')).toBe('!_StringData');
    expect(decodeMsiStreamName('\u4573\u41f2\u41b8\u47b7\u4126\u4825')).toBe('product.cab');
    expect(decodeMsiStreamName('WordDocument')).toBe('WordDocument');
    expect(isMsiPackage(new Uint8Array(16), ['WordDocument', '\u4e2d\u6587'])).toBe(false);
    expect(isMsiPackage(new Uint8Array(16), ['\u4840\u3f3f'])).toBe(true);
  });

  it('splits a pool with an empty slot and a long (>= 64 KiB) string', () => {
    const long = Buffer.alloc(70000, 0x61);
    const data = Buffer.concat([Buffer.from('ab'), long, Buffer.from('EM_RACE')]);
    const pool = Buffer.alloc(4 * 6);
    pool.writeUInt32LE(65001, 0);
    // "ab"; an unused id; a long string (zero length, then its low and high words); "EM_RACE".
    for (const [at, value] of [[4, 2], [6, 1], [8, 0], [10, 0], [12, 0], [14, 1], [16, 70000 & 0xffff], [18, 70000 >>> 16], [20, 7], [22, 1]] as const) pool.writeUInt16LE(value, at);
    const { codePage, lines } = stringPoolLines(pool, data);
    expect(codePage).toBe(65001);
    expect(Buffer.from(lines).toString('latin1').split('\n')).toEqual(['ab', 'a'.repeat(70000), 'EM_RACE', '']);
    expect(() => stringPoolLines(pool, data.subarray(0, 100))).toThrow(/run past/);
  });

  it('detects version 3 and 4 headers only', () => {
    expect(cfbHandler.detect(msi.subarray(0, 512))).toEqual({ ok: true });
    const v5 = Buffer.from(msi.subarray(0, 512));
    v5.writeUInt16LE(5, 26);
    expect(parseCfbHeader(v5)).toMatchObject({ ok: false });
    expect(cfbHandler.detect(cab.subarray(0, 512))).toMatchObject({ ok: false });
  });

  const hostile: [string, (bytes: Buffer) => void][] = [
    ['huge FAT sector count', (b) => b.writeUInt32LE(0xffffffff, 44)],
    ['a directory chain that loops', (b) => b.writeUInt32LE(b.readUInt32LE(48), sectorOffset(b.readUInt32LE(76)) + 4 * b.readUInt32LE(48))],
    ['a sibling tree that loops', (b) => b.writeUInt32LE(1, directoryEntry(b, 2) + 72)],
    ['a stream far larger than its chain', (b) => b.writeUInt32LE(0x7fffffff, directoryEntry(b, 4) + 120)],
    ['a stream starting beyond the FAT', (b) => b.writeUInt32LE(0x00ffffff, directoryEntry(b, 4) + 116)],
    ['a mini stream start beyond the mini FAT', (b) => b.writeUInt32LE(0x00ffffff, directoryEntry(b, 1) + 116)],
    ['a flipped first directory sector', (b) => b.writeUInt32LE(0x7ffffff0, 48)],
  ];
  it.each(hostile)('reports %s as a problem, never an exception', async (_label, patch) => {
    const bytes = Buffer.from(msi);
    patch(bytes);
    const result = await openChunks(cfbHandler, [bytes]);
    expect(errorKinds(result).length).toBeGreaterThan(0);
    expect(errorKinds(result).every((kind) => kind === 'corrupt')).toBe(true);
  });

  it('reads a sector chain once: a second stream pointed at the same chain is corrupt, not a second copy', async () => {
    const bytes = Buffer.from(msi);
    // Two entries made regular (5000 bytes, above the mini-stream cutoff) on the same chain.
    for (const index of [3, 4]) {
      bytes.writeUInt32LE(0, directoryEntry(bytes, index) + 116);
      bytes.writeUInt32LE(5000, directoryEntry(bytes, index) + 120);
    }
    const result = await openChunks(cfbHandler, [bytes]);
    const messages = result.children.flatMap((child) => (child.error === undefined ? [] : [child.error.message]));
    expect(messages.filter((message) => /which an earlier stream holds/.test(message))).toHaveLength(1);
  });

  it.each([600, 1500, 2600])('reports the MSI cut at %i bytes as corrupt', async (size) => {
    const result = await openChunks(cfbHandler, [msi.subarray(0, size)]);
    expect(errorKinds(result)).toContain('corrupt');
  });
});
