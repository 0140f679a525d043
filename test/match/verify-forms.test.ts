// Verification of escaped and base64 hits (src/match/verify-forms.ts; R4, R5). Each case runs the
// real automaton and searcher over a haystack with one needle and verifies its only candidate.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { compileAutomaton } from '../../src/match/automaton.js';
import { createSearcher } from '../../src/match/searcher.js';
import type { Candidate, RejectReason, Verdict, Window } from '../../src/match/types.js';
import { verifyCandidate } from '../../src/match/verify.js';
import { expandTerms } from '../../src/patterns/needles.js';
import type { Encoding, Needle, Syntax, Term } from '../../src/patterns/types.js';
import { makeTerm } from '../helpers/terms.js';

function needleOf(term: Term, syntax: Syntax, encoding: Encoding): Needle {
  const needle = expandTerms([term]).needles.find((n) => n.syntax === syntax && n.encoding === encoding);
  if (!needle) throw new Error(`no ${syntax}/${encoding} needle for ${term.text}`);
  return { ...needle, id: 0 };
}

function verdictOf(needle: Needle, haystack: Uint8Array): Verdict {
  const seen: Verdict[] = [];
  const searcher = createSearcher(compileAutomaton([needle]), [needle]);
  const sink = (c: Candidate, w: Window) => void seen.push(verifyCandidate(c, w));
  searcher.push(haystack, sink);
  searcher.end(sink);
  expect(seen, 'exactly one raw candidate').toHaveLength(1);
  return seen[0]!;
}

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const hex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s/g, ''), 'hex'));
const b64 = (bytes: Uint8Array | string) => Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');

const renzhong = makeTerm('人种');
const weizu = makeTerm('维族', { notAfter: ['运', '一'], notBefore: ['赛'] });
const nationType = makeTerm('EM_NATION_TYPE', { boundary: 'identifier' });
const tuer = makeTerm('Tür', { boundary: 'word' });

interface Case {
  readonly name: string;
  readonly term: Term;
  readonly syntax: Syntax;
  readonly encoding: Encoding;
  readonly haystack: Uint8Array;
  readonly expected: 'aligned' | 'indeterminate' | RejectReason;
}

const JSON_ESCAPE: readonly Case[] = [
  { name: '\\u escapes in a JSON string', term: renzhong, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('{"attr":"\\u4eba\\u79cd"}'), expected: 'aligned' },
  { name: '\\u escapes with upper-case hex', term: renzhong, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('"\\u4EBA\\u79CD"'), expected: 'aligned' },
  { name: '\\u escapes with mixed-case hex', term: renzhong, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('"\\u4Eba\\u79cD"'), expected: 'aligned' },
  { name: '\\U is not \\u (the u never folds)', term: renzhong, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('"\\U4eba\\u79cd"'), expected: 'case' },
  { name: 'a \\u escape whose backslash is escaped is literal text', term: renzhong, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('"x\\\\u4eba\\u79cd"'), expected: 'syntax' },
  { name: 'a \\u escape after an escaped backslash is an escape', term: renzhong, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('"c:\\\\\\u4eba\\u79cd"'), expected: 'aligned' },
  { name: 'double-escaped \\\\u escapes (JSON in JSON)', term: renzhong, syntax: 'json-u-double', encoding: 'utf-16be', haystack: ascii('{"body":"{\\"a\\":\\"\\\\u4eba\\\\u79cd\\"}"}'), expected: 'aligned' },
  { name: 'double-escaped form after a third backslash is not', term: renzhong, syntax: 'json-u-double', encoding: 'utf-16be', haystack: ascii('"\\\\\\u4eba\\\\u79cd"'), expected: 'syntax' },
  { name: '\\u{…} escapes (ES2015, Rust)', term: renzhong, syntax: 'js-u-brace', encoding: 'utf-32be', haystack: ascii('let s = "\\u{4EBA}\\u{79cd}";'), expected: 'aligned' },
  { name: '运 escaped before 维族 is an exclusion', term: weizu, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('"\\u8fd0\\u7ef4\\u65cf"'), expected: 'excluded-context' },
  { name: '运 escaped in upper case before 维族 is an exclusion', term: weizu, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('"\\u8FD0\\u7ef4\\u65cf"'), expected: 'excluded-context' },
  { name: '维族 escaped after another escape stays a hit', term: weizu, syntax: 'json-u', encoding: 'utf-16be', haystack: ascii('"\\u662f\\u7ef4\\u65cf"'), expected: 'aligned' },
];

