/**
 * One entry point for the block codecs that filesystems name by id (squashfs compression ids,
 * JFFS2 and UBIFS compressor types): `decompressBlock(codec, bytes, maxOutputBytes)`. Each
 * codec is pure and synchronous, reads only `bytes`, and never produces or allocates more than
 * `maxOutputBytes`; bad data is `InputError('corrupt')`, overrun `InputError('limit')`.
 */
import type { BlockDecoder, Codec } from './block-decoder.js';
import { lz4BlockDecompress } from './lz4.js';
import { lzo1xDecompress } from './lzo.js';
import { lzmaAloneDecompress, xzDecompress } from './xz.js';
import { zlibDecompress } from './zlib.js';
import { zstdDecompress } from './zstd.js';

export { codecs, type Codec } from './block-decoder.js';

/**
 * Decodes one self-contained compressed block: a zlib stream, xz stream(s), an LZMA-alone
 * stream, an LZO1X stream, an LZ4 *block* (not frame) or zstd frame(s), filling `bytes`.
 */
export function decompressBlock(codec: Codec, bytes: Uint8Array, maxOutputBytes: number): Uint8Array {
  switch (codec) {
    case 'zlib':
      return zlibDecompress(bytes, maxOutputBytes);
    case 'xz':
      return xzDecompress(bytes, maxOutputBytes);
    case 'lzma':
      return lzmaAloneDecompress(bytes, maxOutputBytes);
    case 'lzo':
      return lzo1xDecompress(bytes, maxOutputBytes);
    case 'lz4':
      return lz4BlockDecompress(bytes, maxOutputBytes);
    case 'zstd':
      return zstdDecompress(bytes, maxOutputBytes);
  }
}

/** Blocks decoded in the calling thread, one when it is asked for. */
export const inThreadDecoder: BlockDecoder = {
  ahead: 0,
  decode: async (codec, bytes, maxOutputBytes) => decompressBlock(codec, bytes, maxOutputBytes),
};
