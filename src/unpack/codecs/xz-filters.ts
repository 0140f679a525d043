/**
 * The xz filters that may precede LZMA2 in a block's chain (xz file format 1.2.0 §5.3), in
 * their decoding direction, applied in place to a whole block's output at once (which gives
 * the same bytes as xz's streaming filters: each leaves the final incomplete instruction as
 * it is). Written from xz-embedded `linux/lib/xz/xz_dec_bcj.c` and liblzma `simple/*.c`,
 * `delta/delta_decoder.c`. Linux kernels compressed with xz and squashfs images made with
 * `mksquashfs -Xbcj` use these.
 */
import { InputError } from '../types.js';

export const xzFilterIds = {
  delta: 0x03,
  x86: 0x04,
  powerpc: 0x05,
  ia64: 0x06,
  arm: 0x07,
  armThumb: 0x08,
  sparc: 0x09,
  arm64: 0x0a,
  riscv: 0x0b,
  lzma2: 0x21,
} as const;

export interface XzFilter {
  readonly id: number;
  readonly properties: Uint8Array;
}

const filterNames: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(xzFilterIds).map(([name, id]) => [id, name]));

export function xzFilterName(id: number): string {
  return filterNames[id] ?? `0x${id.toString(16)}`;
}

/** Throws `unsupported` for filters not decoded here; `corrupt` for malformed properties. */
export function checkXzFilter(filter: XzFilter, offset: number): void {
  const { id, properties } = filter;
  switch (id) {
    case xzFilterIds.delta:
      if (properties.length !== 1) throw new InputError('corrupt', 'xz: delta filter properties must be 1 byte', offset);
      return;
    case xzFilterIds.x86:
    case xzFilterIds.powerpc:
    case xzFilterIds.arm:
    case xzFilterIds.armThumb:
    case xzFilterIds.sparc:
    case xzFilterIds.arm64:
      if (properties.length !== 0 && properties.length !== 4) throw new InputError('corrupt', `xz: ${xzFilterName(id)} filter properties must be 0 or 4 bytes`, offset);
      return;
    default:
      throw new InputError('unsupported', `xz: filter ${xzFilterName(id)} is not supported`, offset);
  }
}

const le32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const be32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
function putLe32(b: Uint8Array, i: number, v: number): void {
  b[i] = v & 0xff;
  b[i + 1] = (v >>> 8) & 0xff;
  b[i + 2] = (v >>> 16) & 0xff;
  b[i + 3] = (v >>> 24) & 0xff;
}
function putBe32(b: Uint8Array, i: number, v: number): void {
  b[i] = (v >>> 24) & 0xff;
  b[i + 1] = (v >>> 16) & 0xff;
  b[i + 2] = (v >>> 8) & 0xff;
  b[i + 3] = v & 0xff;
}

/** Reverses one filter (already checked by `checkXzFilter`) over `buf`, in place. */
export function undoXzFilter(filter: XzFilter, buf: Uint8Array): void {
  const start = filter.properties.length === 4 ? le32(filter.properties, 0) : 0;
  switch (filter.id) {
    case xzFilterIds.delta:
      return undoDelta(buf, filter.properties[0]! + 1);
    case xzFilterIds.x86:
      return undoX86(buf, start);
    case xzFilterIds.powerpc:
      return undoPowerPc(buf, start);
    case xzFilterIds.arm:
      return undoArm(buf, start);
    case xzFilterIds.armThumb:
      return undoArmThumb(buf, start);
    case xzFilterIds.sparc:
      return undoSparc(buf, start);
    case xzFilterIds.arm64:
      return undoArm64(buf, start);
    default:
      throw new InputError('unsupported', `xz: filter ${xzFilterName(filter.id)} is not supported`);
  }
}

function undoDelta(buf: Uint8Array, distance: number): void {
  // The history before the block is zeros (liblzma delta_common.c).
  for (let i = distance; i < buf.length; i++) buf[i] = (buf[i]! + buf[i - distance]!) & 0xff;
}

const x86AllowedByMask = [true, true, true, false, true, false, false, false] as const;
const x86BitByMask = [0, 1, 2, 2, 3, 3, 3, 3] as const;
const x86IsMsByte = (b: number) => b === 0x00 || b === 0xff;

