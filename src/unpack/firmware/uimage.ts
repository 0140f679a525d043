/**
 * U-Boot legacy image ("uImage"): a 64-byte big-endian header, then `ih_size` bytes of payload.
 * U-Boot `include/image.h` (`struct legacy_img_hdr`, formerly `image_header_t`) and
 * `boot/image.c` (`image_multi_getimg`). A real header (`mkimage -A arm -O linux -T kernel -C
 * gzip -n Linux-4.9.37`):
 *
 *   00000000: 2705 1956 0ea4 51c9 6592 0080 0000 0021   ih_magic, ih_hcrc, ih_time, ih_size (33)
 *   00000010: 8000 8000 8000 8000 2445 f3a1 0502 0201   ih_load, ih_ep, ih_dcrc, os 5 linux, arch 2 arm, type 2 kernel, comp 1 gzip
 *   00000020: 4c69 6e75 782d 342e 392e 3337 0000 0000   ih_name[32] "Linux-4.9.37", NUL padded
 *
 * `ih_hcrc` is the CRC-32 of the header with the field zeroed; `ih_dcrc` the CRC-32 of the
 * payload. A mismatch of either is a `corrupt` problem, and the payload is opened anyway: it is
 * evidence whatever its checksum says. The compression byte is only metadata: the payload is
 * detected by content (a gzip payload by its own magic). Type MULTI (4) payloads start with a
 * table of big-endian sizes ended by 0; each sub-image follows, padded to 4 bytes except the
 * last, and each becomes its own child (`<name>#<index>`).
 */
import { crc32 } from 'node:zlib';
import { ByteReader, MemberBody } from '../byte-reader.js';
import { recordedText, recordedTime } from '../../core/types.js';
import { InputError, defineHandler, type Child, type IdentityFacts, type OpenContext, type OpenInput } from '../types.js';

export const uimageHeaderBytes = 64;
/** Sub-images read from a MULTI size table; more is corrupt input (U-Boot itself sets no limit). */
export const maxMultiImages = 256;
const multiType = 4;

/** 27 05 19 56: IH_MAGIC. */
const uimageMagic = Uint8Array.of(0x27, 0x05, 0x19, 0x56);

/**
 * Highest values in U-Boot 2023.01's tables (IH_OS_*, IH_ARCH_*, IH_TYPE_*, IH_COMP_*), rounded
 * up for headroom. Used only to tell a damaged real header from random bytes when the header CRC
 * fails, since the carver will meet the 4-byte magic by chance.
 */
const plausibleMax = { os: 31, arch: 31, type: 63, compression: 15 } as const;

export const uimageCompressions: Readonly<Record<number, string>> = { 0: 'none', 1: 'gzip', 2: 'bzip2', 3: 'lzma', 4: 'lzo', 5: 'lz4', 6: 'zstd' };

export interface UImageHeader {
  readonly headerCrc: number;
  readonly computedHeaderCrc: number;
  readonly headerCrcValid: boolean;
  /** Seconds since the epoch. */
  readonly time: number;
  /** Payload bytes after the header. */
  readonly dataSize: number;
  readonly loadAddress: number;
  readonly entryPoint: number;
  readonly dataCrc: number;
  readonly os: number;
  readonly arch: number;
  readonly type: number;
  readonly compression: number;
  /** `ih_name` up to its first NUL: bytes, as the image stored them. */
  readonly name: Uint8Array;
  /** Every enum byte is within U-Boot's tables. */
  readonly fieldsPlausible: boolean;
}

export type UImageParse = { readonly ok: true; readonly header: UImageHeader } | { readonly ok: false; readonly reason: string };

