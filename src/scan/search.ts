/**
 * The search visitor: every object the walker hands over is searched raw as its bytes stream
 * past (one automaton, every encoding and form) and, when a text view renders it, as text too.
 * Each candidate is verified and scored; at the object's end its hits are kept unless a child
 * owns their bytes (the child reports them, with the fuller chain), UTF-16 twins are dropped,
 * and a term found both raw and in the view at the same place is one finding, the raw one.
 *
 * Floods are bounded: per object and term the first `maxFindingsPerTerm` hits are kept in full,
 * the offsets of the next ones are listed (up to `maxListedOffsets`) on the last full finding,
 * and beyond that they are only counted. Memory: O(kept hits × context), never O(object).
 * A needle whose hits come faster than the hit-rate limit (hit-rate.ts) is only counted from
 * then on in that object, and the object gets a `limit` problem.
 */
import type { ChainLink, Confidence, Encoding, Problem, TextSources } from '../core/types.js';
import { hitEvidence } from '../evidence/hit-evidence.js';
import { LineTracker } from '../evidence/lines.js';
import { dropUtf16Twins, utf16ByteOrderMark } from '../evidence/utf16-twins.js';
import type { Automaton } from '../match/automaton.js';
import { MatchLog, type FoundMatches } from '../match/match-log.js';
import { createSearcher } from '../match/searcher.js';
import type { Candidate, Window } from '../match/types.js';
import { verifyCandidate } from '../match/verify.js';
import type { Needle } from '../patterns/types.js';
import { TextMap } from '../text/text-map.js';
import type { TextChunk } from '../text/types.js';
import type { CompiledSignatures, SignatureFeed } from '../walk/carve.js';
import type { ByteRange, ObjectEnd, ObjectVisit, ViewInfo, Visitor, VisitorRecorder, WalkObject } from '../walk/types.js';
import { searchRecorder } from './search-recorder.js';
import { HitRate, defaultHitRateLimits, type HitRateLimits } from './hit-rate.js';
import { sourceOf, type HitSource } from './text-source.js';

/** Bytes of context the searcher keeps on each side of a hit, for verification and evidence. */
const windowBytes = 256;
/** Bytes at an object's start checked for NUL to decide whether lines and columns mean anything. */
const textSniffBytes = 4096;
/**
 * The shortest inside of a child's range that a parent skips (`ObjectSearch.owned`): working the
 * automaton's state out again after a skip scans `maxNeedleLength - 1` bytes, and a member of a
 * few KiB is not worth splitting the parent's chunks for.
 */
const minSkippedBytes = 64 * 1024;
/** Offsets listed per object and term beyond the hits kept in full. */
export const maxListedOffsets = 10_000;

export interface Matcher {
  readonly automaton: Automaton;
  readonly needles: readonly Needle[];
  /**
   * The carver's signatures, compiled into `automaton` as its extra patterns (`signaturePatterns`):
   * the raw search hands their hits to the walker, whose carver then makes no pass of its own.
   */
  readonly signatures?: CompiledSignatures;
}

/** Further occurrences of a finding's term in the same object, not reported in full. */
export interface MoreHits {
  readonly count: number;
  readonly offsets: readonly number[];
}

/** A verified hit, before the report gives it an id. */
export interface Hit {
  readonly chain: readonly ChainLink[];
  readonly needle: Needle;
  readonly start: number;
  readonly end: number;
  /** The bytes matched; for a text-view hit, the UTF-8 text matched. */
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
  readonly more?: MoreHits;
  /** For a hit in derived text (PDF page text): the sibling bytes that drew it. */
  readonly source?: HitSource;
}

type PendingHit = Omit<Hit, 'objectSha256' | 'chain'>;

export interface SearchSettings {
  readonly contextChars: number;
  readonly contextHexBytes: number;
  readonly maxFindingsPerTerm: number;
}

export class SearchVisitor implements Visitor {
  readonly hits: Hit[] = [];
  /** `limit` problems of objects whose hits of some needle came too fast to verify. */
  readonly problems: Problem[] = [];
  rejectedCandidates = 0;
  /** Lets a run's memo replay a container's subtree instead of walking it again. */
  readonly recorder: VisitorRecorder = searchRecorder(this);

  constructor(
    readonly matcher: Matcher,
    readonly settings: SearchSettings,
    readonly hitRateLimits: HitRateLimits = defaultHitRateLimits,
  ) {}

