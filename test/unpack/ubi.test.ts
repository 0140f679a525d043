// UBI: the real ubinize image (test/fixtures/unpack/ubi/), then PEB-level behaviour on images
// built PEB by PEB (helpers/flash-builders.ts): LEB order, duplicate LEBs, holes, the volume
// table, damaged headers, the image end.
import { describe, expect, it } from 'vitest';
import { parseEcHeader, parseVolumeTable, ubiHandler } from '../../src/unpack/filesystems/ubi.js';
import { ubifsHandler } from '../../src/unpack/filesystems/ubifs.js';
import { ubiEcHeader, ubiLayoutVolumeId, ubiLebBytes, ubiPeb, ubiVolumeTable } from './helpers/flash-builders.js';
import { openWith, pathOf } from './helpers/open-handler.js';
import { concat, unpackFixture } from './helpers/stream-fixtures.js';

const text = (value: string) => new TextEncoder().encode(value);
const leb = (value: string) => {
  const bytes = new Uint8Array(ubiLebBytes).fill(0x2e);
  bytes.set(text(value));
  return bytes;
};
const layout = (volumes: Parameters<typeof ubiVolumeTable>[0]) => [
  ubiPeb({ volumeId: ubiLayoutVolumeId, lnum: 0 }, ubiVolumeTable(volumes)),
  ubiPeb({ volumeId: ubiLayoutVolumeId, lnum: 1 }, ubiVolumeTable(volumes)),
];

describe('ubi images made by ubinize', () => {
  it('ubifs-lzo.ubi: one volume "rootfs", a UBIFS image, the whole file as the chunk', async () => {
    const image = unpackFixture('ubi/ubifs-lzo.ubi');
    const opened = await openWith(ubiHandler, image);
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(['rootfs']);
    expect(opened.length).toBe(image.length);
    const volume = opened.children[0]!.bytes;
    expect(volume.length % 16256).toBe(0);
    expect(ubifsHandler.detect(volume.subarray(0, 4096)).ok).toBe(true);
  });
});

describe('ubi PEB handling', () => {
  it('orders each volume by LEB number, names it from the volume table, and skips free PEBs', async () => {
    const image = concat(
      ...layout([
        { id: 0, name: 'kernel' },
        { id: 3, name: 'rootfs' },
      ]),
      ubiPeb({ volumeId: 3, lnum: 1 }, leb('rootfs-1')),
      ubiPeb(), // free: EC header only
      ubiPeb({ volumeId: 0, lnum: 0 }, leb('kernel-0')),
      ubiPeb({ volumeId: 3, lnum: 0 }, leb('rootfs-0')),
    );
    const opened = await openWith(ubiHandler, image);
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => [pathOf(child.link), child.bytes.length])).toEqual([
      ['kernel', ubiLebBytes],
      ['rootfs', 2 * ubiLebBytes],
    ]);
    const rootfs = opened.children[1]!.bytes;
    expect(rootfs.subarray(0, 8).toString()).toBe('rootfs-0');
    expect(rootfs.subarray(ubiLebBytes, ubiLebBytes + 8).toString()).toBe('rootfs-1');
    expect(opened.length).toBe(image.length);
  });

  it('takes the copy with the higher sequence number when two PEBs claim one LEB', async () => {
    const image = concat(...layout([{ id: 0, name: 'data' }]), ubiPeb({ volumeId: 0, lnum: 0, sqnum: 9 }, leb('new')), ubiPeb({ volumeId: 0, lnum: 0, sqnum: 4 }, leb('old')));
    const opened = await openWith(ubiHandler, image);
    expect(opened.children[0]!.bytes.subarray(0, 3).toString()).toBe('new');
  });

  it('reads an unmapped LEB inside a dynamic volume as erased (0xFF)', async () => {
    const image = concat(...layout([{ id: 0, name: 'data' }]), ubiPeb({ volumeId: 0, lnum: 2 }, leb('two')), ubiPeb({ volumeId: 0, lnum: 0 }, leb('zero')));
    const volume = (await openWith(ubiHandler, image)).children[0]!.bytes;
    expect(volume.length).toBe(3 * ubiLebBytes);
    expect(volume.subarray(ubiLebBytes, 2 * ubiLebBytes).every((byte) => byte === 0xff)).toBe(true);
  });

  it('ends a static volume LEB at its data size', async () => {
    const image = concat(...layout([{ id: 0, name: 'static', type: 2 }]), ubiPeb({ volumeId: 0, lnum: 0, type: 2, dataSize: 5 }, leb('12345678')));
    expect((await openWith(ubiHandler, image)).children[0]!.bytes.toString()).toBe('12345');
  });

  it('skips a PEB whose volume-id header is damaged, and reports it', async () => {
    const damaged = ubiPeb({ volumeId: 0, lnum: 1 }, leb('bad'));
    damaged[64 + 12] = 7;
    const opened = await openWith(ubiHandler, concat(...layout([{ id: 0, name: 'data' }]), ubiPeb({ volumeId: 0, lnum: 0 }, leb('good')), damaged));
    expect(opened.children[0]!.bytes.length).toBe(ubiLebBytes);
    expect(opened.problems.map((p) => p.kind)).toEqual(['corrupt']);
  });

  it('names volumes by id when there is no volume table, and says so', async () => {
    const opened = await openWith(ubiHandler, concat(ubiPeb({ volumeId: 5, lnum: 0 }, leb('x')), ubiPeb({ volumeId: 5, lnum: 1 }, leb('y'))));
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(['volume-5']);
    expect(opened.problems.map((p) => p.kind)).toEqual(['corrupt']);
  });

  it('ends the image at the first PEB that is neither UBI nor erased', async () => {
    const image = concat(...layout([{ id: 0, name: 'data' }]), ubiPeb({ volumeId: 0, lnum: 0 }, leb('data')));
    const opened = await openWith(ubiHandler, concat(image, new Uint8Array(8192).fill(0x42)));
    expect(opened.length).toBe(image.length);
  });

  it('parses headers: EC header CRC, volume table records', () => {
    expect(parseEcHeader(ubiEcHeader())).toEqual({ version: 1, vidHeaderOffset: 64, dataOffset: 128, imageSeq: 0x12345678 });
    const damaged = ubiEcHeader();
    damaged[27] = damaged[27]! ^ 1;
    expect(parseEcHeader(damaged)).toBe('UBI erase-counter header CRC mismatch');
    expect(ubiHandler.detect(damaged).ok).toBe(false);
    expect(parseVolumeTable(ubiVolumeTable([{ id: 1, name: 'cfg' }])).map((r) => [r.id, Buffer.from(r.name).toString()])).toEqual([[1, 'cfg']]);
  });
});
