import { defineHandler } from '../types.js';
import { openZip } from '../archives/zip-reader.js';
import { startsWith } from '../archives/zip.js';

/**
 * Dahua firmware `.bin`: a plain zip whose first local header signature reads "DH\x03\x04"
 * instead of "PK\x03\x04"; later local headers, the central directory and the EOCD are
 * standard (binwalk src/signatures/dahua_zip.rs; FACT's dahua unpacker writes "PK" back).
 *   00000000: 4448 0304 1400 0000 0800 ...   "DH" 03 04, version 20, flags, deflate
 * Opened as zip with the first two bytes read as "PK"; nothing is rewritten on disk.
 */
const dahuaHeader = Uint8Array.of(0x44, 0x48, 0x03, 0x04);
const pk = Uint8Array.of(0x50, 0x4b);

export const dahuaZipHandler = defineHandler({
  id: 'dahua-zip',
  kind: 'firmware',
  doc: {
    name: 'Dahua firmware zip (DH magic)',
    references: [
      'https://github.com/ReFirmLabs/binwalk/blob/master/src/signatures/dahua_zip.rs',
      'https://github.com/BotoX/Dahua-Firmware-Mod-Kit',
    ],
    limitations: ['As for zip.'],
  },
  signatures: [{ magic: dahuaHeader, offset: 0 }],
  headLength: 4,
  detect(head) {
    return startsWith(head, dahuaHeader) ? { ok: true } : { ok: false, reason: 'no DH\\x03\\x04 at offset 0' };
  },
  open: (input, ctx) => openZip('dahua-zip', input, ctx, pk),
  // The version strings (Install, the sub-images' config) sit in deflated members, out of reach
  // of the head: only the vendor format itself is recorded here.
  identify: (head) => (startsWith(head, dahuaHeader) ? { format: 'dahua-zip', vendor: 'Dahua' } : undefined),
});
