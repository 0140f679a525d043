#!/usr/bin/env node
// The executable named in package.json "bin": runs the compiled CLI bundled into one module
// (scripts/bundle-cli.mjs; built by "npm run build" in a clone, and by "prepack" into every
// packed tarball): loading one file instead of ~240 is most of a small scan's start-up.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/bundle.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('fwsift: not built yet; run "npm run build" in the package directory\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
