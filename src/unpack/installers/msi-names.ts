/**
 * MSI stream names. Windows Installer packs its stream names into the 31 UTF-16 units a
 * Compound File name may hold by coding two characters of the alphabet below in one unit
 * (U+3800 + a + 64 b), one character in U+4800 + a, and marking table streams with a leading
 * U+4840. Decoding follows Wine's `decode_streamname` (dlls/msi/table.c); the table marker is
 * written `!` as msitools does (`!_StringPool`, `!_Tables`).
 *
 * Those units lie in CJK Extension A, so a plain Compound File (an Office document) with a
 * Chinese stream name must not be decoded this way: `isMsiPackage` decides per file.
 */
const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._';
const pairBase = 0x3800;
const singleBase = 0x4800;
const tableMarker = 0x4840;

/** Root-storage CLSIDs of Windows Installer databases, patches and transforms ({000C1084/1086/1082-0000-0000-C000-000000000046}), as stored (little-endian first fields). */
const msiClassPrefixes = [0x84, 0x86, 0x82];

export function decodeMsiStreamName(name: string): string {
  let out = '';
  for (const char of name) {
    const unit = char.codePointAt(0)!;
    if (unit === tableMarker) out += '!';
    else if (unit >= singleBase && unit < tableMarker) out += alphabet[unit - singleBase];
    else if (unit >= pairBase && unit < singleBase) out += alphabet[(unit - pairBase) & 0x3f]! + alphabet[((unit - pairBase) >> 6) & 0x3f]!;
    else out += char;
  }
  return out;
}

/** True for a Windows Installer file: the root CLSID says so, or a stream carries the table marker. */
export function isMsiPackage(rootClsid: Uint8Array, names: readonly string[]): boolean {
  const known = msiClassPrefixes.includes(rootClsid[0]!) && rootClsid[1] === 0x10 && rootClsid[2] === 0x0c && rootClsid[3] === 0x00 && rootClsid[8] === 0xc0 && rootClsid[15] === 0x46;
  return known || names.some((name) => name.codePointAt(0) === tableMarker);
}
