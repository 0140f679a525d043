/**
 * What was searched, and what was not (R44): the term × spelling × encoding × form matrix from
 * `expandTerms`, in the compact shape the report's `run.coverage` holds, and as a terminal
 * table for `fwsift patterns coverage`. Plus R20: how many hits uniformly random bytes would
 * produce, by needle length, so a reader can tell a 4-byte needle's hit in a binary from
 * evidence.
 */
import { forms, encodings, type CellKey, type CoverageBasis, type CoverageCell, type Encoding, type Form, type Needle, type RandomHitBucket } from './types.js';
import type { NeedleSet } from './needles.js';

export type { CellKey, SpellingCoverage } from './types.js';

export interface RandomHits {
  /** Needle lengths in this bucket, in bytes (inclusive). */
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly needles: number;
  /** Hits expected in `bytes` uniformly random bytes (R20: Σ bytes × P(needle), case folding included). */
  readonly expected: number;
}

export interface CoverageSummary extends Omit<CoverageBasis, 'randomHitBuckets'> {
  /** Expected random hits by needle length: one bucket per length up to 8 bytes, then one for longer needles. */
  readonly expectedRandomHits: readonly RandomHits[];
}

/** Lengths up to this get a bucket of their own in `expectedRandomHits`. */
const shortestLongBucket = 9;

/**
 * Summarises a needle set for the report. `bytes` is what the random-hit estimate is for
 * (the bytes scanned). Pure; from the set's stored `coverageBasis` when it has one (a set read
 * from the needle cache: working the basis out took about 10 ms of every start), else worked out.
 */
export function summariseCoverage(set: NeedleSet, bytes: number): CoverageSummary {
  const { spellings, needles, randomHitBuckets } = set.coverageBasis ?? coverageBasis(set);
  return { spellings, needles, expectedRandomHits: expectedRandomHits(randomHitBuckets, bytes) };
}

/** The parts of `summariseCoverage` that do not depend on the bytes scanned. Memory: one entry per spelling, 8 bytes per needle. */
export function coverageBasis(set: NeedleSet): CoverageBasis {
  const spellings = new Map<string, { term: string; variant: string; searched: CellKey[]; unencodable: CellKey[]; disabled: CellKey[] }>();
  for (const cell of set.coverage) {
    const key = `${cell.termId}\u0000${cell.variant}`;
    let entry = spellings.get(key);
    if (entry === undefined) spellings.set(key, (entry = { term: cell.termId, variant: cell.variant, searched: [], unencodable: [], disabled: [] }));
    entry[cell.status].push(cellKey(cell));
  }
  // One pass over the needles (start-up cost: 49 filters over 3,000 needles took ~40 ms), then
  // the cells in their fixed order, so the report's key order does not depend on the needles'.
  const counts = new Map<CellKey, number>();
  for (const n of set.needles) counts.set(cellKey(n), (counts.get(cellKey(n)) ?? 0) + 1);
  const needles: Partial<Record<CellKey, number>> = {};
  for (const key of allCells()) {
    const count = counts.get(key);
    if (count !== undefined) needles[key] = count;
  }
  return { spellings: [...spellings.values()], needles, randomHitBuckets: randomHitBuckets(set.needles) };
}

/** R20: for each needle, `bytes × Π p(byte)`, with p = 2/256 where ASCII case folds and 1/256 elsewhere. */
export function randomHits(set: Pick<NeedleSet, 'needles'>, bytes: number): RandomHits[] {
  return expectedRandomHits(randomHitBuckets(set.needles), bytes);
}

/** Each needle's chance of matching at one offset, bucketed by length (ascending). */
function randomHitBuckets(needles: readonly Pick<Needle, 'bytes' | 'foldMask'>[]): RandomHitBucket[] {
  const buckets = new Map<number, { min: number; max: number; probabilities: number[] }>();
  for (const needle of needles) {
    const length = needle.bytes.length;
    const key = Math.min(length, shortestLongBucket);
    let bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, (bucket = { min: length, max: length, probabilities: [] }));
    bucket.min = Math.min(bucket.min, length);
    bucket.max = Math.max(bucket.max, length);
    let p = 1;
    for (let i = 0; i < length; i++) p *= needle.foldMask[i] === 1 ? 2 / 256 : 1 / 256;
    bucket.probabilities.push(p);
  }
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([, b]) => ({ minBytes: b.min, maxBytes: b.max, probabilities: Float64Array.from(b.probabilities) }));
}

