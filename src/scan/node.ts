/**
 * The recursive driver for one input: every object (the input file, each archive member,
 * each decompressed stream, each carved chunk) is searched raw as its bytes flow past, and,
 * when a handler recognises it at offset 0, opened into children that are scanned the same
 * way, depth first. Signatures found elsewhere in the object are carved afterwards (carve.ts).
 *
 * Consumption contract: a handler reads its node's bytes through a view whose early
 * `return()` does not close the underlying stream; whatever the handler leaves unread is
 * drained afterwards, so every byte of every object is searched raw exactly once.
 */
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, mkdtempSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { scoreConfidence } from '../evidence/confidence.js';
import { describeContext } from '../evidence/context.js';
import { dropUtf16Twins, utf16ByteOrderMark } from '../evidence/utf16-twins.js';
import type { Automaton } from '../match/automaton.js';
import { createSearcher } from '../match/searcher.js';
import type { Candidate, Window } from '../match/types.js';
import { verifyCandidate } from '../match/verify.js';
import type { Encoding, Needle } from '../patterns/types.js';
import { detectView, maxViewHeadLength, type TextView } from '../text/index.js';
import type { Confidence } from '../report/types.js';
import { openWindow, windowSlice } from '../unpack/file-window.js';
import { detectAt, handlers, maxHeadLength } from '../unpack/index.js';
import { messageOf } from '../unpack/streams.js';
import { InputError, type ChainLink, type FileWindow, type Problem } from '../unpack/types.js';
import { compileSignatures, SignatureScanner, type CarveCandidate } from './carve.js';
import { LineTracker } from './lines.js';
import { TextMap } from './text-map.js';
import type { ScanOptions } from './options.js';

/** Bytes of context the searcher keeps on each side of a hit, for verification and evidence. */
const windowBytes = 256;
/** Bytes at an object's start checked for NUL to decide whether lines and columns mean anything. */
const textSniffBytes = 4096;

const signatures = compileSignatures(handlers);

export interface Matcher {
  readonly automaton: Automaton;
  readonly needles: readonly Needle[];
}

/** A verified hit, before the report gives it an id. */
export interface Hit {
  readonly chain: readonly ChainLink[];
  readonly needle: Needle;
  readonly start: number;
  readonly end: number;
  /** The bytes matched (they differ from the needle's only by ASCII case, for case-folded terms); for a text-view hit, the UTF-8 text matched. */
  readonly matchedHex: string;
  /** Set for hits in a text view: `form` is `text-view`, `encoding` the document's charset, `start`/`end` its raw bytes. */
  readonly view?: { readonly form: 'text-view'; readonly encoding: Encoding };
  readonly objectSha256: string;
  /** 1-based line and byte column, for objects that look like text (no NUL in their first 4 KiB). */
  readonly line?: number;
  readonly column?: number;
  readonly context: { readonly before: string; readonly after: string; readonly hex: string };
  readonly confidence: Confidence;
  readonly reasons: readonly string[];
}

/** A span of the input that was one object, in input coordinates (for the report's layer map). */
export interface Layer {
  readonly chain: readonly ChainLink[];
  /** The handler that opened the object, or `raw` when none recognised it. */
  readonly format: string;
  readonly start: number;
  readonly end: number;
}

/** What one input's scan accumulates; mutable only inside this module. */
export interface InputScan {
  readonly problems: Problem[];
  readonly hits: Hit[];
  readonly layers: Layer[];
  bytesScanned: number;
  objects: number;
  expandedBytes: number;
  rejectedCandidates: number;
  carvedChunks: number;
  /** Signature candidates whose handler rejected the bytes there. */
  rejectedCarves: number;
  /** Set when a limit stops the whole input: no further objects are opened or read. */
  stopped: boolean;
}

/** What the driver tells a progress display: bytes of the input read so far, objects opened, and the object being read. */
export interface NodeProgress {
  readonly inputBytes: number;
  readonly objects: number;
  readonly chain: readonly ChainLink[];
}

interface Scope {
  readonly report?: (chain: readonly ChainLink[], inputBytes?: number) => void;
  readonly matcher: Matcher;
  readonly options: ScanOptions;
  readonly state: InputScan;
  readonly temp: TempDir;
  readonly deadline: number;
}

