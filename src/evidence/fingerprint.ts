/**
 * Finding fingerprints: the report's `findings[].id`, used by baselines, ignore files and SARIF
 * `partialFingerprints`. Built from what a finding *is* (which input, which member, which term in
 * which encoding and form, the how-many-th such hit), never from offsets or line numbers, so
 * bytes inserted before a hit, a re-packed archive with the same members, or `--redact` leave it
 * unchanged (STYLE §11, R35). Two identical hits in one object differ by `occurrence`.
 */
import { createHash } from 'node:crypto';

/** Bumped if the hashed fields ever change, so old and new ids never collide silently. */
const fingerprintVersion = 'fwsift-finding-v1';

/** Hex digits kept from the sha256: 128 bits, far beyond any collision risk in one report. */
const idHexDigits = 32;

/**
 * The finding id: the first 32 lower-case hex digits of sha256 over a canonical JSON array of
 * the parts (fixed order, so no key-order ambiguity). `input` and `chainPaths` are whatever
 * byte-exact text the caller derives from the input path and the member paths of the chain;
 * `occurrence` is the 0-based index of this hit among hits with the same other parts.
 * Throws `RangeError` when `occurrence` is not a non-negative integer (misuse).
 */
export function findingId(parts: {
  readonly input: string;
  readonly chainPaths: readonly string[];
  readonly termId: string;
  readonly encoding: string;
  readonly form: string;
  readonly variant: string;
  readonly occurrence: number;
}): string {
  if (!Number.isInteger(parts.occurrence) || parts.occurrence < 0) {
    throw new RangeError(`occurrence must be a non-negative integer, got ${parts.occurrence}`);
  }
  const canonical = JSON.stringify([
    fingerprintVersion,
    parts.input,
    [...parts.chainPaths],
    parts.termId,
    parts.encoding,
    parts.form,
    parts.variant,
    parts.occurrence,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, idHexDigits);
}
