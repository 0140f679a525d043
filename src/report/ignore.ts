/**
 * Ignore files (`--ignore FILE`, R37): known findings a reviewer has accepted, each with a
 * reason. A suppressed finding stays in the report with its `suppression` (SARIF
 * `suppressions[{ kind: "external" }]`) and does not count for `--fail-on`; entries that
 * suppressed nothing, expired ones included, are listed in `summary.ignore.unused` so stale
 * entries are seen and removed.
 *
 * The file is JSON:
 *
 * ```json
 * { "ignore": [
 *   { "id": "1f59604a933c75628c3c640ac9870cab", "reason": "vendor manual, reported 2024-05" },
 *   { "path": "sdk/docs/**", "term": "zh.renzhong", "reason": "documentation only", "expires": "2025-12-31" }
 * ] }
 * ```
 *
 * - `id`: a finding id (32 hex digits), or
 * - `path`: a glob over where the finding is, written `input!/member!/member` as in the summary
 *   (unnamed layers as `<gzip>`, bytes that are not UTF-8 as `<base64:…>`), matched by
 *   picomatch: `*` and `?` stay within one `/`-separated segment; `**` alone in a segment
 *   (`fw.bin!/**`, `sdk/**` + `/zh-CN.xml`) crosses segments, and elsewhere (`a**b`,
 *   `fw**!/x`) is one `*`, as in .gitignore. Every other character is literal, unlike
 *   `--exclude`: entries are copied from reports, whose member names hold `(`, `[`, `{`, `!`
 *   (`Setup (x86).exe`, `fw[1].bin`), and picomatch would read a leading `!` as "everything
 *   but" and brackets, braces and parentheses as patterns;
 * - `term` (optional, with `path`): only findings of this term id;
 * - `reason` (required, non-empty);
 * - `expires` (optional, `YYYY-MM-DD`, UTC): the entry suppresses up to and including that day.
 */
import picomatch from 'picomatch';
import type { FindingJson, Report, SuppressionJson } from './types.js';
import { displayWhere } from './views.js';

export interface IgnoreEntry {
  readonly id?: string;
  readonly path?: string;
  readonly term?: string;
  readonly reason: string;
  readonly expires?: string;
}

/** A parsed ignore file, or every problem found in it (a usage error for the CLI). */
export type ParsedIgnoreFile = { readonly ok: true; readonly entries: readonly IgnoreEntry[] } | { readonly ok: false; readonly problems: readonly string[] };

const entryKeys = new Set(['id', 'path', 'term', 'reason', 'expires']);

/** Parses and checks an ignore file's text. Never throws on bad input. */
export function parseIgnoreFile(text: string): ParsedIgnoreFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const list = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).ignore : undefined;
  if (!Array.isArray(list)) return { ok: false, problems: ['expected an object with an "ignore" array'] };
  const problems: string[] = [];
  const entries: IgnoreEntry[] = [];
  list.forEach((raw: unknown, index) => {
    const where = `/ignore/${index}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${where}: expected an object`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!entryKeys.has(key)) problems.push(`${where}: unknown key "${key}"`);
    const string = (key: string): string | undefined => {
      const field = entry[key];
      if (field === undefined) return undefined;
      if (typeof field !== 'string' || field.trim() === '') {
        problems.push(`${where}/${key}: expected a non-empty string`);
        return undefined;
      }
      return field;
    };
    const id = string('id');
    const path = string('path');
    const term = string('term');
    const reason = string('reason');
    const expires = string('expires');
    if (reason === undefined && entry.reason === undefined) problems.push(`${where}: "reason" is required`);
    if ((id === undefined) === (path === undefined)) problems.push(`${where}: give exactly one of "id" and "path"`);
    if (id !== undefined && !/^[0-9a-f]{32}$/.test(id)) problems.push(`${where}/id: expected a finding id (32 lower-case hex digits)`);
    if (term !== undefined && id !== undefined) problems.push(`${where}/term: only allowed with "path"`);
    if (expires !== undefined && !isDate(expires)) problems.push(`${where}/expires: expected a date YYYY-MM-DD`);
    if (reason !== undefined) {
      entries.push({
        ...(id === undefined ? {} : { id }),
        ...(path === undefined ? {} : { path }),
        ...(term === undefined ? {} : { term }),
        reason,
        ...(expires === undefined ? {} : { expires }),
      });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * The matcher of one `path` entry: picomatch with every ASCII punctuation character but `*`,
 * `?` and `/` escaped, so only those three are pattern syntax. Dot names match like others.
 */
export function ignorePathMatcher(glob: string): (where: string) => boolean {
  const escaped = glob.replace(/[!-.:-@[-`{-~]/g, (char) => (char === '*' || char === '?' ? char : `\\${char}`));
  return picomatch(escaped, { dot: true, windows: false });
}

/** Applies ignore entries to findings and remembers which entries were used. */
export class IgnoreMatcher {
  readonly #entries: readonly { readonly entry: IgnoreEntry; readonly glob?: (where: string) => boolean; readonly active: boolean }[];
  readonly #used = new Set<number>();

  /** `now` decides which entries have expired (default: the current time). */
  constructor(entries: readonly IgnoreEntry[], now: Date = new Date()) {
    const today = now.toISOString().slice(0, 10);
    this.#entries = entries.map((entry) => ({
      entry,
      ...(entry.path === undefined ? {} : { glob: ignorePathMatcher(entry.path) }),
      active: entry.expires === undefined || today <= entry.expires,
    }));
  }

  /** The suppression for a finding (the first active entry that matches), or undefined. */
  match(finding: FindingJson): SuppressionJson | undefined {
    let where: string | undefined;
    for (const [index, { entry, glob, active }] of this.#entries.entries()) {
      if (!active) continue;
      let hit: boolean;
      if (entry.id !== undefined) hit = entry.id === finding.id;
      else {
        where ??= displayWhere(finding.location.input, finding.location.chain);
        hit = glob!(where) && (entry.term === undefined || entry.term === finding.term.id);
      }
      if (!hit) continue;
      this.#used.add(index);
      return { entry: entry.id ?? entry.path!, reason: entry.reason, ...(entry.expires === undefined ? {} : { expires: entry.expires }) };
    }
    return undefined;
  }

  /** Entries that have matched nothing so far, in file order. */
  unused(): { entry: string; reason: string; expired: boolean }[] {
    return this.#entries.flatMap(({ entry, active }, index) =>
      this.#used.has(index) ? [] : [{ entry: entry.id ?? entry.path!, reason: entry.reason, expired: !active }],
    );
  }
}

/** The report with matching findings suppressed and `summary.ignore` filled in. Pure apart from the matcher's own bookkeeping. */
export function applyIgnore(report: Report, entries: readonly IgnoreEntry[], now?: Date): Report {
  const matcher = new IgnoreMatcher(entries, now);
  const findings = report.findings.map((finding) => suppress(finding, matcher));
  return { ...report, findings, summary: { ...report.summary, ignore: ignoreSummary(findings, matcher) } };
}

export function suppress(finding: FindingJson, matcher: IgnoreMatcher): FindingJson {
  const suppression = matcher.match(finding);
  return suppression === undefined ? finding : { ...finding, suppression };
}

export function ignoreSummary(findings: readonly FindingJson[], matcher: IgnoreMatcher): NonNullable<Report['summary']['ignore']> {
  return { suppressed: findings.filter((finding) => finding.suppression !== undefined).length, unused: matcher.unused() };
}
