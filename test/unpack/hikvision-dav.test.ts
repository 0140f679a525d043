import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  byteSum,
  chooseDavOrder,
  davEntryBytes,
  davHeaderBytes,
  hikvisionDavHandler,
  maxDavFiles,
  parseDavHeader,
  xorDigicap,
  type DavEntryOrder,
} from '../../src/unpack/firmware/hikvision-dav.js';
import { openChunks } from '../helpers/open-chunks.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entropy } from '../../src/walk/entropy.js';
import { scan } from '../../src/scan/scan.js';

/** Problems of a scan of `image` (the encrypted-member rule is the walker's, applied to every container). */
async function scanProblems(image: Buffer): Promise<{ kind: string; message: string }[]> {
  const path = join(mkdtempSync(join(tmpdir(), 'fwsift-dav-')), 'digicap.dav');
  writeFileSync(path, image);
  const report = await scan([path], { patternsOnly: false });
  return report.inputs[0]!.problems.map((problem) => ({ kind: problem.kind, message: problem.message }));
}

interface Dav {
  readonly variant?: string;
  readonly features?: number;
  readonly order?: DavEntryOrder;
  readonly badChecksum?: string;
  readonly headerChecksum?: number;
}

/** An image from the published layout: XOR-obfuscated header and table, files back to back. */
function dav(files: readonly (readonly [string, Buffer])[], options: Dav = {}): Buffer {
  const headerLength = davHeaderBytes + davEntryBytes * files.length;
  const header = Buffer.alloc(headerLength);
  header.write(options.variant ?? 'SWKH', 0, 'latin1');
  header.writeUInt32LE(headerLength, 8);
  header.writeUInt32LE(files.length, 12);
  header.writeUInt32LE(2, 16);
  header.writeUInt32LE(options.features ?? 0, 32);
  let position = headerLength;
  files.forEach(([name, data], i) => {
    const at = davHeaderBytes + davEntryBytes * i;
    header.write(name, at, 'latin1');
    const [first, second] = (options.order ?? 'length-first') === 'length-first' ? [data.length, position] : [position, data.length];
    header.writeUInt32LE(first, at + 32);
    header.writeUInt32LE(second, at + 36);
    header.writeUInt32LE((byteSum(data) + (name === options.badChecksum ? 1 : 0)) >>> 0, at + 40);
    position += data.length;
  });
  header.writeUInt32LE(options.headerChecksum ?? byteSum(header.subarray(12)), 4);
  return Buffer.concat([xorDigicap(header), ...files.map(([, data]) => data)]);
}

/** Deterministic bytes with the statistics of ciphertext. */
function cipherLike(size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; parts.length * 32 < size; i++) parts.push(createHash('sha256').update(`block ${i}`).digest());
  return Buffer.concat(parts).subarray(0, size);
}

const hroot = gzipSync(Buffer.from('initramfs with 人种'));
const config = Buffer.from('devcfg EM_NATION_TYPE_UYGUR');

describe('xorDigicap', () => {
  it('obfuscates SWKH to e9 9a f7 b6, as seen at the start of real digicap.dav files', () => {
    expect(Buffer.from(xorDigicap(Buffer.from('SWKH'))).toString('hex')).toBe('e99af7b6');
  });
  it('uses key index (i + (i >> 4)) & 0xF and is its own inverse', () => {
    const zeros = new Uint8Array(40);
    const key = xorDigicap(zeros);
    expect(key[16]).toBe(0xcd); // i = 16: (16 + 1) & 0xF = 1
    expect(key[31]).toBe(0xba); // i = 31: (31 + 1) & 0xF = 0
    const text = Buffer.from('any bytes at all, 0123456789abcdef');
    expect(Buffer.from(xorDigicap(xorDigicap(text, 5), 5))).toEqual(text);
  });
});

describe('parseDavHeader', () => {
  const image = dav([['hroot.img', hroot]], { features: 3 });
  it('decodes the obfuscated header', () => {
    expect(parseDavHeader(image)).toEqual({
      ok: true,
      header: { variant: 'SWKH', headerChecksum: byteSum(xorDigicap(image.subarray(0, 108)).subarray(12)), headerLength: 108, fileCount: 1, language: 2, deviceClass: 0, oemCode: 0, signature: 0, features: 3 },
    });
  });
  it.each(Array.from({ length: davHeaderBytes }, (_, length) => length))('rejects a header cut to %i bytes', (length) => {
    expect(parseDavHeader(image.subarray(0, length)).ok).toBe(false);
  });
  it('rejects an unobfuscated SWKH, a zero or huge file count, and a table that does not fit', () => {
    expect(parseDavHeader(Buffer.concat([Buffer.from('SWKH'), Buffer.alloc(60)])).ok).toBe(false);
    const patch = (at: number, value: number) => {
      const plain = Buffer.from(xorDigicap(image.subarray(0, davHeaderBytes)));
      plain.writeUInt32LE(value, at);
      return Buffer.from(xorDigicap(plain));
    };
    expect(parseDavHeader(patch(12, 0)).ok).toBe(false);
    expect(parseDavHeader(patch(12, maxDavFiles + 1)).ok).toBe(false);
    expect(parseDavHeader(patch(8, davHeaderBytes + davEntryBytes - 1)).ok).toBe(false);
  });
});