/** Σ `bytes` × p over each bucket, in needle order (the same sum whether the probabilities were worked out or stored). */
function expectedRandomHits(buckets: readonly RandomHitBucket[], bytes: number): RandomHits[] {
  return buckets.map(({ minBytes, maxBytes, probabilities }) => {
    let expected = 0;
    // An index, not `for…of`: an iterator step per needle cost 3 ms of every start, unoptimised.
    for (let i = 0; i < probabilities.length; i++) expected += bytes * probabilities[i]!;
    return { minBytes, maxBytes, needles: probabilities.length, expected: Number(expected.toPrecision(3)) };
  });
}

function cellKey(cell: Pick<CoverageCell, 'encoding' | 'form'>): CellKey {
  return `${cell.encoding}/${cell.form}`;
}

function allCells(): CellKey[] {
  return forms.flatMap((form) => encodings.map((encoding) => cellKey({ encoding, form })));
}

const statusMark: Readonly<Record<CoverageCell['status'], string>> = { searched: '✓', unencodable: '✗', disabled: '·' };

const formShort: Readonly<Record<Form, string>> = {
  raw: 'raw',
  'json-escape': 'json',
  'html-entity': 'html',
  'url-percent': 'url',
  'c-escape': 'c',
  base64: 'b64',
  'text-view': 'view',
};

const encodingShort: Readonly<Record<Encoding, string>> = {
  'utf-8': 'u8',
  'utf-16le': 'u16le',
  'utf-16be': 'u16be',
  'utf-32le': 'u32le',
  'utf-32be': 'u32be',
  gb18030: 'gb',
  big5: 'big5',
};

/**
 * The coverage matrix as a text table: one row per term spelling, one column per encoding/form
 * cell that applies to any spelling, `✓` searched, `✗` unencodable, `·` disabled, blank where
 * the cell does not apply (escapes of ASCII text, base64 of spellings under 3 bytes). Column
 * headers are stacked form over encoding. `display` shortens or sanitises spellings for a
 * terminal (the CLI passes its sanitiser).
 */
export function renderCoverageTable(set: NeedleSet, display: (text: string) => string = (text) => text): string {
  const columns = allCells().filter((key) => set.coverage.some((cell) => cellKey(cell) === key));
  const rows = new Map<string, { label: string; cells: Map<CellKey, CoverageCell['status']> }>();
  for (const cell of set.coverage) {
    const key = `${cell.termId}\u0000${cell.variant}`;
    let row = rows.get(key);
    if (row === undefined) rows.set(key, (row = { label: `${cell.termId}  ${display(cell.variant)}`, cells: new Map() }));
    row.cells.set(cellKey(cell), cell.status);
  }
  const labelWidth = Math.max(4, ...[...rows.values()].map((row) => displayWidth(row.label)));
  const width = Math.max(...columns.map((key) => Math.max(formShort[key.split('/')[1] as Form].length, encodingShort[key.split('/')[0] as Encoding].length))) + 1;
  const pad = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - displayWidth(text)));
  const header = (part: (key: CellKey) => string) => pad('', labelWidth) + ' ' + columns.map((key) => pad(part(key), width)).join('');
  const lines = [
    header((key) => formShort[key.split('/')[1] as Form]),
    header((key) => encodingShort[key.split('/')[0] as Encoding]),
    ...[...rows.values()].map((row) => pad(row.label, labelWidth) + ' ' + columns.map((key) => pad(row.cells.has(key) ? statusMark[row.cells.get(key)!] : '', width)).join('')),
  ];
  const count = (status: CoverageCell['status']) => set.coverage.filter((cell) => cell.status === status).length;
  lines.push(
    '',
    `${rows.size} spellings, ${set.needles.length} needles; cells: ${count('searched')} searched (✓), ${count('unencodable')} unencodable (✗), ${count('disabled')} disabled (·); blank: the form does not apply.`,
  );
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

/** Terminal columns of `text`: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000 ? 2 : 1;
  }
  return width;
}