/** Where an object sits: its chain, depth, random-access bytes when it has them, and its start in the input when that is known. */
interface Place {
  readonly chain: readonly ChainLink[];
  readonly depth: number;
  readonly backing?: FileWindow;
  readonly inputOffset?: number;
  /**
   * A carved chunk whose end only its handler can tell (a gzip or tar found inside a blob).
   * Its bytes belong to the parent, which searched them raw: the chunk is only opened, read no
   * further than its handler reads, and ends where the handler's `setLength` says.
   */
  readonly openOnly?: boolean;
  /** For the output of a decompressor: compressed bytes read so far, for the expansion-ratio limit. */
  readonly compressedBytes?: () => number;
}

/** A carved chunk that fails having produced fewer bytes than this is a rejected candidate, not a corrupt input. */
const carvedFailureMinimumBytes = 4096;

/** Objects smaller than this are never stopped for their expansion ratio. */
const ratioCheckFromBytes = 16 * 1024 * 1024;

interface ObjectResult {
  readonly sha256: string;
  /** Bytes of the object (for an open-only chunk: as far as its handler says, or read). */
  readonly length: number;
  /** Stored members of the object, in its coordinates: hits there belong to the members. */
  readonly verbatim: readonly { readonly start: number; readonly end: number }[];
  /** An open-only chunk whose handler failed before producing a byte: a false signature, not a problem. */
  readonly rejected: boolean;
}

/** Scans one input file (already opened as `stream`) and everything inside it. */
export async function scanInput(
  stream: AsyncIterable<Uint8Array>,
  file: { readonly path: Buffer; readonly size: number },
  matcher: Matcher,
  options: ScanOptions,
  progress?: (progress: NodeProgress) => void,
): Promise<{ readonly state: InputScan; readonly sha256: string }> {
  const state: InputScan = {
    problems: [],
    hits: [],
    layers: [],
    bytesScanned: 0,
    objects: 0,
    expandedBytes: 0,
    rejectedCandidates: 0,
    carvedChunks: 0,
    rejectedCarves: 0,
    stopped: false,
  };
  const temp = new TempDir();
  const deadline = options.maxSecondsPerInput === 0 ? Infinity : Date.now() + options.maxSecondsPerInput * 1000;
  try {
    const place: Place = { chain: [], depth: 0, backing: { path: file.path, offset: 0, size: file.size }, inputOffset: 0 };
    let inputBytes = 0;
    const report = progress === undefined ? undefined : (chain: readonly ChainLink[], bytes?: number) => {
      inputBytes = bytes ?? inputBytes;
      progress({ inputBytes, objects: state.objects, chain });
    };
    const { sha256 } = await scanObject(stream, place, { matcher, options, state, temp, deadline, ...(report === undefined ? {} : { report }) });
    return { state, sha256 };
  } finally {
    await temp.remove();
  }
}

