/**
 * The official SARIF 2.1.0 schema (JSON Schema draft-04, copied unchanged from
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/) compiled with ajv-draft-04; it lives in the
 * repository so a fresh clone's `npm test` needs nothing beside it.
 */
import { readFileSync } from 'node:fs';
import * as ajv04Module from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';

export const sarifSchemaUrl = new URL('../../schema/sarif-schema-2.1.0.json', import.meta.url);

type Ajv04Class = (typeof ajv04Module)['default']['default'];

/** The package is CommonJS with `exports.default`; Node and vitest expose it at different depths. */
function loadAjv04(): Ajv04Class {
  let value: unknown = ajv04Module;
  for (let depth = 0; depth < 3; depth++) {
    if (typeof value === 'function') return value as unknown as Ajv04Class;
    if (typeof value !== 'object' || value === null || !('default' in value)) break;
    value = (value as { default: unknown }).default;
  }
  throw new Error('cannot load ajv-draft-04: unexpected module shape');
}

/** Structure checked strictly; `format` keywords (uri, date-time) are not checked. */
export function compileSarifValidator(): ValidateFunction {
  const Ajv04 = loadAjv04();
  const schema = JSON.parse(readFileSync(sarifSchemaUrl, 'utf8')) as object;
  return new Ajv04({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
}
