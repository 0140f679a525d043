/**
 * The evidence report, as written to disk. `schema/report.schema.json` is the normative
 * specification; these types mirror it. Every rendering (SARIF, Markdown, HTML, NDJSON) is
 * made from this object alone.
 */
import type { CoverageSummary } from '../patterns/coverage.js';
import type { Category, Encoding, Form, Precision } from '../patterns/types.js';

export const reportSchemaVersion = '1.0.0';

import type { Confidence, IdentityFacts, LosslessText, ProblemKind } from '../core/types.js';

export type { Confidence, IdentityFacts, LosslessText, ProblemKind };
export type InputStatus = 'complete' | 'partial' | 'failed' | 'skipped';

export interface ChainLinkJson {
  /** Format of the layer that produced this object: `zip`, `dahua-zip`, `tar`, `gzip`… */
  readonly format: string;
  /** Member path inside that layer (lossless), absent for unnamed layers (a gzip stream). */
  readonly path?: LosslessText;
  /** Offset of this object's data (or its header) inside the parent object. */
  readonly offset: number;
}

export interface ProblemJson {
  readonly chain: readonly ChainLinkJson[];
  readonly kind: ProblemKind;
  readonly message: string;
  readonly offset?: number;
}

export interface NoteJson {
  readonly chain: readonly ChainLinkJson[];
  readonly message: string;
  readonly offset?: number;
}

/** A span of an input that was one object (the input itself, a stored member, a carved chunk), in input byte coordinates. */
export interface LayerJson {
  readonly chain: readonly ChainLinkJson[];
  /** The handler that opened the object, or `raw` when none recognised it. */
  readonly format: string;
  readonly start: number;
  readonly end: number;
}

export interface InputJson {
  readonly path: LosslessText;
  readonly size: number;
  readonly sha256: string;
  readonly status: InputStatus;
  /** Why a `skipped` input was not scanned (a symbolic link, a device). */
  readonly skipReason?: string;
  readonly problems: readonly ProblemJson[];
  /** Facts that cost no bytes (a mislabelled charset read in the one that decodes); absent when none. Never make the input partial. */
  readonly notes?: readonly NoteJson[];
  readonly coverage: {
    readonly bytesScanned: number;
    readonly objects: number;
    readonly chunksCarved?: number;
    readonly carveCandidatesRejected?: number;
    readonly hitCandidatesRejected?: number;
  };
  /** Objects whose position in the input is known, outermost first: what the layer map draws. */
  readonly layers: readonly LayerJson[];
  /** What the input's outermost self-describing layer records about it (absent when no format records anything). */
  readonly identity?: InputIdentityJson;
}

/** Identity facts plus the chain of the object that recorded them (`[]` = the input itself). */
export interface InputIdentityJson extends IdentityFacts {
  readonly chain: readonly ChainLinkJson[];
}

/** The object bytes that drew a finding in derived text: glyph codes in a PDF content stream. */
export interface SourceJson {
  readonly chain: readonly ChainLinkJson[];
  readonly ranges: readonly { readonly offset: number; readonly length: number }[];
  readonly hex: string;
}

export interface FindingJson {
  readonly id: string;
  readonly term: {
    readonly id: string;
    readonly text: string;
    readonly category: Category;
    readonly precision: Precision;
    readonly pack: string;
    readonly meaning: string;
    /** Public sources documenting the term, copied from the pack so renderers need only the report. */
    readonly references?: readonly ReferenceJson[];
  };
  readonly match: {
    readonly encoding: Encoding;
    readonly form: Form;
    readonly variant: string;
    readonly hex: string;
    readonly length: number;
  };
  readonly location: {
    readonly input: LosslessText;
    readonly chain: readonly ChainLinkJson[];
    readonly offset: number;
    readonly objectSha256: string;
    readonly line?: number;
    readonly column?: number;
    /** For a hit in derived text (PDF page text): the bytes of the sibling object that drew it. */
    readonly source?: SourceJson;
  };
  readonly context: ContextJson;
  readonly confidence: Confidence;
  readonly reasons: readonly string[];
  /** Further occurrences of the term in the same object, not reported in full (a flood). */
  readonly more?: { readonly count: number; readonly offsets: readonly number[] };
  /** Other terms found inside this finding's bytes (疆藏 inside 疆藏(需定制支持)): one finding per place. */
  readonly contains?: readonly ContainedTermJson[];
  /** Only with `--baseline`: whether the baseline report had this finding id. */
  readonly baselineState?: BaselineState;
  /** Only with `--ignore`: the entry that suppressed this finding (it stays in the report, uncounted). */
  readonly suppression?: SuppressionJson;
}

export interface ContainedTermJson {
  readonly termId: string;
  readonly text: string;
  /** The spelling found (the term's text or one of its variants). */
  readonly variant: string;
  /** Byte offset in the same object as the finding's `location.offset`. */
  readonly offset: number;
  readonly length: number;
  readonly confidence: Confidence;
}

export interface ReferenceJson {
  readonly title: string;
  readonly url: string;
}

/** Context around a hit, or only `redacted: true` after `--redact` (see src/report/redact.ts). */
export type ContextJson =
  | {
      readonly before: string;
      readonly after: string;
      readonly hex: string;
      /** The encoding `before`/`after` were decoded in: the text's around an ASCII hit, else the hit's own. */
      readonly encoding?: Encoding;
      readonly redacted?: undefined;
    }
  | { readonly redacted: true; readonly before?: undefined; readonly after?: undefined; readonly hex?: undefined; readonly encoding?: undefined };

export type BaselineState = 'new' | 'unchanged';

export interface SuppressionJson {
  readonly entry: string;
  readonly reason: string;
  /** YYYY-MM-DD */
  readonly expires?: string;
}

/** A baseline finding the new scan did not find (summary.baseline.absent). */
export interface AbsentFindingJson {
  readonly id: string;
  readonly termId: string;
  readonly termText: string;
  readonly confidence: Confidence;
  readonly input: LosslessText;
  readonly chain: readonly ChainLinkJson[];
}

export interface Report {
  readonly reportSchemaVersion: string;
  readonly tool: { readonly name: 'fwsift'; readonly version: string };
  readonly run: {
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly options: Readonly<Record<string, unknown>>;
    readonly patternPacks: readonly { readonly id: string; readonly version: string; readonly sha256: string; readonly terms: number }[];
    readonly needles: number;
    /** The scan was stopped before it finished. */
    readonly interrupted?: true;
    readonly node: string;
    readonly platform: string;
    /** Term × spelling × encoding × form coverage (R44) and expected random hits (R20). */
    readonly coverage?: CoverageSummary;
  };
  readonly inputs: readonly InputJson[];
  readonly findings: readonly FindingJson[];
  readonly summary: {
    readonly findings: number;
    readonly byCategory: Readonly<Record<Category, number>>;
    readonly byConfidence: Readonly<Record<Confidence, number>>;
    readonly bytesScanned: number;
    readonly objects: number;
    readonly durationMs: number;
    readonly partialInputs: number;
    /** Only with `--baseline`. */
    readonly baseline?: { readonly new: number; readonly unchanged: number; readonly absent: readonly AbsentFindingJson[] };
    /** Only with `--ignore`. */
    readonly ignore?: {
      readonly suppressed: number;
      readonly unused: readonly { readonly entry: string; readonly reason: string; readonly expired: boolean }[];
    };
  };
}