  /** Records the hit-rate problems of one object (raw search or text view). */
  reportRate(chain: readonly ChainLink[], rate: HitRate): void {
    for (const problem of rate.problems(this.matcher.needles)) this.problems.push({ kind: 'limit', chain, ...problem });
  }

  enter(object: WalkObject): ObjectVisit {
    // A borrowed chunk's bytes were searched with its parent: it is only opened.
    if (object.borrowed) return {};
    // A verbatim slice of an object searched as a stream takes the automaton's matches its parent found there.
    const parent = object.within?.visit;
    return new ObjectSearch(object.chain, this, object.sources, parent instanceof ObjectSearch ? parent.matchesAt(object.within!.offset) : undefined);
  }
}

class ObjectSearch implements ObjectVisit, Partial<SignatureFeed> {
  readonly #searcher;
  readonly #lines;
  readonly #raw: HitList;
  readonly #rate: HitRate;
  #view: ViewSearch | undefined;
  #position = 0;
  readonly signatures: CompiledSignatures | undefined;
  #signatureHits: number[] = [];
  /**
   * Rejected candidates of the raw search and of the text view alike, counted into the owner at
   * the end, with the object's hits: a memoised subtree (walk/subtree-memo.ts) then records only
   * its own objects' counts, even when the walker hands this object's view text over while a
   * child's subtree is being walked.
   */
  #rejected = 0;
  readonly #onRejected = () => {
    this.#rejected++;
  };

  readonly #log = new MatchLog();
  /** Insides of the ranges its children searched, sorted and apart (`owned`); `#nextSkip` the first not yet passed. */
  #skips: ByteRange[] = [];
  #nextSkip = 0;

  constructor(
    readonly chain: readonly ChainLink[],
    readonly owner: SearchVisitor,
    readonly sources?: TextSources,
    found?: FoundMatches,
  ) {
    const { automaton, needles } = owner.matcher;
    this.#searcher = createSearcher(automaton, needles, { lookBehind: windowBytes, lookAhead: windowBytes, log: this.#log, ...(found === undefined ? {} : { found }) });
    this.#lines = new LineTracker(windowBytes + automaton.maxNeedleLength);
    this.#raw = new HitList(owner.settings.maxFindingsPerTerm);
    this.signatures = owner.matcher.signatures;
    this.#rate = new HitRate(owner.hitRateLimits);
  }

  readonly #onSignature = (index: number, _start: number, end: number) => {
    this.#signatureHits.push(index, end);
  };

  /** The automaton's matches in this object's recent bytes, as a verbatim child at `offset` sees them. */
  matchesAt(offset: number): FoundMatches {
    return this.#log.at(offset);
  }

  takeSignatureHits(): number[] {
    const hits = this.#signatureHits;
    this.#signatureHits = [];
    return hits;
  }

  readonly #onCandidate = (candidate: Candidate, window: Window) => {
    if (!this.#rate.verify(candidate.needle, candidate.start, this.#position)) return;
    const hit = verifiedHit(candidate, window, this.owner, this.#onRejected, () => this.#raw.admit(candidate.needle.term.id, candidate.start));
    if (hit !== undefined) this.#raw.add({ ...hit, ...this.#lines.locate(candidate.start) });
  };

  /**
   * A hit wholly inside a range a child owns is the child's (`end` drops it), so the inside of
   * each range, all but its first and last `maxNeedleLength - 1` bytes, is neither searched nor
   * verified when it streams past: a member of a tar read as a stream is searched once, as the
   * member, and so are a zip's stored members read from the file. Hits across a range's edge
   * are still found, with the same windows. Short insides are searched (working the state out
   * again costs about as much). Bytes already streamed are not searched again.
   */
  owned(ranges: readonly ByteRange[]): void {
    const margin = this.owner.matcher.automaton.maxNeedleLength - 1;
    const insides = ranges
      .map((range) => ({ start: Math.max(range.start + margin, this.#position), end: range.end - margin }))
      .filter((inside) => inside.end - inside.start >= minSkippedBytes);
    if (insides.length === 0) return;
    const last = this.#skips.at(-1);
    if (insides.length === 1 && (last === undefined || insides[0]!.start > last.end)) {
      // A member after the last one: the usual call, one per member, in order.
      this.#skips.push(insides[0]!);
      return;
    }
    // Otherwise (the drain's call with every range again) what is still ahead is sorted and joined
    // once. Overlapping insides are joined: a match that ends in either lies inside one owned range.
    const ahead = [...this.#skips.slice(this.#nextSkip), ...insides].sort((a, b) => a.start - b.start);
    const joined: ByteRange[] = [];
    for (const inside of ahead) {
      const previous = joined.at(-1);
      if (previous !== undefined && inside.start <= previous.end) joined[joined.length - 1] = { start: previous.start, end: Math.max(previous.end, inside.end) };
      else joined.push(inside);
    }
    this.#skips = joined;
    this.#nextSkip = 0;
  }

  bytes(chunk: Uint8Array): void {
    const chunkStart = this.#position;
    this.#position += chunk.length;
    this.#lines.push(chunk);
    const onSignature = this.signatures === undefined ? undefined : this.#onSignature;
    for (let at = 0; at < chunk.length; ) {
      while (this.#nextSkip < this.#skips.length && this.#skips[this.#nextSkip]!.end <= chunkStart + at) this.#nextSkip++;
      const skip = this.#skips[this.#nextSkip];
      const searchUntil = skip === undefined ? chunk.length : Math.min(chunk.length, Math.max(at, skip.start - chunkStart));
      if (searchUntil > at) {
        this.#searcher.push(at === 0 && searchUntil === chunk.length ? chunk : chunk.subarray(at, searchUntil), this.#onCandidate, onSignature);
        at = searchUntil;
        continue;
      }
      const skipUntil = Math.min(chunk.length, skip!.end - chunkStart);
      this.#searcher.skip(chunk.subarray(at, skipUntil), this.#onCandidate);
      at = skipUntil;
    }
    this.#lines.forget(this.#position);
  }

  text(chunk: TextChunk, view: ViewInfo): void {
    this.#view ??= new ViewSearch(this.owner, this.chain, this.#onRejected);
    this.#view.push(chunk, view);
  }

  end(object: ObjectEnd): void {
    this.#searcher.end(this.#onCandidate);
    this.owner.reportRate(this.chain, this.#rate);
    const viewHits = this.#view?.end() ?? [];
    this.owner.rejectedCandidates += this.#rejected;
    const text = !object.head.subarray(0, textSniffBytes).includes(0);
    const raw = dropUtf16Twins(this.#raw.kept(), utf16ByteOrderMark(object.head));
    const seenRaw = new Set(raw.map((hit) => `${hit.needle.term.id}\u0000${hit.start}`));
    const owned = ownedBy(object.owned);
    for (const hit of [...raw, ...viewHits.filter((hit) => !seenRaw.has(`${hit.needle.term.id}\u0000${hit.start}`))]) {
      if (owned(hit.start, hit.end)) continue;
      const { line, column, more, ...rest } = hit;
      const listed = more?.offsets.filter((offset) => !owned(offset, offset + hit.end - hit.start));
      const source = this.sources === undefined ? undefined : sourceOf(this.sources, this.chain, hit.start, hit.end, Buffer.from(hit.matchedHex, 'hex'));
      this.owner.hits.push({
        ...rest,
        ...(source === undefined ? {} : { source }),
        chain: this.chain,
        objectSha256: object.sha256,
        ...(text && line !== undefined ? { line, column } : {}),
        ...(more === undefined || listed === undefined || listed.length + more.count - more.offsets.length === 0 ? {} : { more: { count: more.count - (more.offsets.length - listed.length), offsets: listed } }),
      });
    }
  }
}

/**
 * Renders nothing itself: searches the view's UTF-8 text with the same automaton (only UTF-8
 * raw needles apply) and maps each verified hit back to the raw bytes it came from.
 */
class ViewSearch {
  readonly #searcher;
  readonly #map: TextMap;
  readonly #hits: HitList;
  readonly #rate: HitRate;
  #textEnd = 0;
  #view: ViewInfo = { id: '', charset: 'utf-8' };

  constructor(
    readonly owner: SearchVisitor,
    readonly chain: readonly ChainLink[],
    /** The object's own count of rejected candidates (`ObjectSearch`). */
    readonly onRejected: () => void,
  ) {
    const { automaton, needles } = owner.matcher;
    this.#searcher = createSearcher(automaton, needles, { lookBehind: windowBytes, lookAhead: windowBytes });
    this.#map = new TextMap(2 * windowBytes + automaton.maxNeedleLength);
    this.#hits = new HitList(owner.settings.maxFindingsPerTerm);
    this.#rate = new HitRate(owner.hitRateLimits);
  }

  readonly #onCandidate = (candidate: Candidate, window: Window) => {
    if (candidate.needle.encoding !== 'utf-8' || candidate.needle.form !== 'raw') return;
    const { start, end } = this.#map.rawRange(candidate.start, candidate.end);
    if (!this.#rate.verify(candidate.needle, start, this.#textEnd)) return;
    const hit = verifiedHit(candidate, window, this.owner, this.onRejected, () => this.#hits.admit(candidate.needle.term.id, start));
    if (hit === undefined) return;
    this.#hits.add({ ...hit, start, end, view: { form: 'text-view', encoding: this.#view.charset }, reasons: [...hit.reasons, `view:${this.#view.id}`] });
  };

  push(chunk: TextChunk, view: ViewInfo): void {
    this.#view = view;
    this.#textEnd += chunk.text.length;
    this.#map.add(chunk.segments, this.#textEnd);
    this.#searcher.push(chunk.text, this.#onCandidate);
    this.#map.forget(this.#textEnd);
  }

  end(): PendingHit[] {
    this.#searcher.end(this.#onCandidate);
    this.owner.reportRate(this.chain, this.#rate);
    return this.#hits.kept();
  }
}

/** The candidate as a scored hit with its context, if it verifies and `admit` wants it in full (scoring is the costly part). */
function verifiedHit(candidate: Candidate, window: Window, owner: SearchVisitor, onRejected: () => void, admit: () => boolean): PendingHit | undefined {
  const verdict = verifyCandidate(candidate, window);
  if (!verdict.ok) {
    onRejected();
    return undefined;
  }
  if (!admit()) return undefined;
  const { confidence, reasons, context } = hitEvidence(candidate, window, verdict, { chars: owner.settings.contextChars, hexBytes: owner.settings.contextHexBytes });
  const matched = window.bytes.subarray(candidate.start - window.windowStart, candidate.end - window.windowStart);
  const matchedHex = Buffer.from(matched.buffer, matched.byteOffset, matched.byteLength).toString('hex');
  return { needle: candidate.needle, start: candidate.start, end: candidate.end, matchedHex, context, confidence, reasons };
}

/**
 * Whether `[start, end)` lies inside one of `ranges`, in O(log n) a query: some range starting at
 * or before `start` reaches `end` exactly when the furthest end among those ranges does. (A tar
 * of thousands of members has thousands of ranges and up to a hundred kept hits per term.)
 */
function ownedBy(ranges: readonly ByteRange[]): (start: number, end: number) => boolean {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const furthest: number[] = [];
  for (const range of sorted) furthest.push(Math.max(range.end, furthest.at(-1) ?? -Infinity));
  return (start, end) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]!.start <= start) low = middle + 1;
      else high = middle;
    }
    return low > 0 && furthest[low - 1]! >= end;
  };
}

/** Hits of one object, bounded per term: the first ones in full, then offsets, then a count. */
class HitList {
  readonly #full: PendingHit[] = [];
  readonly #perTerm = new Map<string, { kept: number; last?: number; more: number[]; count: number }>();

  constructor(readonly maxPerTerm: number) {}

  /** True when a hit of `termId` at `start` is to be kept in full; otherwise it is listed or counted. */
  admit(termId: string, start: number): boolean {
    const entry = this.#perTerm.get(termId) ?? { kept: 0, more: [], count: 0 };
    this.#perTerm.set(termId, entry);
    if (entry.kept < this.maxPerTerm) return true;
    entry.count++;
    if (entry.more.length < maxListedOffsets) entry.more.push(start);
    return false;
  }

  add(hit: PendingHit): void {
    const entry = this.#perTerm.get(hit.needle.term.id)!;
    entry.kept++;
    entry.last = this.#full.length;
    this.#full.push(hit);
  }

  kept(): PendingHit[] {
    const hits = [...this.#full];
    for (const entry of this.#perTerm.values()) {
      if (entry.count === 0 || entry.last === undefined) continue;
      hits[entry.last] = { ...hits[entry.last]!, more: { count: entry.count, offsets: entry.more } };
    }
    return hits;
  }
}
