/**
 * Mutations of a fixture's bytes, each a pure function of (bytes, random, donor): bit flips,
 * runs of one byte value, truncation, length fields multiplied (gzip's CRC-32 and ISIZE trailer
 * fixed up, so the damage reaches the decoder), chunks duplicated, and another format's header
 * spliced in. Each returns the mutant and a label saying what was done, for the failure's name.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import type { Random } from './random.js';

export interface Mutant {
  readonly bytes: Uint8Array;
  /** e.g. `truncate@1234`, `bitflip×3`, `length×16@0x40`. */
  readonly label: string;
  /** True when bytes were cut from the end: the input can no longer be `complete` (see campaign.ts). */
  readonly truncated: boolean;
}

export const mutationKinds = ['bitflip', 'byte-run', 'truncate', 'length-field', 'duplicate', 'splice-header'] as const;
export type MutationKind = (typeof mutationKinds)[number];

export function mutate(kind: MutationKind, bytes: Uint8Array, random: Random, donor: Uint8Array): Mutant {
  switch (kind) {
    case 'bitflip':
      return bitflips(bytes, random);
    case 'byte-run':
      return byteRun(bytes, random);
    case 'truncate':
      return truncate(bytes, random);
    case 'length-field':
      return lengthField(bytes, random);
    case 'duplicate':
      return duplicate(bytes, random);
    case 'splice-header':
      return spliceHeader(bytes, random, donor);
  }
}

/** A few bits flipped, mostly near the start where headers live. */
function bitflips(bytes: Uint8Array, random: Random): Mutant {
  const out = new Uint8Array(bytes);
  const count = 1 + random.below(8);
  for (let i = 0; i < count && out.length > 0; i++) {
    const at = random.below(2) === 0 ? random.below(Math.min(out.length, 1024)) : random.below(out.length);
    out[at]! ^= 1 << random.below(8);
  }
  return { bytes: out, label: `bitflip×${count}`, truncated: false };
}

/** A run of 0x00, 0xFF or a random value over part of the file. */
function byteRun(bytes: Uint8Array, random: Random): Mutant {
  const out = new Uint8Array(bytes);
  const at = random.below(Math.max(1, out.length));
  const length = Math.min(out.length - at, 1 + random.below(random.below(2) === 0 ? 16 : 4096));
  const value = random.pick([0x00, 0xff, random.below(256)]);
  out.fill(value, at, at + length);
  return { bytes: out, label: `run-${value.toString(16)}×${length}@${at}`, truncated: false };
}

function truncate(bytes: Uint8Array, random: Random): Mutant {
  const at = random.below(Math.max(1, bytes.length));
  return { bytes: bytes.slice(0, at), label: `truncate@${at}`, truncated: true };
}

/**
 * A 16- or 32-bit field (either byte order) that looks like a length (non-zero, at most the file
 * size) multiplied by 2..65536 or set to its maximum.
 */
function lengthField(bytes: Uint8Array, random: Random): Mutant {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  for (let attempt = 0; attempt < 64 && out.length >= 4; attempt++) {
    const at = random.below(Math.min(out.length - 3, attempt < 32 ? 512 : out.length - 3));
    const wide = random.below(2) === 0;
    const little = random.below(2) === 0;
    const value = wide ? view.getUint32(at, little) : view.getUint16(at, little);
    if (value === 0 || value > out.length) continue;
    const factor = random.pick([2, 16, 256, 65536, 0]);
    const max = wide ? 0xffffffff : 0xffff;
    const changed = factor === 0 ? max : Math.min(max, value * factor);
    if (wide) view.setUint32(at, changed, little);
    else view.setUint16(at, changed, little);
    return { bytes: fixGzipTrailer(out), label: `length${wide ? 32 : 16}${little ? 'le' : 'be'}×${factor === 0 ? 'max' : factor}@${at}`, truncated: false };
  }
  return bitflips(bytes, random);
}

/**
 * Makes a single-member gzip's CRC-32 and ISIZE match its (mutated) inflated data when it still
 * inflates, so the decoder's checks do not hide what the layers below do with the damage.
 */
function fixGzipTrailer(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    // gunzipSync would check the old trailer: inflate the deflate stream itself.
    const data = inflateRawSync(bytes.subarray(gzipHeaderLength(bytes)), { maxOutputLength: 64 * 1024 * 1024 });
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint32(bytes.length - 8, crc32(data), true);
    view.setUint32(bytes.length - 4, data.length >>> 0, true);
  } catch {
    // Not inflatable any more: left as it is.
  }
  return bytes;
}

/** The gzip header's length (RFC 1952: FEXTRA, FNAME, FCOMMENT, FHCRC). */
function gzipHeaderLength(bytes: Uint8Array): number {
  const flags = bytes[3]!;
  let at = 10;
  if ((flags & 4) !== 0) at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
  for (const flag of [8, 16]) {
    if ((flags & flag) === 0) continue;
    while (at < bytes.length && bytes[at] !== 0) at++;
    at++;
  }
  if ((flags & 2) !== 0) at += 2;
  return at;
}

/** A chunk of the file repeated in place (a member, a block or a record twice). */
function duplicate(bytes: Uint8Array, random: Random): Mutant {
  const start = random.below(Math.max(1, bytes.length));
  const length = Math.min(bytes.length - start, 1 + random.below(8192));
  const copies = 1 + random.below(3);
  const chunk = bytes.subarray(start, start + length);
  const out = new Uint8Array(bytes.length + copies * length);
  out.set(bytes.subarray(0, start + length));
  for (let i = 1; i <= copies; i++) out.set(chunk, start + i * length);
  out.set(bytes.subarray(start + length), start + (copies + 1) * length);
  return { bytes: out, label: `duplicate${copies}×${length}@${start}`, truncated: false };
}

/** The first 16-1024 bytes of another format's fixture written over this one's start or middle. */
function spliceHeader(bytes: Uint8Array, random: Random, donor: Uint8Array): Mutant {
  const length = Math.min(donor.length, 16 + random.below(1009));
  const at = random.below(2) === 0 ? 0 : random.below(Math.max(1, bytes.length));
  const out = new Uint8Array(Math.max(bytes.length, at + length));
  out.set(bytes);
  out.set(donor.subarray(0, length), at);
  return { bytes: out, label: `splice${length}@${at}`, truncated: false };
}
