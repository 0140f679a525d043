/**
 * Opening a container: the one place where a handler's `open` is called. Each child is walked
 * in turn (or, below a chunk walked only for its extent, drained and counted); the members limit
 * is applied here; what the handler says of its own bytes (problems, `setLength`) is recorded.
 */
import { messageOf, type ProblemKind } from '../core/types.js';
import type { FileWindow } from '../core/types.js';
import { readWindow } from '../unpack/file-window.js';
import type { Child, Handler, OpenContext, OpenInput } from '../unpack/types.js';
import { addProblem, drainCount, errorKind, errorOffset, type Place, type Walk } from './context.js';
import type { ObjectReader } from './reader.js';
import type { SubtreeRecord } from './memo-store.js';
import { memoKey, Recording, replay, replayable } from './subtree-memo.js';
import type { TempDir } from './temp.js';
import type { ByteRange } from './types.js';

export interface ContainerResult {
  /** Bytes of the children read. */
  childBytes: number;
  /** Ranges of the container that its children reproduce verbatim. */
  readonly owned: ByteRange[];
  /** Where the handler said the format's data ends. */
  reportedLength: number | undefined;
  /** The handler's own damage problems, its failure, and its children's stream errors. */
  faults: number;
}

/** The one call of a handler's `open` (alone.ts uses it too, to see a handler on its own). */
export function openHandler(handler: Handler, input: OpenInput, ctx: OpenContext): AsyncIterable<Child> {
  return handler.open(input, ctx);
}

/**
 * What a handler reads: the stream, and as a file either the object's backing file or the stream
 * spilled to temp; a small object whole in memory (read from its backing file, or held from the stream).
 */
export function containerInput(stream: AsyncIterable<Uint8Array>, backing: FileWindow | undefined, temp: TempDir): OpenInput {
  return {
    stream,
    file: () => (backing !== undefined ? Promise.resolve(backing) : temp.spill(stream)),
    whole: async (limit) => (backing === undefined ? temp.hold(stream, limit) : backing.size <= limit ? readWindow(backing, 'container') : backing),
    randomAccess: backing !== undefined,
  };
}

/**
 * Why a container's signal is aborted once it is done. A shared reason: `abort()` without one
 * builds a DOMException with a stack trace for every container (35–58 ms of CPU on the Debian
 * installer's 2,645 objects).
 */
const containerClosed = new Error('the container was closed');

/** Thrown by `file()` or `whole()` when the container's subtree is to be replayed instead (subtree-memo.ts): ends its handler. */
class ReplayInstead extends Error {
  constructor(readonly record: SubtreeRecord) {
    super('its subtree is replayed from the memo');
  }
}