describe('chooseDavOrder', () => {
  it.each(['length-first', 'offset-first'] as const)('recognises a %s table', (order) => {
    const image = dav([['hroot.img', hroot], ['devcfg.txt', config]], { order });
    const decoded = xorDigicap(image.subarray(0, 152));
    const parsed = parseDavHeader(image);
    if (!parsed.ok) throw new Error(parsed.reason);
    const chosen = chooseDavOrder(decoded, parsed.header, image.length);
    expect(chosen.order).toBe(order);
    expect(chosen.entries.map((entry) => [Buffer.from(entry.name).toString(), entry.offset, entry.length])).toEqual([
      ['hroot.img', 152, hroot.length],
      ['devcfg.txt', 152 + hroot.length, config.length],
    ]);
  });
});

describe('hikvision-dav open', () => {
  it.each(['length-first', 'offset-first'] as const)('yields every file of a %s table as a verbatim child', async (order) => {
    const image = dav([['hroot.img', hroot], ['devcfg.txt', config]], { order });
    const result = await openChunks(hikvisionDavHandler, [image]);
    expect(result.children.map((child) => [child.path, child.bytes])).toEqual([
      ['hroot.img', hroot],
      ['devcfg.txt', config],
    ]);
    for (const child of result.children) expect(image.subarray(child.verbatim!.start, child.verbatim!.end)).toEqual(child.bytes);
    expect(result.problems).toEqual([]);
    expect(result.length).toBe(image.length);
  });

  it('reports a file checksum and a header checksum that do not match, and still opens the files', async () => {
    const result = await openChunks(hikvisionDavHandler, [dav([['hroot.img', hroot], ['devcfg.txt', config]], { badChecksum: 'devcfg.txt', headerChecksum: 7 })]);
    expect(result.children).toHaveLength(2);
    expect(result.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('header checksum'), expect.stringContaining('"devcfg.txt" checksum')]);
  });

  it('reports a high-entropy unrecognised file as encrypted when the header allows encryption', async () => {
    const files = [['hroot.img', hroot], ['app.img', cipherLike(16384)]] as const;
    expect(await scanProblems(dav(files, { features: 1 }))).toEqual([{ kind: 'encrypted', message: expect.stringContaining('"app.img"') }]);
    expect(await scanProblems(dav(files, { features: 0 }))).toEqual([]);
  });

  it('does not call a recognisable format encrypted, however random its bytes (a gzip of random data)', async () => {
    const compressed = gzipSync(cipherLike(16384), { level: 0 });
    expect(await scanProblems(dav([['hroot.img', compressed]], { features: 1 }))).toEqual([]);
  });

  it('reports a 03KH image (AES-encrypted table) as encrypted and opens nothing', async () => {
    const result = await openChunks(hikvisionDavHandler, [dav([['hroot.img', hroot]], { variant: '03KH' })]);
    expect(result.children).toEqual([]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['encrypted']);
  });

  it('opens a 02KH image with the same table layout', async () => {
    const result = await openChunks(hikvisionDavHandler, [dav([['hroot.img', hroot]], { variant: '02KH' })]);
    expect(result.children.map((child) => child.path)).toEqual(['hroot.img']);
  });

  it('reports files outside the image and opens the rest', async () => {
    const image = dav([['hroot.img', hroot], ['devcfg.txt', config]]);
    const result = await openChunks(hikvisionDavHandler, [image.subarray(0, image.length - 5)]);
    expect(result.children.map((child) => child.path)).toEqual(['hroot.img']);
    expect(result.problems).toEqual([{ kind: 'corrupt', message: expect.stringContaining('outside the image') }]);
  });

  it('never throws anything but input errors, wherever the image is cut', async () => {
    const image = dav([['hroot.img', hroot], ['devcfg.txt', config]]);
    for (let cut = 0; cut < image.length; cut++) {
      const result = await openChunks(hikvisionDavHandler, [image.subarray(0, cut)]);
      const kinds = [...(result.error === undefined ? [] : [result.error.kind]), ...result.problems.map((problem) => problem.kind)];
      expect(kinds.length > 0 && kinds.every((kind) => kind === 'corrupt'), `cut ${cut}: ${kinds}`).toBe(true);
    }
  });
});

describe('entropy', () => {
  it('is 0 for one repeated byte and 8 for a uniform histogram', () => {
    const one = new Float64Array(256);
    one[7] = 100;
    expect(entropy(one, 100)).toBe(0);
    expect(entropy(new Float64Array(256).fill(4), 1024)).toBeCloseTo(8, 10);
  });
});

describe('hikvision-dav detect', () => {
  it('carves on the obfuscated magics of SWKH, 02KH and 03KH', () => {
    expect(hikvisionDavHandler.signatures.map((s) => Buffer.from(s.magic).toString('hex'))).toEqual(['e99af7b6', '8afff7b6', '8afef7b6']);
  });
});
