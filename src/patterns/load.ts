/**
 * Loading pattern packs. A pack file goes through four gates, and each failure is a
 * `PackProblem` value (file, JSON pointer, message), never an exception:
 *   1. a regular file (not a device or FIFO), its size checked on the open handle, UTF-8 (a BOM is accepted),
 *   2. JSON syntax,
 *   3. `schema/patterns.schema.json` (JSON Schema 2020-12, Ajv strict mode + ajv-formats),
 *   4. rules a schema cannot state: unique term ids, variants that differ from the text,
 *      a spelling used by only one term, contexts that are not the term's own spellings and
 *      not both boosting and demoting, spellings long enough to be evidence (limits.ts),
 *      unique ids across packs and the packs' total size (in `loadPacks`, limits.ts).
 * Then defaults are filled (lang, kind, case, empty lists, `pack`) and the result is frozen.
 * Only a missing or broken shipped schema throws: that is a packaging bug, not bad input.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import generatedPackValidator from './pack-validator.generated.js';
import { PackBudget, spellingProblem } from './limits.js';
import type { Boundary, Category, Pack, Precision, Reference, Term, TermKind } from './types.js';

/** One reason a pack was rejected. `pointer` is a JSON Pointer into the pack (`/` = the whole file). */
export interface PackProblem {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
}

export type LoadResult =
  | { readonly ok: true; readonly pack: Pack }
  | { readonly ok: false; readonly problems: readonly PackProblem[] };

/** Largest pack file accepted. The largest shipped pack is ~40 KiB; this only stops a wrong path (a firmware image) from being parsed. */
const maxPackSizeBytes = 16 * 1024 * 1024;

// Resolves to the package root from src/patterns/ (vitest) and dist/patterns/ (built).
const shippedPatternsUrl = new URL('../../patterns/', import.meta.url);

/** The pack file as the schema admits it, before defaults. */
interface RawTerm {
  readonly id: string;
  readonly text: string;
  readonly category: Category;
  readonly precision: Precision;
  readonly meaning: string;
  readonly lang?: string;
  readonly kind?: TermKind;
  readonly case?: 'sensitive' | 'insensitive';
  readonly boundary: Boundary;
  readonly variants?: readonly string[];
  readonly notAfter?: readonly string[];
  readonly notBefore?: readonly string[];
  readonly boostContexts?: readonly string[];
  readonly demoteContexts?: readonly string[];
  readonly references: readonly Reference[];
  readonly notes?: string;
}

interface RawPack {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly terms: readonly RawTerm[];
}

// Generated from schema/patterns.schema.json at build time (scripts/build-validators.mjs: Ajv
// strict, allErrors, verbose, ajv-formats' fast uri), so loading a pack compiles no schema.
const packValidator = generatedPackValidator as unknown as ValidateFunction<RawPack>;

// fatal: a pack with broken UTF-8 would otherwise search for U+FFFD needles. One decoder for every
// pack (`decode` without `stream` keeps no state): making one per pack cost 4 ms of every start.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses and validates one pack from its bytes. `source` names the file in problems and in
 * `Pack.source`. Pure; memory is a few times the size of
 * `bytes`. Input problems are returned, not thrown.
 */
export function parsePack(bytes: Uint8Array, source: string): LoadResult {
  if (bytes.length > maxPackSizeBytes) {
    return failed(source, '/', `pack is ${bytes.length} bytes, more than the ${maxPackSizeBytes}-byte limit`);
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return failed(source, '/', 'pack is not valid UTF-8');
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return failed(source, '/', `invalid JSON: ${describeSyntaxError(error, text)}`);
    throw error;
  }

  const validate = packValidator;
  if (!validate(data)) {
    return { ok: false, problems: Object.freeze((validate.errors ?? []).map((e) => schemaProblem(source, e))) };
  }
  const problems = semanticProblems(source, data);
  if (problems.length > 0) return { ok: false, problems: Object.freeze(problems) };

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const pack: Pack = {
    id: data.id,
    version: data.version,
    description: data.description,
    sha256,
    source,
    terms: Object.freeze(data.terms.map((term) => withDefaults(term, data.id))),
  };
  return { ok: true, pack: Object.freeze(pack) };
}

/** Reads and parses one pack file. I/O errors (missing file, directory, permissions) become a problem. */
export async function loadPackFile(path: string): Promise<LoadResult> {
  const bytes = readPackBytes(path);
  return bytes instanceof Uint8Array ? parsePack(bytes, path) : { ok: false, problems: [bytes] };
}

/**
 * Absolute paths of the packs shipped in the package's `patterns/` folder (`*.json`), sorted.
 * Throws if the folder is missing: the package is broken, and scanning with no terms would
 * produce a clean-looking report.
 */
export function shippedPackPaths(): readonly string[] {
  const dir = fileURLToPath(shippedPatternsUrl);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  return Object.freeze(names.map((name) => join(dir, name)));
}

