/**
 * Types for the block decoder inside unbzip2-stream 1.4 (`lib/bzip2.js`, antimatter15's port
 * of micro-bunzip), which the bzip2 handler drives directly so it controls the input bits and
 * learns where the stream ends. The package ships no types.
 */
declare module 'unbzip2-stream/lib/bzip2.js' {
  /** Reads `n` bits MSB-first as an integer; `bits(null)` skips to the next byte boundary. */
  type BitReader = (n: number | null) => number;
  interface Bzip2Lib {
    /** Checks "BZh" and returns the block size digit 1..9 (×100,000 bytes). Allocates the shared tables. */
    header(bits: BitReader): number;
    /**
     * Decodes one block into `emit` (one call per byte) using `buf` (Int32Array of `bufsize`).
     * Returns the updated combined stream CRC, or `null` at the end-of-stream marker (after
     * checking the combined CRC against `streamCRC` and aligning to a byte).
     */
    decompress(bits: BitReader, emit: (byte: number) => void, buf: Int32Array, bufsize: number, streamCRC: number): number | null;
  }
  const bzip2: Bzip2Lib;
  export default bzip2;
}
