/**
 * Helpers shared by the executable and mobile-app handlers, whose formats are tables of offsets
 * into one buffer (PE resources, .NET heaps, string pools, dex, class, qm, mo, bplist): read the
 * object into memory under a bound, and hand each string or resource on as a verbatim slice, so
 * a raw hit in it is reported once, under a chain that names the resource or string.
 */
import { InputError, type Child, type OpenContext, type OpenInput } from '../types.js';

/** A byte range `[start, end)` of the object, named for the chain. */
export interface NamedRange {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The object's bytes, read from its stream. Memory: up to `maxBytes`. Throws `InputError('limit')`
 * when the object is larger (the driver still scans its raw bytes).
 */
export async function readWhole(input: OpenInput, maxBytes: number, what: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of input.stream) {
    total += chunk.length;
    if (total > maxBytes) throw new InputError('limit', `${what} larger than the ${maxBytes}-byte bound for opening it: only its raw bytes were scanned`);
    parts.push(chunk.slice());
  }
  return Buffer.concat(parts, total);
}

/**
 * Keeps ranges in offset order, dropping empty ones, exact duplicates (two names for one blob)
 * and any range overlapping one already kept: overlapping verbatim children would report the
 * same hit twice. Returns the ranges kept and how many overlapped.
 */
export function disjointRanges<T extends NamedRange>(ranges: readonly T[]): { readonly kept: T[]; readonly overlapping: number } {
  const sorted = [...ranges].filter((range) => range.end > range.start).sort((a, b) => a.start - b.start || a.end - b.end || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const kept: T[] = [];
  let overlapping = 0;
  let keptEnd = 0;
  for (const range of sorted) {
    const last = kept.at(-1);
    if (last !== undefined && last.start === range.start && last.end === range.end) continue;
    if (range.start < keptEnd) {
      overlapping++;
      continue;
    }
    kept.push(range);
    keptEnd = range.end;
  }
  return { kept, overlapping };
}

/** A verbatim child: the bytes `[range.start, range.end)` of `bytes`, named `range.path`. */
export function sliceChild(format: string, bytes: Uint8Array, range: NamedRange): Child {
  return {
    link: { format, path: Buffer.from(range.path, 'utf8'), offset: range.start },
    stream: once(bytes.subarray(range.start, range.end)),
    size: range.end - range.start,
    verbatim: { start: range.start, end: range.end },
  };
}

/** A derived child: text decoded from a compact encoding, written as UTF-8 (offsets are in that text). */
export function textChild(format: string, path: string, offset: number, text: string): Child {
  const bytes = Buffer.from(text, 'utf8');
  return { link: { format, path: Buffer.from(path, 'utf8'), offset }, stream: once(bytes), size: bytes.length };
}

export async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * Named children per object at most. Every child costs the driver a full object (detection,
 * hashing, a searcher): a 1 MB dex with 30,000 strings took 45 s as 30,000 children, about
 * 1 s more than a tiny file as 256 groups. Beyond this many, neighbouring ranges are grouped.
 */
export const maxNamedChildren = 256;

/**
 * At most `max` ranges: when there are more, each run of ⌈n / max⌉ neighbours (in offset order)
 * becomes one range from the first's start to the last's end, named `first … last`. The bytes
 * between them (length prefixes, terminators) are the parent's own, so the group is still a
 * verbatim slice; a finding's offset in it tells which string holds it.
 */
export function groupRanges(ranges: readonly NamedRange[], max = maxNamedChildren): NamedRange[] {
  if (ranges.length <= max) return [...ranges];
  const size = Math.ceil(ranges.length / max);
  const groups: NamedRange[] = [];
  for (let at = 0; at < ranges.length; at += size) {
    const first = ranges[at]!;
    const last = ranges[Math.min(at + size, ranges.length) - 1]!;
    groups.push({ path: first === last ? first.path : `${first.path} … ${last.path}`, start: first.start, end: last.end });
  }
  return groups;
}

/**
 * Verbatim children for `ranges`, one per distinct byte range (see `disjointRanges`), grouped
 * beyond `max`; overlaps are a `corrupt` problem.
 */
export function* rangeChildren(format: string, bytes: Uint8Array, ranges: readonly NamedRange[], ctx: OpenContext, max = maxNamedChildren): Generator<Child> {
  const { kept, overlapping } = disjointRanges(ranges);
  // Shared bytes are normal (a deduplicated pool); overlapping but different ranges are not.
  if (overlapping > 0) ctx.problem('corrupt', `${format}: ${overlapping} string(s) overlap another one's bytes; the shared bytes were searched once`);
  for (const range of groupRanges(kept, max)) {
    if (ctx.signal.aborted) return;
    yield sliceChild(format, bytes, range);
  }
}
