/** Identity facts the firmware formats record, read by each handler's `identify` from real images (issue 17 part 3). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dahuaZipHandler } from '../../src/unpack/firmware/dahua-zip.js';
import { fitHandler } from '../../src/unpack/firmware/fit.js';
import { hikvisionDavHandler } from '../../src/unpack/firmware/hikvision-dav.js';
import { uimageHandler } from '../../src/unpack/firmware/uimage.js';

const head = (path: string, bytes = 64 * 1024) => readFileSync(path).subarray(0, bytes);

describe('identify', () => {
  it('uImage (mkimage): ih_name, ih_time, arch and os', () => {
    expect(uimageHandler.identify!(head('test/fixtures/versions/fw-v1.uimg'))).toEqual({ format: 'uimage', name: 'IPC_V5.5.0_build240101', buildDate: '2024-01-01T00:00:00Z', arch: 'arm', os: 'linux' });
  });

  it('FIT with external data (mkimage -E): the root description and timestamp', () => {
    expect(fitHandler.identify!(head('test/fixtures/unpack/fit/external-data.itb'))).toMatchObject({ format: 'fit', name: 'fwsift FIT fixture', buildDate: '2024-01-01T00:00:00Z' });
  });

  it('FIT: nothing when the head does not reach the strings block', () => {
    const inline = readFileSync('test/fixtures/unpack/fit/kernel-ramdisk-fdt.itb');
    expect(fitHandler.identify!(inline.subarray(0, 128))).toBeUndefined();
  });

  it('digicap.dav: the decoded header fields, by their upgrade_file.h names, and the vendor', () => {
    expect(hikvisionDavHandler.identify!(head('test/fixtures/unpack/hikvision-dav/digicap.dav'))).toEqual({
      format: 'hikvision-dav',
      vendor: 'Hikvision',
      details: { magic: 'SWKH', language: '2', device_class: '2', oem_code: '1', features: '0x1' },
    });
  });

  it('DH zip: the vendor format only (version strings live in deflated members)', () => {
    expect(dahuaZipHandler.identify!(head('samples/dahua-style-firmware.bin'))).toEqual({ format: 'dahua-zip', vendor: 'Dahua' });
  });

  it.each([
    ['uimage', uimageHandler],
    ['fit', fitHandler],
    ['hikvision-dav', hikvisionDavHandler],
    ['dahua-zip', dahuaZipHandler],
  ] as const)('%s: nothing from bytes that are not its format, and never a throw', (_name, handler) => {
    expect(handler.identify!(new Uint8Array(64))).toBeUndefined();
    expect(handler.identify!(new Uint8Array(0))).toBeUndefined();
  });
});
