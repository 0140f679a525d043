/**
 * The evidence report, as written to disk. `schema/report.schema.json` is the normative
 * specification; these types mirror it. Every rendering (SARIF, Markdown, HTML, NDJSON) is
 * made from this object alone.
 */
import type { Category, Encoding, Form, Precision } from '../patterns/types.js';

export const reportSchemaVersion = '1.0.0';

/** Text that may not be valid UTF-8: a plain string when it is, else the bytes in base64. */
export type LosslessText = string | { readonly base64: string };

export type Confidence = 'high' | 'medium' | 'low';
export type InputStatus = 'complete' | 'partial' | 'failed' | 'skipped';
export type ProblemKind = 'limit' | 'corrupt' | 'encrypted' | 'unsupported' | 'io' | 'internal';

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

export interface InputJson {
  readonly path: LosslessText;
  readonly size: number;
  readonly sha256: string;
  readonly status: InputStatus;
  /** Why a `skipped` input was not scanned (a symbolic link, a device). */
  readonly skipReason?: string;
  readonly problems: readonly ProblemJson[];
  readonly coverage: { readonly bytesScanned: number; readonly objects: number };
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
  };
  readonly context: { readonly before: string; readonly after: string; readonly hex: string };
  readonly confidence: Confidence;
  readonly reasons: readonly string[];
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
    readonly node: string;
    readonly platform: string;
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
  };
}
