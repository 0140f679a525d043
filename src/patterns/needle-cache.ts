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
 * A cache file is one line with the SHA-256 of the rest, then JSON. An entry that fails any
 * check (hash, shape, a term index out of range) is treated as absent and rewritten: a
 * damaged cache can cost time, never a needle.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeCacheEntry } from './cache-file.js';
import { defaultEncodings, defaultForms, expandTerms, type NeedleSet } from './needles.js';
import { encodings as allEncodings, forms as allForms, syntaxes, type CoverageCell, type Encoding, type Form, type Needle, type Pack, type Syntax, type Term } from './types.js';

const formatVersion = 1;

export interface NeedleCache {
  /** Folder of the cache files (created when needed). */
  readonly dir: string;
  /** Mixed into the key: the tool version. */
  readonly salt: string;
}

interface CachedNeedle {
  readonly t: number;
  readonly v: string;
  readonly e: Encoding;
  readonly f: Form;
  readonly s: Syntax;
  readonly encoded: string;
  readonly bytes: string;
  readonly fold: string;
  /** Present (true) for a JNI-escaped spelling. */
  readonly jni?: boolean;
}
interface CachedCell {
  readonly t: number;
  readonly v: string;
  readonly e: Encoding;
  readonly f: Form;
  readonly status: CoverageCell['status'];
}
interface CachedSet {
  readonly needles: readonly CachedNeedle[];
  readonly coverage: readonly CachedCell[];
  readonly maxNeedleLength: number;
}

let codeHash: string | undefined;

/** SHA-256 of the sources that decide the needles of a pack (read once per process). */
function expansionCodeHash(): string {
  if (codeHash === undefined) {
    const hash = createHash('sha256');
    const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js'; // vitest runs the sources
    for (const name of ['needles', 'escapes', 'load', 'types']) hash.update(readFileSync(new URL(`./${name}.${extension}`, import.meta.url)));
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
 * Memory: the cache file (about 100 bytes per needle) while it is parsed.
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
  const name = `needles-${key.slice(0, 32)}.json`;
  const cached = readCached(join(cache.dir, name), terms);
  if (cached !== undefined) return cached;
  const set = expandTerms(terms, encodings, forms);
  writeCacheEntry(cache.dir, name, serializeNeedleSet(set, terms));
  return set;
}

/** The cache file text of `set`, whose needles' terms are elements of `terms`. */
export function serializeNeedleSet(set: NeedleSet, terms: readonly Term[]): string {
  const index = new Map(terms.map((term, i) => [term.id, i]));
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  const body: CachedSet = {
    needles: set.needles.map((n) => ({ t: index.get(n.term.id)!, v: n.variant, e: n.encoding, f: n.form, s: n.syntax, encoded: hex(n.encoded), bytes: hex(n.bytes), fold: hex(n.foldMask), ...(n.jni ? { jni: true } : {}) })),
    coverage: set.coverage.map((c) => ({ t: index.get(c.termId)!, v: c.variant, e: c.encoding, f: c.form, status: c.status })),
    maxNeedleLength: set.maxNeedleLength,
  };
  const json = JSON.stringify(body);
  return `${createHash('sha256').update(json).digest('hex')}\n${json}`;
}

/** The needle set in `text` for `terms`, or `undefined` when it is not a sound cache entry. */
export function deserializeNeedleSet(text: string, terms: readonly Term[]): NeedleSet | undefined {
  const newline = text.indexOf('\n');
  const json = text.slice(newline + 1);
  if (newline !== 64 || createHash('sha256').update(json).digest('hex') !== text.slice(0, 64)) return undefined;
  let body: CachedSet;
  try {
    body = JSON.parse(json) as CachedSet;
  } catch {
    return undefined;
  }
  const encodingOk = (e: unknown) => (allEncodings as readonly unknown[]).includes(e);
  const formOk = (f: unknown) => (allForms as readonly unknown[]).includes(f);
  const bytesOf = (hex: unknown) => (typeof hex === 'string' && /^(?:[0-9a-f]{2})*$/.test(hex) ? new Uint8Array(Buffer.from(hex, 'hex')) : undefined);
  if (!Array.isArray(body.needles) || !Array.isArray(body.coverage) || !Number.isSafeInteger(body.maxNeedleLength)) return undefined;
  const needles: Needle[] = [];
  for (const n of body.needles) {
    const term = terms[n.t];
    const [encoded, bytes, foldMask] = [bytesOf(n.encoded), bytesOf(n.bytes), bytesOf(n.fold)];
    if (term === undefined || typeof n.v !== 'string' || !encodingOk(n.e) || !formOk(n.f) || !(syntaxes as readonly unknown[]).includes(n.s)) return undefined;
    if (encoded === undefined || bytes === undefined || foldMask === undefined || bytes.length === 0 || foldMask.length !== bytes.length) return undefined;
    if (n.jni !== undefined && n.jni !== true) return undefined;
    needles.push({ id: needles.length, term, variant: n.v, encoding: n.e, form: n.f, syntax: n.s, encoded, bytes, foldMask, ...(n.jni ? { jni: true as const } : {}) });
  }
  const coverage: CoverageCell[] = [];
  for (const c of body.coverage) {
    const term = terms[c.t];
    if (term === undefined || typeof c.v !== 'string' || !encodingOk(c.e) || !formOk(c.f) || !['searched', 'unencodable', 'disabled'].includes(c.status)) return undefined;
    coverage.push({ termId: term.id, variant: c.v, encoding: c.e, form: c.f, status: c.status });
  }
  return { needles, coverage, maxNeedleLength: body.maxNeedleLength };
}

function readCached(file: string, terms: readonly Term[]): NeedleSet | undefined {
  try {
    return deserializeNeedleSet(readFileSync(file, 'utf8'), terms);
  } catch {
    return undefined;
  }
}
