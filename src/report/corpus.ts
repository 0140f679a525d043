/**
 * `buildCorpus(reports)`: many reports in one view. Every input of every report is a column,
 * ordered by version (src/report/corpus-version.ts), then by label; every term found anywhere is
 * a row, with its finding count per column and the first and last column it was seen in.
 *
 * Memory: one count per (term, column) plus the column metadata; the reports themselves can be
 * dropped after `addReport` (the CLI reads 1,000 reports one at a time). Deterministic: the
 * order of `addReport` calls only breaks ties between identical labels and versions.
 */
import { toolVersion } from '../version.js';
import { compareVersions, versionKey, type VersionKey } from './corpus-version.js';
import { compareText, losslessString } from './diff-place.js';
import { lineageOf, type LineageItem } from './lineage.js';
import type { Category } from '../patterns/types.js';
import type { FindingJson, InputIdentityJson, Report } from './types.js';

export const corpusSchemaVersion = '1.0.0';

export interface CorpusColumn {
  /** Shown as the column heading: the input path, prefixed by the report's name when two inputs share a path. */
  readonly label: string;
  readonly report: string;
  readonly input: string;
  readonly sha256: string;
  readonly status: string;
  readonly findings: number;
  readonly version: string;
  readonly date: string;
  readonly versionFrom: VersionKey['source'];
  readonly identity?: InputIdentityJson;
  /** `derived from vendor X (confidence: kinds of evidence)` per vendor with evidence (src/report/lineage.ts). */
  readonly lineage: readonly string[];
  /** The items behind `lineage`, each with its place and public reference, vendors in name order. */
  readonly lineageEvidence: readonly LineageItem[];
}

export interface CorpusRow {
  readonly termId: string;
  readonly text: string;
  readonly category: Category;
  /** Findings per column, in column order. */
  readonly counts: readonly number[];
  /** Index of the first and last column with a finding. */
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface CorpusMatrix {
  readonly corpusSchemaVersion: string;
  readonly tool: { readonly name: 'fwsift'; readonly version: string };
  readonly columns: readonly CorpusColumn[];
  /** Ordered by first seen, then term id. */
  readonly rows: readonly CorpusRow[];
}

interface PendingColumn {
  readonly column: Omit<CorpusColumn, 'label'>;
  readonly key: VersionKey;
  readonly counts: ReadonlyMap<string, number>;
  readonly order: number;
}

export class CorpusBuilder {
  readonly #columns: PendingColumn[] = [];
  readonly #terms = new Map<string, { readonly text: string; readonly category: Category }>();

  /**
   * Adds every input of `report` as a column; `reportName` is the report's file name.
   * `byteLineage`: lineage items found in each input's bytes (src/report/lineage-bytes.ts), by input path.
   */
  addReport(reportName: string, report: Pick<Report, 'inputs' | 'findings'>, byteLineage: ReadonlyMap<string, readonly LineageItem[]> = new Map()): void {
    const counts = new Map<string, Map<string, number>>();
    // Findings per input, so lineage reads each input's findings only (reports may hold thousands of inputs).
    const findingsOf = new Map<string, FindingJson[]>();
    for (const finding of report.findings) {
      const input = losslessString(finding.location.input);
      let perInput = counts.get(input);
      if (perInput === undefined) counts.set(input, (perInput = new Map()));
      perInput.set(finding.term.id, (perInput.get(finding.term.id) ?? 0) + 1);
      let inputFindings = findingsOf.get(input);
      if (inputFindings === undefined) findingsOf.set(input, (inputFindings = []));
      inputFindings.push(finding);
      if (!this.#terms.has(finding.term.id)) this.#terms.set(finding.term.id, { text: finding.term.text, category: finding.term.category });
    }
    for (const input of report.inputs) {
      const path = losslessString(input.path);
      const key = versionKey(path, input.identity);
      const perInput = counts.get(path) ?? new Map<string, number>();
      const lineage = lineageOf({ inputs: [input], findings: findingsOf.get(path) ?? [] }, input, byteLineage.get(path));
      this.#columns.push({
        column: {
          report: reportName,
          input: path,
          sha256: input.sha256,
          status: input.status,
          findings: [...perInput.values()].reduce((sum, count) => sum + count, 0),
          version: key.text,
          date: key.date,
          versionFrom: key.source,
          lineage: lineage.map((summary) => summary.statement),
          lineageEvidence: lineage.flatMap((summary) => summary.items),
          ...(input.identity === undefined ? {} : { identity: input.identity }),
        },
        key,
        counts: perInput,
        order: this.#columns.length,
      });
    }
  }

  build(): CorpusMatrix {
    const sorted = [...this.#columns].sort((a, b) => compareVersions(a.key, b.key) || compareText(a.column.input, b.column.input) || a.order - b.order);
    const inputCounts = new Map<string, number>();
    for (const { column } of sorted) inputCounts.set(column.input, (inputCounts.get(column.input) ?? 0) + 1);
    const columns = sorted.map(({ column }) => ({ label: (inputCounts.get(column.input) ?? 0) > 1 ? `${column.report}: ${column.input}` : column.input, ...column }));
    const rows: CorpusRow[] = [];
    for (const [termId, term] of this.#terms) {
      const counts = sorted.map((pending) => pending.counts.get(termId) ?? 0);
      const firstSeen = counts.findIndex((count) => count > 0);
      const lastSeen = counts.length - 1 - [...counts].reverse().findIndex((count) => count > 0);
      rows.push({ termId, text: term.text, category: term.category, counts, firstSeen, lastSeen });
    }
    rows.sort((a, b) => a.firstSeen - b.firstSeen || compareText(a.termId, b.termId));
    return { corpusSchemaVersion, tool: { name: 'fwsift', version: toolVersion }, columns, rows };
  }
}

/** All reports at once (for library callers with reports in memory). */
export function buildCorpus(reports: readonly { readonly name: string; readonly report: Pick<Report, 'inputs' | 'findings'>; readonly byteLineage?: ReadonlyMap<string, readonly LineageItem[]> }[]): CorpusMatrix {
  const builder = new CorpusBuilder();
  for (const { name, report, byteLineage } of reports) builder.addReport(name, report, byteLineage);
  return builder.build();
}
