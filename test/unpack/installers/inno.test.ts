// Inno Setup: the installer made by test/fixtures/build/make-inno.py (6.0.0, Unicode; innoextract
// lists and extracts its file) is opened: the setup header block and the file's LZMA chunk come
// out decompressed, and damaged copies are reported as problems.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc32Standard } from '../../../src/unpack/codecs/checksums.js';
import { innoHandler } from '../../../src/unpack/installers/inno.js';
import { joinPieces, knowsDataEntries } from '../../../src/unpack/installers/inno-blocks.js';
import { chunkings } from '../../helpers/chunkings.js';
import { openWith, pathOf } from '../helpers/open-handler.js';
import { sweep } from '../clients/hostile.js';

const installer = readFileSync(new URL('../../fixtures/unpack/installers/vendor-client-setup--inno-6.0.0u.exe', import.meta.url));
/** The installer data as the carver hands it on: from the version id to the end. */
const data = installer.subarray(installer.indexOf('Inno Setup Setup Data ('));
const utf16 = (text: string) => Buffer.from(text, 'utf16le');

describe('inno', () => {
  it.each(chunkings(data).filter((chunking) => ['whole', '7-byte', '4096-byte'].includes(chunking.label)))('opens the setup header and the data chunk ($label)', async ({ chunks }) => {
    const opened = await openWith(innoHandler, data, { chunks });
    expect([opened.problems, opened.error]).toEqual([[], undefined]);
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(['[setup header]', 'chunk@0x0 (data #0)']);
    const [header, chunk] = opened.children;
    expect(header!.bytes.includes(utf16('人脸属性: 性别, 年龄, 人种'))).toBe(true);
    expect(header!.bytes.includes(utf16('{app}\\lang\\alerts.txt'))).toBe(true);
    expect(chunk!.bytes.toString('utf16le')).toBe('fixture inno: lang\\alerts.txt (UTF-16LE)\r\n告警: 维族人员实时预警\r\n');
    expect(opened.length).toBe(data.indexOf('zlb\x1a'));
  });

  it('reports a block whose piece fails its CRC32, a cut installer and a missing chunk as corrupt', async () => {
    const flipped = Buffer.from(data);
    flipped[64 + 9 + 4 + 100]! ^= 0xff;
    const bad = await openWith(innoHandler, flipped);
    expect([bad.children, bad.error?.kind, bad.error?.message]).toEqual([[], 'corrupt', expect.stringMatching(/piece 0 of the block at 64 fails its CRC32/)]);
    const cut = await openWith(innoHandler, data.subarray(0, 3000));
    expect([cut.error?.kind, cut.error?.message]).toEqual(['corrupt', expect.stringMatching(/runs \d+ bytes past the end of the data \(truncated\)/)]);
    const noChunk = await openWith(innoHandler, data.subarray(0, data.indexOf('zlb\x1a') + 10));
    expect(noChunk.children.map((child) => pathOf(child.link))).toEqual(['[setup header]']);
    expect(noChunk.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/no chunk of \d+ bytes/) })]);
  });

  it('bounds a block header claiming a huge size, and names versions it does not decode', async () => {
    const huge = Buffer.from(data);
    huge.writeUInt32LE(0xffff_fff0, 64 + 4);
    huge.writeUInt32LE(crc32Standard(huge.subarray(64 + 4, 64 + 9)), 64);
    expect((await openWith(innoHandler, huge)).error?.kind).toBe('limit');
    const old = Buffer.concat([Buffer.from('Inno Setup Setup Data (4.0.5)'.padEnd(64, '\0'), 'latin1'), Buffer.alloc(64)]);
    expect((await openWith(innoHandler, old)).problems).toEqual([expect.objectContaining({ kind: 'unsupported', message: expect.stringContaining('before 4.0.9') })]);
    expect([knowsDataEntries([5, 5, 7]), knowsDataEntries([6, 2, 2]), knowsDataEntries([5, 5, 6]), knowsDataEntries([6, 3, 0])]).toEqual([true, true, false, false]);
  });

  it('rejects a piece list that ends inside a CRC', () => {
    expect(() => joinPieces(Uint8Array.of(1, 2, 3), 0)).toThrow(/ends inside a piece's CRC32/);
  });

  it('survives every cut and a sweep of corrupted bytes', async () => {
    const { opened, reported } = await sweep(innoHandler, data);
    expect(opened).toBeGreaterThan(100);
    expect(reported).toBeGreaterThan(50);
  });
});
