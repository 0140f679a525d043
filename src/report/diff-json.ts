/**
 * The diff as JSON (`schema/diff.schema.json`): validated before it is written, like the
 * report; `diffSchemaVersion` first, two-space indented, trailing newline.
 */
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { DiffReport } from './diff-types.js';
import { formatError, loadAjv2020, loadFormats, reportSchema } from './validate.js';

export const diffSchemaUrl = new URL('../../schema/diff.schema.json', import.meta.url);

/**
 * A validator for one of the schemas that borrow the report schema's `$defs` (diff, corpus):
 * Ajv 2020 strict, with ajv-formats and the report schema registered. Compiled on first use.
 * Returns one `<pointer>: <message>` per problem, empty when valid.
 */
export function schemaValidator(url: URL): (value: unknown) => readonly string[] {
  let validate: ValidateFunction | undefined;
  return (value) => {
    if (validate === undefined) {
      const Ajv2020 = loadAjv2020();
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      loadFormats()(ajv);
      ajv.addSchema(reportSchema());
      validate = ajv.compile(JSON.parse(readFileSync(url, 'utf8')) as object);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(formatError);
  };
}

/** Checks `value` against the diff schema. */
export const validateDiff = schemaValidator(diffSchemaUrl);

/** Serialises a diff; throws when it does not match the schema (a bug, never an input problem). */
export function renderDiffJson(diff: DiffReport): string {
  const problems = validateDiff(diff);
  if (problems.length > 0) throw new Error(`refusing to write a diff that does not match schema/diff.schema.json:\n  ${problems.join('\n  ')}`);
  const { diffSchemaVersion, ...rest } = diff;
  return `${JSON.stringify({ diffSchemaVersion, ...rest }, null, 2)}\n`;
}