const HTML_ENTITY: readonly Case[] = [
  { name: 'decimal entities', term: renzhong, syntax: 'html-decimal', encoding: 'utf-32be', haystack: ascii('<td>&#20154;&#31181;</td>'), expected: 'aligned' },
  { name: 'hex entities in either case, x included', term: renzhong, syntax: 'html-hex', encoding: 'utf-32be', haystack: ascii('<td>&#X4EBA;&#x79cd;</td>'), expected: 'aligned' },
  { name: '一 as an entity before 维族 is an exclusion', term: weizu, syntax: 'html-decimal', encoding: 'utf-32be', haystack: ascii('&#19968;&#32500;&#26063;'), expected: 'excluded-context' },
];

const URL_PERCENT: readonly Case[] = [
  { name: 'percent-encoded UTF-8', term: renzhong, syntax: 'url-percent', encoding: 'utf-8', haystack: ascii('/search?q=%E4%BA%BA%E7%A7%8D&x=1'), expected: 'aligned' },
  { name: 'percent-encoded UTF-8, lower-case hex', term: renzhong, syntax: 'url-percent', encoding: 'utf-8', haystack: ascii('q=%e4%ba%ba%e7%a7%8d'), expected: 'aligned' },
  { name: 'percent-encoded GBK', term: renzhong, syntax: 'url-percent', encoding: 'gb18030', haystack: ascii('attr=%C8%CB%D6%D6'), expected: 'aligned' },
  { name: 'percent-encoded GBK 叭酥帧 holds 人种 on a trail byte', term: renzhong, syntax: 'url-percent', encoding: 'gb18030', haystack: ascii('q=%B0%C8%CB%D6%D6%A1'), expected: 'misaligned' },
  { name: 'percent-encoded GBK after an even lead run', term: renzhong, syntax: 'url-percent', encoding: 'gb18030', haystack: ascii('q=%CA%C7%C8%CB%D6%D6'), expected: 'aligned' },
  { name: 'a literal letter before a percent-encoded word term continues the word', term: tuer, syntax: 'url-percent', encoding: 'utf-8', haystack: ascii('xT%C3%BCr'), expected: 'boundary' },
  { name: 'an escaped letter before a percent-encoded word term continues the word', term: tuer, syntax: 'url-percent', encoding: 'utf-8', haystack: ascii('%41T%C3%BCr'), expected: 'boundary' },
  { name: 'an escaped non-ASCII byte before a word term is no word character', term: tuer, syntax: 'url-percent', encoding: 'utf-8', haystack: ascii('%E4%BA%BAT%C3%BCr'), expected: 'aligned' },
  { name: '运 percent-encoded before 维族 is an exclusion', term: weizu, syntax: 'url-percent', encoding: 'utf-8', haystack: ascii('%E8%BF%90%E7%BB%B4%E6%97%8F'), expected: 'excluded-context' },
];

