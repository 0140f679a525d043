/**
 * The JSON report writer. This file and `schema/report.schema.json` are the report's
 * specification; `src/report/types.ts` mirrors the schema in TypeScript.
 *
 * The file is one JSON object, UTF-8, two-space indented, ending in a newline:
 *
 * - `reportSchemaVersion` (first key): semver of this format. The major version changes when a
 *   field is removed, renamed or retyped, and is part of the schema's `$id`
 *   (`https://fwsift.dev/schema/report/1.json`); the minor version changes when a field is added.
 * - `tool`: `{ name: "fwsift", version }`.
 * - `run`: start and finish time (the only clock readings in the report), effective options,
 *   the pattern packs with their sha256, the needle count, Node version and platform.
 * - `inputs[]`: each input path (lossless), size, sha256, `status`
 *   (`complete | partial | failed | skipped`), `problems[]` (kind, provenance chain, message,
 *   offset) and coverage counters. A `partial` input is never a clean one.
 * - `findings[]`: each verified hit: a stable `id` (not offset-based, see
 *   `src/evidence/fingerprint.ts`), the `term`, the `match` (encoding, form, variant, bytes in
 *   hex), the `location` (input, container chain, offset in the innermost object, its sha256,
 *   line/column for text), the decoded `context`, `confidence` and the `reasons` for it.
 * - `summary`: totals by category and confidence, bytes and objects scanned, duration, partial
 *   inputs.
 *
 * Text that may not be valid UTF-8 (paths, member names) is a string when it is valid UTF-8
 * and `{ "base64": "…" }` otherwise. Arrays are always present, empty when empty. Key order
 * is the order of the report object, so the same report gives the same bytes.
 */
import type { Report } from './types.js';
import { validateReport } from './validate.js';

/**
 * Serialise a report. Validates it against the schema first and throws an `Error` listing
 * every problem if it does not conform: the scanner builds reports, so an invalid one is a
 * bug, never an input problem. Returns the JSON text with `reportSchemaVersion` as the first
 * key and a trailing newline. Memory: the whole text is built as one string.
 */
export function renderJson(report: Report): string {
  const problems = validateReport(report);
  if (problems.length > 0) {
    throw new Error(`refusing to write a report that does not match schema/report.schema.json:\n  ${problems.join('\n  ')}`);
  }
  // Re-spread so the version leads whatever order the caller built the object in.
  const { reportSchemaVersion, ...rest } = report;
  return `${JSON.stringify({ reportSchemaVersion, ...rest }, null, 2)}\n`;
}
