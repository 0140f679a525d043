/** Types of scripts/lazy-builtins.mjs, for its test. */
export declare const lazyBuiltins: readonly string[];
export declare const lazyBuiltinSource: string;
export declare function deferBuiltins(bundleText: string): string;
