/**
 * RAR archives, versions 1.5-4.x ("Rar!\x1a\x07\x00") and 5.0 ("Rar!\x1a\x07\x01\x00"): members
 * are listed from their headers (RARLAB's "RAR 5.0 archive format" and `technote.txt` of RAR
 * 4). Stored members (method 0 / 0x30) are verbatim slices and opened; compressed ones use
 * RAR's own algorithms, for which no maintained in-process JavaScript decoder exists here, so
 * they are named in one `unsupported` problem and scanned raw. Encrypted headers or members
 * are `encrypted`. Every header walk is bounded by the file: each step moves forward.
 *
 * Why compressed members stay `unsupported` (judged December 2026): the one in-process decoder
 * on npm, node-unrar-js 2.0.2 (RARLAB's UnRAR 6.1.7 compiled to WebAssembly; 724 KB, no install
 * script), would fit only with care and cannot be tested here. It is whole-file or
 * write-to-disk: `createExtractorFromData` needs the archive in one ArrayBuffer and returns each
 * member whole, and `createExtractorFromFile` writes members to disk under names from the archive
 * (this tool never does). Its WebAssembly heap grows with the dictionary the archive declares (RAR
 * 5 allows 1 GiB), so the 256 MiB bound would need a dictionary check before every call. Its
 * last release is from 2023, on UnRAR 6.1.7, and UnRAR's licence is not an open-source one
 * (Debian ships unrar in non-free). And no RAR encoder is reachable here (Debian's `rar` is in
 * non-free and not configured), so no compressed fixture could prove it. Listing members and
 * opening stored ones is what can be proven.
 */
import { openWindow, windowSlice, type WindowReader } from '../file-window.js';
import { startsWith } from '../archives/zip.js';
import { InputError, defineHandler, type Child, type FileWindow, type OpenContext, type OpenInput } from '../types.js';

const rar4Magic = Uint8Array.of(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00);
const rar5Magic = Uint8Array.of(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00);
/** Longest header read (RAR 5 allows 2 MiB; RAR 4 sizes are 16-bit plus a name). */
const maxHeaderBytes = 2 * 1024 * 1024;

interface RarMember {
  readonly name: Uint8Array;
  readonly headerOffset: number;
  readonly dataOffset: number;
  readonly packedSize: number;
  readonly stored: boolean;
  readonly encrypted: boolean;
  readonly directory: boolean;
}

export const rarHandler = defineHandler({
  id: 'rar',
  kind: 'archive',
  doc: {
    name: 'RAR archive (listed; stored members opened)',
    references: ['https://www.rarlab.com/technote.htm'],
    limitations: [
      'Compressed members are not decoded (RAR\'s own algorithms): they are named in an `unsupported` problem and scanned raw only.',
      'Encrypted headers (RAR 5 `-hp`) and encrypted members are reported `encrypted`. Multi-volume sets are not joined; a member split across volumes is opened as far as this volume holds it.',
    ],
  },
  signatures: [
    { magic: rar4Magic, offset: 0 },
    { magic: rar5Magic, offset: 0 },
  ],
  headLength: rar5Magic.length,
  detect(head) {
    if (startsWith(head, rar5Magic) || startsWith(head, rar4Magic)) return { ok: true };
    return { ok: false, reason: 'no RAR signature "Rar!\\x1a\\x07"' };
  },
  open: openRar,
});

async function* openRar(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'rar');
  let members: RarMember[];
  let version: string;
  try {
    const head = await reader.read(0, Math.min(rar5Magic.length, window.size));
    version = startsWith(head, rar5Magic) ? '5' : '4';
    members = version === '5' ? await listRar5(reader, ctx) : await listRar4(reader, ctx);
  } finally {
    await reader.close();
  }
  const compressed = members.filter((member) => !member.directory && !member.stored && !member.encrypted);
  for (const member of members.filter((m) => m.encrypted)) ctx.problem('encrypted', `rar: member ${describe(member.name)} is encrypted; scanned raw only`, member.headerOffset);
  if (compressed.length > 0) {
    ctx.problem('unsupported', `rar: RAR ${version} members compressed with RAR's own methods are not decoded: ${compressed.map((m) => describe(m.name)).join(', ')}; scanned raw only`, compressed[0]!.headerOffset);
  }
  for (const member of members) {
    if (member.directory || !member.stored || member.encrypted) continue;
    yield* storedMember(window, member);
  }
}

async function* storedMember(window: FileWindow, member: RarMember): AsyncGenerator<Child> {
  const end = Math.min(member.dataOffset + member.packedSize, window.size);
  yield { link: { format: 'rar', path: member.name, offset: member.dataOffset }, stream: windowSlice(window, member.dataOffset, end), size: end - member.dataOffset, verbatim: { start: member.dataOffset, end } };
}

