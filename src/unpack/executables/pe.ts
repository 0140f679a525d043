/**
 * Windows PE executables and DLLs (vendor clients, plug-ins, installer stubs). The image is cut
 * into verbatim children, so each raw hit is reported once, under a chain that says what holds it:
 *
 * - `{ format: 'pe', path: 'RT_STRING/7/1033' }`: each resource leaf (pe-resources.ts), named
 *   type/name/language. String tables, dialogs, menus and version info are UTF-16LE there.
 * - `{ format: 'pe', path: '.NET #US' }` (and `#Strings`, `#Blob`): the .NET metadata heaps
 *   (dotnet-metadata.ts): string literals (UTF-16LE) and identifiers (UTF-8).
 * - `{ format: 'pe', path: 'section .text' }`: each section's raw data up to its first resource
 *   or heap. The driver carves inside these (an embedded zip in `.data`, a Qt resource blob in
 *   `.rdata`); the bytes after a resource or heap in the same section are scanned with the PE.
 *
 * The headers stay with the PE object; bytes after the image (an installer's overlay: NSIS data,
 * a 7z SFX archive) are outside the detected length, so the driver carves them from the PE.
 * Offsets: each child's offset is its first byte in the file.
 */
import { openWhole, type WholeReader, type WindowReader } from '../file-window.js';
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';
import { disjointRanges, groupRanges, maxNamedChildren, type NamedRange } from './slices.js';
import { metadataLocation, parseMetadataRoot } from './dotnet-metadata.js';
import { clrDirectory, parsePeHeaders, resourceDirectory, rvaToOffset, type PeHeaders } from './pe-format.js';
import { maxResourceEntries, readResourceTree } from './pe-resources.js';

/** Header bytes read to find the section table (the loader maps the headers in one page). */
export const peHeadBytes = 4096;
/** Bytes of the resource section read to walk its directory tree (directories and names come first). */
export const maxResourceTreeBytes = 16 * 1024 * 1024;
/** Metadata root bytes read for its stream headers. */
const metadataRootBytes = 1024;
/** A PE up to this size met inside a stream is read from memory instead of a temp file. */
const heldPeBytes = 1024 * 1024;
/** Heaps that hold text (`#~` tables and `#GUID` hold none). */
const textHeaps = new Set(['#Strings', '#US', '#Blob']);

export const peHandler = defineHandler({
  id: 'pe',
  kind: 'archive',
  doc: {
    name: 'Windows PE executable (resources, .NET metadata heaps, sections)',
    references: ['https://learn.microsoft.com/en-us/windows/win32/debug/pe-format', 'https://www.ecma-international.org/publications-and-standards/standards/ecma-335/'],
    limitations: [
      `A PE whose section table lies beyond its first ${peHeadBytes} bytes is not opened (scanned raw and carved as a blob).`,
      `Resource trees with more than ${maxResourceEntries} entries are cut there (a limit problem); resource directories past the first ${maxResourceTreeBytes} bytes of their section are not read.`,
      'Resources are searched as stored: compressed or encrypted resources (UPX, custom packers) are not unpacked.',
      '.NET heaps are searched as stored; the metadata tables are not decoded, so a #US literal is not tied to the method that uses it.',
      `Beyond ${maxNamedChildren} resources, neighbouring resources are grouped into one child named \`first … last\`.`,
    ],
  },
  // "MZ" alone is far too common to carve: a PE is opened only where an object starts with it.
  signatures: [],
  headLength: peHeadBytes,
  detect(head) {
    const parsed = parsePeHeaders(head);
    if (!parsed.ok) return parsed;
    return { ok: true, length: parsed.headers.imageEnd, reasons: [`PE${parsed.headers.pe32Plus ? '32+' : '32'}, ${parsed.headers.sections.length} sections`] };
  },
  open: openPe,
});

async function* openPe(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  // A DLL of a vendor client met inside an installer's stream is held in memory, not spilled.
  const reader = await openWhole(await input.whole(heldPeBytes), 'PE');
  try {
    const parsed = parsePeHeaders(await reader.read(0, Math.min(reader.size, peHeadBytes)));
    if (!parsed.ok) throw new InputError('corrupt', `PE headers: ${parsed.reason}`);
    const headers = parsed.headers;
    if (headers.imageEnd > reader.size) ctx.problem('corrupt', `PE is cut short: its sections end at ${headers.imageEnd} bytes, the file has ${reader.size}; the bytes present were opened`);
    const named = [...(await resourceRanges(headers, reader, ctx)), ...(await heapRanges(headers, reader, ctx))].map((range) => clamp(range, reader.size));
    const { kept, overlapping } = disjointRanges(named);
    if (overlapping > 0) ctx.problem('corrupt', `PE: ${overlapping} resource or heap range(s) overlap another one; their bytes were searched once, in the first`);
    const all = disjointRanges([...groupRanges(kept), ...sectionHeads(headers, kept, reader.size)]).kept;
    for (const range of all) {
      if (ctx.signal.aborted) return;
      yield sliceOf(reader, range);
    }
  } finally {
    await reader.close();
  }
}

