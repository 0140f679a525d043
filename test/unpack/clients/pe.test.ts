import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMetadataRoot } from '../../../src/unpack/executables/dotnet-metadata.js';
import { peHandler } from '../../../src/unpack/executables/pe.js';
import { parsePeHeaders, resourceDirectory, rvaToOffset } from '../../../src/unpack/executables/pe-format.js';
import { maxResourceEntries, readResourceTree } from '../../../src/unpack/executables/pe-resources.js';
import { openWith, pathOf } from '../helpers/open-handler.js';
import { sweep } from './hostile.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/unpack/clients/${name}`, import.meta.url));
/** windres output linked by ld: .text, .idata, .rsrc (built by test/fixtures/build/clients.sh from src/app.rc). */
const resources = fixture('app-resources.exe');
/** mcs -deterministic output: one .text section holding the CLI header and metadata. */
const dotnet = fixture('face-dotnet.exe');
const utf16 = (text: string) => Buffer.from(text, 'utf16le');

function resourceTable(exe: Buffer): { offset: number; size: number } {
  const parsed = parsePeHeaders(exe);
  if (!parsed.ok) throw new Error(parsed.reason);
  const [rva, size] = parsed.headers.directories[resourceDirectory]!;
  return { offset: rvaToOffset(parsed.headers, rva)!.offset, size };
}

describe('parsePeHeaders', () => {
  it('reads the PE32+ header ld writes, and the image end from the sections (ld appends a COFF symbol table after it)', () => {
    const parsed = parsePeHeaders(resources);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.headers.pe32Plus).toBe(true);
    expect(parsed.headers.sections.map((section) => section.name)).toEqual(['.text', '.idata', '.rsrc']);
    expect(parsed.headers.imageEnd).toBe(3072);
    expect(resources.readUInt32LE(resources.readUInt32LE(0x3c) + 12)).toBe(3072);
  });
  it('reads the PE32 header mcs writes', () => {
    const parsed = parsePeHeaders(dotnet);
    expect(parsed.ok && parsed.headers.pe32Plus).toBe(false);
  });
  it.each([
    ['a DOS-only MZ file', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126)])],
    ['e_lfanew beyond the head', (() => { const b = Buffer.from(resources.subarray(0, 512)); b.writeUInt32LE(0x10000, 0x3c); return b; })()],
    ['a bad optional-header magic', (() => { const b = Buffer.from(resources); b.writeUInt16LE(0x999, b.readUInt32LE(0x3c) + 24); return b; })()],
    ['200 sections', (() => { const b = Buffer.from(resources); b.writeUInt16LE(200, b.readUInt32LE(0x3c) + 6); return b; })()],
    ['plain text starting with MZ', Buffer.from('MZ is a postal code prefix, not an executable.'.repeat(4))],
  ])('rejects %s', (_, bytes) => {
    expect(peHandler.detect(bytes).ok).toBe(false);
  });
  it('states the image end as the detected length, so an installer overlay after it is carved', () => {
    const withOverlay = Buffer.concat([resources, Buffer.from('PK\x03\x04 overlay')]);
    expect(peHandler.detect(withOverlay.subarray(0, peHandler.headLength))).toMatchObject({ ok: true, length: 3072 });
  });
});

