/**
 * U-Boot FIT (Flattened Image Tree): a flattened device tree whose `/images/<name>` nodes carry
 * the payloads, either inline in a `data` property or after the tree (`data-offset`, relative to
 * the tree's end rounded up to 4, or `data-position`, from the start of the FIT) with
 * `data-size`. Devicetree Specification v0.4 chapter 5 (the flattened format) and U-Boot
 * `doc/usage/fit/source_file_format.rst` / `boot/image-fit.c` (`fit_image_get_data`). A real
 * header (`mkimage -f kernel.its`):
 *
 *   00000000: d00d feed 0000 0638 0000 0038 0000 0220   magic, totalsize, off_dt_struct, off_dt_strings
 *   00000010: 0000 0028 0000 0011 0000 0010 0000 0000   off_mem_rsvmap, version 17, last_comp_version 16, boot_cpuid_phys
 *   00000020: 0000 0068 0000 01e8                       size_dt_strings, size_dt_struct
 *
 * The structure block is walked token by token through bounded random-access reads, so a FIT
 * holding a 30 MB kernel is never read whole; one of at most 1 MiB (a kernel DTB) is taken whole
 * in memory, and its images are slices of it. Each image's bytes become a child named after its
 * node; `compression` and `type` are metadata only (the driver detects the child by content).
 * `hash-*` subnodes with crc32, md5, sha1, sha256, sha384 or sha512 are checked as the child
 * streams past: a mismatch is a `corrupt` problem. A device tree without `/images` (a kernel
 * DTB) is a FIT with no images: it has no children, and its bytes are scanned raw.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { openWhole } from '../file-window.js';
import { recordedText, recordedTime } from '../../core/types.js';
import { InputError, defineHandler, type Child, type IdentityFacts, type OpenContext, type OpenInput } from '../types.js';

export const fdtHeaderBytes = 40;
/** Node names longer than this are corrupt input (the spec allows 31 characters plus a unit address). */
export const maxNodeNameBytes = 1024;
/** Property names compared (the ones fwsift uses are at most 13 bytes); longer names are skipped unread. */
const maxPropertyNameBytes = 64;
/** Node nesting deeper than this is corrupt input. */
export const maxTreeDepth = 64;
/** Images collected from `/images`; beyond it the rest are reported and skipped. */
export const maxFitImages = 4096;
/** String properties (compression, algo) read at most this long. */
const maxStringPropertyBytes = 256;
/** Random-access reads are served from blocks of this size. */
const cacheBlockBytes = 64 * 1024;
/** A blob up to this size is taken whole in memory (no temp file when met inside a stream; one read instead of one per block). */
const wholeBlobBytes = 1024 * 1024;

/** d0 0d fe ed: FDT_MAGIC. */
const fdtMagic = Uint8Array.of(0xd0, 0x0d, 0xfe, 0xed);

const token = { beginNode: 1, endNode: 2, prop: 3, nop: 4, end: 9 } as const;

export interface FdtHeader {
  readonly totalSize: number;
  readonly structOffset: number;
  readonly stringsOffset: number;
  readonly memRsvmapOffset: number;
  readonly version: number;
  readonly lastCompatibleVersion: number;
  readonly stringsSize: number;
  /** `size_dt_struct` (version 17); for version 16 the rest of the blob after `off_dt_struct`. */
  readonly structSize: number;
}

export type FdtParse = { readonly ok: true; readonly header: FdtHeader } | { readonly ok: false; readonly reason: string };