/** Decodes the 64-byte header at the start of `bytes`. Pure; never throws. */
export function parseUImageHeader(bytes: Uint8Array): UImageParse {
  if (bytes.length < uimageHeaderBytes) return { ok: false, reason: `header needs ${uimageHeaderBytes} bytes, got ${bytes.length}` };
  if (!uimageMagic.every((byte, i) => bytes[i] === byte)) return { ok: false, reason: 'no uImage magic 27 05 19 56' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, uimageHeaderBytes);
  const zeroed = Uint8Array.from(bytes.subarray(0, uimageHeaderBytes));
  zeroed.fill(0, 4, 8);
  const headerCrc = view.getUint32(4);
  const computedHeaderCrc = crc32(zeroed) >>> 0;
  const nameField = bytes.subarray(32, 64);
  const nul = nameField.indexOf(0);
  const header: UImageHeader = {
    headerCrc,
    computedHeaderCrc,
    headerCrcValid: headerCrc === computedHeaderCrc,
    time: view.getUint32(8),
    dataSize: view.getUint32(12),
    loadAddress: view.getUint32(16),
    entryPoint: view.getUint32(20),
    dataCrc: view.getUint32(24),
    os: bytes[28]!,
    arch: bytes[29]!,
    type: bytes[30]!,
    compression: bytes[31]!,
    name: Uint8Array.from(nul === -1 ? nameField : nameField.subarray(0, nul)),
    fieldsPlausible: bytes[28]! <= plausibleMax.os && bytes[29]! <= plausibleMax.arch && bytes[30]! <= plausibleMax.type && bytes[31]! <= plausibleMax.compression,
  };
  return { ok: true, header };
}

export const uimageHandler = defineHandler({
  id: 'uimage',
  kind: 'firmware',
  doc: {
    name: 'U-Boot legacy image (uImage), single and multi-file',
    references: [
      'https://github.com/u-boot/u-boot/blob/master/include/image.h',
      'https://github.com/u-boot/u-boot/blob/master/boot/image.c',
    ],
    limitations: [
      'A header whose CRC fails is still opened when its enum bytes are plausible (a `corrupt` problem is recorded); with implausible enum bytes as well it is not treated as a uImage.',
      'The compression byte is not used: payloads are detected by content, so a raw LZMA or LZO payload without its own magic stays a leaf (scanned raw).',
      `Multi-file images with more than ${maxMultiImages} sub-images are corrupt input; the sub-images before the limit are opened.`,
    ],
  },
  signatures: [{ magic: uimageMagic, offset: 0 }],
  headLength: uimageHeaderBytes,
  detect(head) {
    const parsed = parseUImageHeader(head);
    if (!parsed.ok) return parsed;
    const { header } = parsed;
    if (header.headerCrcValid) return { ok: true, length: uimageHeaderBytes + header.dataSize };
    if (!header.fieldsPlausible) return { ok: false, reason: 'uImage header CRC mismatch and implausible os/arch/type/compression bytes' };
    return { ok: true, length: uimageHeaderBytes + header.dataSize, reasons: ['uImage header CRC mismatch'] };
  },
  open: openUImage,
  identify(head) {
    const parsed = parseUImageHeader(head);
    return parsed.ok ? uimageIdentity(parsed.header) : undefined;
  },
});

/** U-Boot include/image.h IH_OS_* and IH_ARCH_* values seen in camera and router firmware; others are shown by number. */
const uimageOs: Readonly<Record<number, string>> = { 5: 'linux', 14: 'vxworks', 16: 'qnx', 17: 'u-boot', 18: 'rtems', 25: 'arm-trusted-firmware', 26: 'tee' };
const uimageArch: Readonly<Record<number, string>> = { 2: 'arm', 3: 'x86', 5: 'mips', 6: 'mips64', 7: 'powerpc', 22: 'arm64', 24: 'x86_64', 26: 'riscv' };

/** What a uImage header records: `ih_name`, `ih_time`, `ih_arch`, `ih_os`. */
export function uimageIdentity(header: UImageHeader): IdentityFacts {
  const name = recordedText(header.name);
  const buildDate = recordedTime(header.time);
  return {
    format: 'uimage',
    ...(name === undefined ? {} : { name }),
    ...(buildDate === undefined ? {} : { buildDate }),
    arch: uimageArch[header.arch] ?? `arch ${header.arch}`,
    os: uimageOs[header.os] ?? `os ${header.os}`,
  };
}

