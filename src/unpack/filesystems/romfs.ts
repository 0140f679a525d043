/**
 * romfs, the kernel's smallest read-only filesystem (Documentation/filesystems/romfs.rst),
 * as genromfs writes it. Everything is big-endian and 16-byte aligned; files are stored
 * verbatim, so each file is a slice of the image:
 *
 *   00000000: 2d72 6f6d 3166 732d 0000 17e0 245c b4b3   "-rom1fs-", full size, checksum
 *   00000010: 6677 7369 6674 0000 0000 0000 0000 0000   volume name, NUL padded to 16
 *   00000020: 0000 0049 0000 0020 0000 0000 d1ff ff97   file header: next | type, spec.info, size, checksum
 *   00000030: 2e00 0000 0000 0000 0000 0000 0000 0000   name ".", padded; data follows
 *
 * The low 4 bits of `next` are the type (0 hard link, 1 directory, 2 file, 3 symlink, 4/5
 * devices, 6 socket, 7 FIFO) and the executable bit. A directory's spec.info is its first
 * entry; a hard link's is the header it links to. The first header after the volume name is
 * the root directory ("."). Checksums: the 32-bit big-endian words of the first 512 bytes sum
 * to zero, and so do those of each file header with its padded name (genromfs).
 */
import { openWindow, windowSlice, type WindowReader } from '../file-window.js';
import { describePath, joinPath } from './fs-path.js';
import { InputError, defineHandler, type Child, type FileWindow, type OpenContext, type OpenInput } from '../types.js';

const magic = new TextEncoder().encode('-rom1fs-');
const headerBytes = 16;
const checksumBytes = 512;
/** Longest name read (the format has no limit; Linux uses ROMFS_MAXFN = 128 in lookups). */
const maxNameBytes = 1024;
/** Hard links followed in a row before a chain counts as a loop. */
const maxLinkHops = 16;
const maxDirectoryDepth = 2048;

const types = { hardLink: 0, directory: 1, file: 2, symlink: 3 } as const;

export interface RomfsHeader {
  readonly at: number;
  readonly next: number;
  readonly type: number;
  readonly specInfo: number;
  readonly size: number;
  readonly name: Uint8Array;
  /** Where the file's data starts: after the header and the name, 16-byte aligned. */
  readonly dataStart: number;
  readonly checksumValid: boolean;
}

/** Sum of big-endian 32-bit words (a short tail read as zero-padded): 0 for a valid romfs checksum. */
export function romfsChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    sum = (sum + (((bytes[i]! << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)) >>> 0)) >>> 0;
  }
  return sum;
}

export function parseRomfsVolume(head: Uint8Array): { readonly size: number } | { readonly reason: string } {
  if (head.length < magic.length || !magic.every((byte, i) => head[i] === byte)) return { reason: 'no -rom1fs- magic' };
  if (head.length < 16) return { reason: 'shorter than the romfs volume header' };
  const size = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(8);
  if (size < 32) return { reason: `full size ${size} smaller than a volume header and one file header` };
  return { size };
}

export const romfsHandler = defineHandler({
  id: 'romfs',
  kind: 'filesystem',
  doc: {
    name: 'romfs filesystem',
    references: ['https://www.kernel.org/doc/html/latest/filesystems/romfs.html', 'https://github.com/chexum/genromfs'],
    limitations: ['Names longer than 1024 bytes are treated as corrupt headers.'],
  },
  signatures: [{ magic, offset: 0 }],
  headLength: 16,
  detect(head) {
    const parsed = parseRomfsVolume(head);
    return 'reason' in parsed ? { ok: false, reason: parsed.reason } : { ok: true, length: parsed.size };
  },
  open: openRomfs,
});

async function* openRomfs(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'romfs');
  try {
    const volume = parseRomfsVolume(await reader.read(0, Math.min(16, reader.size)));
    if ('reason' in volume) throw new InputError('corrupt', `romfs: ${volume.reason}`, 0);
    let limit = volume.size;
    if (volume.size > reader.size) {
      ctx.problem('corrupt', `romfs: truncated image: full size is ${volume.size}, only ${reader.size} bytes present`, reader.size);
      limit = reader.size;
    }
    if (romfsChecksum(await reader.read(0, Math.min(checksumBytes, limit))) !== 0) {
      ctx.problem('corrupt', 'romfs: checksum of the first 512 bytes is not zero; the image was opened anyway', 12);
    }
    const volumeName = await readName(reader, 16, limit);
    const rootAt = align16(16 + volumeName.length + 1);
    yield* walk(reader, window, rootAt, limit, ctx);
  } finally {
    await reader.close();
  }
}

function align16(value: number): number {
  return Math.ceil(value / 16) * 16;
}

/** A NUL-terminated name at `at` (at most `maxNameBytes`). */
async function readName(reader: WindowReader, at: number, limit: number): Promise<Uint8Array> {
  for (let length = 64; ; length *= 4) {
    const bytes = await reader.read(at, Math.min(length, limit - at));
    const nul = bytes.indexOf(0);
    if (nul >= 0) return bytes.subarray(0, nul);
    if (at + bytes.length >= limit || bytes.length >= maxNameBytes) throw new InputError('corrupt', `romfs: name at ${at} has no terminating NUL within ${Math.min(maxNameBytes, limit - at)} bytes`, at);
  }
}

