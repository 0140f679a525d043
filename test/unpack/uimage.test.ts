import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { maxMultiImages, parseUImageHeader, uimageHandler } from '../../src/unpack/firmware/uimage.js';
import { chunkings } from '../helpers/chunkings.js';
import { errorKinds, openChunks } from '../helpers/open-chunks.js';

/** `mkimage -A arm -O linux -T kernel -C gzip -a 0x80008000 -e 0x80008000 -n Linux-4.9.37` of a 33-byte gzip. */
const realHeader = Buffer.from(
  '27051956 0ea451c9 65920080 00000021 80008000 80008000 2445f3a1 05020201 4c696e75 782d342e 392e3337'.replace(/ /g, '') + '00'.repeat(20),
  'hex',
);

interface Build {
  readonly name?: string;
  readonly type?: number;
  readonly os?: number;
  readonly breakHeaderCrc?: boolean;
  readonly breakDataCrc?: boolean;
}

/** A uImage with correct CRCs (unless told otherwise) around `payload`. */
function uimage(payload: Uint8Array, build: Build = {}): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x27051956, 0);
  header.writeUInt32BE(0x65920080, 8);
  header.writeUInt32BE(payload.length, 12);
  header.writeUInt32BE((crc32(payload) + (build.breakDataCrc === true ? 1 : 0)) >>> 0, 24);
  header[28] = build.os ?? 5;
  header[29] = 2;
  header[30] = build.type ?? 2;
  header[31] = 0;
  header.write(build.name ?? 'fwsift', 32, 'latin1');
  header.writeUInt32BE((crc32(header) + (build.breakHeaderCrc === true ? 1 : 0)) >>> 0, 4);
  return Buffer.concat([header, payload]);
}

/** A MULTI payload: the size table ended by 0, then each part padded to 4 bytes except the last. */
function multiPayload(parts: readonly Buffer[]): Buffer {
  const table = Buffer.alloc(4 * (parts.length + 1));
  parts.forEach((part, i) => table.writeUInt32BE(part.length, 4 * i));
  const padded = parts.map((part, i) => (i === parts.length - 1 ? part : Buffer.concat([part, Buffer.alloc((4 - (part.length % 4)) % 4)])));
  return Buffer.concat([table, ...padded]);
}

describe('parseUImageHeader', () => {
  it('decodes a real mkimage header and finds its CRC valid', () => {
    const parsed = parseUImageHeader(realHeader);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.header).toMatchObject({
      headerCrcValid: true,
      time: 0x65920080,
      dataSize: 33,
      loadAddress: 0x80008000,
      entryPoint: 0x80008000,
      dataCrc: 0x2445f3a1,
      os: 5,
      arch: 2,
      type: 2,
      compression: 1,
      fieldsPlausible: true,
    });
    expect(Buffer.from(parsed.header.name).toString('latin1')).toBe('Linux-4.9.37');
  });
  it.each(Array.from({ length: 64 }, (_, length) => length))('rejects a header cut to %i bytes', (length) => {
    expect(parseUImageHeader(realHeader.subarray(0, length)).ok).toBe(false);
  });
  it('rejects a wrong magic', () => {
    const bytes = Buffer.from(realHeader);
    bytes[3] = 0x57;
    expect(parseUImageHeader(bytes)).toEqual({ ok: false, reason: 'no uImage magic 27 05 19 56' });
  });
  it('keeps a 32-byte name without NUL whole', () => {
    const bytes = uimage(Buffer.from('x'), { name: 'N'.repeat(32) });
    const parsed = parseUImageHeader(bytes);
    expect(parsed.ok && Buffer.from(parsed.header.name).toString('latin1')).toBe('N'.repeat(32));
  });
});

describe('uimage detect', () => {
  it('states the chunk length as 64 + ih_size', () => {
    expect(uimageHandler.detect(realHeader)).toEqual({ ok: true, length: 64 + 33 });
  });
  it('accepts a header whose CRC fails when its enum bytes are plausible, saying so', () => {
    expect(uimageHandler.detect(uimage(Buffer.from('abc'), { breakHeaderCrc: true }))).toEqual({ ok: true, length: 67, reasons: ['uImage header CRC mismatch'] });
  });
  it('rejects a header whose CRC fails and whose enum bytes are implausible (magic met by chance)', () => {
    expect(uimageHandler.detect(uimage(Buffer.from('abc'), { breakHeaderCrc: true, os: 200 })).ok).toBe(false);
  });
  it('accepts implausible enum bytes when the CRC holds (a vendor value)', () => {
    expect(uimageHandler.detect(uimage(Buffer.from('abc'), { os: 200 })).ok).toBe(true);
  });
});

