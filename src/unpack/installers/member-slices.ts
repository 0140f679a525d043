/**
 * Members laid out in one decoded stream (a CAB folder, a 7z folder, an NSIS solid block):
 * each member is the range `[start, start + size)` of the stream. The stream is decoded once,
 * front to back; members are handed out in `start` order as `MemberBody` streams, and the gaps
 * between them are skipped. A member that starts before the previous one ended (overlapping
 * or duplicated ranges, which only a hostile archive writes) would need a second decode: it is
 * reported `corrupt` and left out, so a crafted table cannot make the decode quadratic.
 *
 * Memory: what `ByteReader` holds (one decoded piece).
 */
import { ByteReader, MemberBody } from '../byte-reader.js';
import { InputError, type ChainLink, type Child, type OpenContext } from '../types.js';

export interface MemberSlice {
  readonly link: ChainLink;
  /** Offset of the member's first byte in the decoded stream. */
  readonly start: number;
  readonly size: number;
  /** How a problem names the member (`cab: member "a.txt"`). */
  readonly label: string;
  /** Set when the member's bytes are also `[start, end)` of the container itself (stored, uncompressed). */
  readonly verbatim?: { readonly start: number; readonly end: number };
}

/**
 * Yields one child per slice, in `start` order. A decode error surfaces in the child being
 * read (the walker records it on that member); members after the end of the decoded data are
 * `corrupt` problems on the container.
 */
export async function* sliceMembers(decoded: AsyncIterable<Uint8Array>, slices: readonly MemberSlice[], ctx: OpenContext): AsyncGenerator<Child> {
  const reader = new ByteReader(decoded);
  const ordered = [...slices].sort((a, b) => a.start - b.start || a.size - b.size);
  let ended = false;
  for (const slice of ordered) {
    if (ended) {
      ctx.problem('corrupt', `${slice.label}: the decoded data ends before its start at ${slice.start}`, slice.link.offset);
      continue;
    }
    if (slice.start < reader.position) {
      ctx.problem('corrupt', `${slice.label}: starts at ${slice.start}, inside the member before it (ends at ${reader.position}); not opened`, slice.link.offset);
      continue;
    }
    const gap = slice.start - reader.position;
    if ((await reader.skip(gap)) < gap) {
      ended = true;
      ctx.problem('corrupt', `${slice.label}: the decoded data ends before its start at ${slice.start}`, slice.link.offset);
      continue;
    }
    const body = new MemberBody(reader, slice.size, (got) => new InputError('corrupt', `${slice.label}: the decoded data ends after ${got} of ${slice.size} bytes`));
    yield { link: slice.link, stream: body.stream, size: slice.size, ...(slice.verbatim === undefined ? {} : { verbatim: slice.verbatim }) };
    if (!(await body.finish())) {
      ended = true;
      if (!body.reported) ctx.problem('corrupt', `${slice.label}: the decoded data ends after ${body.delivered} of ${slice.size} bytes`, slice.link.offset);
    }
  }
}
