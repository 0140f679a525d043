/** Types of scripts/lanes-wasm.mjs, for the test that checks the committed output. */
export declare const watFile: string;
export declare const moduleFile: string;
export declare function generateLanesModule(): Promise<string>;