/** Decodes and checks the FDT header at the start of `bytes`. Pure; never throws. */
export function parseFdtHeader(bytes: Uint8Array): FdtParse {
  if (bytes.length < fdtHeaderBytes) return { ok: false, reason: `FDT header needs ${fdtHeaderBytes} bytes, got ${bytes.length}` };
  if (!fdtMagic.every((byte, i) => bytes[i] === byte)) return { ok: false, reason: 'no FDT magic d0 0d fe ed' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, fdtHeaderBytes);
  const totalSize = view.getUint32(4);
  const structOffset = view.getUint32(8);
  const stringsOffset = view.getUint32(12);
  const memRsvmapOffset = view.getUint32(16);
  const version = view.getUint32(20);
  const lastCompatibleVersion = view.getUint32(24);
  const stringsSize = view.getUint32(32);
  // Version 16 has no size_dt_struct: the structure block runs to the strings or the end.
  const structSize = version >= 17 ? view.getUint32(36) : Math.max(0, (stringsOffset > structOffset ? stringsOffset : totalSize) - structOffset);
  const header: FdtHeader = { totalSize, structOffset, stringsOffset, memRsvmapOffset, version, lastCompatibleVersion, stringsSize, structSize };
  if (version < 16 || lastCompatibleVersion > 17) return { ok: false, reason: `unsupported FDT version ${version} (compatible with ${lastCompatibleVersion})` };
  if (totalSize < fdtHeaderBytes) return { ok: false, reason: `FDT totalsize ${totalSize} is smaller than its header` };
  if (structOffset < fdtHeaderBytes || structOffset % 4 !== 0 || structOffset + structSize > totalSize) return { ok: false, reason: 'FDT structure block outside the blob or misaligned' };
  if (stringsOffset < fdtHeaderBytes || stringsOffset + stringsSize > totalSize) return { ok: false, reason: 'FDT strings block outside the blob' };
  if (memRsvmapOffset < fdtHeaderBytes || memRsvmapOffset % 8 !== 0 || memRsvmapOffset > totalSize) return { ok: false, reason: 'FDT memory reservation map outside the blob or misaligned' };
  return { ok: true, header };
}

