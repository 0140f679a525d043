// Bundles the compiled CLI (dist/cli/main.js and every dist module it imports) into one file,
// dist/cli/bundle.cjs, which bin/fwsift.js runs: Node then loads one module instead of ~240, the
// bulk of a small scan's start-up; and the scan pool's worker thread the same way. Runs after tsc
// in `npm run build`.
//
// CommonJS, not ESM, because Node 20 can reuse V8's compiled code only for scripts: bin/fwsift.js
// compiles the bundle as a `vm.Script` with the code cache of an earlier run (about 50 ms of
// parsing and compiling saved on every start). A script's own `import()` needs an experimental
// vm loader in Node 20 (and fails in functions restored from the cache), so the packages loaded
// on first use are imported through `bundleImport`, which bin/fwsift.js passes in: its `import()`.
// The CLI bundle is written already wrapped in the function bin/fwsift.js calls (Node's CommonJS
// wrapper plus `bundleImport`): a wrapper added at run time makes a second string that V8 copies
// whole (1.3 MB, about 4 ms of fresh pages) before it can look the script up in its cache.
//
// The unbundled dist/ stays as it is: it is the library (`dist/index.js`) and it holds the
// files loaded by path (the pool worker, the sources hashed by the needle cache). Each module's
// `import.meta.url` is rewritten to the URL of its own dist file, so every path a module builds
// from it (patterns/, schema/, package.json, pool-worker.js, createRequire) is the one it
// builds unbundled. The small CommonJS packages are bundled too; the ones loaded lazily or by
// path (pdf.js, playwright, bullmq, ioredis) stay imports resolved from node_modules. bin/fwsift.js
// is CommonJS too and finds the cache folder through dist/patterns/cache-file.cjs, written last.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { deferBuiltins, lazyBuiltinSource, lazyBuiltinsPlugin } from './lazy-builtins.mjs';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

// Loaded on first use by a dynamic import: kept out, as are their dependencies. iconv-lite too
// (required, not imported): bundled, its code-page tables (half a megabyte) would be parsed on
// every start.
const lazyPackages = ['pdfjs-dist', 'playwright-core', 'bullmq', 'ioredis'];
const lazyImport = new RegExp(`\\bimport\\((?=(['"])(?:${lazyPackages.join('|')})\\1\\))`, 'g');

/**
 * Replaces `import.meta.url` in each dist module by the URL of that module's file (`bundleUrl`:
 * the banner's), and `import('bullmq')` and the like by `bundleImport('bullmq')`. Other packages'
 * dynamic imports are bundled by esbuild. The validators Ajv generated (`*.generated.js`) require
 * its small runtime helpers through `createRequire`; without it esbuild bundles them, where
 * resolving them in node_modules at run time cost 13 ms of every start.
 */
const generatedRequire = /^const require = createRequire\(import\.meta\.url\);$/m;
const ownUrls = (outfile) => ({
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
      if (!path.startsWith(dist)) return undefined;
      const source = await readFile(path, 'utf8');
      const fromBundle = relative(dirname(outfile), path).split(sep).join('/');
      const url = `new URL(${JSON.stringify(fromBundle.startsWith('.') ? fromBundle : `./${fromBundle}`)}, bundleUrl).href`;
      const own = path.endsWith('.generated.js') ? source.replace(generatedRequire, '') : source;
      return { contents: own.replaceAll('import.meta.url', url).replace(lazyImport, 'bundleImport('), loader: 'js' };
    });
  },
});

/**
 * Bundles `entry` into `outfile`, between `wrapperStart` and `wrapperEnd`; `declarations`
 * declares what the wrapper does not pass in; `lazy` turns on the stand-ins of
 * scripts/lazy-builtins.mjs.
 */
async function bundle({ entry, outfile, wrapperStart = '', wrapperEnd = '', declarations = '', lazy = false }) {
  const { metafile, outputFiles } = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: [...lazyPackages, 'iconv-lite'],
    // An external `import()` left as it is (not turned into a `require`), so the check below sees it.
    supported: { 'dynamic-import': true },
    banner: { js: `${wrapperStart}const bundleUrl = require('node:url').pathToFileURL(__filename).href;${declarations}${lazy ? `\n${lazyBuiltinSource}` : ''}` },
    footer: { js: wrapperEnd },
    plugins: lazy ? [lazyBuiltinsPlugin, ownUrls(outfile)] : [ownUrls(outfile)],
    // Whitespace and syntax only: identifiers keep their names, so stack traces and profiles stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const text = outputFiles[0].text;
  await writeFile(outfile, lazy ? deferBuiltins(text) : text);
  // Any other import() of a package would fail at run time inside the vm.Script: refuse to build it
  // (esbuild lists imports by name; a computed `import(url)` outside the pdf.js worker's source text
  // would need bundleImport too).
  const left = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.kind === 'dynamic-import'));
  if (left.length > 0) throw new Error(`${outfile} still imports ${left.map((entry) => entry.path).join(', ')} dynamically: add it to lazyPackages`);
  // bin/fwsift.js reads the bundle as latin1 (no UTF-8 decoding on every start): esbuild escapes
  // strings, not regular expression literals, so a non-ASCII character there must be written \uXXXX.
  const nonAscii = (await readFile(outfile, 'latin1')).match(/.{0,40}[^\x00-\x7f].{0,20}/);
  if (nonAscii !== null) throw new Error(`${outfile} is not ASCII: ${JSON.stringify(nonAscii[0])}`);
}

// The CLI, written as the function bin/fwsift.js calls (see the top).
await bundle({
  entry: `${dist}cli/main.js`,
  outfile: `${dist}cli/bundle.cjs`,
  wrapperStart: '(function (exports, require, module, __filename, __dirname, bundleImport) {',
  wrapperEnd: '\n})',
  lazy: true,
});
// The scan pool's worker thread (src/scale/jobs.ts starts it when it is there): a worker that
// loads one file starts in a fraction of the time ~240 modules take. A plain CommonJS module, whose
// own `import()` works.
await bundle({ entry: `${dist}scale/pool-worker.js`, outfile: `${dist}scale/pool-worker.bundle.cjs`, declarations: '\nconst bundleImport = (specifier) => import(specifier);' });
// The cache folder's rule and writer, for bin/fwsift.js (CommonJS, which cannot require the ESM
// dist/patterns/cache-file.js in Node 20): the same module, converted.
await build({ entryPoints: [`${dist}patterns/cache-file.js`], outfile: `${dist}patterns/cache-file.cjs`, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
