// STYLE §11 / R35: a finding id comes from what the finding is, never from where its bytes sit.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findingId } from '../../src/evidence/fingerprint.js';

const base = {
  input: 'fw/DH_IPC.bin',
  chainPaths: ['dahua-zip:romfs-x.squashfs.img', 'squashfs:usr/lib/libdhnetsdk.so'],
  termId: 'dahua.em-nation-type-uygur',
  encoding: 'utf-8',
  form: 'raw',
  variant: 'EM_NATION_TYPE_UYGUR',
  occurrence: 0,
} as const;

describe('findingId', () => {
  it('is the first 32 hex digits of sha256 over the canonical JSON of the parts (no offsets among them)', () => {
    const canonical = JSON.stringify(['fwsift-finding-v1', base.input, base.chainPaths, base.termId, base.encoding, base.form, base.variant, 0]);
    expect(findingId(base)).toBe(createHash('sha256').update(canonical).digest('hex').slice(0, 32));
    expect(findingId(base)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is the same for the same parts, whatever order the object was built in', () => {
    const { occurrence, ...rest } = base;
    expect(findingId({ occurrence, ...rest })).toBe(findingId(base));
  });

  it.each([
    ['input', { input: 'fw/other.bin' }],
    ['chain', { chainPaths: ['dahua-zip:romfs-x.squashfs.img'] }],
    ['term', { termId: 'dahua.em-nation-type' }],
    ['encoding', { encoding: 'utf-16le' }],
    ['form', { form: 'json-escape' }],
    ['variant', { variant: 'em_nation_type_uygur' }],
    ['occurrence', { occurrence: 1 }],
  ] as const)('changes with the %s', (_name, change) => {
    expect(findingId({ ...base, ...change })).not.toBe(findingId(base));
  });

  it('does not confuse chains that concatenate to the same text', () => {
    expect(findingId({ ...base, chainPaths: ['ab', 'c'] })).not.toBe(findingId({ ...base, chainPaths: ['a', 'bc'] }));
    expect(findingId({ ...base, chainPaths: [] })).not.toBe(findingId({ ...base, chainPaths: [''] }));
  });

  it('throws RangeError for an occurrence that is not a non-negative integer', () => {
    expect(() => findingId({ ...base, occurrence: -1 })).toThrow(RangeError);
    expect(() => findingId({ ...base, occurrence: 0.5 })).toThrow(RangeError);
  });
});
