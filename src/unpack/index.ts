/** The ordered handler registry: the first handler whose `detect` accepts a node opens it. */
import { dahuaZipHandler } from './dahua-zip.js';
import { gzipHandler } from './gzip.js';
import { tarHandler } from './tar.js';
import type { Handler } from './types.js';
import { zipHandler } from './zip.js';
import { uimageHandler } from './uimage.js';
import { fitHandler } from './fit.js';
import { hikvisionDavHandler } from './hikvision-dav.js';
import { androidSparseHandler } from './android-sparse.js';
import { cpioHandler } from './cpio.js';
import { arHandler } from './ar.js';
import { intelHexHandler } from './intel-hex.js';
import { srecHandler } from './srec.js';
import { xzHandler } from './xz.js';
import { bzip2Handler } from './bzip2.js';
import { zstdHandler } from './zstd.js';
import { lz4Handler } from './lz4.js';
import { lzopHandler } from './lzop.js';
import { lzmaHandler } from './lzma.js';
import { jffs2Handler } from './jffs2.js';
import { ubiHandler } from './ubi.js';
import { ubifsHandler } from './ubifs.js';
import { squashfsHandler } from './squashfs.js';
import { cramfsHandler } from './cramfs.js';
import { romfsHandler } from './romfs.js';
import { warcHandler } from './warc.js';
import { pdfHandler } from './pdf.js';
import { mhtmlHandler } from './mhtml.js';

export const handlers: readonly Handler[] = [zipHandler, dahuaZipHandler, gzipHandler, tarHandler, uimageHandler, fitHandler, hikvisionDavHandler, androidSparseHandler, cpioHandler, arHandler, intelHexHandler, srecHandler, squashfsHandler, cramfsHandler, romfsHandler, xzHandler, bzip2Handler, zstdHandler, lz4Handler, lzopHandler, jffs2Handler, ubiHandler, ubifsHandler, lzmaHandler, warcHandler, pdfHandler, mhtmlHandler];

/** Bytes of a node's start needed to run every `detect`. */
export const maxHeadLength = Math.max(...handlers.map((handler) => handler.headLength));

export function detectFormat(head: Uint8Array): Handler | undefined {
  return detectAt(head)?.handler;
}

/** The first handler that accepts `head`, with its detection (which may state the chunk's length). */
export function detectAt(head: Uint8Array): { readonly handler: Handler; readonly length?: number } | undefined {
  for (const handler of handlers) {
    const detection = handler.detect(head);
    if (detection.ok) return detection.length === undefined ? { handler } : { handler, length: detection.length };
  }
  return undefined;
}

export type { Child, ChainLink, Handler, OpenContext, OpenInput, Problem } from './types.js';
export { InputError } from './types.js';
