// Node modules the CLI bundle loads on first use instead of at start (scripts/bundle-cli.mjs):
// each import or require of them that esbuild resolves becomes `lazyBuiltin("node:child_process")`,
// a stand-in that loads the module when it is first used. child_process (which commander requires
// for external subcommands) brings net and dgram; with worker_threads (the scan pool, the PDF
// worker), about 9 ms of a tiny file's scan. Not zlib: yauzl reads `zlib.crc32` as it loads, and
// every scan writes its report through stream/promises, so both are loaded by every run anyway.
//
// esbuild marks each such import (`lazyBuiltinsPlugin`), and only the marked requires are
// replaced (`deferBuiltins`): source text that merely spells a require, such as the PDF worker's
// program in a template string, is left as it is.

export const lazyBuiltins = ['child_process', 'worker_threads'];

const marker = 'fwsift-lazy-builtin:';
const markedRequire = new RegExp(`\\brequire\\("${marker}(node:(?:${lazyBuiltins.join('|')}))"\\)`, 'g');

/** An esbuild plugin that keeps `lazyBuiltins` external under a marked name `deferBuiltins` finds. */
export const lazyBuiltinsPlugin = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(node:)?(${lazyBuiltins.join('|')})$`) }, ({ path }) => ({
      path: `${marker}${path.startsWith('node:') ? path : `node:${path}`}`,
      external: true,
    }));
  },
};

/**
 * The stand-in's declaration, for the top of the bundle (where `require` is the bundle's). Every
 * operation on it is forwarded to the module, loaded then: named imports
 * (`(0, import_node_worker_threads.isMainThread)`), namespaces, `in` and key listing all see the
 * module itself.
 */
export const lazyBuiltinSource = `const lazyBuiltin = (id) => {
  let loaded;
  const load = () => (loaded ??= require(id));
  return new Proxy({}, {
    get: (_, key) => load()[key],
    set: (_, key, value) => Reflect.set(load(), key, value),
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => { const found = Reflect.getOwnPropertyDescriptor(load(), key); return found && { ...found, configurable: true }; },
    getPrototypeOf: () => Reflect.getPrototypeOf(load()),
  });
};`;

/** `bundleText` with every marked require replaced by its stand-in; throws if a marked name is left. */
export function deferBuiltins(bundleText) {
  const deferred = bundleText.replace(markedRequire, (_, id) => `lazyBuiltin("${id}")`);
  if (deferred.includes(marker)) throw new Error(`a lazy built-in module is used in a way deferBuiltins does not replace: ${deferred.slice(deferred.indexOf(marker) - 40, deferred.indexOf(marker) + 60)}`);
  return deferred;
}