async function resourceRanges(headers: PeHeaders, reader: WindowReader, ctx: OpenContext): Promise<NamedRange[]> {
  const [rva = 0] = headers.directories[resourceDirectory] ?? [];
  if (rva === 0) return [];
  const at = rvaToOffset(headers, rva);
  if (at === undefined || at.offset >= reader.size) {
    ctx.problem('corrupt', `PE resource directory RVA 0x${rva.toString(16)} maps to no bytes of the file; resources were scanned raw only`);
    return [];
  }
  const tree = readResourceTree(await reader.read(at.offset, Math.min(at.available, maxResourceTreeBytes, reader.size - at.offset)));
  if (tree.damage.length > 0) ctx.problem('corrupt', `PE resources: ${tree.damage.slice(0, 5).join('; ')}${tree.damage.length > 5 ? `; … ${tree.damage.length - 5} more` : ''}`);
  if (tree.limited) ctx.problem('limit', `PE resource tree has more than ${maxResourceEntries} entries: the rest were scanned raw only`);
  const ranges: NamedRange[] = [];
  const unmapped: string[] = [];
  for (const leaf of tree.leaves) {
    const data = rvaToOffset(headers, leaf.rva);
    if (data === undefined || leaf.size > data.available) unmapped.push(leaf.path);
    if (data !== undefined) ranges.push({ path: leaf.path, start: data.offset, end: data.offset + Math.min(leaf.size, data.available) });
  }
  if (unmapped.length > 0) ctx.problem('corrupt', `PE resources whose data lies outside the file's sections (cut to what is there): ${unmapped.slice(0, 5).join(', ')}${unmapped.length > 5 ? `, … ${unmapped.length - 5} more` : ''}`);
  return ranges;
}

async function heapRanges(headers: PeHeaders, reader: WindowReader, ctx: OpenContext): Promise<NamedRange[]> {
  const [rva = 0, size = 0] = headers.directories[clrDirectory] ?? [];
  if (rva === 0 || size === 0) return [];
  const cli = rvaToOffset(headers, rva);
  const location = cli === undefined || cli.available < 16 || cli.offset + 16 > reader.size ? undefined : metadataLocation(await reader.read(cli.offset, 16));
  const root = location === undefined ? undefined : rvaToOffset(headers, location.rva);
  if (location === undefined || root === undefined || root.offset >= reader.size) {
    ctx.problem('corrupt', `PE: the CLI header at RVA 0x${rva.toString(16)} does not lead to .NET metadata in the file; its heaps were scanned raw only`);
    return [];
  }
  const rootSize = Math.min(location.size, root.available, reader.size - root.offset);
  const parsed = parseMetadataRoot(await reader.read(root.offset, Math.min(rootSize, metadataRootBytes)));
  if (!parsed.ok) {
    ctx.problem('corrupt', `PE .NET metadata: ${parsed.reason}; its heaps were scanned raw only`);
    return [];
  }
  const ranges: NamedRange[] = [];
  for (const stream of parsed.streams) {
    if (!textHeaps.has(stream.name)) continue;
    if (stream.offset + stream.size > rootSize) ctx.problem('corrupt', `PE .NET heap ${stream.name} runs past the metadata (${stream.offset}+${stream.size} > ${rootSize} bytes); cut there`);
    const start = root.offset + Math.min(stream.offset, rootSize);
    ranges.push({ path: `.NET ${stream.name}`, start, end: root.offset + Math.min(stream.offset + stream.size, rootSize) });
  }
  return ranges;
}

/**
 * Each section's raw data up to its first resource or heap child. The bytes after such a child
 * stay with the PE object (scanned raw there, not carved): a child starting at an arbitrary
 * offset would be detected at its offset 0, and weak magics (raw LZMA) would then misfire.
 */
function sectionHeads(headers: PeHeaders, taken: readonly NamedRange[], fileSize: number): NamedRange[] {
  const heads: NamedRange[] = [];
  for (const section of headers.sections) {
    const start = Math.max(section.rawOffset, headers.sizeOfHeaders);
    let end = Math.min(section.rawOffset + section.rawSize, fileSize);
    for (const range of taken) if (range.end > start && range.start < end) end = Math.max(start, Math.min(end, range.start));
    if (end > start) heads.push({ path: `section ${section.name}`, start, end });
  }
  return heads;
}

function clamp(range: NamedRange, size: number): NamedRange {
  return { path: range.path, start: Math.min(range.start, size), end: Math.min(range.end, size) };
}

function sliceOf(reader: WholeReader, range: NamedRange): Child {
  return {
    link: { format: 'pe', path: Buffer.from(range.path, 'utf8'), offset: range.start },
    stream: reader.slice(range.start, range.end),
    size: range.end - range.start,
    verbatim: { start: range.start, end: range.end },
  };
}
