/**
 * Validation of a report against `schema/report.schema.json` (JSON Schema 2020-12, Ajv in
 * strict mode with ajv-formats). `validateReport` runs the validator Ajv generated from that
 * file ahead of time (`report-validator.generated.ts`, written by `npm run build`), so start-up
 * compiles no schema (about 0.4 s saved); a test fails when the generated code no longer
 * matches the shipped schema, so the check and the published contract cannot drift.
 * `compileReportValidator` compiles the same schema at run time, for tests and tools.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, Logger, ValidateFunction } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import generatedValidator from './report-validator.generated.js';

/** Location of the schema: `src/report/` under vitest and `dist/report/` after tsc are both two levels below the package root. */
export const reportSchemaUrl = new URL('../../schema/report.schema.json', import.meta.url);

type Ajv2020Class = typeof Ajv2020;

/*
 * Ajv and ajv-formats are required only when a schema is compiled at run time (tests, tools):
 * loading them costs about 0.3 s of start-up that `validateReport` does not need. Both are
 * CommonJS that set `module.exports` to the main export *and* keep an `exports.default`, so
 * pick whichever layer is callable.
 */
const require = createRequire(import.meta.url);

function unwrap<T>(moduleValue: unknown, isWanted: (value: unknown) => value is T, name: string): T {
  let value: unknown = moduleValue;
  for (let depth = 0; depth < 3; depth += 1) {
    if (isWanted(value)) return value;
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || !('default' in value)) break;
    value = value.default;
  }
  throw new Error(`cannot load ${name}: unexpected module shape`);
}

function isFunction<T>(value: unknown): value is T {
  return typeof value === 'function';
}

export function loadAjv2020(): Ajv2020Class {
  return unwrap(require('ajv/dist/2020.js'), isFunction<Ajv2020Class>, 'ajv/dist/2020.js');
}

export function loadFormats(): FormatsPlugin {
  return unwrap(require('ajv-formats'), isFunction<FormatsPlugin>, 'ajv-formats');
}

let cachedSchema: Readonly<Record<string, unknown>> | undefined;

/** The report schema as parsed JSON (read once, then cached). Throws if the shipped file is missing or not JSON: a broken install, not bad input. */
export function reportSchema(): Readonly<Record<string, unknown>> {
  if (cachedSchema === undefined) {
    const parsed: unknown = JSON.parse(readFileSync(reportSchemaUrl, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`${reportSchemaUrl.href} is not a JSON object`);
    }
    cachedSchema = parsed as Record<string, unknown>;
  }
  return cachedSchema;
}

/**
 * Compile the report schema with a fresh Ajv2020 (`strict: true`, `allErrors: true`, ajv-formats).
 * Strict-mode violations in the schema throw; anything Ajv would only log goes to `logger`
 * (default: `console`), which is how the tests prove the schema compiles without warnings.
 * Costs a few milliseconds; `validateReport` compiles once and reuses the result.
 */
export function compileReportValidator(options: { readonly logger?: Logger } = {}): ValidateFunction {
  const Ajv2020 = loadAjv2020();
  const addFormats = loadFormats();
  const ajv = new Ajv2020({ strict: true, allErrors: true, logger: options.logger ?? console });
  addFormats(ajv);
  return ajv.compile(reportSchema());
}

/** The generated code is a plain Ajv validate function. */
const reportValidator = generatedValidator as unknown as ValidateFunction;

/**
 * Check `value` against the report schema. Returns one message per problem, each
 * `<JSON pointer>: <Ajv message>` (e.g. `/findings/0/confidence: must be equal to one of the
 * allowed values`); an empty array means valid.
 */
export function validateReport(value: unknown): readonly string[] {
  if (reportValidator(value)) return [];
  return (reportValidator.errors ?? []).map(formatError);
}

export function formatError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  const params: Readonly<Record<string, unknown>> = error.params;
  // Name the offending key: Ajv's own message does not say which property was extra.
  const extra = error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string'
    ? ` (${JSON.stringify(params.additionalProperty)})`
    : '';
  return `${where}: ${error.message ?? error.keyword}${extra}`;
}
