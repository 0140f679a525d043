/**
 * Java class files (JVMS §4; inside `.jar`, `.war` and Android AARs, which zip opens): `CA FE
 * BA BE`, minor and major version, then the constant pool. Its `CONSTANT_Utf8` entries hold every
 * name, descriptor and string literal in modified UTF-8 (mutf8.ts), which for text without an
 * encoded NUL or a character above U+FFFF is plain UTF-8: the class's raw search finds it, under
 * the chain that names the class (`zip:com/vendor/face/Labels.class`). A Utf8 entry that differs
 * from UTF-8 becomes a derived child `{ format: 'class', path: 'constant #N decoded' }` holding
 * its standard UTF-8 (N: its constant-pool index, as `javap -v` numbers it).
 *
 * Literals are not children of their own: the driver spends about a millisecond per object, and
 * a jar of thousands of classes with a dozen literals each would take minutes longer for a name
 * the class path and `javap -v` already give.
 *
 * The class is read into memory (`maxClassBytes`; the JVM's own limits keep real ones small).
 */
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';
import { decodeMutf8, differsFromUtf8 } from './mutf8.js';
import { readWhole, textChild } from './slices.js';

export const maxClassBytes = 16 * 1024 * 1024;
const classMagic = Uint8Array.of(0xca, 0xfe, 0xba, 0xbe);
/** Class-file major versions: 45 (JDK 1.1) up to headroom past JDK 24 (68). Mach-O fat binaries share the magic but store an arch count (< 45) there. */
const majorVersions = { min: 45, max: 90 } as const;
/** Bytes after the tag of each fixed-size constant kind (JVMS Table 4.4-B). */
const constantBytes: Readonly<Record<number, number>> = { 3: 4, 4: 4, 5: 8, 6: 8, 7: 2, 8: 2, 9: 4, 10: 4, 11: 4, 12: 4, 15: 3, 16: 2, 17: 4, 18: 4, 19: 2, 20: 2 };
const utf8Tag = 1;

export const javaClassHandler = defineHandler({
  id: 'class',
  kind: 'document',
  doc: {
    name: 'Java class file (constant pool)',
    references: ['https://docs.oracle.com/javase/specs/jvms/se21/html/jvms-4.html'],
    limitations: [`Classes larger than ${maxClassBytes} bytes are scanned raw only.`, 'Constants are found in the class bytes, without a constant index in the chain; only constants whose modified UTF-8 differs from UTF-8 are decoded children.'],
  },
  signatures: [],
  headLength: 10,
  detect(head) {
    if (head.length < 10 || !classMagic.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no CAFEBABE magic' };
    const major = (head[6]! << 8) | head[7]!;
    if (major < majorVersions.min || major > majorVersions.max) return { ok: false, reason: `major version ${major} is not a class file's (a Mach-O fat binary stores its arch count there)` };
    return { ok: true, reasons: [`class file version ${major}`] };
  },
  open: openClass,
});

async function* openClass(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const bytes = await readWhole(input, maxClassBytes, 'class file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(8);
  const utf8 = new Map<number, { start: number; end: number }>();
  let at = 10;
  for (let index = 1; index < count; index++) {
    const tag = bytes[at];
    if (tag === undefined) throw new InputError('corrupt', `class constant pool ends at entry ${index} of ${count - 1}`, at);
    if (tag === utf8Tag) {
      if (at + 3 > bytes.length) throw new InputError('corrupt', `class constant #${index} is cut short`, at);
      const length = view.getUint16(at + 1);
      if (at + 3 + length > bytes.length) throw new InputError('corrupt', `class constant #${index} (${length} bytes) runs past the file`, at);
      utf8.set(index, { start: at + 3, end: at + 3 + length });
      at += 3 + length;
      continue;
    }
    const size = constantBytes[tag];
    if (size === undefined) throw new InputError('corrupt', `class constant #${index} has unknown tag ${tag}`, at);
    at += 1 + size;
    // Long and double constants take two pool slots (JVMS §4.4.5).
    if (tag === 5 || tag === 6) index++;
  }
  for (const [index, range] of utf8) {
    if (ctx.signal.aborted) return;
    const stored = bytes.subarray(range.start, range.end);
    if (differsFromUtf8(stored)) yield textChild('class', `constant #${index} decoded`, range.start, decodeMutf8(stored));
  }
}
