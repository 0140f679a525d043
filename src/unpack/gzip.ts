import { createGunzip } from 'node:zlib';
import { defineHandler } from './types.js';
import { throughTransform } from './streams.js';

/**
 * gzip (RFC 1952). Header: ID1 0x1f, ID2 0x8b, CM 0x08 (deflate), §2.3.1.
 *   00000000: 1f8b 0800 0000 0000 0003 ...   magic, deflate, flags, mtime, xfl, os
 * Concatenated members are one stream (RFC 1952 §2.2), as `gzip -d` treats them. The header's
 * FNAME is not used for the chain: it is attacker-chosen and says nothing the bytes do not.
 */
export const gzipHandler = defineHandler({
  id: 'gzip',
  kind: 'compression',
  doc: {
    name: 'gzip stream',
    references: ['https://www.rfc-editor.org/rfc/rfc1952'],
    limitations: ['Trailing bytes after the last member are not inspected by the decompressor (they are scanned raw).'],
  },
  signatures: [{ magic: Uint8Array.of(0x1f, 0x8b, 0x08), offset: 0 }],
  headLength: 3,
  detect(head) {
    return head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08
      ? { ok: true }
      : { ok: false, reason: 'no gzip magic 1f 8b 08' };
  },
  async *open(input) {
    yield { link: { format: 'gzip', offset: 0 }, stream: throughTransform(input.stream, createGunzip(), 'gzip') };
  },
});
