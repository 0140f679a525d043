import { describe, expect, it } from 'vitest';
import { arHandler, classifyArName, longName, maxBsdNameBytes, maxLongNameTableBytes, parseArMemberHeader } from '../../src/unpack/archives/ar.js';
import { chunkings } from '../helpers/chunkings.js';
import { errorKinds, openChunks } from '../helpers/open-chunks.js';

/** The member header GNU ar (`ar rcD`) writes for short.o, 2 bytes. */
const realHeader = Buffer.from('short.o/        0           0     0     644     2         `\n', 'latin1');

function header(name: string, size: number): Buffer {
  const text = `${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'644'.padEnd(8)}${String(size).padEnd(10)}\`\n`;
  return Buffer.from(text, 'latin1');
}
const even = (length: number) => (length % 2 === 1 ? Buffer.from('\n') : Buffer.alloc(0));
function member(name: string, data: Buffer): Buffer {
  return Buffer.concat([header(name, data.length), data, even(data.length)]);
}
function bsdMember(name: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(name, 'latin1'), data]);
  return Buffer.concat([header(`#1/${name.length}`, body.length), body, even(body.length)]);
}
const magic = Buffer.from('!<arch>\n', 'latin1');

describe('parseArMemberHeader', () => {
  it('decodes the header GNU ar writes', () => {
    expect(parseArMemberHeader(realHeader)).toEqual({ ok: true, header: { rawName: Uint8Array.from(Buffer.from('short.o/')), mtime: 0, mode: 0o644, size: 2 } });
  });
  it.each(Array.from({ length: 60 }, (_, length) => length))('rejects a header cut to %i bytes', (length) => {
    expect(parseArMemberHeader(realHeader.subarray(0, length)).ok).toBe(false);
  });
  it('rejects a missing ar_fmag and a non-decimal size', () => {
    const noFmag = Buffer.from(realHeader);
    noFmag[58] = 0x20;
    expect(parseArMemberHeader(noFmag).ok).toBe(false);
    const badSize = Buffer.from(realHeader);
    badSize.write('-1', 48, 'latin1');
    expect(parseArMemberHeader(badSize).ok).toBe(false);
    const blankSize = Buffer.from(realHeader);
    blankSize.write(' '.repeat(10), 48, 'latin1');
    expect(parseArMemberHeader(blankSize).ok).toBe(false);
  });
  it('reads the largest ar_size as an exact number', () => {
    expect(parseArMemberHeader(header('x', 9_999_999_999))).toMatchObject({ ok: true, header: { size: 9_999_999_999 } });
  });
});

describe('classifyArName and longName', () => {
  it.each([
    ['/', { kind: 'symbols' }],
    ['/SYM64/', { kind: 'symbols' }],
    ['__.SYMDEF', { kind: 'symbols' }],
    ['//', { kind: 'long-names' }],
    ['/12', { kind: 'gnu-long', offset: 12 }],
    ['#1/20', { kind: 'bsd-long', length: 20 }],
    ['short.o/', { kind: 'plain', name: Buffer.from('short.o') }],
    ['debian-binary', { kind: 'plain', name: Buffer.from('debian-binary') }],
  ] as const)('%s is %o', (raw, expected) => {
    const actual = classifyArName(Buffer.from(raw, 'latin1'));
    expect({ ...actual, ...('name' in actual ? { name: Buffer.from(actual.name) } : {}) }).toEqual(expected);
  });
  it('reads GNU table entries ending "/\\n" and rejects offsets past the table', () => {
    const table = Buffer.from('a-long-name.txt/\nsecond-long-name/\n', 'latin1');
    expect(Buffer.from(longName(table, 0)!).toString()).toBe('a-long-name.txt');
    expect(Buffer.from(longName(table, 17)!).toString()).toBe('second-long-name');
    expect(longName(table, 999)).toBeUndefined();
  });
});

