/** fwsift's library API: the CLI calls exactly these. */
export { scan, preparePatterns, PatternPackError } from './scan/scan.js';
export type { ScanHooks } from './scan/scan.js';
export type { ScanOptions } from './scan/options.js';
export { defaultScanOptions } from './scan/options.js';
export { renderJson } from './report/json.js';
export { renderSummary } from './report/summary.js';
export { validateReport } from './report/validate.js';
export { toolVersion } from './version.js';
export type * from './report/types.js';
export type { Term, Pack, Needle, Encoding, Form, Category, Precision } from './patterns/types.js';
