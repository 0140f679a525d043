/** PDF's byte classes (ISO 32000-1 §7.2.2), shared by the object scanner, the filters and the content-stream reader. */

/** White space: NUL, tab, line feed, form feed, carriage return, space. */
export function isWhite(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
}

const delimiters = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Delimiters: `( ) < > [ ] { } / %`. */
export function isDelimiter(byte: number | undefined): boolean {
  return byte !== undefined && delimiters.has(byte);
}

/** The value of a hex digit (either case), or -1. */
export function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}
