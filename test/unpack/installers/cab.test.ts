// Microsoft Cabinet: MSZIP (window carried across 32 KiB blocks) and stored folders made by
// gcab, LZX/Quantum reported unsupported, and hostile variants (truncated, flipped, huge
// lengths) reported as problems.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cabHandler, parseCabHeader } from '../../../src/unpack/installers/cab.js';
import { errorKinds, openChunks } from '../../helpers/open-chunks.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/unpack/installers/${name}`, import.meta.url));
const utf16 = (text: string) => Buffer.from(text, 'utf16le');

describe('cab', () => {
  it.each(['mszip', 'stored'])('opens every member of a gcab %s cabinet, named as stored', async (mode) => {
    const bytes = fixture(`vendor-client--${mode}.cab`);
    const result = await openChunks(cabHandler, [bytes]);
    expect(result.problems).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.children.map((child) => child.path)).toEqual(['analytics.ini', 'docs\\readme-zh.txt']);
    const readme = result.children[1]!.bytes;
    expect(readme.length).toBeGreaterThan(65536);
    expect(readme.includes(utf16('年龄, 人种'))).toBe(true);
    expect(result.children[0]!.bytes.toString('utf8')).toContain('race=EM_NATION_TYPE_UYGUR');
    expect(result.length).toBe(bytes.length);
  });

  it('detects the header with the cabinet length and rejects other versions', () => {
    const head = fixture('vendor-client--mszip.cab').subarray(0, 36);
    expect(cabHandler.detect(head)).toEqual({ ok: true, length: fixture('vendor-client--mszip.cab').length });
    const other = Buffer.from(head);
    other[25] = 2;
    expect(parseCabHeader(other)).toMatchObject({ ok: false });
    expect(cabHandler.detect(Buffer.from('MSCF'))).toMatchObject({ ok: false });
  });

  it('reports an LZX folder as unsupported, naming its members, and yields nothing from it', async () => {
    const bytes = Buffer.from(fixture('vendor-client--mszip.cab'));
    bytes.writeUInt16LE(3 | (15 << 8), 36 + 6); // typeCompress: LZX, window 2^15
    const result = await openChunks(cabHandler, [bytes]);
    expect(result.children).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/LZX.*"analytics\.ini", "docs\\\\readme-zh\.txt"/) })]);
  });

  it('reports a cut cabinet: the first member whole, then corrupt', async () => {
    const result = await openChunks(cabHandler, [fixture('vendor-client--truncated.cab')]);
    expect(result.children[0]!.bytes.toString('utf8')).toContain('EM_NATION_TYPE_UYGUR');
    expect(errorKinds(result)).toContain('corrupt');
  });

  it('reports hostile variants as problems: flipped MSZIP data, huge member size, huge folder count, huge block size', async () => {
    const good = fixture('vendor-client--mszip.cab');
    const flipped = Buffer.from(good);
    for (let i = 200; i < 260; i++) flipped[i] = flipped[i]! ^ 0x55;
    const hugeMember = Buffer.from(good);
    hugeMember.writeUInt32LE(0xffffffff, hugeMember.readUInt32LE(16)); // first CFFILE cbFile
    const hugeFolders = Buffer.from(good);
    hugeFolders.writeUInt16LE(0xffff, 26);
    const hugeBlock = Buffer.from(good);
    hugeBlock.writeUInt16LE(0xffff, hugeBlock.readUInt32LE(36) + 4); // first CFDATA cbData
    for (const variant of [flipped, hugeMember, hugeFolders, hugeBlock]) {
      const result = await openChunks(cabHandler, [variant]);
      expect(errorKinds(result).length).toBeGreaterThan(0);
      expect(errorKinds(result).every((kind) => kind === 'corrupt')).toBe(true);
    }
  });
});
