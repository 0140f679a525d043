// Writes src/match/lanes-wasm-binary.ts from src/match/lanes.wat (scripts/lanes-wasm.mjs). Run by
// `npm run build`; the output is committed so that tests and a fresh clone work without wabt, and
// test/match/lanes-wasm.test.ts fails when it no longer matches the source.
//
//   node scripts/build-lanes-wasm.mjs           write the generated file
//   node scripts/build-lanes-wasm.mjs --check   exit 1 when it is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { generateLanesModule, moduleFile } from './lanes-wasm.mjs';

const url = new URL(`../${moduleFile}`, import.meta.url);
const code = await generateLanesModule();
let current = '';
try {
  current = readFileSync(url, 'utf8');
} catch {}
if (current === code) {
  process.exitCode = 0;
} else if (process.argv.includes('--check')) {
  process.stderr.write(`${moduleFile} is out of date: run node scripts/build-lanes-wasm.mjs\n`);
  process.exitCode = 1;
} else {
  writeFileSync(url, code);
  process.stdout.write(`wrote ${moduleFile}\n`);
}