function undoX86(buf: Uint8Array, pos: number): void {
  if (buf.length <= 4) return;
  const size = buf.length - 4;
  let prevPos = -1;
  let prevMask = 0;
  for (let i = 0; i < size; i++) {
    if ((buf[i]! & 0xfe) !== 0xe8) continue;
    const gap = i - prevPos;
    if (gap > 3) {
      prevMask = 0;
    } else {
      prevMask = (prevMask << (gap - 1)) & 7;
      if (prevMask !== 0) {
        const b = buf[i + 4 - x86BitByMask[prevMask]!]!;
        if (!x86AllowedByMask[prevMask] || x86IsMsByte(b)) {
          prevPos = i;
          prevMask = (prevMask << 1) | 1;
          continue;
        }
      }
    }
    prevPos = i;
    if (x86IsMsByte(buf[i + 4]!)) {
      let src = le32(buf, i + 1);
      let dest: number;
      for (;;) {
        dest = (src - (pos + i + 5)) >>> 0;
        if (prevMask === 0) break;
        const j = x86BitByMask[prevMask]! * 8;
        const b = (dest >>> (24 - j)) & 0xff;
        if (!x86IsMsByte(b)) break;
        src = (dest ^ (2 ** (32 - j) - 1)) >>> 0;
      }
      dest &= 0x01ffffff;
      dest = (dest | (0 - (dest & 0x01000000))) >>> 0;
      putLe32(buf, i + 1, dest);
      i += 4;
    } else {
      prevMask = (prevMask << 1) | 1;
    }
  }
}

function undoPowerPc(buf: Uint8Array, pos: number): void {
  for (let i = 0; i + 4 <= buf.length; i += 4) {
    let instr = be32(buf, i);
    if (((instr & 0xfc000003) >>> 0) === 0x48000001) {
      instr &= 0x03fffffc;
      instr = (instr - (pos + i)) >>> 0;
      instr &= 0x03fffffc;
      putBe32(buf, i, (instr | 0x48000001) >>> 0);
    }
  }
}

function undoArm(buf: Uint8Array, pos: number): void {
  for (let i = 0; i + 4 <= buf.length; i += 4) {
    if (buf[i + 3] !== 0xeb) continue;
    let addr = buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16);
    addr = ((addr << 2) - (pos + i + 8)) >>> 2;
    buf[i] = addr & 0xff;
    buf[i + 1] = (addr >>> 8) & 0xff;
    buf[i + 2] = (addr >>> 16) & 0xff;
  }
}

function undoArmThumb(buf: Uint8Array, pos: number): void {
  for (let i = 0; i + 4 <= buf.length; i += 2) {
    if ((buf[i + 1]! & 0xf8) !== 0xf0 || (buf[i + 3]! & 0xf8) !== 0xf8) continue;
    let addr = ((buf[i + 1]! & 7) << 19) | (buf[i]! << 11) | ((buf[i + 3]! & 7) << 8) | buf[i + 2]!;
    addr = ((addr << 1) - (pos + i + 4)) >>> 1;
    buf[i + 1] = 0xf0 | ((addr >>> 19) & 7);
    buf[i] = (addr >>> 11) & 0xff;
    buf[i + 3] = 0xf8 | ((addr >>> 8) & 7);
    buf[i + 2] = addr & 0xff;
    i += 2;
  }
}

function undoSparc(buf: Uint8Array, pos: number): void {
  for (let i = 0; i + 4 <= buf.length; i += 4) {
    let instr = be32(buf, i);
    if (instr >>> 22 !== 0x100 && instr >>> 22 !== 0x1ff) continue;
    instr = ((instr << 2) >>> 0) - (pos + i);
    instr = (instr >>> 0) >>> 2;
    instr = ((0x40000000 - (instr & 0x400000)) | 0x40000000 | (instr & 0x3fffff)) >>> 0;
    putBe32(buf, i, instr);
  }
}

function undoArm64(buf: Uint8Array, pos: number): void {
  for (let i = 0; i + 4 <= buf.length; i += 4) {
    let instr = le32(buf, i);
    if (instr >>> 26 === 0x25) {
      // BL
      const addr = (instr - ((pos + i) >>> 2)) >>> 0;
      instr = (0x94000000 | (addr & 0x03ffffff)) >>> 0;
      putLe32(buf, i, instr);
    } else if (((instr & 0x9f000000) >>> 0) === 0x90000000) {
      // ADRP, only within ±512 MiB
      let addr = ((instr >>> 29) & 3) | ((instr >>> 3) & 0x1ffffc);
      if ((addr + 0x020000) & 0x1c0000) continue;
      addr = (addr - ((pos + i) >>> 12)) >>> 0;
      instr &= 0x9000001f;
      instr |= (addr & 3) << 29;
      instr |= (addr & 0x03fffc) << 3;
      instr |= (0 - (addr & 0x020000)) & 0xe00000;
      putLe32(buf, i, instr >>> 0);
    }
  }
}