/**
 * Loads packs in the order given. A pack with any problem is left out; so is a pack whose id,
 * or any of whose term ids, was already loaded from an earlier path (the returned packs always
 * have unique term ids). Callers must treat a non-empty `problems` as a failed run (exit 2).
 */
export async function loadPacks(
  paths: readonly string[],
): Promise<{ readonly packs: readonly Pack[]; readonly problems: readonly PackProblem[] }> {
  const results = await Promise.all(paths.map((path) => loadPackFile(path)));
  const packs: Pack[] = [];
  const problems: PackProblem[] = [];
  const packById = new Map<string, Pack>();
  const packByTermId = new Map<string, Pack>();
  const budget = new PackBudget();
  for (const result of results) {
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const { pack } = result;
    const earlier = packById.get(pack.id);
    if (earlier !== undefined) {
      problems.push({
        file: pack.source,
        pointer: '/id',
        message: `pack id '${pack.id}' is already loaded from ${earlier.source}; pack not loaded`,
      });
      continue;
    }
    const clashes = pack.terms.flatMap((term, index): PackProblem[] => {
      const owner = packByTermId.get(term.id);
      return owner === undefined
        ? []
        : [{
            file: pack.source,
            pointer: `/terms/${index}/id`,
            message: `term id '${term.id}' is already defined by pack '${owner.id}' (${owner.source}); pack not loaded`,
          }];
    });
    if (clashes.length > 0) {
      problems.push(...clashes);
      continue;
    }
    const overBudget = budget.add(pack.terms);
    if (overBudget !== undefined) {
      problems.push({ file: pack.source, ...overBudget });
      continue;
    }
    packById.set(pack.id, pack);
    for (const term of pack.terms) packByTermId.set(term.id, pack);
    packs.push(pack);
  }
  return Object.freeze({ packs: Object.freeze(packs), problems: Object.freeze(problems) });
}

/**
 * Synchronous: a pack is a small local file, and four asynchronous calls per pack (open, stat,
 * read, close) cost the shipped packs 7-8 ms of every start in thread-pool round trips.
 */
function readPackBytes(path: string): Uint8Array | PackProblem {
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; the checks
    // below are on the open descriptor (fstat), so the file cannot change between them and the read.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd);
      // A device (/dev/zero), FIFO or socket has no size to check and may never end.
      if (!stat.isFile()) return { file: path, pointer: '/', message: `cannot read pack: ${fileKind(stat)}, not a regular file` };
      const { size } = stat;
      // Check the size before reading so a mistaken multi-GB path is refused, not buffered.
      if (size > maxPackSizeBytes) {
        return { file: path, pointer: '/', message: `pack is ${size} bytes, more than the ${maxPackSizeBytes}-byte limit` };
      }
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (isSystemError(error)) {
      return { file: path, pointer: '/', message: `cannot read pack: ${error.code}: ${error.message}` };
    }
    throw error;
  }
}