const C_ESCAPE: readonly Case[] = [
  { name: 'C hex escapes of UTF-8', term: renzhong, syntax: 'c-hex', encoding: 'utf-8', haystack: ascii('const char *k = "\\xe4\\xba\\xba\\xe7\\xa7\\x8d";'), expected: 'aligned' },
  { name: 'C hex escapes of GBK starting on a trail byte', term: renzhong, syntax: 'c-hex', encoding: 'gb18030', haystack: ascii('"\\xb0\\xc8\\xcb\\xd6\\xd6\\xa1"'), expected: 'misaligned' },
  { name: 'C hex escapes of GBK at the string start', term: renzhong, syntax: 'c-hex', encoding: 'gb18030', haystack: ascii('"\\xC8\\xCB\\xD6\\xD6"'), expected: 'aligned' },
  { name: 'an escaped backslash makes \\x literal text', term: renzhong, syntax: 'c-hex', encoding: 'utf-8', haystack: ascii('"\\\\xe4\\xba\\xba\\xe7\\xa7\\x8d"'), expected: 'syntax' },
  { name: 'C octal escapes of UTF-8', term: renzhong, syntax: 'c-octal', encoding: 'utf-8', haystack: ascii('"\\344\\272\\272\\347\\247\\215"'), expected: 'aligned' },
  { name: 'C octal escapes of GBK starting on a trail byte', term: renzhong, syntax: 'c-octal', encoding: 'gb18030', haystack: ascii('"\\260\\310\\313\\326\\326"'), expected: 'misaligned' },
];

/** MIME-style base64: 76-character lines joined by CRLF. */
const mime = (text: string) => b64(text).match(/.{1,76}/g)!.join('\r\n');
const filler = 'The quick brown fox jumps over the lazy dog. '.repeat(3);

const BASE64: readonly Case[] = [
  { name: 'base64 phase 0 in a JSON string', term: renzhong, syntax: 'base64-phase0', encoding: 'utf-8', haystack: ascii(`{"data":"${b64('人种属性')}"}`), expected: 'aligned' },
  { name: 'base64 phase 1', term: renzhong, syntax: 'base64-phase1', encoding: 'utf-8', haystack: ascii(`"${b64('x人种')}"`), expected: 'aligned' },
  { name: 'base64 phase 2', term: renzhong, syntax: 'base64-phase2', encoding: 'utf-8', haystack: ascii(`"${b64('xy人种')}"`), expected: 'aligned' },
  { name: 'base64 of GBK bytes', term: renzhong, syntax: 'base64-phase0', encoding: 'gb18030', haystack: ascii(`data:text/plain;base64,${b64(hex('c8cbd6d6 cad4'))}`), expected: 'aligned' },
  { name: 'base64 of UTF-16LE bytes (PowerShell -EncodedCommand)', term: renzhong, syntax: 'base64-phase0', encoding: 'utf-16le', haystack: ascii(`-enc ${b64(Buffer.from('人种 ', 'utf16le'))}`), expected: 'aligned' },
  { name: 'base64 on the third line of a MIME body', term: renzhong, syntax: 'base64-phase1', encoding: 'utf-8', haystack: ascii(`Content-Transfer-Encoding: base64\r\n\r\n${mime(`${filler}x人种`)}\r\n`), expected: 'aligned' },
  { name: 'the needle one character into a base64 run is off its group place', term: renzhong, syntax: 'base64-phase0', encoding: 'utf-8', haystack: ascii(`"A${b64('人种属性')}"`), expected: 'misaligned' },
  { name: 'off its group place after a binary byte is indeterminate (a length prefix may read as base64)', term: renzhong, syntax: 'base64-phase0', encoding: 'utf-8', haystack: new Uint8Array([0x9c, 0x41, ...ascii(b64('人种属性'))]), expected: 'indeterminate' },
  { name: 'a phase-1 needle needs base64 before it', term: renzhong, syntax: 'base64-phase1', encoding: 'utf-8', haystack: ascii(`x ${b64('x人种').slice(2)}`), expected: 'syntax' },
  { name: 'a needle whose last character is shared needs base64 after it', term: renzhong, syntax: 'base64-phase1', encoding: 'utf-8', haystack: ascii(`"eOS6uuenj"`), expected: 'syntax' },
  { name: 'base64 letters never fold', term: renzhong, syntax: 'base64-phase0', encoding: 'utf-8', haystack: ascii(`"5lQ656En"`), expected: 'case' },
  { name: 'EM_NATION_TYPE inside base64 of EM_NATION_TYPE_UYGUR breaks the identifier boundary', term: nationType, syntax: 'base64-phase0', encoding: 'utf-8', haystack: ascii(`"${b64('EM_NATION_TYPE_UYGUR')}"`), expected: 'boundary' },
  { name: 'EM_NATION_TYPE alone in base64', term: nationType, syntax: 'base64-phase0', encoding: 'utf-8', haystack: ascii(`"${b64('EM_NATION_TYPE x')}"`), expected: 'aligned' },
  { name: '运维族 in base64 is excluded after decoding', term: weizu, syntax: 'base64-phase0', encoding: 'utf-8', haystack: ascii(`"${b64('运维族')}"`), expected: 'excluded-context' },
];

