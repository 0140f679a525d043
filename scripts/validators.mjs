// The generator behind scripts/build-validators.mjs, importable by the test that checks the
// committed output. Same Ajv settings as the runtime compile it replaces (Ajv 2020, strict,
// allErrors, ajv-formats), so the generated code accepts and rejects exactly what it did.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';

/**
 * Schema → generated module (paths relative to the package root), with the Ajv options and
 * formats of the runtime compile it replaces (src/report/validate.ts, src/patterns/load.ts).
 */
export const validatorTargets = [
  { schema: 'schema/report.schema.json', file: 'src/report/report-validator.generated.ts', options: {}, formats: undefined },
  // A pack's reference URLs are checked by ajv-formats' "fast" uri (a scheme, no white space):
  // the full RFC 3986 expression cost about 10 ms of every start, for links a reader follows anyway.
  { schema: 'schema/patterns.schema.json', file: 'src/patterns/pack-validator.generated.ts', options: { verbose: true }, formats: { mode: 'fast', formats: ['uri'] } },
];

/** `[{ file, code }]`: the source of every generated validator. */
export function generateValidators() {
  return validatorTargets.map(({ schema, file, options, formats }) => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, ...options, code: { source: true, esm: true, lines: true } });
    (addFormats.default ?? addFormats)(ajv, formats);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL(`../${schema}`, import.meta.url), 'utf8')));
    const code = (standaloneCode.default ?? standaloneCode)(ajv, validate)
      // Node's ESM resolver needs the file extension of these CommonJS deep imports.
      .replace(/require\("(ajv(?:-formats)?\/dist\/[^"]+?)(\.js)?"\)/g, 'require("$1.js")');
    const header = [
      `// Generated from ${schema} by scripts/build-validators.mjs (npm run build). Do not edit.`,
      '// @ts-nocheck: generated JavaScript; its one export is typed where it is imported.',
      "import { createRequire } from 'node:module';",
      // The runtime helpers (ucs2length, equal, formats) are CommonJS.
      'const require = createRequire(import.meta.url);',
    ].join('\n');
    return { file, code: `${header}\n${code.replace(/^"use strict";\n/, '')}` };
  });
}
