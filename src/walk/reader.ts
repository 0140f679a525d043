/** An object's bytes as the walker reads them: counted, hashed, checked against the limits, carved, spilled, handed to the visitor. */
import { createHash } from 'node:crypto';
import { reusedReads } from '../core/reused-reads.js';
import { messageOf } from '../core/types.js';
import { SignatureScanner, signatureFeedOf, type SignatureFeed } from './carve.js';
import { addProblem, addSpillProblem, errorKind, errorOffset, type Place, type Walk } from './context.js';
import { EntropyMeter } from './entropy.js';
import { hashWindow } from './hash-window.js';
import { tap, type Tapped } from './tap.js';
import type { Spill } from './temp.js';
import type { ObjectVisit } from './types.js';

export class ObjectReader {
  readonly tapped: Tapped;
  readonly hash;
  readonly carver: SignatureScanner;
  /** The visit's own pass finds the signatures: the carver's DFA does not run again over the bytes. */
  readonly #feed: SignatureFeed | undefined;
  readonly entropy: EntropyMeter | undefined;
  carving: boolean;
  spill: Spill | undefined;
  length = 0;
  /** Decoding errors that ended the stream (a fault of the container that produced it). */
  damage: string | undefined;
  faults = 0;
  /** A limit or the watchdog ended the stream before its end: its hash is not the object's. */
  cut = false;
  #spillFailed = false;
  /** Set by `digestFromWindow`: the stream bytes hashed before it (the stream is no longer hashed), then the window's digest. */
  #hashedUntil: number | undefined;
  #windowDigest: string | undefined;

  constructor(source: AsyncIterable<Uint8Array>, readonly place: Place, readonly walk: Walk, readonly visit: ObjectVisit) {
    const borrowed = place.borrowed === true;
    this.hash = borrowed ? undefined : createHash('sha256');
    this.carver = new SignatureScanner(walk.signatures);
    this.#feed = signatureFeedOf(visit, walk.signatures);
    this.carving = !borrowed && place.derived !== true && place.measuring !== true;
    if (place.depth === 0) walk.rootDigest = () => this.hash!.copy().digest('hex');
    this.entropy = place.opaqueMeansEncrypted === undefined ? undefined : new EntropyMeter(place.opaqueMeansEncrypted.parent);
    this.tapped = tap(source, (chunk) => this.#onChunk(chunk), (error) => {
      this.damage = messageOf(error);
      addProblem(walk, errorKind(error), place.chain, messageOf(error), errorOffset(error) ?? this.length);
    });
  }

  #onChunk(chunk: Uint8Array): boolean {
    const { walk, place } = this;
    if (walk.abandoned) return this.#cut();
    walk.lastMove = Date.now();
    if (place.borrowed === true) {
      this.length += chunk.length;
      return true;
    }
    const stop = walk.bounds.produced(chunk.length, place.depth);
    if (stop !== undefined) addProblem(walk, 'limit', place.chain, stop, this.length);
    if (walk.bounds.stopped !== undefined && (place.depth > 0 || walk.bounds.limits.signal?.aborted === true)) return this.#cut();
    if (place.compressedBytes !== undefined) {
      const ratio = walk.bounds.ratio(this.length + chunk.length, place.compressedBytes());
      if (ratio !== undefined) {
        addProblem(walk, 'limit', place.chain, ratio, this.length);
        return this.#cut();
      }
    }
    this.length += chunk.length;
    walk.counts.bytesRead += chunk.length;
    if (place.depth === 0) walk.counts.inputBytes = this.length;
    walk.progress?.({ inputBytes: walk.counts.inputBytes, bytesRead: walk.counts.bytesRead, objects: walk.counts.objects, chain: place.chain });
    if (this.#hashedUntil === undefined) this.hash!.update(chunk);
    this.entropy?.push(chunk);
    this.visit.bytes?.(chunk);
    // Taken from any visit that collects them, so a feed this walk cannot use (other handlers) does not grow.
    const taken = (this.visit as Partial<SignatureFeed>).takeSignatureHits?.();
    const found = this.#feed === undefined ? undefined : taken;
    if (this.carving) this.#carve(chunk, found);
    return true;
  }

  /**
   * The object's sha256 before its stream is read whole, for the memo (container.ts): the bytes
   * read so far are hashed already, the rest of its file window (`place.backing`) is read and
   * hashed from there. Its stream holds the same bytes (a verbatim slice), so from now on the
   * stream is not hashed: every byte is hashed once.
   */
  async digestFromWindow(): Promise<string> {
    this.#hashedUntil = this.length;
    this.#windowDigest = await hashWindow(this.place.backing!, this.#hashedUntil, this.hash!.copy());
    return this.#windowDigest;
  }

  /**
   * The sha256 of the bytes read, once the stream is done. After `digestFromWindow`, a stream
   * that ended before the window's end (a limit, damage) has its own hash finished from the file,
   * as far as it was read.
   */
  async digest(): Promise<string> {
    const backing = this.place.backing;
    if (this.#hashedUntil === undefined || backing === undefined) return this.hash!.digest('hex');
    if (!this.cut && this.damage === undefined && this.length === backing.size && this.#windowDigest !== undefined) return this.#windowDigest;
    return hashWindow({ ...backing, size: Math.min(this.length, backing.size) }, this.#hashedUntil, this.hash!);
  }

  /**
   * Reads what is left of the object: the bytes that reach `onChunk` (searched, hashed, carved)
   * but that no handler reads. An input file reads them from itself in two reused buffers
   * (fresh buffers per read cost more than the reads); `onChunk`'s readers copy what they keep.
   */
  drain(): Promise<void> {
    const { backing } = this.place;
    return this.tapped.drain(this.place.depth > 0 || backing === undefined ? undefined : (position, chunkBytes) => reusedReads(backing.path, backing.offset + position, chunkBytes));
  }

  #cut(): false {
    this.cut = true;
    return false;
  }

  #carve(chunk: Uint8Array, found: readonly number[] | undefined): void {
    const before = this.carver.candidates.length;
    if (found === undefined) this.carver.push(chunk);
    else this.carver.pushFound(chunk, found);
    if (this.#spillFailed) return;
    try {
      if (this.place.backing === undefined && this.spill === undefined && this.carver.candidates.length > before) {
        const first = this.carver.candidates[before]!;
        this.spill = this.walk.temp.startSpill(first.offset, this.carver.bytesSince(first.offset));
      } else this.spill?.write(chunk);
    } catch (error) {
      // Only the spill is lost: the bytes are still searched raw, the carved chunks are not opened.
      this.#spillFailed = true;
      this.spill?.close();
      this.spill = undefined;
      addSpillProblem(this.walk, this.place.chain, error, this.length);
    }
  }
}