/** RAR 5: CRC32, vint header size, then type, flags, optional extra and data sizes. */
async function listRar5(reader: WindowReader, ctx: OpenContext): Promise<RarMember[]> {
  const members: RarMember[] = [];
  for (let at = rar5Magic.length; at + 7 <= reader.size; ) {
    const prefix = new Vints(await reader.read(at, Math.min(16, reader.size - at)), 4);
    const size = prefix.next();
    const bodyStart = at + prefix.position;
    if (size === 0 || size > maxHeaderBytes || bodyStart + size > reader.size) throw new InputError('corrupt', `rar: header at ${at} has an impossible size ${size} (truncated or damaged)`, at);
    const body = new Vints(await reader.read(bodyStart, size), 0);
    const type = body.next();
    const flags = body.next();
    const extraSize = flags & 1 ? body.next() : 0;
    const dataSize = flags & 2 ? body.next() : 0;
    const dataOffset = bodyStart + size;
    if (type === 4) {
      ctx.problem('encrypted', 'rar: the archive headers are encrypted (RAR 5 -hp): no member can be listed; scanned raw only', at);
      return members;
    }
    if (type === 5) {
      ctx.setLength(dataOffset);
      return members;
    }
    if (type === 2) {
      const fileFlags = body.next();
      body.next(); // unpacked size
      body.next(); // attributes
      if (fileFlags & 2) body.skip(4);
      if (fileFlags & 4) body.skip(4);
      const compression = body.next();
      body.next(); // host OS
      const name = body.bytes(body.next());
      const encrypted = hasEncryptionRecord(body.data.subarray(Math.max(0, size - extraSize)));
      members.push({ name, headerOffset: at, dataOffset, packedSize: dataSize, stored: ((compression >> 7) & 7) === 0, encrypted, directory: (fileFlags & 1) !== 0 });
    }
    at = dataOffset + dataSize;
  }
  throw new InputError('corrupt', 'rar: the archive ends without an end-of-archive header (truncated)');
}

/** RAR 1.5-4: HEAD_CRC u16, HEAD_TYPE u8, HEAD_FLAGS u16, HEAD_SIZE u16, then ADD_SIZE when flag 0x8000. */
async function listRar4(reader: WindowReader, ctx: OpenContext): Promise<RarMember[]> {
  const members: RarMember[] = [];
  for (let at = 0; at + 7 <= reader.size; ) {
    const fixed = await reader.read(at, 7);
    const view = new DataView(fixed.buffer, fixed.byteOffset, 7);
    const type = fixed[2]!;
    const flags = view.getUint16(3, true);
    const size = view.getUint16(5, true);
    if (size < 7 || at + size > reader.size) throw new InputError('corrupt', `rar: block at ${at} has an impossible size ${size} (truncated or damaged)`, at);
    const block = await reader.read(at, size);
    const bview = new DataView(block.buffer, block.byteOffset, size);
    let addSize = flags & 0x8000 && size >= 11 ? bview.getUint32(7, true) : 0;
    if (type === 0x7b) {
      ctx.setLength(at + size);
      return members;
    }
    if (type === 0x74 && size >= 32) {
      const high = flags & 0x100 && size >= 40 ? bview.getUint32(32, true) : 0;
      addSize += high * 2 ** 32;
      const nameSize = bview.getUint16(26, true);
      const nameStart = flags & 0x100 ? 40 : 32;
      const name = Uint8Array.from(block.subarray(nameStart, Math.min(size, nameStart + nameSize)));
      // Unicode names (flag 0x200) store "ascii\0encoded": the ASCII part names the member.
      const nul = name.indexOf(0);
      members.push({ name: nul === -1 ? name : name.subarray(0, nul), headerOffset: at, dataOffset: at + size, packedSize: addSize, stored: block[25] === 0x30, encrypted: (flags & 0x04) !== 0, directory: (flags & 0xe0) === 0xe0 });
    }
    at += size + addSize;
  }
  throw new InputError('corrupt', 'rar: the archive ends without an end-of-archive block (truncated)');
}

/** The extra area of a RAR 5 file header: records `size, type, data`; type 1 is file encryption. */
function hasEncryptionRecord(extra: Uint8Array): boolean {
  const records = new Vints(extra, 0);
  while (records.position < extra.length) {
    const size = records.next();
    const start = records.position;
    if (records.next() === 1) return true;
    records.skip(size - (records.position - start));
    if (size === 0) return false;
  }
  return false;
}

/** RAR 5 variable-length integers (7 bits a byte, low first) over a header's bytes. */
class Vints {
  #at: number;
  constructor(
    readonly data: Uint8Array,
    start: number,
  ) {
    this.#at = start;
  }

  get position(): number {
    return this.#at;
  }

  next(): number {
    let value = 0;
    for (let shift = 0; shift < 63; shift += 7) {
      if (this.#at >= this.data.length) throw new InputError('corrupt', 'rar: a header ends inside a number');
      const byte = this.data[this.#at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return Number.isSafeInteger(value) ? value : Number.MAX_SAFE_INTEGER;
    }
    throw new InputError('corrupt', 'rar: a number longer than 9 bytes');
  }

  skip(length: number): void {
    this.#at += length;
  }

  bytes(length: number): Uint8Array {
    if (this.#at + length > this.data.length) throw new InputError('corrupt', 'rar: a name runs past its header');
    const out = Uint8Array.from(this.data.subarray(this.#at, this.#at + length));
    this.#at += length;
    return out;
  }

}

function describe(name: Uint8Array): string {
  return JSON.stringify(Buffer.from(name).toString('utf8'));
}
