/**
 * The block codecs that filesystems name by id, and who decodes their blocks: the scanning
 * thread itself (`inThreadDecoder`, codecs/index.ts) or a pool of worker threads
 * (decode-pool.ts) while the scanning thread searches the blocks already decoded. Either gives
 * the same bytes and the same errors, so a report never depends on which one ran. (No imports:
 * unpack/types.ts names the decoder, and every codec imports unpack/types.ts.)
 */

export const codecs = ['zlib', 'xz', 'lzma', 'lzo', 'lz4', 'zstd'] as const;
export type Codec = (typeof codecs)[number];

export interface BlockDecoder {
  /**
   * Blocks a reader may ask for before it takes the first of them: 0 when decoding happens in
   * the caller's thread (asking ahead would only hold decoded blocks longer).
   */
  readonly ahead: number;
  /** `decompressBlock`'s result or error (an `InputError` with the same kind, message and offset). */
  decode(codec: Codec, bytes: Uint8Array, maxOutputBytes: number): Promise<Uint8Array>;
}
