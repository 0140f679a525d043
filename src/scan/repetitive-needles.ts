/**
 * Needles that cannot be evidence because they repeat themselves: a needle whose bytes have a
 * period of one or two (`aaa` in UTF-8, `a\0a\0` in UTF-16LE, U+FFFF twice in UTF-16) matches
 * at every byte or every other byte of a run of that pattern (0xFF flash padding, a column of
 * letters), millions of hits per MiB that would each be verified. The shipped packs' shortest
 * needle period is 3 bytes (one Big5 needle), most are the needle's length.
 */
import type { Needle } from '../patterns/types.js';

/** Periods up to this many bytes are refused. */
export const maxRefusedPeriod = 2;

/**
 * The smallest p ≤ `upTo` such that bytes[i] = bytes[i - p] for every i ≥ p (the length when
 * none is). Bounded because it runs over every needle on every start.
 */
export function smallestPeriod(bytes: Uint8Array, upTo = bytes.length): number {
  for (let period = 1; period < bytes.length && period <= upTo; period++) {
    let repeats = true;
    for (let i = period; i < bytes.length && repeats; i++) repeats = bytes[i] === bytes[i - period];
    if (repeats) return period;
  }
  return bytes.length;
}

/** One problem per term with a needle of period ≤ `maxRefusedPeriod`, naming its first such needle. */
export function repetitiveNeedleProblems(needles: readonly Needle[]): { readonly file: string; readonly pointer: string; readonly message: string }[] {
  const reported = new Set<string>();
  const problems: { file: string; pointer: string; message: string }[] = [];
  for (const needle of needles) {
    const period = smallestPeriod(needle.bytes, maxRefusedPeriod);
    if (period > maxRefusedPeriod) continue;
    const key = `${needle.term.pack}\u0000${needle.term.id}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const hex = Buffer.from(needle.bytes).toString('hex');
    problems.push({
      file: `pack ${needle.term.pack}`,
      pointer: `term ${needle.term.id}`,
      message: `spelling "${needle.variant}" is ${period === 1 ? 'one byte' : 'two bytes'} repeated in ${needle.encoding} ${needle.form} (${hex}): it matches at every ${period === 1 ? 'byte' : 'other byte'} of a run of that pattern (padding, a column of letters), so its hits cannot be evidence`,
    });
  }
  return problems;
}
