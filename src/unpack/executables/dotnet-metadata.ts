/**
 * .NET metadata (ECMA-335 §II.24.2): the CLI header (data directory 14) gives the metadata
 * root's RVA; the root ("BSJB", version string, stream count) lists the heaps by offset, size
 * and name. `#Strings` holds identifiers as NUL-ended UTF-8, `#US` the string literals of the
 * code as length-prefixed UTF-16LE, `#Blob` signatures and custom-attribute values (UTF-8
 * strings with a length prefix). All three are searchable as stored: each heap becomes a
 * verbatim child, named `.NET/#US` and so on, so a literal found in it says it is one.
 *
 * Pure; never throws.
 */

/** "BSJB": the metadata root signature. */
const metadataSignature = 0x424a_5342;
/** Streams read from a root; ECMA-335 defines five. */
const maxStreams = 16;
/** Longest version string in a root (ECMA-335 §II.24.2.1: at most 255 bytes). */
const maxVersionLength = 256;

export interface MetadataStream {
  readonly name: string;
  /** Offset from the metadata root. */
  readonly offset: number;
  readonly size: number;
}

export type MetadataParse = { readonly ok: true; readonly version: string; readonly streams: MetadataStream[] } | { readonly ok: false; readonly reason: string };

/** The metadata root's RVA and size from the 72-byte CLI header (ECMA-335 §II.25.3.3). */
export function metadataLocation(cliHeader: Uint8Array): { readonly rva: number; readonly size: number } | undefined {
  if (cliHeader.length < 16) return undefined;
  const view = new DataView(cliHeader.buffer, cliHeader.byteOffset, cliHeader.byteLength);
  return { rva: view.getUint32(8, true), size: view.getUint32(12, true) };
}

/** The stream headers of a metadata root; `root` holds its bytes (as many as the CLI header states). */
export function parseMetadataRoot(root: Uint8Array): MetadataParse {
  const view = new DataView(root.buffer, root.byteOffset, root.byteLength);
  if (root.length < 16 || view.getUint32(0, true) !== metadataSignature) return { ok: false, reason: 'no BSJB metadata signature' };
  const versionLength = view.getUint32(12, true);
  if (versionLength > maxVersionLength || 16 + versionLength + 4 > root.length) return { ok: false, reason: `version string of ${versionLength} bytes does not fit the metadata root` };
  const versionBytes = root.subarray(16, 16 + versionLength);
  const nul = versionBytes.indexOf(0);
  const version = Buffer.from(nul === -1 ? versionBytes : versionBytes.subarray(0, nul)).toString('latin1');
  let at = 16 + ((versionLength + 3) & ~3) + 2;
  if (at + 2 > root.length) return { ok: false, reason: 'metadata root ends before its stream count' };
  const count = view.getUint16(at, true);
  if (count > maxStreams) return { ok: false, reason: `${count} metadata streams (more than ${maxStreams})` };
  at += 2;
  const streams: MetadataStream[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 8 > root.length) return { ok: false, reason: `metadata root ends inside stream header ${i}` };
    const offset = view.getUint32(at, true);
    const size = view.getUint32(at + 4, true);
    const nameStart = at + 8;
    // Names are NUL-ended ASCII padded to 4 bytes, at most 32 characters (§II.24.2.2).
    const nameEnd = root.subarray(nameStart, nameStart + 32).indexOf(0);
    if (nameEnd === -1) return { ok: false, reason: `stream header ${i} has no NUL-ended name within 32 bytes` };
    streams.push({ name: Buffer.from(root.subarray(nameStart, nameStart + nameEnd)).toString('latin1'), offset, size });
    at = nameStart + ((nameEnd + 4) & ~3);
  }
  return { ok: true, version, streams };
}