async function scanObject(source: AsyncIterable<Uint8Array>, place: Place, scope: Scope): Promise<ObjectResult> {
  const { state, options } = scope;
  const { chain, depth } = place;
  const searchRaw = place.openOnly !== true;
  const problemsBefore = state.problems.length;
  state.objects++;
  scope.report?.(chain);
  const problem = (kind: Problem['kind'], message: string, offset?: number) =>
    state.problems.push({ kind, chain, message, ...(offset === undefined ? {} : { offset }) });

  const hash = createHash('sha256');
  const searcher = createSearcher(scope.matcher.automaton, scope.matcher.needles, { lookBehind: windowBytes, lookAhead: windowBytes });
  const lines = new LineTracker(windowBytes + scope.matcher.automaton.maxNeedleLength);
  const carver = new SignatureScanner(signatures);
  let carving = searchRaw;
  let spill: Spill | undefined;
  const pending: Omit<Hit, 'objectSha256'>[] = [];
  const onCandidate = (candidate: Candidate, window: Window) => {
    const verdict = verifyCandidate(candidate, window);
    if (!verdict.ok) {
      state.rejectedCandidates++;
      return;
    }
    const { confidence, reasons } = scoreConfidence(candidate, window, verdict);
    const context = describeContext(candidate, window, { chars: options.contextChars, hexBytes: options.contextHexBytes });
    const matched = window.bytes.subarray(candidate.start - window.windowStart, candidate.end - window.windowStart);
    const matchedHex = Buffer.from(matched.buffer, matched.byteOffset, matched.byteLength).toString('hex');
    const { line, column } = lines.locate(candidate.start);
    pending.push({ chain, needle: candidate.needle, start: candidate.start, end: candidate.end, matchedHex, line, column, context, confidence, reasons });
  };

  let objectBytes = 0;
  const tapped = tap(
    source,
    (chunk) => {
      if (!searchRaw) {
        objectBytes += chunk.length;
        return true;
      }
      if (depth > 0) {
        state.expandedBytes += chunk.length;
        if (state.expandedBytes > options.maxExpandedBytes && !state.stopped) {
          state.stopped = true;
          problem('limit', `expanded bytes limit reached (${options.maxExpandedBytes} bytes below this input); nothing more inside this input was opened (the input itself was still scanned raw)`, objectBytes);
        }
        if (state.stopped) return false;
        if (place.compressedBytes !== undefined && objectBytes + chunk.length > ratioCheckFromBytes) {
          const ratio = (objectBytes + chunk.length) / Math.max(1, place.compressedBytes());
          if (ratio > options.maxExpansionRatio) {
            problem('limit', `expansion ratio limit reached (${Math.round(ratio)}:1 > ${options.maxExpansionRatio}:1 after ${objectBytes} bytes): the rest of this stream was not decompressed`, objectBytes);
            return false;
          }
        }
      }
      if (!state.stopped && Date.now() > scope.deadline) {
        state.stopped = true;
        problem('limit', `time limit reached (${options.maxSecondsPerInput} s per input); nothing more inside this input was opened`, objectBytes);
      }
      objectBytes += chunk.length;
      if (depth === 0) scope.report?.(chain, objectBytes);
      hash.update(chunk);
      lines.push(chunk);
      if (carving) {
        const before = carver.candidates.length;
        carver.push(chunk);
        if (place.backing === undefined && spill === undefined && carver.candidates.length > before) {
          const first = carver.candidates[before]!;
          spill = scope.temp.startSpill(first.offset, carver.bytesSince(first.offset));
        } else spill?.write(chunk);
      }
      searcher.push(chunk, onCandidate);
      lines.forget(objectBytes);
      return true;
    },
    (error) => problem(errorKind(error), messageOf(error), objectBytes),
  );

  const head = await tapped.peek(Math.max(maxHeadLength, maxViewHeadLength, textSniffBytes));
  const detected = state.stopped ? undefined : detectAt(head);
  // Inside an archive or a stream format that fills the object, carving would only find its members again.
  if (detected !== undefined && detected.length === undefined) carving = false;
  const verbatim: { start: number; end: number }[] = [];
  let childBytes = 0;
  const viewHits: Omit<Hit, 'objectSha256'>[] = [];
  let viewFormat: string | undefined;
  let reportedLength: number | undefined;
  if (detected !== undefined && depth >= options.maxDepth) {
    problem('limit', `nesting depth limit ${options.maxDepth} reached: ${detected.handler.id} at this level was scanned raw but not opened`);
  } else if (detected !== undefined) {
    const handler = detected.handler;
    const controller = new AbortController();
    let entries = 0;
    try {
      const children = handler.open(
        {
          stream: tapped.view,
          file: () => (place.backing !== undefined ? Promise.resolve(place.backing) : scope.temp.spill(tapped.view)),
          randomAccess: place.backing !== undefined,
        },
        {
          problem: (kind, message, offset) => problem(kind, message, offset),
          setLength: (length) => {
            reportedLength = length;
          },
          signal: controller.signal,
        },
      );
      for await (const child of children) {
        if (state.stopped) break;
        if (++entries > options.maxEntriesPerContainer) {
          problem('limit', `entries limit reached (${options.maxEntriesPerContainer} members): the remaining members of this ${handler.id} were scanned raw only`);
          break;
        }
        const slice = child.verbatim;
        if (slice !== undefined) verbatim.push(slice);
        const result = await scanObject(child.stream, {
          chain: [...chain, child.link],
          depth: depth + 1,
          ...(slice !== undefined && place.backing !== undefined
            ? { backing: { path: place.backing.path, offset: place.backing.offset + slice.start, size: slice.end - slice.start } }
            : {}),
          ...(slice !== undefined && place.inputOffset !== undefined ? { inputOffset: place.inputOffset + slice.start } : {}),
          ...(handler.kind === 'compression' ? { compressedBytes: () => objectBytes } : {}),
        }, scope);
        childBytes += result.length;
      }
    } catch (error) {
      problem(errorKind(error), messageOf(error), (error as InputError).offset);
    } finally {
      controller.abort();
    }
  } else if (!state.stopped) {
    const view = detectView(head);
    if (view !== undefined) {
      viewFormat = view.id;
      await searchView(view, tapped.view, scope, problem, (hit) => viewHits.push({ ...hit, chain }));
    }
  }
  if (!searchRaw) return finishOpenOnly(place, scope, { format: detected?.handler.id ?? 'raw', problemsBefore, childBytes, bytesRead: objectBytes, reportedLength, verbatim }, tapped);
  await tapped.drain();
  searcher.end(onCandidate);
  spill?.close();

  const objectLength = objectBytes;
  state.bytesScanned += objectLength;
  const objectSha256 = hash.digest('hex');

  if (carving && !state.stopped) {
    const coveredUntil = detected === undefined ? 0 : (detected.length ?? reportedLength ?? objectBytes);
    if (carver.overflowed) problem('limit', `more than ${carver.candidates.length} signature candidates: carving stopped after them`);
    const window = place.backing ?? spill?.window;
    if (window !== undefined) await carveChunks(carver.candidates, window, spill?.base ?? 0, Math.min(objectLength, objectBytes), coveredUntil, place, scope, verbatim);
  }

  const text = !head.subarray(0, textSniffBytes).includes(0);
  const raw = dropUtf16Twins(pending, utf16ByteOrderMark(head));
  // A term found in the view where the raw search found it too is one finding: the raw one.
  const seenRaw = new Set(raw.map((hit) => `${hit.needle.term.id}\u0000${hit.start}`));
  for (const hit of [...raw, ...viewHits.filter((hit) => !seenRaw.has(`${hit.needle.term.id}\u0000${hit.start}`))]) {
    // A hit inside a stored member or a carved chunk is that object's hit, found again with the fuller chain.
    if (verbatim.some((range) => hit.start >= range.start && hit.end <= range.end)) continue;
    const { line, column, ...rest } = hit;
    state.hits.push({ ...rest, ...(text && line !== undefined ? { line, column } : {}), objectSha256 });
  }
  if (place.inputOffset !== undefined) {
    state.layers.push({ chain, format: detected?.handler.id ?? viewFormat ?? 'raw', start: place.inputOffset, end: place.inputOffset + objectLength });
  }
  return { sha256: objectSha256, length: objectLength, verbatim, rejected: false };
}

