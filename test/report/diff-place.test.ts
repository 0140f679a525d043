/** Logical places: member paths, never offsets; carve offsets and uImage names normalised away. */
import { describe, expect, it } from 'vitest';
import { chainPlace, inputKeys, placeOf } from '../../src/report/diff-place.js';

describe('chainPlace', () => {
  it('keeps format and member path of each layer and drops every offset', () => {
    expect(chainPlace([{ format: 'dahua-zip', path: 'romfs.tar.gz', offset: 587 }, { format: 'gzip', offset: 0 }, { format: 'tar', path: 'etc/a.xml', offset: 3584 }])).toBe('dahua-zip:romfs.tar.gz!/gzip!/tar:etc/a.xml');
  });

  it('names carved chunks by kind only, whatever offset they were carved at', () => {
    expect(chainPlace([{ format: 'carve', offset: 4096 }, { format: 'squashfs', path: 'bin/app', offset: 0 }])).toBe(chainPlace([{ format: 'carve', offset: 8192 }, { format: 'squashfs', path: 'bin/app', offset: 0 }]));
  });

  it('drops the version-bearing uImage name but keeps the sub-image index', () => {
    expect(chainPlace([{ format: 'uimage', path: 'IPC_V5.5.0_build240101', offset: 64 }])).toBe('uimage');
    expect(chainPlace([{ format: 'uimage', path: 'IPC_V5.6.2#1', offset: 900 }])).toBe('uimage#1');
  });

  it('keeps member names that are not valid UTF-8 apart from text names', () => {
    expect(chainPlace([{ format: 'tar', path: { base64: '/w==' }, offset: 0 }])).toBe('tar:base64:/w==');
  });
});

describe('inputKeys', () => {
  it('leaves a lone input out of the place: two versions are two file names', () => {
    expect([...inputKeys(['fw-v1.bin'])]).toEqual([['fw-v1.bin', '']]);
    expect(placeOf('', [])).toBe('');
  });

  it('names several inputs below their common folder, so sdk-v5/ and sdk-v6/ trees line up', () => {
    expect([...inputKeys(['sdk-v5/include/a.h', 'sdk-v5/lib/b.so'])]).toEqual([['sdk-v5/include/a.h', 'include/a.h'], ['sdk-v5/lib/b.so', 'lib/b.so']]);
    expect([...inputKeys(['sdk-v6/include/a.h', 'sdk-v6/lib/b.so'])].map(([, key]) => key)).toEqual(['include/a.h', 'lib/b.so']);
    expect(placeOf('include/a.h', [{ format: 'gzip', offset: 0 }])).toBe('include/a.h!/gzip');
  });
});
