/**
 * A disk cache of `expandTerms`, so that start-up does not re-encode every spelling in every
 * encoding and form (about 0.25 s for the shipped packs, most of it building iconv-lite's
 * GB18030 and Big5 tables; reading the cached needles takes a few milliseconds).
 *
 * The key is the SHA-256 of: this file's format version, the caller's salt (fwsift passes its
 * version), the SHA-256 of every pack file in load order, the encodings and forms, the source
 * of the modules that decide what a needle is (loading defaults, encoding, escapes) and the
 * iconv-lite version. Any change gives a new key, so a stale entry is never read.
 *
 * A cache file is binary (`serializeNeedleSet`). An entry that fails any check (checksum, shape,
 * a term index out of range) is treated as absent and rewritten: a damaged cache can cost time,
 * never a needle. It also holds the set's `coverageBasis` (coverage.ts, hashed into the key with
 * the expansion's sources), so a start does not work the report's coverage summary out again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeCacheEntry } from './cache-file.js';
import { coverageBasis } from './coverage.js';
import { defaultEncodings, defaultForms, expandTerms, type NeedleSet } from './needles.js';
import {
  encodings as allEncodings,
  forms as allForms,
  syntaxes,
  type CoverageBasis,
  type CoverageCell,
  type Encoding,
  type Form,
  type Needle,
  type Pack,
  type SpellingCoverage,
  type Term,
} from './types.js';

const formatVersion = 4;

export interface NeedleCache {
  /** Folder of the cache files (created when needed). */
  readonly dir: string;
  /** Mixed into the key: the tool version. */
  readonly salt: string;
}

let codeHash: string | undefined;

/** SHA-256 of the sources that decide the needles of a pack and their coverage basis (read once per process). */
function expansionCodeHash(): string {
  if (codeHash === undefined) {
    const hash = createHash('sha256');
    const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js'; // vitest runs the sources
    for (const name of ['needles', 'escapes', 'load', 'types', 'coverage']) hash.update(readFileSync(new URL(`./${name}.${extension}`, import.meta.url)));
    hash.update(String((createRequire(import.meta.url)('iconv-lite/package.json') as { version: string }).version));
    codeHash = hash.digest('hex');
  }
  return codeHash;
}

