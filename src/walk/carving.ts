/**
 * Carved chunks: after an object has streamed past, each signature candidate is validated by
 * its handler's `detect` on the bytes at that offset and walked as a child `{ format: 'carve',
 * offset }`, in offset order, skipping candidates inside a chunk already taken. A chunk whose
 * header states its length is an object of its own (its hits are its own); one whose end only
 * decoding tells is borrowed: its bytes are the parent's, it is only opened, and it ends where
 * its handler's `setLength` says.
 */
import type { FileWindow } from '../core/types.js';
import { openWindow, windowSlice } from '../unpack/file-window.js';
import type { CarveCandidate } from './carve.js';
import { addProblem, addSpillProblem, type ObjectResult, type Place, type Walk } from './context.js';
import type { ObjectReader } from './reader.js';
import type { ByteRange, ObjectVisit } from './types.js';

/** A borrowed chunk that fails having produced fewer bytes than this is a false signature, not a corrupt input. */
const borrowedFailureMinimumBytes = 4096;

/** The object's bytes from object offset `base` on (0 unless spilled from its first candidate), and its extent. */
export interface CarveSpan {
  /** The bytes as a file: asked for only when a chunk is accepted (a held spill is written out then); may throw. */
  readonly window: () => FileWindow;
  /** The bytes when a spill holds them in memory: candidates' heads are read from here, no file is opened to reject them. */
  readonly held?: Uint8Array;
  readonly base: number;
  readonly length: number;
  /** Bytes at the start that the object's own format already covers. */
  readonly coveredUntil: number;
  /** The object's visit: each chunk is a verbatim slice of it (`WalkObject.within`), whose search may take the object's matches. */
  readonly visit: ObjectVisit;
}

/** Walks the accepted chunks; returns the ranges of the object they own. */
export async function carveChunks(candidates: readonly CarveCandidate[], span: CarveSpan, place: Place, walk: Walk): Promise<ByteRange[]> {
  const owned: ByteRange[] = [];
  const ordered = [...candidates].sort((a, b) => a.offset - b.offset);
  let reader: Awaited<ReturnType<typeof openWindow>> | undefined;
  const headAt = async (at: number, length: number) => (span.held !== undefined ? span.held.subarray(at, at + length) : (reader ??= await openWindow(span.window(), 'carve')).read(at, length));
  try {
    let covered = span.coveredUntil;
    for (const candidate of ordered) {
      if (walk.bounds.stopped !== undefined || walk.abandoned) break;
      if (candidate.offset < covered || candidate.offset < span.base || candidate.offset >= span.length) continue;
      const available = span.length - candidate.offset;
      const head = await headAt(candidate.offset - span.base, Math.min(candidate.handler.headLength, available));
      const detection = candidate.handler.detect(head);
      if (!detection.ok || (detection.length !== undefined && detection.length > available)) {
        walk.counts.rejectedCarves++;
        continue;
      }
      if (place.depth >= walk.bounds.limits.maxDepth) {
        addProblem(walk, 'limit', place.chain, `nesting depth limit ${walk.bounds.limits.maxDepth} reached: ${candidate.handler.id} at 0x${candidate.offset.toString(16)} was scanned raw but not carved`, candidate.offset);
        break;
      }
      let window: FileWindow;
      try {
        window = span.window();
      } catch (error) {
        addSpillProblem(walk, place.chain, error, candidate.offset);
        break;
      }
      const chunk: FileWindow = { path: window.path, offset: window.offset + candidate.offset - span.base, size: detection.length ?? available };
      const walked = await walk.walkObject(windowSlice(chunk, 0, chunk.size), {
        chain: [...place.chain, { format: 'carve', offset: candidate.offset }],
        depth: place.depth + 1,
        backing: chunk,
        ...(place.inputOffset !== undefined ? { inputOffset: place.inputOffset + candidate.offset } : {}),
        within: { visit: span.visit, offset: candidate.offset },
        ...(detection.length === undefined ? { borrowed: true } : {}),
      }, walk);
      if (walked.rejected) continue;
      walk.counts.carvedChunks++;
      // A chunk searched on its own owns its bytes; a borrowed chunk owns only what its members reproduce.
      const length = detection.length ?? walked.length;
      if (detection.length !== undefined) owned.push({ start: candidate.offset, end: candidate.offset + detection.length });
      else for (const range of walked.owned) owned.push({ start: candidate.offset + range.start, end: candidate.offset + range.end });
      covered = candidate.offset + length;
    }
  } finally {
    await reader?.close();
  }
  return owned;
}

/**
 * Ends a borrowed chunk: stops reading its window, decides its extent (the handler's
 * `setLength`, else what it read), and drops the problems of a chunk that failed before
 * producing much: random bytes that happen to look like a gzip or tar header are not a
 * corrupt input (a real stream that breaks has usually produced more first).
 */
export async function finishBorrowed(
  reader: ObjectReader,
  place: Place,
  walk: Walk,
  chunk: { readonly format: string; readonly faults: number; readonly childBytes: number; readonly reportedLength: number | undefined; readonly owned: readonly ByteRange[] },
  problemsBefore: number,
): Promise<ObjectResult> {
  await reader.tapped.close();
  if (chunk.faults > 0 && chunk.childBytes < borrowedFailureMinimumBytes) {
    walk.problems.splice(problemsBefore);
    walk.counts.rejectedCarves++;
    return { sha256: '', length: 0, owned: [], skipped: false, rejected: true, failed: false };
  }
  const length = Math.min(chunk.reportedLength ?? reader.length, place.backing?.size ?? Infinity);
  if (place.inputOffset !== undefined && place.measuring !== true) walk.layers.push({ chain: place.chain, format: chunk.format, start: place.inputOffset, end: place.inputOffset + length });
  return { sha256: '', length, owned: chunk.owned, skipped: false, rejected: false, failed: false };
}
