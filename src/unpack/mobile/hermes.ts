/**
 * React Native Hermes bytecode bundles (`index.android.bundle`, `main.jsbundle` with Hermes on):
 * the header and the string table are read (hermes-layout.ts) and every string becomes a
 * verbatim child `{ format: 'hermes', path: 'string #N' }`. Strings are stored one byte a
 * character (ASCII) or as UTF-16LE, both searchable as stored, so nothing is transcoded; strings
 * Hermes packed into each other's bytes are one child. Bytecode, literal buffers and debug info
 * are left to the raw scan of the file.
 *
 * Reads only the header and the two string tables (bounded by `maxTableBytes`); the storage is
 * streamed from the file. Entries that point outside the storage are a `corrupt` problem.
 */
import { openWindow, windowSlice } from '../file-window.js';
import { groupRanges, maxNamedChildren } from '../executables/slices.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';
import { hermesHeaderBytes, hermesMagic, mergeStrings, parseHermesHeader, readHermesStrings } from './hermes-layout.js';

/** Largest small + overflow string tables read (4 and 8 bytes a string: about 4 million strings). */
export const maxTableBytes = 16 * 1024 * 1024;

export const hermesHandler = defineHandler({
  id: 'hermes',
  kind: 'document',
  doc: {
    name: 'React Native Hermes bytecode bundle: string table',
    references: ['https://github.com/facebook/hermes/blob/main/include/hermes/BCGen/HBC/BytecodeFileFormat.h'],
    limitations: [
      `String tables larger than ${maxTableBytes} bytes are not read (a limit problem; the bundle is scanned raw).`,
      'Strings are not tied to the functions that use them; bytecode, literal buffers and debug info are scanned raw only.',
      `Beyond ${maxNamedChildren} strings, neighbouring strings are grouped into one child named \`first … last\`.`,
    ],
  },
  signatures: [{ magic: hermesMagic, offset: 0 }],
  headLength: hermesHeaderBytes,
  detect(head) {
    const parsed = parseHermesHeader(head);
    return parsed.ok ? { ok: true, length: parsed.header.fileLength, reasons: [`Hermes bytecode version ${parsed.header.version}`] } : parsed;
  },
  open: openHermes,
});

async function* openHermes(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'hermes');
  let ranges: { path: string; start: number; end: number }[];
  try {
    const parsed = parseHermesHeader(await reader.read(0, Math.min(hermesHeaderBytes, window.size)));
    if (!parsed.ok) throw new InputError('corrupt', `hermes: ${parsed.reason}`);
    const header = parsed.header;
    ctx.setLength(Math.min(header.fileLength, window.size));
    if (header.storageAt + header.storageSize > window.size) {
      throw new InputError('corrupt', `hermes: the string storage ends at ${header.storageAt + header.storageSize}, past the object's ${window.size} bytes (truncated)`);
    }
    if (header.stringCount * 4 + header.overflowCount * 8 > maxTableBytes) {
      throw new InputError('limit', `hermes: ${header.stringCount} strings and ${header.overflowCount} overflow entries exceed the ${maxTableBytes}-byte bound for the string tables; scanned raw only`);
    }
    const small = await reader.read(header.smallTableAt, header.stringCount * 4);
    const overflow = await reader.read(header.overflowTableAt, header.overflowCount * 8);
    const { strings, bad } = readHermesStrings(header, small, overflow);
    if (bad > 0) ctx.problem('corrupt', `hermes: ${bad} string table entr${bad === 1 ? 'y points' : 'ies point'} outside the string storage; the storage was still searched raw`, header.smallTableAt);
    ranges = groupRanges(mergeStrings(strings));
  } finally {
    await reader.close();
  }
  for (const range of ranges) {
    if (ctx.signal.aborted) return;
    yield { link: { format: 'hermes', path: Buffer.from(range.path, 'utf8'), offset: range.start }, stream: windowSlice(window, range.start, range.end), size: range.end - range.start, verbatim: { start: range.start, end: range.end } };
  }
}
