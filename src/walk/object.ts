/**
 * One object of a walk: its bytes stream past the visitor (hashed, watched for carve
 * signatures, spilled from the first candidate on when it has no file window), then a handler
 * recognising its start opens it into children, or a text view renders it; then the chunks
 * carved from it are walked. Depth first.
 *
 * Consumption contract: a handler reads the object through a view whose early `return()` does
 * not close the underlying stream; whatever the handler leaves unread is drained afterwards,
 * so every byte of every object reaches the visitor exactly once.
 */
import type { Detection } from '../core/types.js';
import { detectView } from '../text/index.js';
import type { Handler } from '../unpack/types.js';
import { carveChunks, finishBorrowed } from './carving.js';
import { openContainer } from './container.js';
import { addProblem, type ObjectResult, type Place, type Walk } from './context.js';
import { ObjectReader } from './reader.js';
import type { ObjectVisit } from './types.js';
import { renderView } from './view.js';

/** Bytes of an object's start kept for detection and for the visitor's `end` (text sniffing). */
export const headBytes = 4096;

const measuringVisit: ObjectVisit = {};

/** Walks one object and everything in it; carving and containers come back here through `walk.walkObject`. */
export async function walkObject(source: AsyncIterable<Uint8Array>, place: Place, walk: Walk): Promise<ObjectResult> {
  const entered = place.measuring === true ? measuringVisit : walk.visitor.enter({ chain: place.chain, depth: place.depth, borrowed: place.borrowed === true, ...(place.sources === undefined ? {} : { sources: place.sources }), ...(place.within === undefined ? {} : { within: place.within }) });
  if (entered === undefined) {
    if (place.borrowed === true) return walkObject(source, { ...place, measuring: true }, walk);
    return { sha256: '', length: 0, owned: [], skipped: true, rejected: false, failed: false };
  }
  const visit = entered;
  const problemsBefore = walk.problems.length;
  if (place.measuring !== true) walk.counts.objects++;
  walk.deepest = Math.max(walk.deepest, place.depth);
  walk.current = { chain: place.chain, format: 'raw' };
  const reader = new ObjectReader(source, place, walk, visit);
  const head = await reader.tapped.peek(walk.peekBytes);
  const detected = walk.bounds.stopped !== undefined || place.derived === true ? undefined : detect(head, walk.handlers);
  const facts = detected?.handler.identify?.(head);
  // The outermost self-describing layer speaks for the input.
  if (facts !== undefined && walk.identity === undefined && place.measuring !== true) walk.identity = { ...facts, chain: place.chain };
  // Inside an archive or a stream format that fills the object, carving would only find its members again.
  if (detected !== undefined && detected.detection.length === undefined) reader.carving = false;
  let format = detected?.handler.id ?? 'raw';
  let container: Awaited<ReturnType<typeof openContainer>> | undefined;
  if (detected !== undefined && place.depth >= walk.bounds.limits.maxDepth) {
    addProblem(walk, 'limit', place.chain, `nesting depth limit ${walk.bounds.limits.maxDepth} reached: ${detected.handler.id} at this level was scanned raw but not opened`);
  } else if (detected !== undefined && visit.descend !== false) {
    walk.current = { chain: place.chain, format: detected.handler.id };
    container = await openContainer(detected.handler, reader, place, walk);
  } else if (detected === undefined && walk.bounds.stopped === undefined && place.derived !== true) {
    const view = detectView(head);
    if (view !== undefined) {
      format = view.id;
      if (visit.text !== undefined) await renderView(view, reader.tapped.view, place.charset, visit.text.bind(visit), (kind, message, offset) => addProblem(walk, kind, place.chain, message, offset), (message, offset) => walk.notes.push({ chain: place.chain, message, ...(offset === undefined ? {} : { offset }) }));
    }
  }
  if (place.borrowed === true) return finishBorrowed(reader, place, walk, { format, faults: reader.faults + (container?.faults ?? 0), childBytes: container?.childBytes ?? 0, reportedLength: container?.reportedLength, owned: container?.owned ?? [] }, problemsBefore);
  if (container !== undefined && container.owned.length > 0) visit.owned?.(container.owned);
  await reader.drain();
  reader.spill?.close();
  walk.counts.bytesScanned += reader.length;
  const sha256 = await reader.digest();
  const owned = [...(container?.owned ?? [])];
  if (reader.carving && walk.bounds.stopped === undefined && visit.descend !== false) {
    const coveredUntil = detected === undefined ? 0 : (detected.detection.length ?? container?.reportedLength ?? reader.length);
    if (reader.carver.overflowed) addProblem(walk, 'limit', place.chain, `more than ${reader.carver.candidates.length} signature candidates: carving stopped after them`);
    const { backing } = place;
    const spill = reader.spill;
    // No candidate, no file opened: most members of a tar or a filesystem have none.
    if ((backing !== undefined || spill !== undefined) && reader.carver.candidates.length > 0) {
      const window = backing !== undefined ? () => backing : () => spill!.window;
      const held = backing === undefined ? spill!.held : undefined;
      owned.push(...(await carveChunks(reader.carver.candidates, { window, ...(held === undefined ? {} : { held }), base: spill?.base ?? 0, length: reader.length, coveredUntil, visit }, place, walk)));
    }
  }
  if (detected === undefined && format === 'raw') reader.entropy?.judge(walk, place);
  if (place.inputOffset !== undefined && place.measuring !== true) walk.layers.push({ chain: place.chain, format, start: place.inputOffset, end: place.inputOffset + reader.length });
  visit.end?.({ sha256, length: reader.length, format, owned, head: head.subarray(0, headBytes), ...(reader.damage === undefined ? {} : { damage: reader.damage }) });
  return { sha256, length: reader.length, owned, skipped: false, rejected: false, failed: reader.damage !== undefined };
}

function detect(head: Uint8Array, handlers: readonly Handler[]): { readonly handler: Handler; readonly detection: Detection & { ok: true } } | undefined {
  for (const handler of handlers) {
    const detection = handler.detect(head.subarray(0, handler.headLength));
    if (detection.ok) return { handler, detection };
  }
  return undefined;
}
