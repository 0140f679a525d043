/** Types of scripts/lazy-builtins.mjs, for its test. */
import type { Plugin } from 'esbuild';
export declare const lazyBuiltins: readonly string[];
export declare const lazyBuiltinsPlugin: Plugin;
export declare const lazyBuiltinSource: string;
export declare function deferBuiltins(bundleText: string): string;
