// `node --import ./test/fuzz/register-ts.mjs file.ts`: runs the TypeScript sources in a plain
// Node process (fuzz children), so their memory is fwsift's own and not a test runner's.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