describe('ar open', () => {
  const longA = 'a-member-name-longer-than-sixteen.txt';
  const table = Buffer.from(`${longA}/\n`, 'latin1');
  const gnuMembers = [
    member('/', Buffer.from([0, 0, 0, 0])),
    member('//', table),
    member('/0', Buffer.from('long member data 人种')),
    member('short.o/', Buffer.from('odd')),
    member('empty/', Buffer.alloc(0)),
  ];
  const gnu = Buffer.concat([magic, ...gnuMembers]);
  const bsd = Buffer.concat([magic, bsdMember('__.SYMDEF SORTED', Buffer.alloc(8)), bsdMember(longA, Buffer.from('long member data 人种')), bsdMember('s', Buffer.from('odd'))]);

  it.each([
    ['GNU', gnu],
    ['BSD', bsd],
  ])('%s: yields members (not symbol or name tables), the same for every chunking', async (_label, archive) => {
    let reference: unknown;
    for (const { label, chunks } of chunkings(archive)) {
      const result = await openChunks(arHandler, chunks);
      reference ??= result;
      expect(result, label).toEqual(reference);
    }
    const result = reference as Awaited<ReturnType<typeof openChunks>>;
    expect(result.children.map((child) => child.bytes.toString())).toEqual(['long member data 人种', 'odd', ...(archive === gnu ? [''] : [])]);
    expect(result.children[0]!.path).toBe(longA);
    for (const child of result.children) expect(archive.subarray(child.verbatim!.start, child.verbatim!.end)).toEqual(child.bytes);
    expect(result.problems).toEqual([]);
    expect(result.length).toBe(archive.length);
  });

  it('keeps /N as the name and reports it when the table lacks the offset', async () => {
    const archive = Buffer.concat([magic, member('//', table), member('/99', Buffer.from('x'))]);
    const result = await openChunks(arHandler, [archive]);
    expect(result.children.map((child) => child.path)).toEqual(['/99']);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['corrupt']);
  });

  it(`does not read a // table over ${maxLongNameTableBytes} bytes (a limit problem) and goes on`, async () => {
    const big = Buffer.alloc(maxLongNameTableBytes + 2, 0x61);
    const result = await openChunks(arHandler, [Buffer.concat([magic, member('//', big), member('/0', Buffer.from('data'))])]);
    expect(result.children.map((child) => [child.path, child.bytes.toString()])).toEqual([['/0', 'data']]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['limit', 'corrupt']);
  });

  it(`rejects a BSD name over ${maxBsdNameBytes} bytes or longer than its member`, async () => {
    const tooLong = Buffer.concat([magic, header(`#1/${maxBsdNameBytes + 1}`, maxBsdNameBytes + 1), Buffer.alloc(maxBsdNameBytes + 1)]);
    expect((await openChunks(arHandler, [tooLong])).error?.kind).toBe('corrupt');
    const longerThanMember = Buffer.concat([magic, header('#1/10', 4), Buffer.alloc(4)]);
    expect((await openChunks(arHandler, [longerThanMember])).error?.kind).toBe('corrupt');
  });

  it('accepts a missing pad byte after the last member', async () => {
    const archive = Buffer.concat([magic, header('x/', 3), Buffer.from('abc')]);
    expect((await openChunks(arHandler, [archive])).children.map((child) => child.bytes.toString())).toEqual(['abc']);
  });

  it('yields what exists and one corrupt error wherever the archive is cut inside a member', async () => {
    const full = (await openChunks(arHandler, [gnu])).children;
    // Cuts between members leave a complete, shorter archive; so does a cut that only drops the
    // pad byte after an odd-sized last member.
    const ends = new Set<number>();
    let at = magic.length;
    for (const piece of gnuMembers) {
      ends.add(at);
      at += piece.length;
      const size = Number(piece.subarray(48, 58).toString().trim());
      if (size % 2 === 1) ends.add(at - 1);
    }
    for (let cut = magic.length; cut < gnu.length; cut++) {
      const result = await openChunks(arHandler, [gnu.subarray(0, cut)]);
      expect(errorKinds(result), `cut ${cut}`).toEqual(ends.has(cut) ? [] : ['corrupt']);
      result.children.forEach((child, i) => expect(full[i]!.bytes.subarray(0, child.bytes.length).equals(child.bytes), `cut ${cut}`).toBe(true));
    }
  });
});

describe('ar detect', () => {
  it('accepts the magic alone (an empty archive) and a magic with a valid first header', () => {
    expect(arHandler.detect(magic).ok).toBe(true);
    expect(arHandler.detect(Buffer.concat([magic, realHeader])).ok).toBe(true);
  });
  it('rejects thin archives and a broken first header', () => {
    expect(arHandler.detect(Buffer.from('!<thin>\n', 'latin1')).ok).toBe(false);
    expect(arHandler.detect(Buffer.concat([magic, Buffer.alloc(60, 0x20)])).ok).toBe(false);
  });
});