async function* openUImage(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new ByteReader(input.stream);
  const parsed = parseUImageHeader(await reader.read(uimageHeaderBytes));
  if (!parsed.ok) throw new InputError('corrupt', `uimage: ${parsed.reason}`, 0);
  const header = parsed.header;
  if (!header.headerCrcValid) {
    ctx.problem('corrupt', `uimage: header CRC mismatch (stored ${hex32(header.headerCrc)}, computed ${hex32(header.computedHeaderCrc)}); the payload was opened anyway`, 4);
  }
  ctx.setLength(uimageHeaderBytes + header.dataSize);
  let crc = 0;
  const observe = (piece: Uint8Array) => {
    crc = crc32(piece, crc);
  };
  const complete = header.type === multiType ? yield* openMulti(reader, header, observe, ctx) : yield* openSingle(reader, header, observe);
  if (complete && crc >>> 0 !== header.dataCrc) {
    ctx.problem('corrupt', `uimage: data CRC mismatch (stored ${hex32(header.dataCrc)}, computed ${hex32(crc)})`, uimageHeaderBytes);
  }
}

/** Yields the payload; returns true when all of it was present (so the data CRC can be checked). */
async function* openSingle(reader: ByteReader, header: UImageHeader, observe: (piece: Uint8Array) => void): AsyncGenerator<Child, boolean> {
  const body = new MemberBody(reader, header.dataSize, truncation(header.dataSize, uimageHeaderBytes), observe);
  yield {
    link: { format: 'uimage', path: header.name, offset: uimageHeaderBytes },
    stream: body.stream,
    size: header.dataSize,
    verbatim: { start: uimageHeaderBytes, end: uimageHeaderBytes + header.dataSize },
  };
  return finished(body, header.dataSize, uimageHeaderBytes);
}

async function* openMulti(reader: ByteReader, header: UImageHeader, observe: (piece: Uint8Array) => void, ctx: OpenContext): AsyncGenerator<Child, boolean> {
  const sizes: number[] = [];
  let used = 0;
  for (;;) {
    const field = await reader.read(4);
    used += field.length;
    observe(field);
    if (field.length < 4) throw new InputError('corrupt', 'uimage: multi-file size table ends early', reader.position);
    const size = new DataView(field.buffer, field.byteOffset, 4).getUint32(0);
    if (size === 0) break;
    if (sizes.length === maxMultiImages) throw new InputError('corrupt', `uimage: multi-file size table lists more than ${maxMultiImages} images`, reader.position - 4);
    if (used > header.dataSize) throw new InputError('corrupt', 'uimage: multi-file size table runs past the payload', reader.position - 4);
    sizes.push(size);
  }
  for (const [index, size] of sizes.entries()) {
    const padded = index === sizes.length - 1 ? size : align4(size);
    if (used + size > header.dataSize) {
      ctx.problem('corrupt', `uimage: sub-image ${index} (${size} bytes) runs past the payload (${header.dataSize} bytes); it and later sub-images were not opened`, uimageHeaderBytes + used);
      break;
    }
    const start = uimageHeaderBytes + used;
    const body = new MemberBody(reader, size, truncation(size, start), observe);
    yield {
      link: { format: 'uimage', path: indexedName(header.name, index), offset: start },
      stream: body.stream,
      size,
      verbatim: { start, end: start + size },
    };
    if (!(await finished(body, size, start))) return false;
    used += size;
    const padding = Math.min(padded - size, header.dataSize - used);
    if ((await reader.skip(padding, observe)) < padding) throw new InputError('corrupt', 'uimage: payload ends in sub-image padding', reader.position);
    used += padding;
  }
  const rest = header.dataSize - used;
  if ((await reader.skip(rest, observe)) < rest) throw new InputError('corrupt', `uimage: payload ends before its declared ${header.dataSize} bytes`, reader.position);
  return true;
}

/** Skips what the consumer left of a member; a truncation its own stream did not report is the container's problem. */
async function finished(body: MemberBody, size: number, start: number): Promise<boolean> {
  if (await body.finish()) return true;
  if (!body.reported) throw truncation(size, start)(body.delivered);
  return false;
}

function truncation(size: number, start: number): (got: number) => InputError {
  return (got) => new InputError('corrupt', `uimage: payload ends after ${got} of ${size} bytes`, start + got);
}

/** `name#index`: sub-images of one multi-file image need distinct chain paths. */
function indexedName(name: Uint8Array, index: number): Uint8Array {
  return Buffer.concat([name, Buffer.from(`#${index}`, 'latin1')]);
}

function align4(value: number): number {
  return value + ((4 - (value % 4)) % 4);
}

function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
