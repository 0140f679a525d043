// PDF page text mapped back to the content-stream bytes that drew it (issue 10: every view maps
// its text to raw offsets, PDF page text included).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shownStrings, type ShownStrings } from '../../src/unpack/documents/pdf-content.js';
import { indexShownOperations, mapPageText } from '../../src/unpack/documents/pdf-page-map.js';
import { pdfHandler } from '../../src/unpack/documents/pdf.js';
import { openAlone } from '../../src/walk/alone.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const operations = (shown: ShownStrings) => [...shown.opStarts].slice(0, -1).map((start, op) => Buffer.from(shown.bytes.subarray(start, shown.opStarts[op + 1])).toString('latin1'));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/unpack/pdf/${name}`, import.meta.url));

describe('shownStrings: the strings a content stream shows, with where each byte was written', () => {
  it('reads literal strings with escapes, hex strings, TJ arrays and the quote operators, in order', () => {
    const stream = latin1('BT /F1 12 Tf (A\\(b\\)\\101) Tj [(x) -250 <4142>] TJ 1 2 (q) " (p) \' ET');
    const shown = shownStrings(stream);
    expect(operations(shown)).toEqual(['A(b)A', 'xAB', 'q', 'p']);
    // `\101` is the fifth byte of the first string; `<4142>` wrote A and B (bytes 6 and 7) as two digit pairs.
    expect(stream.subarray(shown.starts[4], shown.ends[4]).toString()).toBe('\\101');
    expect(Buffer.from(shown.written.subarray(shown.writtenStarts[4], shown.writtenStarts[5])).toString()).toBe('\\101');
    expect([shown.starts[7], shown.ends[7]]).toEqual([stream.indexOf('<4142>') + 3, stream.indexOf('<4142>') + 5]);
  });

  it('skips an inline image\'s binary data, comments and dictionaries, and survives an unterminated string', () => {
    const stream = latin1('BI /W 1 /H 1 ID \x28\x29Tj garbage EI % (not) Tj\n<< /MCID 0 >> BDC (kept) Tj EMC (cut');
    expect(operations(shownStrings(stream))).toEqual(['kept']);
  });
});

describe('mapPageText: glyphs matched to the operations that spell their codes', () => {
  const streams = [shownStrings(latin1('BT (Head) Tj ET')), shownStrings(latin1('BT <00410042> Tj [(\\202) 10 (\\203)] TJ ET'))];
  const runs = [
    { codes: [0x48, 0x65, 0x61, 0x64], unicode: ['H', 'e', 'a', 'd'] },
    { codes: [0x41, 0x42], unicode: ['人', '种'] },
    { codes: [0x82, 0x83], unicode: ['疆', '藏'] },
  ];

  it('maps each character of the text to its glyph code\'s bytes, skipping the white space pdf.js added', () => {
    const text = 'Head\n人种 疆藏';
    const map = mapPageText(text, runs, indexShownOperations(streams));
    expect([...map.objects]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const at = (char: string) => [...map.textStarts].indexOf(Buffer.byteLength(text.slice(0, text.indexOf(char))));
    // 种 was drawn by the code 0x0042, written as the hex digits "0042".
    expect(Buffer.from(map.pieces[at('种')]!).toString('latin1')).toBe('0042');
    // 藏 by the literal escape \203 of the TJ array's second string.
    expect(Buffer.from(map.pieces[at('藏')]!).toString('latin1')).toBe('\\203');
  });

  it('stays linear on a page of 50,000 two-byte-code operations that all start with the same byte, and a run of numbers with no operator', () => {
    const count = 50_000;
    const stream = latin1(`${'1 '.repeat(200_000)}BT ${Array.from({ length: count }, (_, i) => `<00${(i % 200).toString(16).padStart(2, '0')}> Tj`).join(' ')} ET`);
    const shown = shownStrings(stream);
    expect(shown.opStarts).toHaveLength(count + 1);
    const glyphRuns = Array.from({ length: count }, (_, i) => ({ codes: [i % 200], unicode: [String.fromCodePoint(0x4e00 + (i % 200))] }));
    const text = glyphRuns.map((run) => run.unicode[0]).join('');
    const map = mapPageText(text, glyphRuns, indexShownOperations([shown]));
    expect(map.textStarts).toHaveLength(count);
    // The last glyph maps to the last operation's hex digits.
    expect(Buffer.from(map.pieces[count - 1]!).toString('latin1')).toBe(`00${((count - 1) % 200).toString(16).padStart(2, '0')}`);
  });

  it('leaves text unmapped when no operation spells the glyphs, rather than guessing', () => {
    const map = mapPageText('Tail', [{ codes: [0x54, 0x61, 0x69, 0x6c], unicode: ['T', 'a', 'i', 'l'] }], indexShownOperations(streams));
    expect(map.textStarts).toHaveLength(0);
  });
});

describe('the ReportLab datasheet (subset CJK font, Flate content streams)', () => {
  it('maps every CJK character of each page\'s text to the one-byte subset codes of its content stream', async () => {
    const opened = openAlone(pdfHandler, (async function* () {
      yield fixture('datasheet--cjk-subset-font.pdf');
    })());
    const streams = new Map<string, Buffer>();
    let checked = 0;
    for await (const child of opened.children) {
      const pieces: Uint8Array[] = [];
      for await (const piece of child.stream) pieces.push(piece);
      const bytes = Buffer.concat(pieces);
      const path = Buffer.from(child.link.path!).toString('latin1');
      if (child.sources === undefined) {
        streams.set(path, bytes);
        continue;
      }
      const { sources } = child;
      const text = bytes.toString('utf8');
      const cjk = [...text].filter((char) => /\p{Script=Han}/u.test(char)).length;
      const mapped = [...sources.textStarts].filter((start) => /\p{Script=Han}/u.test(bytes.subarray(start).toString('utf8').slice(0, 1))).length;
      expect(mapped).toBe(cjk);
      for (let i = 0; i < sources.textStarts.length; i++) {
        const stream = streams.get(Buffer.from(sources.links[sources.objects[i]!]!.path!).toString('latin1'))!;
        // The recorded piece is exactly the stream's bytes at the recorded range.
        expect(Buffer.from(sources.pieces[i]!)).toEqual(stream.subarray(sources.starts[i], sources.ends[i]));
      }
      checked++;
    }
    expect(checked).toBe(4);
  });
});
