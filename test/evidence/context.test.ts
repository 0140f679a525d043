// The report's context is decoded in the hit's own encoding, from an aligned position, and never
// lets control characters or undecodable bytes through.
import { describe, expect, it } from 'vitest';
import { describeContext } from '../../src/evidence/context.js';
import type { Candidate, Window } from '../../src/match/types.js';
import { encodeText } from '../../src/patterns/needles.js';
import type { Encoding, Term } from '../../src/patterns/types.js';
import { rawNeedle } from '../helpers/needles.js';

function term(text: string): Term {
  return {
    id: `test.${text}`,
    text,
    category: 'race',
    precision: 'medium',
    meaning: 'test term',
    lang: 'zh-Hans',
    kind: 'phrase',
    case: 'sensitive',
    boundary: 'none',
    variants: [],
    notAfter: [],
    notBefore: [],
    references: [],
    pack: 'test',
  };
}

function encode(text: string, encoding: Encoding): Uint8Array {
  const bytes = encodeText(text, encoding);
  if (bytes === undefined) throw new Error(`${text} is not encodable in ${encoding}`);
  return bytes;
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A window of `before + hit + after` starting at absolute offset `windowStart`, with the candidate on the hit. */
function hitIn(
  hitText: string,
  encoding: Encoding,
  before: Uint8Array,
  after: Uint8Array,
  windowStart = 4096,
): { candidate: Candidate; window: Window } {
  const hit = encode(hitText, encoding);
  const bytes = concat(before, hit, after);
  const start = windowStart + before.length;
  return {
    candidate: { needle: rawNeedle(term(hitText), encoding, hit), start, end: start + hit.length },
    window: { bytes, windowStart, atObjectStart: false, atObjectEnd: false },
  };
}

describe('describeContext', () => {
  it('decodes a GBK window around 人种 in GBK', () => {
    const { candidate, window } = hitIn('人种', 'gb18030', encode('支持7种属性:性别,年龄,', 'gb18030'), encode(',胡子,疆藏', 'gb18030'));
    expect(describeContext(candidate, window)).toMatchObject({ before: '支持7种属性:性别,年龄,', after: ',胡子,疆藏' });
  });

  it('starts a GBK window that begins on a trail byte at the next character boundary', () => {
    // Drop the lead byte of 支: the window now opens on a trail byte (0xa7) that must not pair up.
    const prefix = encode('支持人脸属性提取性别年龄眼镜', 'gb18030').subarray(1);
    const { candidate, window } = hitIn('人种', 'gb18030', prefix, new Uint8Array());
    expect(describeContext(candidate, window).before).toBe('持人脸属性提取性别年龄眼镜');
  });

  it('takes only the last `chars` characters of a long GBK run, aligned on the hit', () => {
    const prefix = encode('支持人脸属性提取性别年龄眼镜', 'gb18030').subarray(1);
    const { candidate, window } = hitIn('人种', 'gb18030', prefix, new Uint8Array());
    expect(describeContext(candidate, window, { chars: 4 }).before).toBe('性别年龄眼镜'.slice(2));
  });

  it('decodes Big5 text in Big5', () => {
    const { candidate, window } = hitIn('人種', 'big5', encode('屬性: ', 'big5'), encode(' 膚色', 'big5'));
    expect(describeContext(candidate, window)).toMatchObject({ before: '屬性: ', after: ' 膚色' });
  });

  it('decodes a UTF-16LE window whose absolute start is odd, on the hit’s code-unit grid', () => {
    // One stray byte first: the text run starts at an odd offset, like a string in a PE resource.
    const prefix = concat(Uint8Array.of(0x00), encode('属性: 年龄, ', 'utf-16le'));
    const { candidate, window } = hitIn('肤色', 'utf-16le', prefix, encode(', 眼镜', 'utf-16le'), 4095);
    expect(describeContext(candidate, window)).toMatchObject({ before: '属性: 年龄, ', after: ', 眼镜' });
  });

  it('decodes UTF-16BE and UTF-32LE/BE', () => {
    for (const encoding of ['utf-16be', 'utf-32le', 'utf-32be'] as const) {
      const { candidate, window } = hitIn('人种', encoding, encode('Race: ', encoding), encode(' (黄种人)', encoding));
      expect(describeContext(candidate, window), encoding).toMatchObject({ before: 'Race: ', after: ' (黄种人)' });
    }
  });

  it('decodes UTF-8 and skips continuation bytes at a cut window start', () => {
    const prefix = encode('性别年龄', 'utf-8').subarray(2); // starts inside 性
    const { candidate, window } = hitIn('人种', 'utf-8', prefix, encode(' = 3;', 'utf-8'));
    expect(describeContext(candidate, window)).toMatchObject({ before: '别年龄', after: ' = 3;' });
  });

  it('counts characters, not bytes', () => {
    const { candidate, window } = hitIn('人种', 'utf-8', encode('一二三四五六', 'utf-8'), encode('七八九十', 'utf-8'));
    expect(describeContext(candidate, window, { chars: 3 })).toMatchObject({ before: '四五六', after: '七八九' });
  });

  it('shows control bytes and invalid bytes as ·', () => {
    const before = concat(Uint8Array.of(0x00, 0x01), encode('\u001b[31m', 'utf-8'), Uint8Array.of(0xff, 0x0a), encode('ok ', 'utf-8'));
    const { candidate, window } = hitIn('人种', 'utf-8', before, Uint8Array.of(0x09, 0x7f, 0x41));
    expect(describeContext(candidate, window)).toMatchObject({ before: '···[31m··ok ', after: '··A' });
  });

  it('shows bidi overrides and a BOM as · (no reordering tricks in terminals)', () => {
    const { candidate, window } = hitIn('人种', 'utf-8', encode('\u202e\ufeffab', 'utf-8'), encode('\u2066c', 'utf-8'));
    expect(describeContext(candidate, window)).toMatchObject({ before: '··ab', after: '·c' });
  });

  it('shows binary noise in UTF-16 without control characters', () => {
    const { candidate, window } = hitIn('人种', 'utf-16le', Uint8Array.of(0x00, 0x00, 0x01, 0x00, 0x00, 0xd8), new Uint8Array());
    expect(describeContext(candidate, window).before).toBe('···');
  });

  it('writes ±hexBytes of hex around the hit, lower-case, clipped to the window', () => {
    const { candidate, window } = hitIn('人种', 'gb18030', Uint8Array.of(0xaa, 0xbb, 0xcc), Uint8Array.of(0xdd));
    expect(describeContext(candidate, window, { hexBytes: 2 }).hex).toBe('bbccc8cbd6d6dd');
    expect(describeContext(candidate, window).hex).toBe('aabbccc8cbd6d6dd');
    expect(describeContext(candidate, window, { hexBytes: 0 }).hex).toBe('c8cbd6d6');
  });

  it('gives empty before/after at the edges of the window', () => {
    const { candidate, window } = hitIn('人种', 'utf-8', new Uint8Array(), new Uint8Array(), 0);
    expect(describeContext(candidate, window)).toEqual({ before: '', after: '', hex: 'e4babae7a78d', encoding: 'utf-8' });
  });

  it('throws RangeError when the window does not hold the hit or a count is negative', () => {
    const { candidate, window } = hitIn('人种', 'utf-8', new Uint8Array(), new Uint8Array());
    expect(() => describeContext({ ...candidate, end: candidate.end + 1 }, window)).toThrow(RangeError);
    expect(() => describeContext(candidate, { ...window, windowStart: window.windowStart + 1 })).toThrow(RangeError);
    expect(() => describeContext(candidate, window, { chars: -1 })).toThrow(RangeError);
    expect(() => describeContext(candidate, window, { hexBytes: 1.5 })).toThrow(RangeError);
  });
});
