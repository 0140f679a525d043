/**
 * The ordered handler registry: the walker (src/walk/) offers each object's first bytes to these
 * handlers in this order, and the first whose `detect` accepts them opens it. The order:
 *   1. archives and firmware containers with strong magic at offset 0 (zip, DH-zip, gzip, tar,
 *      uImage, FIT, digicap.dav, Android sparse, cpio, ar): they are what an object usually is;
 *   2. text-record formats (Intel HEX, SREC), recognised only by a valid first record;
 *   3. filesystems (squashfs, cramfs, romfs), whose superblocks are checked in depth;
 *   4. stream compressors (xz, bzip2, zstd, lz4, lzop), each with a checked header;
 *   5. flash filesystems (JFFS2, UBI, UBIFS), whose nodes are short magics with CRCs;
 *   6. LZMA-alone, the weakest header (no magic: properties, dictionary and size checks only),
 *      so that every stronger format gets the bytes first;
 *   7. documents (WARC, PDF, MHTML); HTML and XML are text views (src/text/), tried by the
 *      walker only when no handler accepts the object.
 * The signature carver uses every handler's `signatures` wherever they occur, in any order.
 */
import { dahuaZipHandler } from './firmware/dahua-zip.js';
import { gzipHandler } from './compression/gzip.js';
import { tarHandler } from './archives/tar.js';
import type { Handler } from './types.js';
import { zipHandler } from './archives/zip.js';
import { uimageHandler } from './firmware/uimage.js';
import { fitHandler } from './firmware/fit.js';
import { hikvisionDavHandler } from './firmware/hikvision-dav.js';
import { androidSparseHandler } from './filesystems/android-sparse.js';
import { cpioHandler } from './archives/cpio.js';
import { arHandler } from './archives/ar.js';
import { intelHexHandler } from './firmware/intel-hex.js';
import { srecHandler } from './firmware/srec.js';
import { xzHandler } from './compression/xz.js';
import { bzip2Handler } from './compression/bzip2.js';
import { zstdHandler } from './compression/zstd.js';
import { lz4Handler } from './compression/lz4.js';
import { lzopHandler } from './compression/lzop.js';
import { lzmaHandler } from './compression/lzma.js';
import { jffs2Handler } from './filesystems/jffs2.js';
import { ubiHandler } from './filesystems/ubi.js';
import { ubifsHandler } from './filesystems/ubifs.js';
import { squashfsHandler } from './filesystems/squashfs.js';
import { cramfsHandler } from './filesystems/cramfs.js';
import { romfsHandler } from './filesystems/romfs.js';
import { warcHandler } from './documents/warc.js';
import { pdfHandler } from './documents/pdf.js';
import { mhtmlHandler } from './documents/mhtml.js';
import { cabHandler } from './installers/cab.js';
import { cfbHandler } from './installers/cfb.js';
import { sevenZipHandler } from './installers/sevenzip.js';
import { nsisHandler } from './installers/nsis.js';
import { innoHandler } from './installers/inno.js';
import { rarHandler } from './installers/rar.js';

/**
 * Windows installers and archives (issue 16 part A) come last: each has a strong magic of its
 * own (MSCF, the Compound File header, 7z's six bytes, NSIS's firstheader), so they never shadow
 * an earlier handler, and none claims bytes an earlier one would open.
 */
const installerHandlers: readonly Handler[] = [cabHandler, cfbHandler, sevenZipHandler, nsisHandler, innoHandler, rarHandler];

import { javaClassHandler } from './executables/java-class.js';
import { qmHandler } from './executables/qt-qm.js';
import { qtRccHandler } from './executables/qt-rcc.js';
import { gettextMoHandler } from './executables/gettext-mo.js';
import { peHandler } from './executables/pe.js';
import { dexHandler } from './mobile/dex.js';
import { arscHandler } from './mobile/arsc.js';
import { binaryXmlHandler } from './mobile/binary-xml.js';
import { bplistHandler } from './mobile/bplist.js';
import { hermesHandler } from './mobile/hermes.js';

/** Client-software formats (executables/, mobile/) come after the rest: each has its own magic, and PE is last of all so that an installer handler recognising its own stub (NSIS, Inno Setup) claims an .exe before the generic PE handler does. */
const clientSoftware: readonly Handler[] = [javaClassHandler, dexHandler, arscHandler, binaryXmlHandler, qmHandler, qtRccHandler, gettextMoHandler, bplistHandler, hermesHandler, peHandler];

export const handlers: readonly Handler[] = [zipHandler, dahuaZipHandler, gzipHandler, tarHandler, uimageHandler, fitHandler, hikvisionDavHandler, androidSparseHandler, cpioHandler, arHandler, intelHexHandler, srecHandler, squashfsHandler, cramfsHandler, romfsHandler, xzHandler, bzip2Handler, zstdHandler, lz4Handler, lzopHandler, jffs2Handler, ubiHandler, ubifsHandler, lzmaHandler, warcHandler, pdfHandler, mhtmlHandler, ...installerHandlers, ...clientSoftware];

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