export async function openContainer(handler: Handler, reader: ObjectReader, place: Place, walk: Walk): Promise<ContainerResult> {
  const memoised = walk.memo !== undefined && walk.visitor.recorder !== undefined && reader.hash !== undefined && place.borrowed !== true && place.measuring !== true;
  let recording: Recording | undefined;
  let replayAsked = false;
  // A member that is a slice of a file is hashed from the file first (its stream then no more): a copy met before is not opened.
  if (memoised && place.backing !== undefined && place.depth > 0) {
    const key = memoKey(await reader.digestFromWindow(), handler.id, place);
    const record = replayable(key, place, place.backing.size - reader.length, walk);
    if (record !== undefined) return replay(record, place, walk);
    recording = new Recording(key, place, reader, walk);
  }
  const result: ContainerResult = { childBytes: 0, owned: [], reportedLength: undefined, faults: 0 };
  const controller = new AbortController();
  let entries = 0;
  const direct = containerInput(reader.tapped.view, place.backing, walk.temp);
  // A container read from a stream is hashed once its handler has had it read whole (spilled or held).
  const hashed = <T>(whole: T): T => {
    if (recording !== undefined || reader.cut || reader.damage !== undefined) return whole;
    const key = memoKey(reader.hash!.copy().digest('hex'), handler.id, place);
    const record = replayable(key, place, 0, walk);
    if (record !== undefined) {
      replayAsked = true;
      throw new ReplayInstead(record);
    }
    recording = new Recording(key, place, reader, walk);
    return whole;
  };
  const input: OpenInput = !memoised || place.backing !== undefined ? direct : {
    ...direct,
    file: async () => hashed(await direct.file()),
    whole: async (limit) => hashed(await direct.whole(limit)),
  };
  const ctx: OpenContext = {
    problem: (kind, message, offset) => {
      if (isFault(kind)) result.faults++;
      addProblem(walk, kind, place.chain, message, offset);
    },
    setLength: (length) => {
      result.reportedLength = length;
    },
    signal: controller.signal,
    blocks: walk.blocks,
  };
  try {
    for await (const child of openHandler(handler, input, ctx)) {
      walk.lastMove = Date.now();
      if (walk.bounds.stopped !== undefined || walk.abandoned) break;
      if (++entries > walk.bounds.limits.maxEntriesPerContainer) {
        addProblem(walk, 'limit', place.chain, `entries limit reached (${walk.bounds.limits.maxEntriesPerContainer} members): the remaining members of this ${handler.id} were scanned raw only`);
        break;
      }
      const walked = await walkChild(child, handler, place, walk, reader);
      result.childBytes += walked.length;
      if (walked.failed) result.faults++;
      if (child.verbatim !== undefined) result.owned.push(child.verbatim);
      for (const range of child.owns ?? []) result.owned.push(range);
    }
  } catch (error) {
    if (error instanceof ReplayInstead) return replay(error.record, place, walk);
    if (isFault(errorKind(error))) result.faults++;
    addProblem(walk, errorKind(error), place.chain, messageOf(error), errorOffset(error));
  } finally {
    controller.abort(containerClosed);
  }
  // Never silent: a handler that caught the stop and went on has not reported this subtree.
  if (replayAsked) addProblem(walk, 'internal', place.chain, `${handler.id} went on after being stopped to replay this container's members from the memo: they were not reported (please report this input)`);
  recording?.finish(result);
  return result;
}

/** Damage counts against a carved candidate; a format it names but cannot decode (unsupported, encrypted) or a limit does not. */
function isFault(kind: ProblemKind): boolean {
  return kind === 'corrupt' || kind === 'io' || kind === 'internal';
}

async function walkChild(child: Child, handler: Handler, place: Place, walk: Walk, parent: ObjectReader): Promise<{ readonly length: number; readonly failed: boolean }> {
  // Below a chunk walked only for its extent, children count only by their bytes.
  if (place.measuring === true) return drainCount(child.stream);
  const slice = child.verbatim;
  // Said before the child's bytes stream through the parent (a stream handler) or are drained from it (read in place).
  const owns = [...(slice === undefined ? [] : [slice]), ...(child.owns ?? [])];
  if (owns.length > 0) parent.visit.owned?.(owns);
  const walked = await walk.walkObject(child.stream, {
    chain: [...place.chain, child.link],
    depth: place.depth + 1,
    ...(slice !== undefined && place.backing !== undefined ? { backing: { path: place.backing.path, offset: place.backing.offset + slice.start, size: slice.end - slice.start } } : {}),
    ...(slice !== undefined && place.inputOffset !== undefined ? { inputOffset: place.inputOffset + slice.start } : {}),
    ...(handler.kind === 'compression' ? { compressedBytes: () => parent.length } : {}),
    ...(slice !== undefined ? { within: { visit: parent.visit, offset: slice.start } } : {}),
    ...(child.derived === true ? { derived: true } : {}),
    ...(child.sources === undefined ? {} : { sources: child.sources }),
    ...(child.charset === undefined ? {} : { charset: child.charset }),
    ...(child.opaqueMeansEncrypted === true ? { opaqueMeansEncrypted: { parent: handler.id } } : {}),
  }, walk);
  // A borrowed chunk ends where its handler says, which may depend on how much of a member it read: read skipped members too.
  if (walked.skipped && place.borrowed === true) return drainCount(child.stream);
  return walked;
}
