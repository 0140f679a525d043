// Compiles the JSON schemas into standalone Ajv validators (Ajv's "standalone validation code"),
// so fwsift does not compile schemas at start-up (about 0.5 s for the two of them). Run by
// `npm run build`; the output is committed so that tests and a fresh clone work without a build,
// and test/report/validators-generated.test.ts fails when it no longer matches the schemas.
//
//   node scripts/build-validators.mjs           write the generated files
//   node scripts/build-validators.mjs --check   exit 1 when a generated file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { generateValidators } from './validators.mjs';

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, code } of generateValidators()) {
  const url = new URL(`../${file}`, import.meta.url);
  let current = '';
  try {
    current = readFileSync(url, 'utf8');
  } catch {}
  if (current === code) continue;
  if (check) {
    process.stderr.write(`${file} is out of date: run node scripts/build-validators.mjs\n`);
    stale++;
  } else {
    writeFileSync(url, code);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