/**
 * Ends an open-only chunk: stops reading its window, decides its extent (the handler's
 * `setLength`, else what it read), and drops the problems of a chunk that produced nothing:
 * random bytes that happen to look like a gzip or tar header are not a corrupt input.
 */
async function finishOpenOnly(
  place: Place,
  scope: Scope,
  chunk: { readonly format: string; readonly problemsBefore: number; readonly childBytes: number; readonly bytesRead: number; readonly reportedLength: number | undefined; readonly verbatim: readonly { start: number; end: number }[] },
  tapped: Tapped,
): Promise<ObjectResult> {
  await tapped.close();
  const failed = scope.state.problems.length > chunk.problemsBefore;
  // Random bytes behind a chance signature decode to a little garbage before failing (an lzma
  // "distance before the start"); a real stream that breaks has usually produced more first.
  if (failed && chunk.childBytes < carvedFailureMinimumBytes) {
    scope.state.problems.splice(chunk.problemsBefore);
    scope.state.rejectedCarves++;
    return { sha256: '', length: 0, verbatim: [], rejected: true };
  }
  const length = Math.min(chunk.reportedLength ?? chunk.bytesRead, place.backing?.size ?? Infinity);
  const sha256 = place.backing === undefined ? '' : await hashWindow({ ...place.backing, size: length });
  if (place.inputOffset !== undefined) scope.state.layers.push({ chain: place.chain, format: chunk.format, start: place.inputOffset, end: place.inputOffset + length });
  return { sha256, length, verbatim: chunk.verbatim, rejected: false };
}

/**
 * Renders `view` from the object's bytes and searches the text with the same automaton. Only
 * UTF-8 needles apply (a view's text is UTF-8); each verified hit is mapped back to the raw
 * bytes it came from and reported with form `text-view` and the document's charset.
 */
