/**
 * Java's "modified UTF-8" (JVMS §4.4.7; dex uses the same): UTF-8, except that U+0000 is
 * `C0 80` and a character above U+FFFF is its two UTF-16 surrogates, each written as three
 * bytes (`ED A0..AF xx ED B0..BF xx`). Text without either is byte-identical to UTF-8 and is
 * searched as stored; text with either is decoded here so the matcher sees standard UTF-8.
 */

/** True when `bytes` holds a `C0 80` or an encoded surrogate, i.e. differs from standard UTF-8. */
export function differsFromUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if ((bytes[i] === 0xc0 && bytes[i + 1] === 0x80) || (bytes[i] === 0xed && bytes[i + 1]! >= 0xa0)) return true;
  }
  return false;
}

/** Decodes modified UTF-8; a malformed byte becomes U+FFFD and decoding goes on. */
export function decodeMutf8(bytes: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    if (a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0 && (b & 0xc0) === 0x80) {
      units.push(((a & 0x1f) << 6) | (b & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0 && (b & 0xc0) === 0x80 && (c & 0xc0) === 0x80) {
      units.push(((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
      i += 3;
    } else {
      units.push(0xfffd);
      i += 1;
    }
  }
  let text = '';
  // Chunked: String.fromCharCode takes its units as arguments.
  for (let at = 0; at < units.length; at += 8192) text += String.fromCharCode(...units.slice(at, at + 8192));
  return text;
}