/** Random access to the FIT's bytes (a file window, or a buffer in tests). */
export interface RandomAccess {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

export interface FitHash {
  readonly algo: string;
  readonly value: Uint8Array;
}

export interface FitImage {
  /** The node name under `/images`, bytes as stored. */
  readonly name: Uint8Array;
  /** Offset of the node's FDT_BEGIN_NODE token. */
  readonly nodeOffset: number;
  /** Inline `data`: offset of the value in the blob and its length. */
  readonly data?: { readonly offset: number; readonly size: number };
  readonly dataOffset?: number;
  readonly dataPosition?: number;
  readonly dataSize?: number;
  readonly compression?: string;
  readonly hashes: readonly FitHash[];
}

export interface FitWalk {
  readonly images: readonly FitImage[];
  /** Problems met on the way (the walk stops at the first structural one). */
  readonly problems: readonly { readonly message: string; readonly offset: number }[];
}

interface MutableImage {
  name: Uint8Array;
  nodeOffset: number;
  data?: { offset: number; size: number };
  dataOffset?: number;
  dataPosition?: number;
  dataSize?: number;
  compression?: string;
  hashes: FitHash[];
}

/**
 * Walks the structure block and collects the `/images/*` nodes. Reads are bounded (names,
 * small property values); `data` values are located, never read. Never throws for bad input:
 * a structural problem ends the walk and is returned with the images found before it.
 */
export async function walkFit(source: RandomAccess, header: FdtHeader): Promise<FitWalk> {
  const cache = new BlockCache(source);
  const problems: { message: string; offset: number }[] = [];
  const images: MutableImage[] = [];
  const structEnd = Math.min(header.structOffset + header.structSize, source.size);
  const stringsEnd = Math.min(header.stringsOffset + header.stringsSize, source.size);
  const path: Uint8Array[] = [];
  let image: MutableImage | undefined;
  let hashAlgo: string | undefined;
  let hashValue: Uint8Array | undefined;
  let tooMany = false;
  let position = header.structOffset;
  const fail = (message: string, offset: number): FitWalk => {
    problems.push({ message, offset });
    return { images, problems };
  };
  try {
    for (;;) {
      if (position + 4 > structEnd) return fail('structure block ends without FDT_END', position);
      const at = position;
      // Most reads lie in the block held (a DTB is held whole): taken without an await, which cost more than the walk itself.
      const tag = cache.heldU32(position) ?? (await cache.u32(position));
      position += 4;
      if (tag === token.beginNode) {
        const nameBytes = Math.min(maxNodeNameBytes + 1, structEnd - position);
        const window = cache.held(position, nameBytes) ?? (await cache.peek(position, nameBytes));
        const nul = window.indexOf(0);
        if (nul === -1) return fail(`node name longer than ${maxNodeNameBytes} bytes or unterminated`, position);
        const name = window.slice(0, nul);
        position = align4(position + nul + 1);
        path.push(name);
        if (path.length > maxTreeDepth) return fail(`nodes nested deeper than ${maxTreeDepth}`, at);
        if (path.length === 3 && isName(path[1]!, 'images')) {
          image = images.length < maxFitImages ? { name, nodeOffset: at, hashes: [] } : undefined;
          if (image === undefined) tooMany = true;
          else images.push(image);
        }
        if (path.length === 4 && image !== undefined && startsWithName(name, 'hash')) {
          hashAlgo = undefined;
          hashValue = undefined;
        }
      } else if (tag === token.endNode) {
        if (path.length === 0) return fail('FDT_END_NODE without a node', at);
        if (path.length === 4 && image !== undefined && startsWithName(path[3]!, 'hash') && hashAlgo !== undefined && hashValue !== undefined) {
          image.hashes.push({ algo: hashAlgo, value: hashValue });
        }
        if (path.length === 3) image = undefined;
        path.pop();
      } else if (tag === token.prop) {
        if (position + 8 > structEnd) return fail('property header runs past the structure block', at);
        const length = cache.heldU32(position) ?? (await cache.u32(position));
        const nameOffset = cache.heldU32(position + 4) ?? (await cache.u32(position + 4));
        const valueOffset = position + 8;
        if (length > structEnd - valueOffset) return fail(`property of ${length} bytes runs past the structure block`, at);
        position = align4(valueOffset + length);
        if (image === undefined || (path.length !== 3 && path.length !== 4)) continue;
        const name = await propertyName(cache, header.stringsOffset + nameOffset, stringsEnd);
        if (path.length === 3) {
          if (name === 'data') image.data = { offset: valueOffset, size: length };
          else if (name === 'data-offset' && length === 4) image.dataOffset = await cache.u32(valueOffset);
          else if (name === 'data-position' && length === 4) image.dataPosition = await cache.u32(valueOffset);
          else if (name === 'data-size' && length === 4) image.dataSize = await cache.u32(valueOffset);
          else if (name === 'compression' && length <= maxStringPropertyBytes) image.compression = cString(await cache.peek(valueOffset, length));
        } else if (startsWithName(path[3]!, 'hash')) {
          if (name === 'algo' && length <= maxStringPropertyBytes) hashAlgo = cString(await cache.peek(valueOffset, length));
          else if (name === 'value' && length <= 64) hashValue = await cache.bytes(valueOffset, length);
        }
      } else if (tag === token.nop) {
        continue;
      } else if (tag === token.end) {
        if (path.length !== 0) problems.push({ message: 'FDT_END inside an open node', offset: at });
        break;
      } else {
        return fail(`unknown structure token 0x${tag.toString(16)}`, at);
      }
    }
  } catch (error) {
    if (error instanceof InputError) return fail(error.message, error.offset ?? position);
    throw error;
  }
  if (tooMany) problems.push({ message: `more than ${maxFitImages} images; the rest were not opened`, offset: header.structOffset });
  return { images, problems };
}

export const fitHandler = defineHandler({
  id: 'fit',
  kind: 'firmware',
  doc: {
    name: 'U-Boot FIT image (flattened device tree with /images)',
    references: [
      'https://github.com/devicetree-org/devicetree-specification/releases (chapter 5, Flattened Devicetree format)',
      'https://github.com/u-boot/u-boot/blob/master/doc/usage/fit/source_file_format.rst',
      'https://github.com/u-boot/u-boot/blob/master/boot/image-fit.c',
    ],
    limitations: [
      'Only `/images/*` nodes are opened; configurations, signatures and ciphers are not interpreted (encrypted FIT images are scanned as they are stored).',
      'Hash nodes other than crc32, md5, sha1, sha256, sha384 and sha512 are not checked.',
      'The FIT is read through random access: met inside a stream, it is held in memory up to 1 MiB, and spilled to a private temp file first beyond that.',
      'A plain device tree (no `/images`) has no children; its strings are scanned raw with its bytes.',
    ],
  },
  signatures: [{ magic: fdtMagic, offset: 0 }],
  headLength: fdtHeaderBytes,
  detect(head) {
    const parsed = parseFdtHeader(head);
    return parsed.ok ? { ok: true, length: parsed.header.totalSize } : parsed;
  },
  open: openFit,
  identify: fitIdentity,
});

/**
 * The root node's `description` and `timestamp` (mkimage writes both, before any subnode), when
 * `head` reaches the strings block: true of FITs with external data (`mkimage -E`), not of a
 * FIT whose inline kernel sits before its strings. Pure; never throws.
 */
export function fitIdentity(head: Uint8Array): IdentityFacts | undefined {
  const parsed = parseFdtHeader(head);
  if (!parsed.ok) return undefined;
  const { structOffset, stringsOffset, stringsSize } = parsed.header;
  if (stringsOffset + stringsSize > head.length) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  const strings = head.subarray(stringsOffset, stringsOffset + stringsSize);
  if (structOffset + 8 > head.length || view.getUint32(structOffset) !== token.beginNode) return undefined;
  const rootNameEnd = head.indexOf(0, structOffset + 4);
  if (rootNameEnd < 0) return undefined;
  let position = align4(rootNameEnd + 1);
  let description: string | undefined;
  let buildDate: string | undefined;
  while (position + 12 <= head.length) {
    const tag = view.getUint32(position);
    if (tag === token.nop) {
      position += 4;
      continue;
    }
    if (tag !== token.prop) break;
    const length = view.getUint32(position + 4);
    const nameOffset = view.getUint32(position + 8);
    if (position + 12 + length > head.length || nameOffset >= strings.length) break;
    const value = head.subarray(position + 12, position + 12 + length);
    const name = cString(strings.subarray(nameOffset));
    if (name === 'description') description = recordedText(value.subarray(0, value.indexOf(0) < 0 ? value.length : value.indexOf(0)));
    if (name === 'timestamp' && length === 4) buildDate = recordedTime(new DataView(value.buffer, value.byteOffset, 4).getUint32(0));
    position = align4(position + 12 + length);
  }
  if (description === undefined && buildDate === undefined) return undefined;
  return { format: 'fit', ...(description === undefined ? {} : { name: description }), ...(buildDate === undefined ? {} : { buildDate }) };
}

async function* openFit(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const blob = await openWhole(await input.whole(wholeBlobBytes), 'fit');
  let images: readonly FitImage[];
  let totalSize: number;
  try {
    const parsed = parseFdtHeader(await blob.read(0, Math.min(fdtHeaderBytes, blob.size)));
    if (!parsed.ok) throw new InputError('corrupt', `fit: ${parsed.reason}`, 0);
    totalSize = parsed.header.totalSize;
    if (totalSize > blob.size) ctx.problem('corrupt', `fit: totalsize ${totalSize} runs past the end (${blob.size} bytes)`, 4);
    const walk = await walkFit(blob, parsed.header);
    for (const problem of walk.problems) ctx.problem('corrupt', `fit: ${problem.message}`, problem.offset);
    images = walk.images;
  } finally {
    await blob.close();
  }
  let end = totalSize;
  const external = align4(totalSize);
  for (const image of images) {
    const where = `image ${JSON.stringify(Buffer.from(image.name).toString('latin1'))}`;
    let start: number;
    let size: number;
    if (image.data !== undefined) {
      ({ offset: start, size } = image.data);
    } else if (image.dataSize !== undefined && (image.dataPosition !== undefined || image.dataOffset !== undefined)) {
      start = image.dataPosition ?? external + image.dataOffset!;
      size = image.dataSize;
    } else {
      continue; // a node without data (rare, e.g. a placeholder): nothing to open
    }
    if (start + size > blob.size) {
      ctx.problem('corrupt', `fit: ${where} data [${start}, ${start + size}) runs past the end (${blob.size} bytes); not opened`, image.nodeOffset);
      continue;
    }
    end = Math.max(end, start + size);
    yield {
      link: { format: 'fit', path: image.name, offset: start },
      stream: checkHashes(blob.slice(start, start + size), image.hashes, (message) => ctx.problem('corrupt', `fit: ${where}: ${message}`, image.nodeOffset)),
      size,
      verbatim: { start, end: start + size },
    };
  }
  ctx.setLength(end);
}

const hashAlgorithms: Readonly<Record<string, string>> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/** Passes the bytes on, and checks each supported hash once all of them went past (not when the consumer stops early). */
async function* checkHashes(stream: AsyncIterable<Uint8Array>, hashes: readonly FitHash[], mismatch: (message: string) => void): AsyncGenerator<Uint8Array> {
  const checks = hashes.flatMap((hash) => {
    if (hash.algo === 'crc32') {
      let crc = 0;
      return [{ hash, update: (chunk: Uint8Array) => void (crc = crc32(chunk, crc)), digest: () => Uint8Array.of(crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff) }];
    }
    const node = hashAlgorithms[hash.algo];
    if (node === undefined) return [];
    const hasher = createHash(node);
    return [{ hash, update: (chunk: Uint8Array) => void hasher.update(chunk), digest: () => new Uint8Array(hasher.digest()) }];
  });
  for await (const chunk of stream) {
    for (const check of checks) check.update(chunk);
    yield chunk;
  }
  for (const check of checks) {
    const actual = check.digest();
    if (Buffer.compare(actual, check.hash.value) !== 0) {
      mismatch(`${check.hash.algo} mismatch (stored ${Buffer.from(check.hash.value).toString('hex')}, computed ${Buffer.from(actual).toString('hex')})`);
    }
  }
}

/**
 * Block-cached random reads for the token walk: one read per 64 KiB block touched of a FIT read
 * from its file, or one view of the whole blob when it is at most `wholeBlobBytes` (then held in
 * memory: a kernel DTB, of which an installer holds hundreds). Reads inside the current block take
 * no copy, and no await when asked with `held`/`heldU32`: the walk visits every token, and a copy,
 * then an await, per token was most of its cost (the await: 0.4 s of the Debian installer's 6.8).
 */
class BlockCache {
  readonly #source: RandomAccess;
  readonly #blockBytes: number;
  #block = -1;
  #start = 0;
  #bytes: Uint8Array = new Uint8Array(0);

