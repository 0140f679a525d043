/**
 * A disk cache of compiled automatons, so that start-up does not rebuild the same tables on
 * every run (compiling the shipped packs costs about 0.4 s; loading the cached tables a few
 * milliseconds). The key is the SHA-256 of everything the tables depend on: this file's format
 * version, the caller's salt (fwsift passes its version), the layout options, and the bytes of
 * every needle and extra pattern in order. A changed pack, a changed expansion, a new version or
 * a new layout gives a new key, so a stale entry is never read; old entries are just left behind.
 *
 * A cache file: the 8-byte magic `FWSAC002`, a 4-byte little-endian header length, the JSON
 * header (key, scalar fields, payload CRC-32, array lengths), then each stored typed array padded
 * to 8 bytes. The dense transition rows are stored as their differences from the start state's
 * row (`encodeRows`): 36,000 of the shipped packs' 779,000 entries differ, so the file is 1.2 MB
 * instead of 4.1 MB. On the development machine every fresh page costs several microseconds:
 * reading and checking 4.1 MB took 22 ms of a tiny file's scan, reading 1.2 MB and filling the
 * rows from the differences takes 18 (10 of them the rows' own pages). A file that does not
 * match in any way (wrong key, wrong size, wrong payload checksum, a difference outside its row)
 * is treated as absent and rewritten: a damaged cache can cost time, never a wrong automaton.
 * Every stored byte is under the checksum and the rows are rebuilt from nothing else. CRC-32,
 * not SHA-256: it catches a damaged or truncated file as surely, at a tenth of the cost on every
 * start (the key, not the checksum, is what ties an entry to its needles).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeCacheEntry } from '../patterns/cache-file.js';
import { automatonOf, compileAutomaton, defaultAutomatonOptions, maxTransitionEntries, type Automaton, type AutomatonOptions } from './automaton.js';

const magic = 'FWSAC002';
const formatVersion = 3;

/** The typed arrays of an automaton stored as they are, in file order (after the rows), with their constructors. */
const arrayFields = {
  needleLengths: Uint32Array,
  byteClasses: Uint8Array,
  sparseEdgeStart: Uint32Array,
  sparseEdgeClass: Uint8Array,
  sparseEdgeTarget: Int32Array,
  sparseFail: Int32Array,
  matchOffsets: Uint32Array,
  matchIds: Uint32Array,
} as const;
type ArrayField = keyof typeof arrayFields;

/** The dense rows as differences from row 0 (row 0 itself as differences from zeros), first in the file. */
interface EncodedRows {
  /** Differences in each row. */
  readonly rowDiffCounts: Uint16Array;
  /** Class (column) and value of each difference, row by row. */
  readonly diffClasses: Uint8Array;
  readonly diffValues: Int32Array;
}
const rowFields = { rowDiffCounts: Uint16Array, diffClasses: Uint8Array, diffValues: Int32Array } as const;
const storedFields = { ...rowFields, ...arrayFields } as const;
type StoredField = keyof typeof storedFields;
const scalarFields = [
  'needleCount',
  'extraPatternCount',
  'stateCount',
  'denseStateCount',
  'classCount',
  'memoryUsage',
  'maxNeedleLength',
  'startState',
  'firstSpecialState',
  'firstMatchState',
  'sparseBase',
  'firstSparseMatch',
] as const satisfies readonly (keyof Automaton)[];

export interface AutomatonCache {
  /** Folder of the cache files (created when needed). */
  readonly dir: string;
  /** Mixed into the key: the tool version, so a new release never reads an old release's tables. */
  readonly salt: string;
}

/**
 * The cache key of an automaton: hex SHA-256 of what its tables depend on. Each pattern is its
 * length (4 bytes, little-endian) then its bytes, gathered into one buffer hashed at once: two
 * `update` calls per needle took about 5 ms of every start for the shipped packs.
 */