describe('uimage open', () => {
  const payload = Buffer.from('payload bytes: 人种 EM_NATION_TYPE_UYGUR\n');
  const single = uimage(payload, { name: 'Linux-fwsift' });

  it('yields the payload as a verbatim child named after ih_name, the same for every chunking', async () => {
    for (const { label, chunks } of chunkings(single)) {
      expect(await openChunks(uimageHandler, chunks), label).toEqual({
        children: [{ path: 'Linux-fwsift', offset: 64, bytes: payload, size: payload.length, verbatim: { start: 64, end: 64 + payload.length } }],
        problems: [],
        length: 64 + payload.length,
      });
    }
  });

  it('reports a header CRC mismatch as corrupt and still opens the payload', async () => {
    const result = await openChunks(uimageHandler, [uimage(payload, { breakHeaderCrc: true })]);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('header CRC mismatch') }]);
    expect(result.children[0]!.bytes).toEqual(payload);
  });

  it('reports a data CRC mismatch as corrupt after the payload was read', async () => {
    const result = await openChunks(uimageHandler, [uimage(payload, { breakDataCrc: true })]);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('data CRC mismatch') }]);
    expect(result.children[0]!.bytes).toEqual(payload);
  });

  it('checks the data CRC even when the consumer reads only the first byte', async () => {
    const bytewise = (bytes: Buffer) => [...bytes].map((byte) => Uint8Array.of(byte));
    const ok = await openChunks(uimageHandler, bytewise(single), { maxChildBytes: 1 });
    expect(ok.children[0]!.bytes).toHaveLength(1);
    expect(ok.problems).toEqual([]);
    expect((await openChunks(uimageHandler, bytewise(uimage(payload, { breakDataCrc: true })), { maxChildBytes: 1 })).problems).toHaveLength(1);
  });

  it('yields the payload bytes that exist and a corrupt error, for a cut at every offset', async () => {
    for (let cut = 64; cut < single.length; cut++) {
      const result = await openChunks(uimageHandler, [single.subarray(0, cut)]);
      expect(result.children, `cut ${cut}`).toHaveLength(1);
      expect(result.children[0]!.bytes, `cut ${cut}`).toEqual(payload.subarray(0, cut - 64));
      expect(result.children[0]!.error?.kind, `cut ${cut}`).toBe('corrupt');
      expect(result.problems, `cut ${cut}`).toEqual([]);
    }
  });

  it('fails with a corrupt error, not an exception, when the header itself is cut', async () => {
    for (let cut = 0; cut < 64; cut++) {
      const result = await openChunks(uimageHandler, [single.subarray(0, cut)]);
      expect(result.children).toEqual([]);
      expect(result.error?.kind, `cut ${cut}`).toBe('corrupt');
    }
  });

  describe('multi-file (type 4)', () => {
    const parts = [Buffer.from('kernel part, 13'), Buffer.from('ramdisk part with 人种'), Buffer.from('x')];
    const multi = uimage(multiPayload(parts), { name: 'multi', type: 4 });
    const tableBytes = 4 * (parts.length + 1);
    const starts = [64 + tableBytes, 64 + tableBytes + 16, 64 + tableBytes + 16 + 24];

    it('yields one child per sub-image, name#index, at its padded offset, for every chunking', async () => {
      const expected = parts.map((part, i) => ({ path: `multi#${i}`, offset: starts[i], bytes: part, size: part.length, verbatim: { start: starts[i], end: starts[i]! + part.length } }));
      for (const { label, chunks } of chunkings(multi)) {
        expect(await openChunks(uimageHandler, chunks), label).toEqual({ children: expected, problems: [], length: multi.length });
      }
    });

    it('skips what a consumer leaves of one sub-image and still reads the next', async () => {
      const result = await openChunks(uimageHandler, [...multi].map((byte) => Uint8Array.of(byte)), { maxChildBytes: 1 });
      expect(result.children.map((child) => child.bytes.toString('latin1'))).toEqual(['k', parts[1]!.subarray(0, 1).toString('latin1'), 'x']);
      expect(result.problems).toEqual([]);
    });

    it('reports a sub-image that runs past the payload and opens none from there', async () => {
      const payload = multiPayload(parts);
      payload.writeUInt32BE(1000, 4); // sub-image 1 claims 1000 bytes
      const result = await openChunks(uimageHandler, [uimage(payload, { type: 4 })]);
      expect(result.children.map((child) => child.path)).toEqual(['fwsift#0']);
      expect(result.problems.map((problem) => problem.kind)).toEqual(['corrupt']);
    });

    it(`rejects a size table of more than ${maxMultiImages} entries`, async () => {
      const table = Buffer.alloc(4 * (maxMultiImages + 2));
      for (let i = 0; i <= maxMultiImages; i++) table.writeUInt32BE(1, 4 * i);
      const result = await openChunks(uimageHandler, [uimage(Buffer.concat([table, Buffer.alloc(4096)]), { type: 4 })]);
      expect(result.children).toEqual([]);
      expect(result.error).toEqual({ kind: 'corrupt', message: expect.stringContaining(`more than ${maxMultiImages}`) });
    });

    it('never throws anything but input errors, wherever the image is cut', async () => {
      for (let cut = 0; cut < multi.length; cut++) {
        const result = await openChunks(uimageHandler, [multi.subarray(0, cut)]);
        expect(errorKinds(result).every((kind) => kind === 'corrupt'), `cut ${cut}`).toBe(true);
        expect(errorKinds(result).length, `cut ${cut}`).toBeGreaterThan(0);
      }
    });
  });
});