  constructor(source: RandomAccess) {
    this.#source = source;
    this.#blockBytes = source.size <= wholeBlobBytes ? Math.max(source.size, 1) : cacheBlockBytes;
  }

  /** A copy of `[position, position + length)`. */
  async bytes(position: number, length: number): Promise<Uint8Array> {
    return (await this.peek(position, length)).slice();
  }

  /** `[position, position + length)`, valid until the next read (a view into the cache when it lies in one block). */
  async peek(position: number, length: number): Promise<Uint8Array> {
    if (position + length > this.#source.size) throw new InputError('corrupt', `read of ${length} bytes at ${position} runs past the end`, position);
    const held = this.held(position, length);
    if (held !== undefined) return held;
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const at = position + done;
      const block = Math.floor(at / this.#blockBytes);
      if (block !== this.#block) {
        const start = block * this.#blockBytes;
        this.#bytes = await this.#source.read(start, Math.min(this.#blockBytes, this.#source.size - start));
        this.#block = block;
        this.#start = start;
      }
      const part = this.#bytes.subarray(at - this.#start, at - this.#start + length - done);
      out.set(part, done);
      done += part.length;
    }
    return out;
  }

  /** `[position, position + length)` as a view, when it lies in the block held now; undefined otherwise. */
  held(position: number, length: number): Uint8Array | undefined {
    const from = position - this.#start;
    return this.#block >= 0 && from >= 0 && from + length <= this.#bytes.length ? this.#bytes.subarray(from, from + length) : undefined;
  }

  /** The big-endian u32 at `position`, when it lies in the block held now; undefined otherwise. */
  heldU32(position: number): number | undefined {
    const bytes = this.#bytes;
    const from = position - this.#start;
    if (this.#block < 0 || from < 0 || from + 4 > bytes.length) return undefined;
    return ((bytes[from]! << 24) | (bytes[from + 1]! << 16) | (bytes[from + 2]! << 8) | bytes[from + 3]!) >>> 0;
  }

  async u32(position: number): Promise<number> {
    const bytes = await this.peek(position, 4);
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  }
}

async function propertyName(cache: BlockCache, position: number, stringsEnd: number): Promise<string | undefined> {
  if (position >= stringsEnd) return undefined;
  const window = await cache.peek(position, Math.min(maxPropertyNameBytes, stringsEnd - position));
  const nul = window.indexOf(0);
  return nul === -1 ? undefined : Buffer.from(window.subarray(0, nul)).toString('latin1');
}

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return Buffer.from(nul === -1 ? bytes : bytes.subarray(0, nul)).toString('latin1');
}

function isName(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes).toString('latin1') === name;
}

/** `hash-1`, `hash@1`, `hash`: U-Boot matches hash nodes by this prefix (FIT_HASH_NODENAME). */
function startsWithName(bytes: Uint8Array, prefix: string): boolean {
  return Buffer.from(bytes.subarray(0, prefix.length)).toString('latin1') === prefix;
}

function align4(value: number): number {
  return value + ((4 - (value % 4)) % 4);
}
