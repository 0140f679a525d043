// Issue 12 point 5: identifiers inside compiled symbols are kept with the symbol form as a note;
// a letter next to an identifier still rejects it; short ambiguous words keep their boundary rule;
// a JNI-escaped spelling (`EM_1RACE_1TYPE`) is a hit only inside a `Java_` symbol.
import { describe, expect, it } from 'vitest';
import { verifyCandidate } from '../../src/match/verify.js';
import { missingBoundary } from '../../src/match/verify-symbols.js';
import { expandTerms, jniSpellings } from '../../src/patterns/needles.js';
import type { Precision, Term } from '../../src/patterns/types.js';
import { rawNeedle } from '../helpers/needles.js';
import { makeTerm } from '../helpers/terms.js';

function identifier(text: string, precision: Precision): Term {
  return makeTerm(text, { precision, kind: 'identifier', boundary: 'identifier' });
}

/** Verifies the first occurrence of `term` in `haystack` (ASCII). */
function verdictIn(term: Term, haystack: string) {
  const bytes = Buffer.from(haystack, 'latin1');
  const needle = rawNeedle(term, 'utf-8', Buffer.from(term.text, 'latin1'));
  const start = bytes.indexOf(term.text);
  return verifyCandidate({ needle, start: 1000 + start, end: 1000 + start + term.text.length }, { bytes, windowStart: 1000, atObjectStart: true, atObjectEnd: true });
}

const raceType = identifier('EM_RACE_TYPE', 'high');
const complexion = identifier('emComplexion', 'high');
const byRace = identifier('byRace', 'ambiguous');

describe('compiled symbol forms', () => {
  it.each([
    ['Itanium C++ (g++)', raceType, '\0_ZN5dahua12EM_RACE_TYPEEi\0', 'symbol:itanium'],
    ['Rust v0 (rustc)', raceType, '\0_RNvMCseeROf7SDhBt_4faceNtB2_12EM_RACE_TYPE5value\0', 'symbol:rust-v0'],
    ['Swift', complexion, '\0$s6vendor12emComplexionSivg\0', 'symbol:swift'],
    ['JNI (javac -h)', complexion, 'JNIEXPORT jint JNICALL Java_com_vendor_sdk_FaceAttr_emComplexion\n', 'symbol:jni'],
    ['JNI with an overload signature', complexion, '\0Java_com_vendor_sdk_FaceAttr_emComplexion__J\0', 'symbol:jni'],
    ['Objective-C class symbol', complexion, '\0_OBJC_CLASS_$_emComplexion\0', 'symbol:objective-c'],
    ['a length-prefixed ambiguous identifier', byRace, '\0_ZN3hik6byRaceE\0', 'symbol:itanium'],
  ])('keeps %s with its form', (_name, term, haystack, note) => {
    expect(verdictIn(term, haystack)).toEqual({ ok: true, alignment: 'aligned', notes: [note] });
  });

  it('keeps a high-precision identifier joined by _ or digits, one level lower', () => {
    expect(verdictIn(raceType, 'NET_EM_RACE_TYPE_EX')).toEqual({ ok: true, alignment: 'aligned', notes: [missingBoundary] });
    expect(verdictIn(raceType, '2EM_RACE_TYPE2')).toEqual({ ok: true, alignment: 'aligned', notes: [missingBoundary] });
    // A JNI `_1` escape continues the name: not the JNI form, so only the high-precision fallback keeps it.
    expect(verdictIn(complexion, 'Java_com_vendor_Face_emComplexion_1x')).toEqual({ ok: true, alignment: 'aligned', notes: [missingBoundary] });
  });

  it.each([
    ['a letter before it (ITEM_RACE_TYPE_HUMAN)', raceType, 'BIO_ATTRIBUTES_ITEM_RACE_TYPE_HUMAN'],
    ['a letter after it (EM_RACE_TYPES)', raceType, ' EM_RACE_TYPES '],
    ['a length that is not the name\'s', raceType, '_ZN5dahua13EM_RACE_TYPEXEi'],
    ['an ambiguous word joined by _ (get_byRace)', byRace, 'Java_com_vendor_get_byRace'],
    ['an ambiguous word after a letter', byRace, 'standbyRace'],
  ])('rejects %s', (_name, term, haystack) => {
    expect(verdictIn(term, haystack)).toMatchObject({ ok: false, reason: 'boundary' });
  });
});

describe('JNI-escaped spellings (`_` written `_1`)', () => {
  const jniNeedle = (term: Term) => expandTerms([term], ['utf-8'], ['raw']).needles.find((n) => n.jni)!;

  /** Verifies the first occurrence of the term's JNI spelling in `haystack`. */
  function jniVerdictIn(term: Term, haystack: string) {
    const bytes = Buffer.from(haystack, 'latin1');
    const needle = jniNeedle(term);
    const start = bytes.indexOf(Buffer.from(needle.bytes));
    expect(start).toBeGreaterThanOrEqual(0);
    return verifyCandidate({ needle, start, end: start + needle.bytes.length }, { bytes, windowStart: 0, atObjectStart: true, atObjectEnd: true });
  }

  it('expands an identifier with `_` into one JNI spelling, and nothing for identifiers without `_`, phrases or ambiguous words', () => {
    expect(jniSpellings(raceType)).toEqual(['EM_1RACE_1TYPE']);
    expect(jniSpellings(identifier('EM_RACE_YELLOW', 'high'))).toEqual(['EM_1RACE_1YELLOW']);
    expect(jniSpellings(complexion)).toEqual([]);
    expect(jniSpellings(identifier('cvi_face_race_e', 'ambiguous'))).toEqual([]);
    expect(jniSpellings(makeTerm('维族_新疆'))).toEqual([]);
    const needle = jniNeedle(raceType);
    expect(Buffer.from(needle.bytes).toString()).toBe('EM_1RACE_1TYPE');
    expect(needle).toMatchObject({ term: raceType, encoding: 'utf-8', syntax: 'raw', variant: 'EM_1RACE_1TYPE' });
  });

  it.each([
    ['a class named EM_RACE_TYPE (javac -h)', 'JNIEXPORT jint JNICALL Java_com_vendor_sdk_EM_1RACE_1TYPE_get\n'],
    ['a method named EM_RACE_TYPE, at the end of the symbol', '\0Java_com_vendor_sdk_FaceAttr_EM_1RACE_1TYPE\0'],
    ['an overloaded method (`__` signature)', '\0Java_com_vendor_sdk_FaceAttr_EM_1RACE_1TYPE__J\0'],
  ])('keeps %s with the jni form', (_name, haystack) => {
    expect(jniVerdictIn(raceType, haystack)).toEqual({ ok: true, alignment: 'aligned', notes: ['symbol:jni'] });
  });

  it.each([
    ['the JNI spelling on its own', ' EM_1RACE_1TYPE '],
    ['the JNI spelling in a symbol that is not Java_', '\0Jave_com_vendor_EM_1RACE_1TYPE\0'],
    ['a longer Java name (ITEM_RACE_TYPE)', '\0Java_com_vendor_ITEM_1RACE_1TYPE\0'],
    ['a Java name that goes on (EM_RACE_TYPE_EX)', '\0Java_com_vendor_EM_1RACE_1TYPE_1EX\0'],
    ['a Java name that goes on with a letter (EM_RACE_TYPES)', '\0Java_com_vendor_EM_1RACE_1TYPES\0'],
  ])('rejects %s', (_name, haystack) => {
    expect(jniVerdictIn(raceType, haystack)).toMatchObject({ ok: false, reason: 'boundary' });
  });
});
