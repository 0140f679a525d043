/** Types of scripts/validators.mjs, for the test that checks the committed output. */
export declare const validatorTargets: readonly { readonly schema: string; readonly file: string }[];
export declare function generateValidators(): { readonly file: string; readonly code: string }[];
