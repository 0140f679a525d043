import { defineHandler } from '../types.js';
import { openZip } from './zip-reader.js';

/** "PK\x03\x04": local file header (APPNOTE 4.3.7); "PK\x05\x06": EOCD of an empty archive (4.3.16). */
const localHeader = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);
const emptyArchive = Uint8Array.of(0x50, 0x4b, 0x05, 0x06);

/**
 * PKWARE zip (via yauzl, from the central directory). A zip met inside a stream is spilled to
 * a private temp file first: the central directory sits at the end.
 */
export const zipHandler = defineHandler({
  id: 'zip',
  kind: 'archive',
  doc: {
    name: 'zip archive',
    references: ['https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT'],
    limitations: [
      'Members are found through the central directory only; when it is missing or corrupt the archive is scanned raw.',
      'Stored and deflate members are opened; other methods and encrypted members are reported and scanned raw.',
    ],
  },
  signatures: [{ magic: localHeader, offset: 0 }],
  headLength: 4,
  detect(head) {
    return startsWith(head, localHeader) || startsWith(head, emptyArchive)
      ? { ok: true }
      : { ok: false, reason: 'no PK\\x03\\x04 local header at offset 0' };
  },
  open: (input, ctx) => openZip('zip', input, ctx, new Uint8Array()),
});

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}
