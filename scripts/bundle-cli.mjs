// Bundles the compiled CLI (dist/cli/main.js and every dist module it imports) into one file,
// dist/cli/bundle.js, which bin/fwsift.js runs: Node then loads one module instead of ~240, the
// bulk of a small scan's start-up. Runs after tsc in `npm run build`.
//
// The unbundled dist/ stays as it is: it is the library (`dist/index.js`) and it holds the
// files loaded by path (the pool worker, the sources hashed by the needle cache). Each module's
// `import.meta.url` is rewritten to the URL of its own dist file, so every path a module builds
// from it (patterns/, schema/, package.json, pool-worker.js, createRequire) is the one it
// builds unbundled. The small CommonJS packages are bundled too; the ones loaded lazily or by
// path (pdf.js, playwright, bullmq, ioredis) stay imports resolved from node_modules.
import { readFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outfile = `${dist}cli/bundle.js`;

/** Replaces `import.meta.url` in each dist module by the URL of that module's file. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
      if (!path.startsWith(dist)) return undefined;
      const source = await readFile(path, 'utf8');
      const fromBundle = relative(dirname(outfile), path).split(sep).join('/');
      const url = `new URL(${JSON.stringify(fromBundle.startsWith('.') ? fromBundle : `./${fromBundle}`)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [`${dist}cli/main.js`],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded on first use by path or by a dynamic import: kept out, as are their dependencies.
  // iconv-lite too: bundled, its code-page tables (half a megabyte) would be parsed on every start.
  external: ['pdfjs-dist', 'playwright-core', 'bullmq', 'ioredis', 'iconv-lite'],
  // The CommonJS packages bundled in call `require` for Node's built-in modules.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module';\nconst require = bundleRequire(import.meta.url);" },
  plugins: [ownUrls],
  // Whitespace and syntax only: identifiers keep their names, so stack traces and profiles stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
