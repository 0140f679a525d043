/**
 * Scanning each object once per run: the memo keeps what opening a container gave (its
 * subtree's notes, layers, counts, the visitor's findings, what the handler said of the
 * container) under the container's sha256, and a container met again is not opened again: the
 * record is replayed under the new chain, exactly as a fresh walk would have added it.
 *
 * Only clean subtrees are kept: one that met any problem (a limit, damage, a stuck handler) is
 * walked afresh every time, so replaying can never hide or duplicate a problem. A record is
 * replayed only where a fresh walk would give the same: the whole-input limits (expanded bytes,
 * temporary space, depth) still fit, and the input's identity is already decided or known.
 * Memory: bounded by the memo's size (memo-store.ts).
 */
import type { ChainLink } from '../core/types.js';
import type { Place, Walk } from './context.js';
import type { Opened, SubtreeRecord } from './memo-store.js';
import type { ObjectReader } from './reader.js';
import type { ByteRange, Identity } from './types.js';

/**
 * The memo key of a container: its bytes and what else decides its subtree. The limits and the
 * visitor are the run's; whether it is read as a file, and whether its place in the input is
 * known (its children's layers), change what its handler and children see.
 */
export function memoKey(sha256: string, handlerId: string, place: Place): string {
  return [sha256, handlerId, place.backing === undefined ? 'stream' : 'file', place.inputOffset === undefined ? '' : 'placed'].join('\u0000');
}

const relative = <T extends { readonly chain: readonly ChainLink[] }>(item: T, prefixLength: number): T => ({ ...item, chain: item.chain.slice(prefixLength) });
const under = <T extends { readonly chain: readonly ChainLink[] }>(item: T, prefix: readonly ChainLink[]): T => ({ ...item, chain: [...prefix, ...item.chain] });

/** Watches a container being opened, from the moment its hash is known, to record its subtree. */
export class Recording {
  readonly #problems: number;
  readonly #notes: number;
  readonly #layers: number;
  readonly #counts: Walk['counts'];
  readonly #expanded: number;
  readonly #spilled: number;
  readonly #length: number;
  readonly #identityBefore: Identity | undefined;
  readonly #deepestBefore: number;
  readonly #visitorMark: unknown;

  constructor(
    readonly key: string,
    readonly place: Place,
    readonly reader: ObjectReader,
    readonly walk: Walk,
  ) {
    this.#problems = walk.problems.length;
    this.#notes = walk.notes.length;
    this.#layers = walk.layers.length;
    this.#counts = { ...walk.counts };
    this.#expanded = walk.bounds.expandedBytes;
    this.#spilled = walk.temp.bytes;
    this.#length = reader.length;
    this.#identityBefore = walk.identity;
    this.#deepestBefore = walk.deepest;
    walk.deepest = place.depth;
    this.#visitorMark = walk.visitor.recorder?.mark();
  }

  /**
   * Stores the subtree in the memo if it is clean: no problem, nothing cut short, and none of
   * the container's own bytes spilled meanwhile (its own bytes read meanwhile, by a handler that
   * reads the stream of a file-backed container, are taken out of the counts).
   */
  finish(opened: Opened): void {
    const { walk, place, reader } = this;
    const height = walk.deepest - place.depth;
    walk.deepest = Math.max(this.#deepestBefore, walk.deepest);
    const own = reader.length - this.#length;
    const clean = walk.problems.length === this.#problems && walk.bounds.stopped === undefined && !walk.abandoned && !reader.cut && (own === 0 || reader.spill === undefined);
    const recorder = walk.visitor.recorder;
    if (!clean || recorder === undefined || walk.memo === undefined) return;
    const visitor = recorder.since(this.#visitorMark, place.chain.length);
    if (visitor === undefined) return;
    const prefixLength = place.chain.length;
    const base = place.inputOffset ?? 0;
    const notes = walk.notes.slice(this.#notes).map((note) => relative(note, prefixLength));
    const layers = walk.layers.slice(this.#layers).map((layer) => ({ ...relative(layer, prefixLength), start: layer.start - base, end: layer.end - base }));
    const counts = walk.counts;
    walk.memo.set(this.key, {
      depth: place.depth,
      height,
      notes,
      layers,
      identity: this.#identityBefore !== undefined ? { known: false } : walk.identity === undefined ? { known: true } : { known: true, value: relative(walk.identity, prefixLength) },
      counts: {
        objects: counts.objects - this.#counts.objects,
        bytesScanned: counts.bytesScanned - this.#counts.bytesScanned,
        bytesRead: counts.bytesRead - this.#counts.bytesRead - own,
        carvedChunks: counts.carvedChunks - this.#counts.carvedChunks,
        rejectedCarves: counts.rejectedCarves - this.#counts.rejectedCarves,
      },
      produced: walk.bounds.expandedBytes - this.#expanded - (place.depth > 0 ? own : 0),
      spilled: walk.temp.bytes - this.#spilled,
      opened: { ...opened, owned: [...opened.owned] },
      visitor,
      cost: 512 + recorder.cost(visitor) + 128 * (notes.length + layers.length + opened.owned.length),
    });
  }
}

/**
 * The record to replay for the container at `place` (its hash gave `key`), or undefined when
 * there is none or a fresh walk could give something else. Changes nothing. `ownBytesLeft`:
 * the container's own bytes not yet read, which still count against the expansion limit.
 */
export function replayable(key: string, place: Place, ownBytesLeft: number, walk: Walk): SubtreeRecord | undefined {
  const record = walk.memo?.get(key);
  if (record === undefined || walk.visitor.recorder === undefined || walk.abandoned) return undefined;
  // Deeper than when recorded, a copy could reach the depth limit that the recorded walk did not.
  if (place.depth > record.depth && place.depth + record.height >= walk.bounds.limits.maxDepth) return undefined;
  if (walk.identity === undefined && !record.identity.known) return undefined;
  if (!walk.bounds.fits(record.produced + (place.depth > 0 ? ownBytesLeft : 0))) return undefined;
  return walk.temp.fits(record.spilled) ? record : undefined;
}

/** Adds the recorded subtree under `place`, as a fresh walk of it would have; returns what its opening gave. */
export function replay(record: SubtreeRecord, place: Place, walk: Walk): Opened & { readonly owned: ByteRange[] } {
  walk.temp.reserve(record.spilled);
  walk.bounds.addReplayed(record.produced);
  // A subtree recorded around this one must know how deep this one went.
  walk.deepest = Math.max(walk.deepest, place.depth + record.height);
  const prefix = place.chain;
  const base = place.inputOffset ?? 0;
  for (const note of record.notes) walk.notes.push(under(note, prefix));
  for (const layer of record.layers) walk.layers.push({ ...under(layer, prefix), start: layer.start + base, end: layer.end + base });
  if (walk.identity === undefined && record.identity.known && record.identity.value !== undefined) walk.identity = under(record.identity.value, prefix);
  const counts = walk.counts;
  counts.objects += record.counts.objects;
  counts.bytesScanned += record.counts.bytesScanned;
  counts.bytesRead += record.counts.bytesRead;
  counts.carvedChunks += record.counts.carvedChunks;
  counts.rejectedCarves += record.counts.rejectedCarves;
  walk.visitor.recorder!.replay(record.visitor, prefix);
  walk.memo!.stats.replayed++;
  walk.memo!.stats.objectsReplayed += record.counts.objects;
  walk.lastMove = Date.now();
  return { ...record.opened, owned: [...record.opened.owned] };
}