export function automatonCacheKey(needles: readonly { readonly bytes: Uint8Array }[], options: Partial<AutomatonOptions>, salt: string): string {
  const { denseDepth, extraPatterns } = { ...defaultAutomatonOptions, ...options };
  // Indexes, not iterators: this runs over every needle on every start, before V8 optimises it.
  const patternAt = (i: number) => (i < needles.length ? needles[i]! : extraPatterns[i - needles.length]!).bytes;
  const count = needles.length + extraPatterns.length;
  let size = 0;
  for (let i = 0; i < count; i++) size += 4 + patternAt(i).length;
  const all = new Uint8Array(size);
  for (let i = 0, at = 0; i < count; i++) {
    const bytes = patternAt(i);
    // The length little-endian, written byte by byte (a `set` call per length cost 2 ms).
    all[at] = bytes.length & 0xff;
    all[at + 1] = (bytes.length >>> 8) & 0xff;
    all[at + 2] = (bytes.length >>> 16) & 0xff;
    all[at + 3] = bytes.length >>> 24;
    all.set(bytes, at + 4);
    at += 4 + bytes.length;
  }
  const identity = JSON.stringify({ formatVersion, salt, denseDepth: String(denseDepth), needles: needles.length, extras: extraPatterns.length });
  return createHash('sha256').update(identity).update(all).digest('hex');
}

/**
 * `compileAutomaton(needles, options)`, read from `cache` when an entry with the same key is
 * there, else compiled and written to it (best effort: a folder that cannot be written only
 * costs the compile next time).
 *
 * Memory: the cache file is read whole (1.2 MB for the shipped packs) and the tables but the
 * dense rows are views of it; the rows are filled in a table of their own (3.1 MB).
 * Errors: those of `compileAutomaton`; cache read and write failures are not errors.
 */
export function loadOrCompileAutomaton(
  needles: readonly { readonly bytes: Uint8Array }[],
  options: Partial<AutomatonOptions>,
  cache: AutomatonCache,
): Automaton {
  const key = automatonCacheKey(needles, options, cache.salt);
  const name = `automaton-${key.slice(0, 32)}.bin`;
  const cached = readCached(join(cache.dir, name), key);
  if (cached !== undefined) return cached;
  const automaton = compileAutomaton(needles, options);
  writeCacheEntry(cache.dir, name, serializeAutomaton(automaton, key));
  return automaton;
}

/** The cache file bytes of `automaton` under `key`. */
export function serializeAutomaton(automaton: Automaton, key: string): Uint8Array {
  const stored: Record<StoredField, ArrayBufferView & { readonly length: number }> = { ...encodeRows(automaton.transitions, automaton.classCount), ...automaton };
  const arrays = (Object.keys(storedFields) as StoredField[]).map((name) => stored[name]);
  const payload = Buffer.concat(arrays.map((array) => padded(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))));
  const header = Buffer.from(
    JSON.stringify({
      key,
      scalars: Object.fromEntries(scalarFields.map((name) => [name, automaton[name]])),
      lengths: arrays.map((array) => array.length),
      payloadCrc32: crc32(payload),
    }),
  );
  const prefix = Buffer.alloc(12);
  prefix.write(magic, 0, 'latin1');
  prefix.writeUInt32LE(header.length, 8);
  return Buffer.concat([padded(Buffer.concat([prefix, header])), payload]);
}