async function searchView(
  view: TextView,
  input: AsyncIterable<Uint8Array>,
  scope: Scope,
  problem: (kind: Problem['kind'], message: string, offset?: number) => void,
  onHit: (hit: Omit<Hit, 'objectSha256' | 'chain'>) => void,
): Promise<void> {
  const { matcher, options } = scope;
  const searcher = createSearcher(matcher.automaton, matcher.needles, { lookBehind: windowBytes, lookAhead: windowBytes });
  const map = new TextMap(2 * windowBytes + matcher.automaton.maxNeedleLength);
  let charset: Encoding = 'utf-8';
  const onCandidate = (candidate: Candidate, window: Window) => {
    if (candidate.needle.encoding !== 'utf-8' || candidate.needle.form !== 'raw') return;
    const verdict = verifyCandidate(candidate, window);
    if (!verdict.ok) {
      scope.state.rejectedCandidates++;
      return;
    }
    const { confidence, reasons } = scoreConfidence(candidate, window, verdict);
    const context = describeContext(candidate, window, { chars: options.contextChars, hexBytes: options.contextHexBytes });
    const matched = window.bytes.subarray(candidate.start - window.windowStart, candidate.end - window.windowStart);
    const { start, end } = map.rawRange(candidate.start, candidate.end);
    onHit({
      needle: candidate.needle,
      start,
      end,
      matchedHex: Buffer.from(matched.buffer, matched.byteOffset, matched.byteLength).toString('hex'),
      view: { form: 'text-view', encoding: charset },
      context,
      confidence,
      reasons: [...reasons, `view:${view.id}`],
    });
  };
  let textEnd = 0;
  try {
    for await (const chunk of view.render(input, { problem: (kind, message, offset) => problem(kind, `${view.id}: ${message}`, offset), setCharset: (value) => (charset = value) })) {
      textEnd += chunk.text.length;
      map.add(chunk.segments, textEnd);
      searcher.push(chunk.text, onCandidate);
      map.forget(textEnd);
    }
  } catch (error) {
    problem(errorKind(error), `${view.id}: ${messageOf(error)}`, (error as InputError).offset);
  }
  searcher.end(onCandidate);
}

/**
 * Opens each validated candidate as a child object `{ format: 'carve', offset }`, in offset
 * order, skipping candidates inside a chunk already opened. `window` holds the object's bytes
 * from object offset `base` (0 unless the object was spilled from its first candidate on).
 */
async function carveChunks(
  candidates: readonly CarveCandidate[],
  window: FileWindow,
  base: number,
  objectLength: number,
  coveredUntil: number,
  place: Place,
  scope: Scope,
  verbatim: { start: number; end: number }[],
): Promise<void> {
  const ordered = [...candidates].sort((a, b) => a.offset - b.offset);
  const reader = await openWindow(window, 'carve');
  try {
    let covered = coveredUntil;
    for (const candidate of ordered) {
      if (scope.state.stopped) return;
      if (candidate.offset < covered || candidate.offset < base || candidate.offset >= objectLength) continue;
      const available = objectLength - candidate.offset;
      const head = await reader.read(candidate.offset - base, Math.min(candidate.handler.headLength, available));
      const detection = candidate.handler.detect(head);
      if (!detection.ok || (detection.length !== undefined && detection.length > available)) {
        scope.state.rejectedCarves++;
        continue;
      }
      if (place.depth >= scope.options.maxDepth) {
        scope.state.problems.push({ kind: 'limit', chain: place.chain, offset: candidate.offset, message: `nesting depth limit ${scope.options.maxDepth} reached: ${candidate.handler.id} at 0x${candidate.offset.toString(16)} was scanned raw but not carved` });
        return;
      }
      const chunk: FileWindow = { path: window.path, offset: window.offset + candidate.offset - base, size: detection.length ?? available };
      const result = await scanObject(windowSlice(chunk, 0, chunk.size), {
        chain: [...place.chain, { format: 'carve', offset: candidate.offset }],
        depth: place.depth + 1,
        backing: chunk,
        ...(place.inputOffset !== undefined ? { inputOffset: place.inputOffset + candidate.offset } : {}),
        ...(detection.length === undefined ? { openOnly: true } : {}),
      }, scope);
      if (result.rejected) continue;
      scope.state.carvedChunks++;
      // A chunk searched raw on its own owns its hits; an open-only chunk owns only its stored members'.
      if (detection.length !== undefined) verbatim.push({ start: candidate.offset, end: candidate.offset + detection.length });
      else for (const range of result.verbatim) verbatim.push({ start: candidate.offset + range.start, end: candidate.offset + range.end });
      covered = candidate.offset + result.length;
    }
  } finally {
    await reader.close();
  }
}