/** The cache key of `packs` expanded in `encodings` × `forms`. */
export function needleCacheKey(packs: readonly Pick<Pack, 'sha256'>[], encodings: readonly Encoding[], forms: readonly Form[], salt: string): string {
  const identity = { formatVersion, salt, packs: packs.map((pack) => pack.sha256), encodings, forms, code: expansionCodeHash() };
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/**
 * `expandTerms(terms of packs, encodings, forms)`, read from `cache` when an entry with the same
 * key is there, else expanded and written to it (best effort). The needles' `term` fields are
 * the packs' own term objects either way.
 *
 * Memory: the cache file (about 60 bytes per needle), which the needles' byte arrays view.
 * Errors: those of `expandTerms`; cache read and write failures are not errors.
 */
export function loadOrExpandTerms(
  packs: readonly Pack[],
  cache: NeedleCache,
  encodings: readonly Encoding[] = defaultEncodings,
  forms: readonly Form[] = defaultForms,
): NeedleSet {
  const terms = packs.flatMap((pack) => pack.terms);
  const key = needleCacheKey(packs, encodings, forms, cache.salt);
  const name = `needles-${key.slice(0, 32)}.bin`;
  const cached = readCached(join(cache.dir, name), terms);
  if (cached !== undefined) return cached;
  const expanded = expandTerms(terms, encodings, forms);
  const set = { ...expanded, coverageBasis: coverageBasis(expanded) };
  writeCacheEntry(cache.dir, name, serializeNeedleSet(set, terms));
  return set;
}

const magic = 'FWSNC004';
const statuses = ['searched', 'unencodable', 'disabled'] as const;
/** Magic, header length, CRC-32 of the rest. */
const prefixBytes = 16;
const needleRecordBytes = 24;
const cellRecordBytes = 11;

/** What the JSON header of a cache file says about the binary payload after it. */
interface Header {
  readonly strings: readonly string[];
  /** Distinct byte strings (`encoded`, `bytes`, `foldMask` of the needles). */
  readonly byteStrings: number;
  readonly needles: number;
  readonly cells: number;
  readonly maxNeedleLength: number;
  /** The coverage basis but for its probabilities, which end the payload (bucket by bucket, in needle order). */
  readonly coverage: Omit<CoverageBasis, 'randomHitBuckets'> & { readonly buckets: readonly { readonly minBytes: number; readonly maxBytes: number; readonly needles: number }[] };
}

/**
 * The cache file of `set`, whose needles' terms are elements of `terms`: the 8-byte magic, a
 * 4-byte little-endian header length, the CRC-32 of everything after these 16 bytes, the JSON
 * header (the spellings, counts, the coverage basis), then the payload. Per needle: term index
 * and spelling index (4 bytes each), encoding, form, syntax and JNI flag (1 byte each), and the
 * indexes of its `encoded`, `bytes` and `foldMask` in the byte-string table (4 bytes each); per
 * coverage cell: term and spelling index, encoding, form and status; the table's lengths (4 bytes
 * each) and bytes; then the random-hit probabilities (little-endian doubles). Each distinct byte
 * string is stored once (one spelling's encoding serves all its forms, a raw needle's bytes are
 * its encoding, case-sensitive fold masks are zeros), so a start makes a third of the views.
 * Binary because reading it is on every start: decoding hex from JSON took about 40 ms for the
 * shipped packs, this takes a few.
 */
export function serializeNeedleSet(set: NeedleSet, terms: readonly Term[]): Buffer {
  const termIndex = new Map(terms.map((term, i) => [term.id, i]));
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const indexOf = (text: string) => {
    let index = stringIndex.get(text);
    if (index === undefined) stringIndex.set(text, (index = strings.push(text) - 1));
    return index;
  };
  const table: Uint8Array[] = [];
  const tableIndex = new Map<string, number>();
  const byteStringOf = (bytes: Uint8Array) => {
    const key = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    let index = tableIndex.get(key);
    if (index === undefined) tableIndex.set(key, (index = table.push(bytes) - 1));
    return index;
  };
  const fixed = Buffer.alloc(set.needles.length * needleRecordBytes + set.coverage.length * cellRecordBytes);
  let at = 0;
  for (const n of set.needles) {
    at = fixed.writeUInt32LE(termIndex.get(n.term.id)!, at);
    at = fixed.writeUInt32LE(indexOf(n.variant), at);
    at = fixed.writeUInt8(allEncodings.indexOf(n.encoding), at);
    at = fixed.writeUInt8(allForms.indexOf(n.form), at);
    at = fixed.writeUInt8(syntaxes.indexOf(n.syntax), at);
    at = fixed.writeUInt8(n.jni ? 1 : 0, at);
    at = fixed.writeUInt32LE(byteStringOf(n.encoded), at);
    at = fixed.writeUInt32LE(byteStringOf(n.bytes), at);
    at = fixed.writeUInt32LE(byteStringOf(n.foldMask), at);
  }
  for (const c of set.coverage) {
    at = fixed.writeUInt32LE(termIndex.get(c.termId)!, at);
    at = fixed.writeUInt32LE(indexOf(c.variant), at);
    at = fixed.writeUInt8(allEncodings.indexOf(c.encoding), at);
    at = fixed.writeUInt8(allForms.indexOf(c.form), at);
    at = fixed.writeUInt8(statuses.indexOf(c.status), at);
  }
  const lengths = Buffer.alloc(table.length * 4);
  table.forEach((bytes, i) => lengths.writeUInt32LE(bytes.length, i * 4));
  const { spellings, needles, randomHitBuckets } = set.coverageBasis ?? coverageBasis(set);
  const probabilities = Buffer.alloc(set.needles.length * 8);
  let p = 0;
  for (const bucket of randomHitBuckets) for (const probability of bucket.probabilities) p = probabilities.writeDoubleLE(probability, p);
  const buckets = randomHitBuckets.map((bucket) => ({ minBytes: bucket.minBytes, maxBytes: bucket.maxBytes, needles: bucket.probabilities.length }));
  const header: Header = {
    strings,
    byteStrings: table.length,
    needles: set.needles.length,
    cells: set.coverage.length,
    maxNeedleLength: set.maxNeedleLength,
    coverage: { spellings, needles, buckets },
  };
  const json = Buffer.from(JSON.stringify(header));
  const body = Buffer.concat([json, fixed, lengths, ...table, probabilities]);
  const prefix = Buffer.alloc(prefixBytes);
  prefix.write(magic, 0, 'latin1');
  prefix.writeUInt32LE(json.length, 8);
  prefix.writeUInt32LE(crc32(body), 12);
  return Buffer.concat([prefix, body]);
}

/**
 * The needle set in `data` for `terms`, or `undefined` when it is not a sound cache entry (any
 * size, checksum, index or enum out of place). The needles' byte arrays are views of `data`.
 */
export function deserializeNeedleSet(data: Uint8Array, terms: readonly Term[]): NeedleSet | undefined {
  const file = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (file.length < prefixBytes || file.toString('latin1', 0, 8) !== magic || crc32(file.subarray(prefixBytes)) !== file.readUInt32LE(12)) return undefined;
  const payloadStart = prefixBytes + file.readUInt32LE(8);
  if (payloadStart > file.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', prefixBytes, payloadStart)) as Header;
  } catch {
    return undefined;
  }
  const payload = file.subarray(payloadStart);
  if (typeof header !== 'object' || header === null) return undefined;
  const { strings, byteStrings, needles: needleCount, cells, maxNeedleLength } = header;
  if (!Array.isArray(strings) || !strings.every((text) => typeof text === 'string') || ![byteStrings, needleCount, cells, maxNeedleLength].every(Number.isSafeInteger)) return undefined;
  const cellsAt = needleCount * needleRecordBytes;
  const lengthsAt = cellsAt + cells * cellRecordBytes;
  const probabilitiesAt = payload.length - needleCount * 8;
  if (lengthsAt + byteStrings * 4 > probabilitiesAt) return undefined;
  // Plain reads, no destructuring of temporary arrays and no Buffer read methods: this runs once
  // per needle and per cell on every start, before V8 optimises it, where each array literal and
  // iterator is an allocation. With the shared byte strings and the cells built on demand, this
  // function takes 11-14 ms of a tiny file's scan where it took 30-48 ms (this machine, loaded).
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  // Plain Uint8Array views, as expandTerms gives (a Buffer would compare and print differently).
  const table: Uint8Array[] = [];
  let bytesAt = lengthsAt + byteStrings * 4;
  for (let i = 0; i < byteStrings; i++) {
    const length = view.getUint32(lengthsAt + i * 4, true);
    if ((bytesAt += length) > probabilitiesAt) return undefined;
    table.push(new Uint8Array(payload.buffer, payload.byteOffset + bytesAt - length, length));
  }
  if (bytesAt !== probabilitiesAt) return undefined;
  const needles: Needle[] = [];
  for (let id = 0, at = 0; id < needleCount; id++, at += needleRecordBytes) {
    const term = terms[view.getUint32(at, true)];
    const variant = strings[view.getUint32(at + 4, true)];
    const encoding = allEncodings[payload[at + 8]!];
    const form = allForms[payload[at + 9]!];
    const syntax = syntaxes[payload[at + 10]!];
    const jni = payload[at + 11];
    const encoded = table[view.getUint32(at + 12, true)];
    const bytes = table[view.getUint32(at + 16, true)];
    const foldMask = table[view.getUint32(at + 20, true)];
    if (term === undefined || variant === undefined || encoding === undefined || form === undefined || syntax === undefined || (jni !== 0 && jni !== 1)) return undefined;
    if (encoded === undefined || bytes === undefined || foldMask === undefined || bytes.length === 0 || foldMask.length !== bytes.length) return undefined;
    // Two literals, not a spread, for the same reason.
    needles.push(jni === 1 ? { id, term, variant, encoding, form, syntax, encoded, bytes, foldMask, jni: true } : { id, term, variant, encoding, form, syntax, encoded, bytes, foldMask });
  }
  for (let cell = 0, at = cellsAt; cell < cells; cell++, at += cellRecordBytes) {
    const sound = terms[view.getUint32(at, true)] !== undefined && strings[view.getUint32(at + 4, true)] !== undefined;
    if (!sound || allEncodings[payload[at + 8]!] === undefined || allForms[payload[at + 9]!] === undefined || statuses[payload[at + 10]!] === undefined) return undefined;
  }
  const basis = readCoverageBasis(header.coverage, payload.subarray(probabilitiesAt), needleCount);
  if (basis === undefined) return undefined;
  let coverage: CoverageCell[] | undefined;
  return {
    needles,
    // Checked above, built when first read: a scan's report takes the basis; only `fwsift
    // patterns` lists the cells (2,700 objects for the shipped packs, 4 ms of every start).
    get coverage() {
      return (coverage ??= readCells(view, cellsAt, cells, terms, strings));
    },
    maxNeedleLength,
    coverageBasis: basis,
  };
}

/** The coverage cells from `at` (already checked by `deserializeNeedleSet`). */
function readCells(view: DataView, at: number, cells: number, terms: readonly Term[], strings: readonly string[]): CoverageCell[] {
  const coverage: CoverageCell[] = [];
  for (let cell = 0; cell < cells; cell++, at += cellRecordBytes) {
    const termId = terms[view.getUint32(at, true)]!.id;
    const variant = strings[view.getUint32(at + 4, true)]!;
    coverage.push({ termId, variant, encoding: allEncodings[view.getUint8(at + 8)]!, form: allForms[view.getUint8(at + 9)]!, status: statuses[view.getUint8(at + 10)]! });
  }
  return coverage;
}

/** The stored coverage basis, or `undefined` when its shape is off or its buckets do not hold every needle once. */
function readCoverageBasis(stored: Header['coverage'] | undefined, probabilities: Buffer, needleCount: number): CoverageBasis | undefined {
  if (typeof stored !== 'object' || stored === null || !Array.isArray(stored.spellings) || !stored.spellings.every(isSpelling)) return undefined;
  if (typeof stored.needles !== 'object' || stored.needles === null || !Object.values(stored.needles).every(Number.isSafeInteger)) return undefined;
  if (!Array.isArray(stored.buckets) || !stored.buckets.every((b) => [b.minBytes, b.maxBytes, b.needles].every(Number.isSafeInteger))) return undefined;
  if (stored.buckets.reduce((sum, b) => sum + b.needles, 0) !== needleCount) return undefined;
  // Stored little-endian: copied whole into place, then swapped on a big-endian machine.
  const all = new Float64Array(needleCount);
  const allBytes = Buffer.from(all.buffer);
  allBytes.set(probabilities);
  if (endianness() === 'BE') allBytes.swap64();
  let at = 0;
  const randomHitBuckets = stored.buckets.map(({ minBytes, maxBytes, needles }) => ({ minBytes, maxBytes, probabilities: all.subarray(at, (at += needles)) }));
  return { spellings: stored.spellings, needles: stored.needles, randomHitBuckets };
}

function isSpelling(entry: SpellingCoverage): boolean {
  const cells = (list: unknown) => Array.isArray(list) && list.every((key) => typeof key === 'string');
  return typeof entry.term === 'string' && typeof entry.variant === 'string' && cells(entry.searched) && cells(entry.unencodable) && cells(entry.disabled);
}

function readCached(file: string, terms: readonly Term[]): NeedleSet | undefined {
  try {
    return deserializeNeedleSet(readFileSync(file), terms);
  } catch {
    return undefined;
  }
}
