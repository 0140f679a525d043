/**
 * The recursive driver for one input: every object (the input file, each archive member,
 * each decompressed stream) is searched raw as its bytes flow past, and, when a handler
 * recognises it, opened into children that are scanned the same way, depth first.
 *
 * Consumption contract: a handler reads its node's bytes through a view whose early
 * `return()` does not close the underlying stream; whatever the handler leaves unread is
 * drained afterwards, so every byte of every object is searched raw exactly once.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describeContext } from '../evidence/context.js';
import { scoreConfidence } from '../evidence/confidence.js';
import { dropUtf16Twins, utf16ByteOrderMark } from '../evidence/utf16-twins.js';
import type { Automaton } from '../match/automaton.js';
import { createSearcher } from '../match/searcher.js';
import type { Candidate, Window } from '../match/types.js';
import { verifyCandidate } from '../match/verify.js';
import type { Needle } from '../patterns/types.js';
import type { Confidence } from '../report/types.js';
import { detectFormat, maxHeadLength } from '../unpack/index.js';
import { InputError, type ChainLink, type Child, type FileWindow, type Problem } from '../unpack/types.js';
import { messageOf } from '../unpack/streams.js';
import type { ScanOptions } from './options.js';

/** Bytes of context the searcher keeps on each side of a hit, for verification and evidence. */
const windowBytes = 256;

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
  /** The bytes matched (they differ from the needle's only by ASCII case, for case-folded terms). */
  readonly matchedHex: string;
  readonly objectSha256: string;
  readonly context: { readonly before: string; readonly after: string; readonly hex: string };
  readonly confidence: Confidence;
  readonly reasons: readonly string[];
}

/** What one input's scan accumulates; mutable only inside this module. */
export interface InputScan {
  readonly problems: Problem[];
  readonly hits: Hit[];
  bytesScanned: number;
  objects: number;
  expandedBytes: number;
  rejectedCandidates: number;
  /** Set when a limit stops the whole input: no further objects are opened or read. */
  stopped: boolean;
}

interface Scope {
  readonly matcher: Matcher;
  readonly options: ScanOptions;
  readonly state: InputScan;
  readonly temp: TempDir;
}

/** Scans one input file (already opened as `stream`) and everything inside it. */
export async function scanInput(
  stream: AsyncIterable<Uint8Array>,
  file: { readonly path: Buffer; readonly size: number },
  matcher: Matcher,
  options: ScanOptions,
): Promise<{ readonly state: InputScan; readonly sha256: string }> {
  const state: InputScan = { problems: [], hits: [], bytesScanned: 0, objects: 0, expandedBytes: 0, rejectedCandidates: 0, stopped: false };
  const temp = new TempDir();
  try {
    const sha256 = await scanObject(stream, [], 0, { matcher, options, state, temp }, { path: file.path, offset: 0, size: file.size });
    return { state, sha256 };
  } finally {
    await temp.remove();
  }
}

async function scanObject(
  source: AsyncIterable<Uint8Array>,
  chain: readonly ChainLink[],
  depth: number,
  scope: Scope,
  backingFile?: FileWindow,
): Promise<string> {
  const { state, options } = scope;
  state.objects++;
  const problem = (kind: Problem['kind'], message: string, offset?: number) =>
    state.problems.push({ kind, chain, message, ...(offset === undefined ? {} : { offset }) });

  const hash = createHash('sha256');
  const searcher = createSearcher(scope.matcher.automaton, scope.matcher.needles, { lookBehind: windowBytes, lookAhead: windowBytes });
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
    pending.push({ chain, needle: candidate.needle, start: candidate.start, end: candidate.end, matchedHex, context, confidence, reasons });
  };

  let objectBytes = 0;
  const tapped = tap(source, (chunk) => {
    if (depth > 0) {
      state.expandedBytes += chunk.length;
      if (state.expandedBytes > options.maxExpandedBytes && !state.stopped) {
        state.stopped = true;
        problem('limit', `expanded bytes limit reached (${options.maxExpandedBytes} bytes below this input); nothing more inside this input was opened (the input itself was still scanned raw)`, objectBytes);
      }
      if (state.stopped) return false;
    }
    objectBytes += chunk.length;
    hash.update(chunk);
    searcher.push(chunk, onCandidate);
    return true;
  }, (error) => problem(errorKind(error), messageOf(error), objectBytes));

  const head = await tapped.peek(maxHeadLength);
  const handler = state.stopped ? undefined : detectFormat(head);
  const verbatim: { start: number; end: number }[] = [];
  if (handler !== undefined && depth >= options.maxDepth) {
    problem('limit', `nesting depth limit ${options.maxDepth} reached: ${handler.id} at this level was scanned raw but not opened`);
  } else if (handler !== undefined) {
    const controller = new AbortController();
    let entries = 0;
    try {
      const children = handler.open(
        {
          stream: tapped.view,
          file: () => (backingFile !== undefined && depth === 0 ? Promise.resolve(backingFile) : scope.temp.spill(tapped.view)),
        },
        { problem: (kind, message, offset) => problem(kind, message, offset), setLength: () => undefined, signal: controller.signal },
      );
      for await (const child of children) {
        if (state.stopped) break;
        if (++entries > options.maxEntriesPerContainer) {
          problem('limit', `entries limit reached (${options.maxEntriesPerContainer} members): the remaining members of this ${handler.id} were scanned raw only`);
          break;
        }
        if (child.verbatim !== undefined) verbatim.push(child.verbatim);
        await scanChild(child, chain, depth, scope);
      }
    } catch (error) {
      problem(errorKind(error), messageOf(error), (error as InputError).offset);
    } finally {
      controller.abort();
    }
  }
  await tapped.drain();
  searcher.end(onCandidate);
  state.bytesScanned += objectBytes;
  const objectSha256 = hash.digest('hex');
  for (const hit of dropUtf16Twins(pending, utf16ByteOrderMark(head))) {
    // A hit inside a stored member is that member's hit, found again with the fuller chain.
    if (!verbatim.some((range) => hit.start >= range.start && hit.end <= range.end)) state.hits.push({ ...hit, objectSha256 });
  }
  return objectSha256;
}

async function scanChild(child: Child, chain: readonly ChainLink[], depth: number, scope: Scope): Promise<void> {
  const childChain = [...chain, child.link];
  await scanObject(child.stream, childChain, depth + 1, scope);
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
  };
}

/** A private directory (mode 0700) for spilled random-access containers; names inside it never come from the input. */
class TempDir {
  #path: Promise<string> | undefined;
  #count = 0;

  async spill(stream: AsyncIterable<Uint8Array>): Promise<FileWindow> {
    this.#path ??= mkdtemp(join(tmpdir(), 'fwsift-'));
    const path = join(await this.#path, `spill-${this.#count++}.bin`);
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

  async remove(): Promise<void> {
    if (this.#path !== undefined) await rm(await this.#path, { recursive: true, force: true });
  }
}
