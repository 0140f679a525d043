// The encoding guess (host-text.ts) and the GBK trail-byte note (match/verify.ts) ask whether
// bytes are well-formed UTF-8 with node:buffer's isUtf8 instead of a fatal TextDecoder, which
// throws an error per miss; both must accept exactly the same bytes.
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodes(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('isUtf8 and a fatal UTF-8 TextDecoder', () => {
  it('agree on every sequence of up to two bytes', () => {
    const disagree: string[] = [];
    const check = (bytes: Uint8Array) => {
      if (isUtf8(bytes) !== decodes(bytes)) disagree.push(Buffer.from(bytes).toString('hex'));
    };
    check(new Uint8Array(0));
    for (let a = 0; a < 256; a += 1) {
      check(Uint8Array.of(a));
      for (let b = 0; b < 256; b += 1) check(Uint8Array.of(a, b));
    }
    expect(disagree).toEqual([]);
  });

  it('agree on overlongs, surrogates, the largest code points and random longer runs', () => {
    const cases = ['e080bf', 'e0a080', 'eda080', 'ed9fbf', 'f08fbfbf', 'f0908080', 'f48fbfbf', 'f4908080', 'efbbbf41', 'c0af', 'e4baba', 'e4ba'].map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
    let state = 99;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24;
    const leads = [0x41, 0xc3, 0xe4, 0xed, 0xf0, 0xf4, 0x80, 0xbf, 0xff];
    for (let n = 0; n < 20_000; n += 1) cases.push(Uint8Array.from({ length: 3 + (n % 6) }, (_, i) => (i % 3 === 0 ? leads[next() % leads.length]! : 0x80 | (next() & 0x3f))));
    expect(cases.filter((bytes) => isUtf8(bytes) !== decodes(bytes)).map((bytes) => Buffer.from(bytes).toString('hex'))).toEqual([]);
  });
});