function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException & { readonly code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function failed(file: string, pointer: string, message: string): LoadResult {
  return { ok: false, problems: Object.freeze([{ file, pointer, message }]) };
}

/** V8 reports a character position; authors want line and column. */
function describeSyntaxError(error: SyntaxError, text: string): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return error.message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${error.message} (line ${line}, column ${column})`;
}

function schemaProblem(file: string, error: ErrorObject): PackProblem {
  const params: Readonly<Record<string, unknown>> = error.params;
  const at = error.instancePath === '' ? '/' : error.instancePath;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return { file, pointer: `${error.instancePath}/${escapePointer(name)}`, message: `unknown property '${name}'` };
    }
    case 'required':
      return { file, pointer: at, message: `missing required property '${String(params['missingProperty'])}'` };
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'].map(String) : [];
      return { file, pointer: at, message: `${shown(error.data)} is not one of: ${allowed.join(', ')}` };
    }
    case 'pattern': {
      // The schema's regular expressions are unreadable in a message; say what the value should be.
      const hint = patternHints.find(([suffix]) => error.schemaPath.endsWith(suffix))?.[1] ?? `does not match ${String(params['pattern'])}`;
      return { file, pointer: at, message: `${shown(error.data)} ${hint}` };
    }
    case 'uniqueItems':
      // Ajv reports the later duplicate as `i` and its earlier twin as `j`.
      return { file, pointer: `${error.instancePath}/${String(params['i'])}`, message: `repeats item ${String(params['j'])}` };
    default:
      return { file, pointer: at, message: `${error.message ?? error.keyword}${isScalar(error.data) ? ` (got ${shown(error.data)})` : ''}` };
  }
}

/** What a value failing a schema `pattern` should look like, by the end of the schema path. */
const patternHints: readonly (readonly [string, string])[] = [
  ['/properties/version/pattern', 'is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)'],
  ['/$defs/id/pattern', 'is not an id (lower-case letters, digits, dots and hyphens, starting with a letter or digit)'],
  ['/properties/lang/pattern', 'is not a BCP 47 language tag (zh-Hans, zh-Hant, en, und)'],
  ['/properties/url/pattern', 'is not an http(s) URL'],
];

function semanticProblems(file: string, pack: RawPack): PackProblem[] {
  const problems: PackProblem[] = [];
  const idAt = new Map<string, number>();
  // A spelling in two terms would make two needles with identical bytes and double findings.
  const spellingAt = new Map<string, string>();
  pack.terms.forEach((term, index) => {
    const base = `/terms/${index}`;
    const firstIndex = idAt.get(term.id);
    if (firstIndex === undefined) {
      idAt.set(term.id, index);
    } else {
      problems.push({ file, pointer: `${base}/id`, message: `duplicate term id '${term.id}' (first at /terms/${firstIndex}/id)` });
    }
    const spellings: readonly (readonly [string, string])[] = [
      [`${base}/text`, term.text],
      ...(term.variants ?? []).map((variant, v): readonly [string, string] => [`${base}/variants/${v}`, variant]),
    ];
    for (const [pointer, spelling] of spellings) {
      if (pointer !== `${base}/text` && spelling === term.text) {
        problems.push({ file, pointer, message: `variant '${spelling}' is the same as the term's text` });
        continue;
      }
      const tooSmall = spellingProblem(spelling);
      if (tooSmall !== undefined) problems.push({ file, pointer, message: tooSmall });
      const owner = spellingAt.get(spelling);
      if (owner === undefined) {
        spellingAt.set(spelling, pointer);
      } else {
        problems.push({ file, pointer, message: `spelling '${spelling}' is already searched at ${owner}` });
      }
    }
    for (const list of ['notAfter', 'notBefore', 'boostContexts', 'demoteContexts'] as const) {
      (term[list] ?? []).forEach((entry, e) => {
        // The schema's minLength catches ''; whitespace-only would silently reject hits next to
        // spaces (exclusions) or move every hit near a blank (contexts).
        if (entry.trim() === '') {
          problems.push({ file, pointer: `${base}/${list}/${e}`, message: `${list} entry is empty or only whitespace` });
        }
      });
    }
    problems.push(...contextProblems(file, base, term));
  });
  return problems;
}

/**
 * A context that is one of the term's own spellings would let a second occurrence of the term
 * corroborate (or undo) the first; one listed as both boost and demote cancels itself out.
 * Both are authoring mistakes a reader of the reasons could not see.
 */
function contextProblems(file: string, base: string, term: RawTerm): PackProblem[] {
  const problems: PackProblem[] = [];
  const spellings = new Set([term.text, ...(term.variants ?? [])]);
  const boosts = new Set(term.boostContexts ?? []);
  for (const list of ['boostContexts', 'demoteContexts'] as const) {
    (term[list] ?? []).forEach((context, c) => {
      const pointer = `${base}/${list}/${c}`;
      if (spellings.has(context)) {
        problems.push({ file, pointer, message: `context '${context}' is a spelling of the term itself` });
      } else if (list === 'demoteContexts' && boosts.has(context)) {
        problems.push({ file, pointer, message: `context '${context}' is also listed in boostContexts` });
      }
    });
  }
  return problems;
}

const hanPattern = /\p{Script=Han}/u;
const asciiPattern = /^[\x20-\x7e]*$/;
const wordPattern = /^[\p{L}\p{N}_]+$/u;

function withDefaults(raw: RawTerm, packId: string): Term {
  const kind: TermKind = raw.kind ?? (raw.boundary === 'identifier' ? 'identifier' : wordPattern.test(raw.text) ? 'word' : 'phrase');
  const lang =
    raw.lang ?? (kind === 'identifier' ? 'und' : hanPattern.test(raw.text) ? 'zh-Hans' : asciiPattern.test(raw.text) ? 'en' : 'und');
  const term: Term = {
    id: raw.id,
    text: raw.text,
    category: raw.category,
    precision: raw.precision,
    meaning: raw.meaning,
    lang,
    kind,
    case: raw.case ?? 'sensitive',
    boundary: raw.boundary,
    variants: Object.freeze([...(raw.variants ?? [])]),
    notAfter: Object.freeze([...(raw.notAfter ?? [])]),
    notBefore: Object.freeze([...(raw.notBefore ?? [])]),
    boostContexts: Object.freeze([...(raw.boostContexts ?? [])]),
    demoteContexts: Object.freeze([...(raw.demoteContexts ?? [])]),
    references: Object.freeze(raw.references.map((r) => Object.freeze({ title: r.title, url: r.url }))),
    ...(raw.notes === undefined ? {} : { notes: raw.notes }),
    pack: packId,
  };
  return Object.freeze(term);
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function shown(value: unknown): string {
  if (!isScalar(value)) return Array.isArray(value) ? 'an array' : typeof value;
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