async function readHeader(reader: WindowReader, at: number, limit: number): Promise<RomfsHeader> {
  if (at % 16 !== 0 || at < 32 || at + headerBytes > limit) throw new InputError('corrupt', `romfs: file header at ${at} is misaligned or outside the image`, at);
  const fixed = await reader.read(at, headerBytes);
  const view = new DataView(fixed.buffer, fixed.byteOffset, fixed.byteLength);
  const word = view.getUint32(0);
  const name = await readName(reader, at + headerBytes, limit);
  const dataStart = at + headerBytes + align16(name.length + 1);
  const padded = await reader.read(at, Math.min(dataStart, limit) - at);
  return { at, next: (word & ~0xf) >>> 0, type: word & 7, specInfo: view.getUint32(4), size: view.getUint32(8), name, dataStart, checksumValid: romfsChecksum(padded) === 0 };
}

interface Frame {
  readonly path: Uint8Array;
  /** Next header of this directory's listing (0: the listing has ended). */
  next: number;
  readonly seen: Set<number>;
}

async function* walk(reader: WindowReader, window: FileWindow, rootAt: number, limit: number, ctx: OpenContext): AsyncGenerator<Child> {
  const root = await readHeader(reader, rootAt, limit);
  if (root.type !== types.directory) throw new InputError('corrupt', `romfs: the first file header (at ${rootAt}) is not the root directory`, rootAt);
  const walked = new Set<number>([root.specInfo]);
  const stack: Frame[] = [{ path: new Uint8Array(0), next: root.specInfo, seen: new Set() }];
  while (stack.length > 0 && !ctx.signal.aborted) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === 0) {
      stack.pop();
      continue;
    }
    if (frame.seen.has(frame.next)) {
      ctx.problem('corrupt', `romfs: directory ${describePath(frame.path)}: its listing loops back to ${frame.next}; the rest was skipped`, frame.next);
      stack.pop();
      continue;
    }
    frame.seen.add(frame.next);
    let header: RomfsHeader;
    try {
      header = await readHeader(reader, frame.next, limit);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ctx.problem(error.kind, `${error.message} (in ${describePath(frame.path)}; the rest of that directory was skipped)`, error.offset);
      stack.pop();
      continue;
    }
    frame.next = header.next;
    const dotEntry = isDotName(header.name);
    if (dotEntry) continue; // "." and ".." link to directories already on the path
    const path = joinPath(frame.path, header.name);
    if (!header.checksumValid) ctx.problem('corrupt', `romfs: ${describePath(path)}: file header checksum is not zero`, header.at + 12);
    if (header.name.length === 0 || header.name.includes(0x2f)) {
      ctx.problem('corrupt', `romfs: entry at ${header.at} has an empty name or one with "/"; skipped`, header.at);
      continue;
    }
    let target = header;
    try {
      target = await resolveLinks(reader, header, limit);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ctx.problem(error.kind, `${error.message} (${describePath(path)} skipped)`, error.offset);
      continue;
    }
    if (target.type === types.directory) {
      if (walked.has(target.specInfo)) {
        ctx.problem('corrupt', `romfs: directory ${describePath(path)} lists entries already walked (a loop); not walked again`, header.at);
      } else if (stack.length >= maxDirectoryDepth) {
        ctx.problem('limit', `romfs: ${describePath(path)} is nested deeper than ${maxDirectoryDepth} directories; not walked`, header.at);
      } else {
        walked.add(target.specInfo);
        stack.push({ path, next: target.specInfo, seen: new Set() });
      }
    } else if (target.type === types.file) {
      const start = target.dataStart;
      const end = start + target.size;
      if (end > limit) {
        ctx.problem('corrupt', `romfs: ${describePath(path)}: ${target.size} bytes of data at ${start} run past the image (${limit} bytes); skipped, scanned raw`, target.at);
        continue;
      }
      yield { link: { format: 'romfs', path, offset: start }, stream: windowSlice(window, start, end), size: target.size, verbatim: { start, end } };
    }
    // symlinks, devices, sockets, FIFOs: no file content, never followed
  }
}

/** Follows a chain of hard links to the header it ends at. */
async function resolveLinks(reader: WindowReader, header: RomfsHeader, limit: number): Promise<RomfsHeader> {
  let current = header;
  for (let hops = 0; current.type === types.hardLink; hops++) {
    if (hops >= maxLinkHops) throw new InputError('corrupt', `romfs: hard link at ${header.at} does not reach a file within ${maxLinkHops} links`, header.at);
    current = await readHeader(reader, current.specInfo, limit);
  }
  return current;
}

function isDotName(name: Uint8Array): boolean {
  return (name.length === 1 && name[0] === 0x2e) || (name.length === 2 && name[0] === 0x2e && name[1] === 0x2e);
}
