/**
 * Inno Setup installers: recognised and reported, not opened. The setup loader's data (after
 * the exe stub, found by carving) starts with a 64-byte version id, NUL-padded:
 *
 *   "Inno Setup Setup Data (6.2.2) (u)"     (u: a Unicode build)
 *
 * followed by Inno's own block format (CRC-checked 4 KiB chunks of LZMA1 or zlib data holding
 * the setup header, then the file data in separately compressed chunks). Decoding it is
 * innoextract's job; Debian ships no Inno Setup compiler to make fixtures with, so this
 * handler names the version in an `unsupported` problem and the bytes are scanned raw.
 */
import { defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';
import { ByteReader } from '../byte-reader.js';

const prefix = Buffer.from('Inno Setup Setup Data (', 'latin1');
const versionIdBytes = 64;
/** "Inno Setup Setup Data (5.5.7)", optionally followed by " (u)" or " (U)", then NULs. */
const versionPattern = /^Inno Setup Setup Data \((\d+)\.(\d+)\.(\d+)(?:\.(\d+))?\)( \([uU]\))?\0*$/;

/** The version named by a version id, or a reason; pure. */
export function parseInnoVersion(head: Uint8Array): { readonly ok: true; readonly version: string; readonly unicode: boolean } | { readonly ok: false; readonly reason: string } {
  if (head.length < versionIdBytes || !prefix.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no 64-byte "Inno Setup Setup Data (" version id' };
  const match = versionPattern.exec(Buffer.from(head.subarray(0, versionIdBytes)).toString('latin1'));
  if (match === null) return { ok: false, reason: 'the Inno Setup version id is malformed' };
  return { ok: true, version: match.slice(1, 5).filter((part) => part !== undefined).join('.'), unicode: match[5] !== undefined };
}

export const innoHandler = defineHandler({
  id: 'inno',
  kind: 'archive',
  doc: {
    name: 'Inno Setup installer data (recognised, not opened)',
    references: ['https://constexpr.org/innoextract/', 'https://github.com/dscharrer/innoextract/blob/master/src/setup/version.cpp'],
    limitations: ['Not decoded: reported `unsupported` with its version (and whether it is a Unicode build); the installer\'s bytes are scanned raw only, so compressed file names and contents are not searched.'],
  },
  signatures: [{ magic: Uint8Array.from(prefix), offset: 0 }],
  headLength: versionIdBytes,
  detect(head) {
    const parsed = parseInnoVersion(head);
    return parsed.ok ? { ok: true } : parsed;
  },
  open: openInno,
});

async function* openInno(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new ByteReader(input.stream);
  const parsed = parseInnoVersion(await reader.read(versionIdBytes));
  const version = parsed.ok ? `${parsed.version}${parsed.unicode ? ' (Unicode)' : ''}` : 'of an unreadable version';
  ctx.problem('unsupported', `inno: Inno Setup ${version} installer data is not decoded (its setup header and files are compressed in Inno's own block format); scanned raw only — innoextract can unpack it`, 0);
}
