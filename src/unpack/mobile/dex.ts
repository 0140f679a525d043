/**
 * Dalvik executables (`classes*.dex` in an APK): a 0x70-byte header (`dex\n035\0` … `039`,
 * file size, `string_ids_size` and `_off`), then `string_ids`, each the offset of a
 * `string_data_item`: a ULEB128 length in UTF-16 units, the string in modified UTF-8, a NUL.
 * Every string (literals, class and method names, type descriptors) becomes a verbatim child
 * `{ format: 'dex', path: 'string #N', offset }` (N as in `dexdump`'s `string@N`); a string
 * whose modified UTF-8 differs from UTF-8 (an encoded NUL or a character above U+FFFF) also
 * gets a derived child `string #N decoded` holding its standard UTF-8 (mutf8.ts).
 *
 * The header's Adler-32 checksum is checked (a mismatch is a `corrupt` problem; the strings
 * are opened anyway). The file is read into memory (`maxDexBytes`).
 */
import { adler32 } from '../codecs/checksums.js';
import { decodeMutf8, differsFromUtf8 } from '../executables/mutf8.js';
import { rangeChildren, readWhole, textChild, type NamedRange } from '../executables/slices.js';
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';

/** Largest dex opened, in bytes (Android's own method-count limit keeps real ones far smaller). */
export const maxDexBytes = 128 * 1024 * 1024;
const headerBytes = 0x70;
const dexMagic = Buffer.from('dex\n', 'latin1');

export const dexHandler = defineHandler({
  id: 'dex',
  kind: 'document',
  doc: {
    name: 'Android Dalvik executable (classes.dex): string ids',
    references: ['https://source.android.com/docs/core/runtime/dex-format'],
    limitations: [`Files larger than ${maxDexBytes} bytes are scanned raw only.`, 'Strings are not tied to the classes or methods that use them.'],
  },
  signatures: [{ magic: dexMagic, offset: 0, startOnly: true }],
  headLength: headerBytes,
  detect(head) {
    if (head.length < headerBytes) return { ok: false, reason: 'shorter than a dex header' };
    const magic = Buffer.from(head.subarray(0, 8)).toString('latin1');
    if (!/^dex\n0[3-4]\d\0$/.test(magic)) return { ok: false, reason: 'no dex\\n0NN\\0 magic' };
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (view.getUint32(36, true) !== headerBytes || view.getUint32(40, true) !== 0x1234_5678) return { ok: false, reason: 'dex header size or endian tag is not the standard one' };
    return { ok: true, length: view.getUint32(32, true) };
  },
  open: openDex,
});

async function* openDex(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const bytes = await readWhole(input, maxDexBytes, 'dex');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = Math.min(view.getUint32(32, true), bytes.length);
  if (view.getUint32(32, true) > bytes.length) ctx.problem('corrupt', `dex claims ${view.getUint32(32, true)} bytes, the object has ${bytes.length}; the strings present were opened`);
  else if (adler32(bytes.subarray(12, end)) !== view.getUint32(8, true)) ctx.problem('corrupt', 'dex checksum (Adler-32) does not match its bytes; its strings were opened anyway');
  const count = view.getUint32(56, true);
  const idsAt = view.getUint32(60, true);
  if (idsAt + count * 4 > end) throw new InputError('corrupt', `dex string_ids (${count} at 0x${idsAt.toString(16)}) run past the file's ${end} bytes`);
  const ranges: NamedRange[] = [];
  const decoded: Child[] = [];
  let bad = 0;
  for (let i = 0; i < count; i++) {
    const range = stringData(bytes, view.getUint32(idsAt + i * 4, true), end);
    if (range === undefined) {
      bad++;
      continue;
    }
    ranges.push({ path: `string #${i}`, ...range });
    const stored = bytes.subarray(range.start, range.end);
    if (differsFromUtf8(stored)) decoded.push(textChild('dex', `string #${i} decoded`, range.start, decodeMutf8(stored)));
  }
  if (bad > 0) ctx.problem('corrupt', `dex: ${bad} string id(s) point outside the file or at a string without its NUL`);
  yield* rangeChildren('dex', bytes, ranges, ctx);
  yield* decoded;
}

/** The bytes of the string_data_item at `at`: after its ULEB128 length, up to its NUL. */
function stringData(bytes: Uint8Array, at: number, end: number): { start: number; end: number } | undefined {
  let start = at;
  // A ULEB128 u32 takes at most 5 bytes.
  while (start < end && start - at < 5 && bytes[start]! & 0x80) start++;
  start++;
  if (start > end) return undefined;
  const nul = bytes.subarray(start, end).indexOf(0);
  return nul === -1 ? undefined : { start, end: start + nul };
}