/** The automaton in `bytes` if they hold one under `key`, else `undefined`. */
export function deserializeAutomaton(bytes: Uint8Array, key: string): Automaton | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 12 || buffer.toString('latin1', 0, 8) !== magic) return undefined;
  const headerEnd = 12 + buffer.readUInt32LE(8);
  if (headerEnd > buffer.length) return undefined;
  let header: { key?: unknown; scalars?: Record<string, unknown>; lengths?: unknown; payloadCrc32?: unknown };
  try {
    header = JSON.parse(buffer.toString('utf8', 12, headerEnd)) as typeof header;
  } catch {
    return undefined;
  }
  const { scalars, lengths } = header;
  const names = Object.keys(storedFields) as StoredField[];
  if (header.key !== key || scalars === undefined || !Array.isArray(lengths) || lengths.length !== names.length) return undefined;
  if (!scalarFields.every((name) => Number.isSafeInteger(scalars[name]))) return undefined;
  // Every table must be an aligned view: the file's own buffer when it is 8-aligned (a file read
  // whole is), else a copy. Fresh pages are what start-up pays for, so no copy when none is needed.
  const start = align(headerEnd);
  let payload: Uint8Array = buffer.subarray(start);
  if (payload.byteOffset % 8 !== 0) payload = new Uint8Array(payload);
  if (crc32(payload) !== header.payloadCrc32) return undefined;
  const tables: Partial<Record<StoredField, ArrayLike<number>>> = {};
  let at = 0;
  for (const [k, name] of names.entries()) {
    const length: unknown = lengths[k];
    const Type = storedFields[name];
    if (!Number.isSafeInteger(length) || at + (length as number) * Type.BYTES_PER_ELEMENT > payload.length) return undefined;
    tables[name] = new Type(payload.buffer as ArrayBuffer, payload.byteOffset + at, length as number);
    at += align((length as number) * Type.BYTES_PER_ELEMENT);
  }
  if (at !== payload.length) return undefined;
  const { rowDiffCounts, diffClasses, diffValues, ...arrays } = tables as unknown as EncodedRows & Record<ArrayField, ArrayLike<number>>;
  const transitions = decodeRows({ rowDiffCounts, diffClasses, diffValues }, scalars['denseStateCount'] as number, scalars['classCount'] as number);
  if (transitions === undefined) return undefined;
  // Every field is now checked: scalars are safe integers, tables have their types and lengths.
  return automatonOf({ ...scalars, ...arrays, transitions } as unknown as Automaton);
}

/** `transitions` (`rows × classCount` entries) as differences from its first row. */
export function encodeRows(transitions: Int32Array, classCount: number): EncodedRows {
  const rows = classCount === 0 ? 0 : transitions.length / classCount;
  const rowDiffCounts = new Uint16Array(rows);
  const classes: number[] = [];
  const values: number[] = [];
  for (let row = 0; row < rows; row++) {
    for (let c = 0; c < classCount; c++) {
      const value = transitions[row * classCount + c]!;
      if (value === (row === 0 ? 0 : transitions[c])) continue;
      classes.push(c);
      values.push(value);
      rowDiffCounts[row]!++;
    }
  }
  return { rowDiffCounts, diffClasses: Uint8Array.from(classes), diffValues: Int32Array.from(values) };
}

/**
 * The rows `encodeRows` encoded, or `undefined` when the differences do not fit them (a count or
 * class out of range, some left over) or the table would pass `maxTransitionEntries`.
 * Memory: the table, `rows × classCount × 4` bytes.
 */
export function decodeRows({ rowDiffCounts, diffClasses, diffValues }: EncodedRows, rows: number, classCount: number): Int32Array | undefined {
  if (rowDiffCounts.length !== rows || diffClasses.length !== diffValues.length || rows * classCount > maxTransitionEntries) return undefined;
  const transitions = new Int32Array(rows * classCount);
  let k = 0;
  for (let row = 0; row < rows; row++) {
    const base = row * classCount;
    if (row > 0) transitions.copyWithin(base, 0, classCount);
    const end = k + rowDiffCounts[row]!;
    if (end > diffClasses.length) return undefined;
    for (; k < end; k++) {
      const c = diffClasses[k]!;
      if (c >= classCount) return undefined;
      transitions[base + c] = diffValues[k]!;
    }
  }
  return k === diffClasses.length ? transitions : undefined;
}

function readCached(file: string, key: string): Automaton | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return deserializeAutomaton(bytes, key);
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function padded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(align(bytes.length));
  out.set(bytes);
  return out;
}