const groups = { JSON_ESCAPE, HTML_ENTITY, URL_PERCENT, C_ESCAPE, BASE64 };
const all = Object.values(groups).flat();

describe('verifyCandidate for written forms', () => {
  it('has unique case names', () => {
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });

  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const verdict = verdictOf(needleOf(c.term, c.syntax, c.encoding), c.haystack);
        if (verdict.ok) {
          expect(verdict.alignment).toBe(c.expected);
        } else {
          expect(verdict.reason, verdict.detail).toBe(c.expected);
          expect(verdict.detail.length).toBeGreaterThan(10);
        }
      });
    });
  }
});

describe('verifyCandidate for written forms with truncated windows', () => {
  const inject = (needle: Needle, bytes: Uint8Array, at: number, atObjectStart = false): Verdict =>
    verifyCandidate(
      { needle, start: 1000 + at, end: 1000 + at + needle.bytes.length },
      { bytes, windowStart: 1000, atObjectStart, atObjectEnd: false },
    );

  it('is indeterminate when the backslashes before an escape reach the window start', () => {
    const needle = needleOf(renzhong, 'json-u', 'utf-16be');
    expect(inject(needle, ascii('\\\\\\u4eba\\u79cd'), 2)).toMatchObject({ ok: true, alignment: 'indeterminate' });
  });

  it('is indeterminate when a base64 run reaches the window start', () => {
    const needle = needleOf(renzhong, 'base64-phase0', 'utf-8');
    expect(inject(needle, ascii(`AAAAAAAA${b64('人种属性')}`), 8)).toMatchObject({ ok: true, alignment: 'indeterminate' });
    expect(inject(needle, ascii(`AAAAAAA${b64('人种属性')}`), 7)).toMatchObject({ ok: true, alignment: 'indeterminate' });
  });

  it('knows the run start at the object start', () => {
    const needle = needleOf(renzhong, 'base64-phase0', 'utf-8');
    expect(inject(needle, ascii(`AAAAAAA${b64('人种属性')}`), 7, true)).toMatchObject({ ok: false, reason: 'misaligned' });
  });

  it('is indeterminate when GBK percent escapes before the hit reach the window start', () => {
    const needle = needleOf(renzhong, 'url-percent', 'gb18030');
    expect(inject(needle, ascii('%B0%C8%CB%D6%D6'), 3)).toMatchObject({ ok: true, alignment: 'indeterminate' });
  });
});

describe('entities and escapes are matched only whole', () => {
  const count = (needle: Needle, haystack: Uint8Array) => {
    let n = 0;
    const searcher = createSearcher(compileAutomaton([needle]), [needle]);
    searcher.push(haystack, () => void n++);
    searcher.end(() => void n++);
    return n;
  };
  it('needs the semicolons of decimal entities', () => {
    expect(count(needleOf(renzhong, 'html-decimal', 'utf-32be'), ascii('&#20154&#31181'))).toBe(0);
  });
  it('never matches a hex entity inside a longer one', () => {
    expect(count(needleOf(renzhong, 'html-hex', 'utf-32be'), ascii('&#x4eba5;&#x79cd;'))).toBe(0);
  });
  it('never matches \\u{…} inside a longer code point', () => {
    expect(count(needleOf(renzhong, 'js-u-brace', 'utf-32be'), ascii('\\u{14eba}\\u{79cd}'))).toBe(0);
  });
});
