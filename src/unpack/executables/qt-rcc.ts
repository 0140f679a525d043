/**
 * Qt binary resource files (`rcc --binary`, loaded with `QResource::registerResource`; QtCore
 * `qresource.cpp`, `rcc.cpp`): `qres`, a version (1–3), the offsets of the tree, the data and
 * the names (version 3 adds a flags word). Tree nodes (14 bytes, 22 from version 2 with a
 * modification time) are `name offset, flags` then either `child count, first child` for a
 * directory (flag 2) or `territory, language, data offset` for a file. A name is a `u16` length,
 * a `u32` hash and UTF-16BE; a file's data is a `u32` length and the bytes, zlib-compressed
 * after a `u32` original size when flag 1 is set.
 *
 * Each file is a child named by its path in the tree (`ui/i18n/labels.txt`): a verbatim slice
 * when stored, its inflated bytes when compressed (offset: its data in the file). zstd-compressed
 * files (flag 4, Qt 6) are `unsupported`. Resources compiled into an executable as C++ arrays
 * have no header and are not found by this handler; their uncompressed bytes are searched raw.
 */
import { inflateSync } from 'node:zlib';
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';
import { once, readWhole, sliceChild } from './slices.js';

export const maxRccBytes = 64 * 1024 * 1024;
/** Largest inflated file kept, in bytes. */
export const maxInflatedBytes = 64 * 1024 * 1024;
/** Tree nodes visited in one file (each node is read once; a cycle ends there). */
const maxNodes = 1 << 20;
const magic = Buffer.from('qres', 'latin1');
const flags = { compressed: 1, directory: 2, zstd: 4 } as const;

export const qtRccHandler = defineHandler({
  id: 'rcc',
  kind: 'archive',
  doc: {
    name: 'Qt binary resource file (rcc --binary)',
    references: ['https://code.qt.io/cgit/qt/qtbase.git/tree/src/corelib/io/qresource.cpp', 'https://code.qt.io/cgit/qt/qtbase.git/tree/src/tools/rcc/rcc.cpp'],
    limitations: [
      `Files larger than ${maxRccBytes} bytes are scanned raw only; inflated files are cut at ${maxInflatedBytes} bytes (a limit problem).`,
      'zstd-compressed files (Qt 6) are not decompressed (unsupported).',
      'Resources compiled into an executable (qrc_*.cpp arrays) have no header: their stored bytes are searched raw, zlib-compressed ones are not inflated.',
    ],
  },
  signatures: [{ magic, offset: 0, startOnly: true }],
  headLength: 20,
  detect(head) {
    if (head.length < 20 || !magic.equals(Buffer.from(head.subarray(0, 4)))) return { ok: false, reason: 'no qres magic' };
    const version = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(4);
    return version >= 1 && version <= 3 ? { ok: true, reasons: [`rcc format ${version}`] } : { ok: false, reason: `rcc format version ${version} is not 1–3` };
  },
  open: openRcc,
});

interface Layout {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly tree: number;
  readonly data: number;
  readonly names: number;
  readonly nodeSize: number;
}

async function* openRcc(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const bytes = await readWhole(input, maxRccBytes, 'Qt resource file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4);
  const layout: Layout = { bytes, view, tree: view.getUint32(8), data: view.getUint32(12), names: view.getUint32(16), nodeSize: version >= 2 ? 22 : 14 };
  const seen = new Set<number>();
  // Depth-first from the root (node 0), children in stored order; an explicit stack bounds recursion.
  const stack: { node: number; path: string }[] = [{ node: 0, path: '' }];
  while (stack.length > 0) {
    if (ctx.signal.aborted) return;
    const { node, path } = stack.pop()!;
    const at = layout.tree + node * layout.nodeSize;
    if (seen.has(node) || seen.size >= maxNodes) continue;
    seen.add(node);
    if (at + 14 > bytes.length) throw new InputError('corrupt', `rcc tree node ${node} lies beyond the file`, at);
    const nodeFlags = view.getUint16(at + 4);
    const name = node === 0 ? '' : nameAt(layout, view.getUint32(at));
    const full = path === '' ? name : `${path}/${name}`;
    if (nodeFlags & flags.directory) {
      const count = view.getUint32(at + 6);
      const first = view.getUint32(at + 10);
      if (first + count > (bytes.length - layout.tree) / layout.nodeSize) throw new InputError('corrupt', `rcc directory ${full || '/'} claims children ${first}–${first + count - 1}, beyond the tree`, at);
      for (let child = first + count - 1; child >= first; child--) stack.push({ node: child, path: full });
      continue;
    }
    const child = fileChild(layout, view.getUint32(at + 10), nodeFlags, full, ctx);
    if (child !== undefined) yield child;
  }
}

function fileChild(layout: Layout, dataOffset: number, nodeFlags: number, path: string, ctx: OpenContext): Child | undefined {
  const at = layout.data + dataOffset;
  if (at + 4 > layout.bytes.length || at + 4 + layout.view.getUint32(at) > layout.bytes.length) {
    ctx.problem('corrupt', `rcc file ${path}: its data at 0x${at.toString(16)} runs past the file`, at);
    return undefined;
  }
  const start = at + 4;
  const end = start + layout.view.getUint32(at);
  if (nodeFlags & flags.zstd) {
    ctx.problem('unsupported', `rcc file ${path} is zstd-compressed; its bytes were scanned raw only`, at);
    return undefined;
  }
  if ((nodeFlags & flags.compressed) === 0) return sliceChild('rcc', layout.bytes, { path, start, end });
  try {
    // The first 4 bytes are the original size (qUncompress's prefix); zlib follows.
    const inflated = inflateSync(layout.bytes.subarray(start + 4, end), { maxOutputLength: maxInflatedBytes });
    return { link: { format: 'rcc', path: Buffer.from(path, 'utf8'), offset: start }, stream: once(inflated), size: inflated.length };
  } catch (error) {
    const limit = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    ctx.problem(limit ? 'limit' : 'corrupt', limit ? `rcc file ${path} inflates to more than ${maxInflatedBytes} bytes; it was scanned compressed only` : `rcc file ${path}: zlib data does not inflate (${(error as Error).message})`, at);
    return undefined;
  }
}

function nameAt(layout: Layout, offset: number): string {
  const at = layout.names + offset;
  if (at + 6 > layout.bytes.length) return `#${offset}`;
  const length = Math.min(layout.view.getUint16(at), Math.floor((layout.bytes.length - at - 6) / 2));
  return Buffer.from(layout.bytes.subarray(at + 6, at + 6 + length * 2)).swap16().toString('utf16le');
}
