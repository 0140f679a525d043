/**
 * The run's memo of opened containers (subtree-memo.ts records and replays them): records keyed
 * by a container's hash and what decides its subtree, least recently used first out past
 * `maxBytes` (an estimate of the findings' contexts and chains a record holds); a record larger
 * than a quarter of it is not kept. No record holds a problem: those subtrees are walked again.
 */
import type { ByteRange, Identity, Layer, Note } from './types.js';

/** Default size of a run's memo: records of a few thousand containers with their findings. */
export const defaultMemoBytes = 64 * 1024 * 1024;

/** What opening a container gave, relative to the container (chains without its prefix). */
export interface Opened {
  readonly childBytes: number;
  readonly owned: readonly ByteRange[];
  readonly reportedLength: number | undefined;
  readonly faults: number;
}

export interface SubtreeRecord {
  /** The container's depth when it was walked, and how far below it the walk went. */
  readonly depth: number;
  readonly height: number;
  readonly notes: readonly Note[];
  /** Offsets relative to the container's start in the input. */
  readonly layers: readonly Layer[];
  /** `known: false`: the input's identity was decided before, so what the subtree would set is unknown. */
  readonly identity: { readonly known: true; readonly value?: Identity } | { readonly known: false };
  readonly counts: { readonly objects: number; readonly bytesScanned: number; readonly bytesRead: number; readonly carvedChunks: number; readonly rejectedCarves: number };
  /** Bytes produced below the input, and spilled to temporary files, by the subtree. */
  readonly produced: number;
  readonly spilled: number;
  readonly opened: Opened;
  readonly visitor: unknown;
  readonly cost: number;
}

export interface MemoStats {
  /** Containers not opened because their subtree was replayed. */
  replayed: number;
  /** Objects of those subtrees (their children, grandchildren, …), not walked again. */
  objectsReplayed: number;
  stored: number;
  evicted: number;
}

/** One per run (a `scan()` call), shared by its inputs. */
export class SubtreeMemo {
  readonly #records = new Map<string, SubtreeRecord>();
  #bytes = 0;
  readonly stats: MemoStats = { replayed: 0, objectsReplayed: 0, stored: 0, evicted: 0 };

  constructor(readonly maxBytes = defaultMemoBytes) {}

  get(key: string): SubtreeRecord | undefined {
    const record = this.#records.get(key);
    if (record === undefined) return undefined;
    // Most recently used last: eviction takes from the front.
    this.#records.delete(key);
    this.#records.set(key, record);
    return record;
  }

  set(key: string, record: SubtreeRecord): void {
    if (record.cost > this.maxBytes / 4 || this.#records.has(key)) return;
    this.#records.set(key, record);
    this.#bytes += record.cost;
    this.stats.stored++;
    for (const [oldest, evicted] of this.#records) {
      if (this.#bytes <= this.maxBytes) break;
      this.#records.delete(oldest);
      this.#bytes -= evicted.cost;
      this.stats.evicted++;
    }
  }
}