describe('PE handler', () => {
  it('yields each resource as a verbatim child named type/name/language, and each section up to its first resource', async () => {
    const opened = await openWith(peHandler, resources);
    expect(opened.problems).toEqual([]);
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(['section .text', 'section .idata', 'section .rsrc', 'RT_MENU/1/1033', 'RT_DIALOG/2/1033', 'RT_STRING/7/2052', 'RT_VERSION/1/1033']);
    for (const child of opened.children) expect(child.bytes.equals(resources.subarray(child.link.offset, child.link.offset + child.bytes.length))).toBe(true);
    const strings = opened.children.find((child) => pathOf(child.link) === 'RT_STRING/7/2052')!;
    // Block 7 holds string ids 96–111: 101 is the sixth, after five empty slots (a u16 0 each).
    expect(strings.bytes.subarray(10, 12).readUInt16LE()).toBe(4);
    expect(strings.bytes.subarray(12, 20).equals(utf16('人种识别'))).toBe(true);
    expect(opened.children.find((child) => pathOf(child.link) === 'RT_VERSION/1/1033')!.bytes.includes(utf16('种族属性客户端'))).toBe(true);
  });

  it('yields the .NET #Strings, #US and #Blob heaps of an assembly', async () => {
    const opened = await openWith(peHandler, dotnet);
    expect(opened.problems).toEqual([]);
    const heaps = opened.children.filter((child) => pathOf(child.link)!.startsWith('.NET'));
    expect(heaps.map((child) => pathOf(child.link))).toEqual(['.NET #Strings', '.NET #US', '.NET #Blob']);
    expect(heaps[0]!.bytes.includes(Buffer.from('\0EM_NATION_TYPE_UYGUR\0'))).toBe(true);
    // #US: a compressed length (0x11 = 16 bytes + the trailing flag byte), the UTF-16LE, the flag.
    expect(heaps[1]!.bytes.subarray(1, 19).equals(Buffer.concat([Buffer.of(0x11), utf16('维族人员实时预警'), Buffer.of(0x01)]))).toBe(true);
  });

  it('reports a resource directory that points outside the file, and keeps the sections', async () => {
    const bytes = Buffer.from(resources);
    const parsed = parsePeHeaders(bytes);
    if (!parsed.ok) throw new Error(parsed.reason);
    const directories = bytes.readUInt32LE(0x3c) + 24 + 112;
    bytes.writeUInt32LE(0x7fff_0000, directories + resourceDirectory * 8);
    const opened = await openWith(peHandler, bytes);
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/resource directory RVA 0x7fff0000 maps to no bytes/) })]);
    expect(opened.children.map((child) => pathOf(child.link))).toEqual(['section .text', 'section .idata', 'section .rsrc']);
  });

  it('reports a truncated image and opens what is there', async () => {
    const opened = await openWith(peHandler, resources.subarray(0, 2900));
    expect(opened.problems.map((problem) => problem.kind)).toContain('corrupt');
    expect(opened.problems[0]!.message).toMatch(/cut short/);
    expect(opened.children.length).toBeGreaterThan(2);
  });

  it('reports heaps that run past the metadata and a metadata root without BSJB', async () => {
    const heapIndex = dotnet.indexOf(Buffer.from('#US\0'));
    const big = Buffer.from(dotnet);
    big.writeUInt32LE(0x7fff_ffff, heapIndex - 4);
    expect((await openWith(peHandler, big)).problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/heap #US runs past the metadata/), expect.stringMatching(/1 resource or heap range\(s\) overlap/)]);
    const noRoot = Buffer.from(dotnet);
    noRoot.write('XXXX', dotnet.indexOf(Buffer.from('BSJB')), 'latin1');
    const opened = await openWith(peHandler, noRoot);
    expect(opened.problems).toEqual([expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/no BSJB metadata signature/) })]);
    const names = opened.children.map((child) => pathOf(child.link));
    expect(names).toContain('section .text');
    expect(names.filter((name) => name!.startsWith('.NET'))).toEqual([]);
  });

  it('survives every cut and a sweep of corrupted bytes of both fixtures', async () => {
    for (const bytes of [resources, dotnet]) {
      const { opened, reported } = await sweep(peHandler, bytes);
      expect(opened).toBeGreaterThan(100);
      expect(reported).toBeGreaterThan(0);
    }
  });
});

describe('readResourceTree', () => {
  it('stops a directory whose entries all point back at it, after the entry bound', () => {
    // One directory with 0xffff id entries, each a subdirectory at offset 0 (itself).
    const tree = Buffer.alloc(16 + 8 * 0xffff);
    tree.writeUInt16LE(0xffff, 14);
    for (let i = 0; i < 0xffff; i++) tree.writeUInt32LE(0x8000_0000, 16 + i * 8 + 4);
    const result = readResourceTree(tree);
    expect(result.limited).toBe(true);
    expect(result.leaves.length).toBeLessThanOrEqual(maxResourceEntries);
  });
  it('reads the fixture tree: four leaves with their RVAs inside .rsrc', () => {
    const { offset, size } = resourceTable(resources);
    const result = readResourceTree(resources.subarray(offset, offset + size));
    expect(result.damage).toEqual([]);
    expect(result.leaves.map((leaf) => leaf.path)).toEqual(['RT_MENU/1/1033', 'RT_DIALOG/2/1033', 'RT_STRING/7/2052', 'RT_VERSION/1/1033']);
  });
});

describe('parseMetadataRoot', () => {
  it('lists the five streams mcs writes', () => {
    const root = dotnet.subarray(dotnet.indexOf(Buffer.from('BSJB')));
    const parsed = parseMetadataRoot(root);
    expect(parsed.ok && parsed.streams.map((stream) => stream.name)).toEqual(['#~', '#Strings', '#US', '#GUID', '#Blob']);
    expect(parsed.ok && parsed.version).toMatch(/^v4\./);
  });
  it.each([
    ['a version length over 255', (root: Buffer) => root.writeUInt32LE(0x1000, 12)],
    ['a stream name without its NUL', (root: Buffer) => root.fill(0x41, 32, 96)],
    ['40 streams', (root: Buffer) => root.writeUInt16LE(40, 16 + ((root.readUInt32LE(12) + 3) & ~3) + 2)],
  ])('rejects %s', (_, damage) => {
    const root = Buffer.from(dotnet.subarray(dotnet.indexOf(Buffer.from('BSJB')), dotnet.indexOf(Buffer.from('BSJB')) + 200));
    damage(root);
    expect(parseMetadataRoot(root).ok).toBe(false);
  });
});
