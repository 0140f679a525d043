// Copies the parts of pdfjs-dist that fwsift runs (the legacy Node build, its CMaps, standard
// fonts and wasm decoders, and its Apache-2.0 licence) into dist/vendor/pdfjs-dist, so the packed
// package carries pdf.js itself rather than depending on pdfjs-dist: an installed pdfjs-dist
// pulls its optional @napi-rs/canvas (about 35 MB of native code for drawing), which fwsift never
// uses and which `overrides` cannot keep out of a user's install. pdf-text.ts loads this copy when
// it exists and the development dependency otherwise. Runs in `npm run build`.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const target = fileURLToPath(new URL('../dist/vendor/pdfjs-dist/', import.meta.url));
mkdirSync(join(target, 'legacy', 'build'), { recursive: true });
for (const file of ['pdf.mjs', 'pdf.worker.mjs']) cpSync(join(root, 'legacy', 'build', file), join(target, 'legacy', 'build', file));
for (const folder of ['cmaps', 'standard_fonts', 'wasm']) cpSync(join(root, folder), join(target, folder), { recursive: true });
cpSync(join(root, 'LICENSE'), join(target, 'LICENSE'));
const { name, version, license, homepage } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
writeFileSync(join(target, 'package.json'), `${JSON.stringify({ name, version, license, homepage, type: 'module' }, null, 2)}\n`);
