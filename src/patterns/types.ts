/**
 * Pattern packs: what fwsift looks for and why. A pack is a JSON file validated against
 * `schema/patterns.schema.json`; these types mirror that schema after defaults are applied.
 */

export const categories = ['ethnicity', 'race', 'skin-colour', 'region-targeting', 'minority-alert'] as const;
export type Category = (typeof categories)[number];

/** high: almost never fires outside ethnic analytics; medium: needs context; ambiguous: only with corroboration. */
export const precisions = ['high', 'medium', 'ambiguous'] as const;
export type Precision = (typeof precisions)[number];

/**
 * identifier: the bytes before and after the hit must not be `[A-Za-z0-9_]` (in the hit's encoding);
 * word: must not be `[A-Za-z0-9]`; none: no boundary rule (CJK phrases).
 */
export const boundaries = ['identifier', 'word', 'none'] as const;
export type Boundary = (typeof boundaries)[number];

export const termKinds = ['identifier', 'phrase', 'word'] as const;
export type TermKind = (typeof termKinds)[number];

export interface Reference {
  readonly title: string;
  readonly url: string;
}

export interface Term {
  /** Stable id, unique across all loaded packs, e.g. `dahua.em-nation-type-uygur`. */
  readonly id: string;
  /** The exact text searched for (its canonical, usually simplified-Chinese, form). */
  readonly text: string;
  readonly category: Category;
  readonly precision: Precision;
  /** English meaning, for readers of the report. */
  readonly meaning: string;
  /** BCP 47 tag of `text`: `zh-Hans`, `zh-Hant`, `en`, or `und` for identifiers. */
  readonly lang: string;
  readonly kind: TermKind;
  /** `insensitive` folds ASCII case (in every encoding); default `sensitive`. */
  readonly case: 'sensitive' | 'insensitive';
  readonly boundary: Boundary;
  /** Other spellings searched as the same term (traditional forms: 人種, 膚色…). */
  readonly variants: readonly string[];
  /**
   * Exclusions: the hit is rejected when the text immediately *before* it ends with one of
   * `notAfter` (维族 after 运 → 运维族), or the text immediately *after* it starts with one of
   * `notBefore` (人种 before 草 → 人种草). Compared in the hit's own encoding.
   */
  readonly notAfter: readonly string[];
  readonly notBefore: readonly string[];
  /**
   * Term-specific contexts probed in the window around a verified hit (like the built-in
   * face-attribute words): one found raises confidence one level (`boostContexts`) or lowers it
   * (`demoteContexts`). The loader always sets both (default `[]`); optional so hand-built
   * terms in tests need not.
   */
  readonly boostContexts?: readonly string[];
  readonly demoteContexts?: readonly string[];
  readonly references: readonly Reference[];
  /** Free-text note on where it was seen and known false positives. */
  readonly notes?: string;
  /** Id of the pack the term came from (set by the loader, not written in pack files). */
  readonly pack: string;
}

import type { Encoding } from '../core/types.js';

export { encodings, type Encoding } from '../core/types.js';

export const forms = ['raw', 'json-escape', 'html-entity', 'url-percent', 'c-escape', 'base64', 'text-view'] as const;
export type Form = (typeof forms)[number];

/**
 * The exact way a needle writes its encoded bytes; each belongs to one `Form` (table in
 * `src/patterns/escapes.ts`). 人种 as an example: `json-u` `\u4eba\u79cd`, `json-u-double`
 * `\\u4eba\\u79cd`, `js-u-brace` `\u{4eba}\u{79cd}`, `html-decimal` `&#20154;&#31181;`, `html-hex`
 * `&#x4eba;&#x79cd;`, `url-percent` `%E4%BA%BA%E7%A7%8D`, `c-hex` `\xe4\xba\xba…`, `c-octal`
 * `\344\272\272…`, `base64-phase0..2` the three byte phases of base64 (`5Lq656eN` for phase 0).
 */
export const syntaxes = [
  'raw',
  'json-u',
  'json-u-double',
  'js-u-brace',
  'html-decimal',
  'html-hex',
  'url-percent',
  'c-hex',
  'c-octal',
  'base64-phase0',
  'base64-phase1',
  'base64-phase2',
] as const;
export type Syntax = (typeof syntaxes)[number];

/** One byte sequence searched for: one (term, variant, encoding, syntax). */
export interface Needle {
  /** Index into the compiled needle list; also the automaton's output id. */
  readonly id: number;
  readonly term: Term;
  /** The spelling this needle encodes: `term.text` or one of `term.variants`. */
  readonly variant: string;
  /**
   * The encoding of `encoded`. For escapes of bytes (`%XX`, `\xNN`, base64) the bytes' encoding;
   * for `\uXXXX` escapes `utf-16be` (UTF-16 code units); for `\u{…}` and `&#…;` `utf-32be` (code points).
   */
  readonly encoding: Encoding;
  readonly form: Form;
  readonly syntax: Syntax;
  /** The variant in `encoding`: what `syntax` writes out. Equal to `bytes` for `raw`. */
  readonly encoded: Uint8Array;
  /** The bytes searched for. */
  readonly bytes: Uint8Array;
  /**
   * One entry per byte of `bytes`: 1 where the haystack may hold the other ASCII case of that
   * byte (letters of a case-insensitive term; hex digits of an escape), 0 where it must be exact.
   */
  readonly foldMask: Uint8Array;
  /**
   * True for a JNI-escaped spelling (`EM_1RACE_1TYPE` for `EM_RACE_TYPE`: JNI writes `_` in a Java
   * name as `_1`). Such a needle is a hit only inside a `Java_` symbol (`src/match/verify-symbols.ts`).
   */
  readonly jni?: true;
}

/** One term spelling × encoding × form cell, and whether it was searched. */
export interface CoverageCell {
  readonly termId: string;
  readonly variant: string;
  readonly encoding: Encoding;
  readonly form: Form;
  readonly status: 'searched' | 'unencodable' | 'disabled';
}

/** `encoding/form`, e.g. `gb18030/url-percent`. */
export type CellKey = `${Encoding}/${Form}`;

/** One term spelling: which cells were searched, could not be encoded, or were switched off. */
export interface SpellingCoverage {
  readonly term: string;
  readonly variant: string;
  readonly searched: readonly CellKey[];
  readonly unencodable: readonly CellKey[];
  readonly disabled: readonly CellKey[];
}

/** Needles of one length range, for the random-hit estimate (`src/patterns/coverage.ts`). */
export interface RandomHitBucket {
  /** Needle lengths in this bucket, in bytes (inclusive). */
  readonly minBytes: number;
  readonly maxBytes: number;
  /** Each needle's chance of matching at one offset of random bytes, in needle order. */
  readonly probabilities: Float64Array;
}

/**
 * What a needle set's coverage summary holds whatever the bytes scanned: worked out once per set
 * (`coverageBasis`), and stored with the needles by the needle cache so a start reads it instead.
 */
export interface CoverageBasis {
  /** One entry per term spelling, in pack order. */
  readonly spellings: readonly SpellingCoverage[];
  /** Needles per cell; cells with none are left out. */
  readonly needles: Readonly<Partial<Record<CellKey, number>>>;
  readonly randomHitBuckets: readonly RandomHitBucket[];
}

export interface Pack {
  readonly id: string;
  /** semver */
  readonly version: string;
  readonly description: string;
  /** sha256 (hex) of the pack file's bytes, recorded in the report. */
  readonly sha256: string;
  /** Where it was loaded from (for messages only; never in the report). */
  readonly source: string;
  readonly terms: readonly Term[];
}