async function hashWindow(window: FileWindow): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of windowSlice(window, 0, window.size)) hash.update(chunk);
  return hash.digest('hex');
}

/** Input errors keep their kind, system I/O errors (they carry an errno `code`) are `io`, anything else is a bug. */
function errorKind(error: unknown): Problem['kind'] {
  if (error instanceof InputError) return error.kind;
  return typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string' && (error as NodeJS.ErrnoException).syscall !== undefined ? 'io' : 'internal';
}

interface Tapped {
  /** Reads ahead until `length` bytes are buffered (or the stream ends) and returns them without consuming. */
  peek(length: number): Promise<Uint8Array>;
  /** The stream for a handler: reading it feeds `onChunk`; its `return()` leaves the source open. */
  readonly view: AsyncIterable<Uint8Array>;
  /** Reads whatever the handler left, so every byte reaches `onChunk`. */
  drain(): Promise<void>;
  /** Stops reading: the source is closed and nothing more reaches `onChunk`. */
  close(): Promise<void>;
}

/**
 * Wraps a source so that each chunk passes `onChunk` exactly once, in order, whoever reads it.
 * A source error is reported through `onError` and ends the stream: what came before it has
 * been scanned, and readers see a short stream rather than an exception.
 */
function tap(source: AsyncIterable<Uint8Array>, onChunk: (chunk: Uint8Array) => boolean, onError: (error: unknown) => void): Tapped {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let ended = false;
  const pull = async (): Promise<Uint8Array | undefined> => {
    if (ended) return undefined;
    try {
      const next = await iterator.next();
      if (next.done === true || !onChunk(next.value)) {
        ended = true;
        await iterator.return?.();
        return undefined;
      }
      return next.value;
    } catch (error) {
      ended = true;
      onError(error);
      return undefined;
    }
  };
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const chunk = buffered.shift() ?? (await pull());
    return chunk === undefined ? { done: true, value: undefined } : { done: false, value: chunk };
  };
  return {
    async peek(length) {
      let total = buffered.reduce((sum, chunk) => sum + chunk.length, 0);
      while (total < length) {
        const chunk = await pull();
        if (chunk === undefined) break;
        buffered.push(chunk);
        total += chunk.length;
      }
      return Buffer.concat(buffered).subarray(0, length);
    },
    view: { [Symbol.asyncIterator]: () => ({ next, return: async () => ({ done: true, value: undefined }) }) },
    async drain() {
      while (!(await next()).done);
    },
    async close() {
      if (ended) return;
      ended = true;
      await iterator.return?.();
    },
  };
}

/** An object's bytes from `base` on, written to a private file as they stream past, for carving after the object ends. */
interface Spill {
  readonly base: number;
  readonly window: FileWindow;
  write(chunk: Uint8Array): void;
  close(): void;
}

/** A private directory (mode 0700) for spilled objects; names inside it never come from the input. */
class TempDir {
  #path: string | undefined;
  #count = 0;

  #nextPath(): string {
    this.#path ??= mkdtempSyncPrivate();
    return join(this.#path, `spill-${this.#count++}.bin`);
  }

  /** Spills a whole stream (a random-access container met inside a stream). */
  async spill(stream: AsyncIterable<Uint8Array>): Promise<FileWindow> {
    const path = this.#nextPath();
    let size = 0;
    await pipeline(
      (async function* () {
        for await (const chunk of stream) {
          size += chunk.length;
          yield chunk;
        }
      })(),
      createWriteStream(path, { mode: 0o600 }),
    );
    return { path, offset: 0, size };
  }

  /** Starts a synchronous spill of an object from `base`, beginning with `first` (the bytes already seen from there). */
  startSpill(base: number, first: Uint8Array): Spill {
    const path = this.#nextPath();
    const fd = openSync(path, 'w', 0o600);
    let size = 0;
    let open = true;
    const write = (chunk: Uint8Array) => {
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
      size += chunk.length;
    };
    write(first);
    return {
      base,
      get window() {
        return { path, offset: 0, size };
      },
      write,
      close() {
        if (open) closeSync(fd);
        open = false;
      },
    };
  }

  async remove(): Promise<void> {
    if (this.#path !== undefined) await rm(this.#path, { recursive: true, force: true });
  }
}

function mkdtempSyncPrivate(): string {
  // mkdtemp creates the directory with mode 0700.
  return mkdtempSync(join(tmpdir(), 'fwsift-'));
}
