#!/usr/bin/env node
// The executable named in package.json "bin": runs the compiled CLI bundled into one script
// (scripts/bundle-cli.mjs; built by "npm run build" in a clone, and by "prepack" into every
// packed tarball). Loading one file instead of ~240 modules is most of a small scan's start-up;
// the rest of the bundle's share is V8 parsing and compiling it, which V8's code cache skips:
// the first run stores the code it compiled (after running, so it holds the functions the run
// used) in fwsift's cache folder, and later runs compile the bundle from it.
//
// The cache file is named by the SHA-256 of the bundle's text, the Node version, architecture
// and flags, because V8 itself only checks the source's length: an edited bundle of the same
// length must never run an older bundle's code. V8 rejects a cache made by another V8 or with
// other flags; that run compiles as usual and stores a new cache. A cache folder that cannot be
// written costs the saving, nothing else.
//
// CommonJS (bin/package.json says so), not ESM: an ESM entry point starts Node's ESM loader,
// about 10 ms of a tiny file's scan; the bundle's lazy packages still load through `import()`.
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'cli', 'bundle.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('fwsift: not built yet; run "npm run build" in the package directory\n');
  process.exit(2);
}
// The cache folder's rule and writer (patterns/cache-file.ts), converted to CommonJS by the build.
const { defaultCacheDir, writeCacheEntry } = require('../dist/patterns/cache-file.cjs');
// ASCII (the build checks): read as latin1, a copy, where UTF-8 would be decoded. The text is
// already the function expression to call (Node's CommonJS wrapper plus `bundleImport`).
const bytes = readFileSync(bundle);
const source = bytes.toString('latin1');
// V8 also rejects a cache made under other flags: each set of flags (NODE_OPTIONS, node's own
// arguments) gets its own entry instead of rewriting one entry on every other run.
const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
const cacheName = `code-${createHash('sha256').update(`${process.version} ${process.arch} ${flags}\n`).update(bytes).digest('hex').slice(0, 32)}.bin`;
const cacheDir = defaultCacheDir();
let cachedData;
try {
  cachedData = readFileSync(join(cacheDir, cacheName));
} catch {
  // No cache yet (or an unreadable folder): compiled from the text.
}
const script = new vm.Script(source, { filename: bundle, cachedData });
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, dirname(bundle), (specifier) => import(specifier));
bundleModule.exports.main(process.argv).then((status) => {
  process.exitCode = status;
  if (cachedData === undefined || script.cachedDataRejected === true) writeCacheEntry(cacheDir, cacheName, script.createCachedData());
});
