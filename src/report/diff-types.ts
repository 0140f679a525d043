/**
 * The diff of two reports (`fwsift diff OLD NEW`), as written to disk. `schema/diff.schema.json`
 * is the normative specification; these types mirror it. Markdown, HTML and SARIF renderings
 * are made from this object and the NEW report alone.
 */
import type { Encoding, Form } from '../patterns/types.js';
import type { ChainLinkJson, Confidence, ContextJson, FindingJson, InputIdentityJson, LosslessText } from './types.js';

export const diffSchemaVersion = '1.0.0';

/**
 * `added`: only NEW has it at this place; `removed`: only OLD; `kept`: both; `scrubbed`: OLD's
 * identifier is gone and a placeholder (`byRes2`, `reserved`, `…_RESERVED`) sits at the same
 * structural position in NEW.
 */
export const diffClasses = ['added', 'kept', 'removed', 'scrubbed'] as const;
export type DiffClass = (typeof diffClasses)[number];

/** One side of a pair: where the finding was and what surrounded it. */
export interface DiffSideJson {
  readonly findingId: string;
  /** The matched bytes decoded in their encoding (what the context surrounds). */
  readonly matched: string;
  readonly input: LosslessText;
  readonly chain: readonly ChainLinkJson[];
  readonly offset: number;
  readonly encoding: Encoding;
  readonly form: Form;
  readonly confidence: Confidence;
  readonly context: ContextJson;
}

/** The placeholder that took a scrubbed identifier's position in NEW. */
export interface PlaceholderJson {
  /** The placeholder identifier as written in NEW (`byRes2`, `EM_NATION_TYPE_RESERVED`). */
  readonly text: string;
  /** NEW's text around the placeholder (comments included, as written). */
  readonly context: { readonly before: string; readonly after: string };
  /** The tokens before and after that are the same in OLD and NEW: the evidence of "same position". */
  readonly anchors: { readonly before: readonly string[]; readonly after: readonly string[] };
  /** Where NEW's text came from: the object's own bytes, or the context of a NEW finding in the same object. */
  readonly source: 'object' | 'finding-context';
}

export interface DiffEntryJson {
  readonly class: DiffClass;
  readonly term: Pick<FindingJson['term'], 'id' | 'text' | 'category' | 'precision'>;
  /** The logical place both sides share: member paths per layer, offsets dropped (see src/report/diff-place.ts). */
  readonly place: string;
  readonly old?: DiffSideJson;
  readonly new?: DiffSideJson;
  readonly placeholder?: PlaceholderJson;
}

export interface DiffInputJson {
  readonly path: LosslessText;
  readonly sha256: string;
  readonly status: string;
  readonly identity?: InputIdentityJson;
}

export interface DiffReportSide {
  readonly inputs: readonly DiffInputJson[];
  readonly findings: number;
  readonly startedAt: string;
}

export interface DiffTermSummary {
  readonly termId: string;
  readonly text: string;
  readonly added: number;
  readonly kept: number;
  readonly removed: number;
  readonly scrubbed: number;
}

export interface DiffReport {
  readonly diffSchemaVersion: string;
  readonly tool: { readonly name: 'fwsift'; readonly version: string };
  readonly old: DiffReportSide;
  readonly new: DiffReportSide;
  /** Every pair and every unpaired finding, ordered by place, then term, then class. */
  readonly entries: readonly DiffEntryJson[];
  readonly summary: {
    readonly added: number;
    readonly kept: number;
    readonly removed: number;
    readonly scrubbed: number;
    /** `added + removed + scrubbed`: 0 means the two versions do not differ in any finding. */
    readonly changed: number;
    /** Per term, in term id order. */
    readonly byTerm: readonly DiffTermSummary[];
  };
}
