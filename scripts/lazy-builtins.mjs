// Node modules the CLI bundle loads on first use instead of at start (scripts/bundle-cli.mjs):
// each `require("node:child_process")` of the bundle becomes `lazyBuiltin("node:child_process")`,
// a stand-in that loads the module when it is first used. child_process (which commander requires
// for external subcommands) brings net and dgram; with worker_threads (the scan pool), about 9 ms
// of a tiny file's scan. Not zlib: yauzl reads `zlib.crc32` as it loads, and every scan writes its
// report through stream/promises, so both are loaded by every run anyway.

export const lazyBuiltins = ['child_process', 'worker_threads'];

const lazyRequire = new RegExp(`\\brequire\\((["'])((?:node:)?(?:${lazyBuiltins.join('|')}))\\1\\)`, 'g');

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

/** `bundleText` with every `require` of a module in `lazyBuiltins` replaced by its stand-in. */
export function deferBuiltins(bundleText) {
  return bundleText.replace(lazyRequire, (_, quote, id) => `lazyBuiltin(${quote}${id}${quote})`);
}
