/**
 * Every limit of a walk in one place (in the spirit of file-type's bounded reads): nesting
 * depth, bytes produced below an input (absolute, and relative to the input's own size so a
 * 4 MB bomb stops after a few hundred MiB, not 16 GiB), expansion ratio per stream, members per
 * container, seconds per input, an abort signal, and a watchdog for walks that stop moving.
 * A limit reached is a `limit` problem naming the figure, never a silent stop.
 */
export interface WalkLimits {
  /** Containers nested deeper than this are scanned raw but not opened. Default 16. */
  readonly maxDepth: number;
  /** Bytes produced below one input (extracted or decompressed) before it stops. Default 16 GiB. */
  readonly maxExpandedBytes: number;
  /**
   * Bytes produced below one input per byte of the input, with a floor of `expandFloorBytes`:
   * a 4 MB gzip of zeros stops at 256 MiB, a 40 MB installer may produce 2.5 GiB. Default 64.
   */
  readonly maxExpandFactor: number;
  /** Largest ratio of a stream's output to its compressed input, checked past 16 MiB. Default 10,000. */
  readonly maxExpansionRatio: number;
  /** Members opened per container. Default 100,000. */
  readonly maxEntriesPerContainer: number;
  /** Seconds one input may take; 0 = no limit. Default 0. */
  readonly maxSecondsPerInput: number;
  /** Seconds a walk may wait on a handler that produces nothing before the input ends as stuck. Default 90. */
  readonly stallSeconds: number;
  /**
   * Bytes spilled to temporary files per input; 0 = four times the input size plus 1 GiB. Either
   * way bounded by the space free in the temporary directory when spilling begins (temp.ts).
   */
  readonly maxTempBytes: number;
  /** Aborts the walk (an interrupted scan). */
  readonly signal?: AbortSignal;
}

export const defaultWalkLimits: WalkLimits = {
  maxDepth: 16,
  maxExpandedBytes: 16 * 1024 ** 3,
  maxExpandFactor: 64,
  maxExpansionRatio: 10_000,
  maxEntriesPerContainer: 100_000,
  maxSecondsPerInput: 0,
  stallSeconds: 90,
  maxTempBytes: 0,
};

/** The relative expansion limit never stops an input before this many produced bytes. */
export const expandFloorBytes = 256 * 1024 * 1024;
/** Streams smaller than this are never stopped for their expansion ratio. */
const ratioCheckFromBytes = 16 * 1024 * 1024;

/** One input's running counts against its limits. */
export class Bounds {
  readonly limits: WalkLimits;
  readonly expandLimit: number;
  readonly tempLimit: number;
  readonly #deadline: number;
  #expanded = 0;
  /** Why the whole input stopped (no further object is opened or read), once it has. */
  stopped: string | undefined;

  constructor(limits: WalkLimits, inputSize: number) {
    this.limits = limits;
    this.expandLimit = Math.min(limits.maxExpandedBytes, Math.max(expandFloorBytes, limits.maxExpandFactor * inputSize));
    this.tempLimit = limits.maxTempBytes === 0 ? 4 * inputSize + 1024 ** 3 : limits.maxTempBytes;
    this.#deadline = limits.maxSecondsPerInput === 0 ? Infinity : Date.now() + limits.maxSecondsPerInput * 1000;
  }

  get expandedBytes(): number {
    return this.#expanded;
  }

  /**
   * Counts `bytes` produced below the input; returns the problem message when this chunk crosses a
   * whole-input limit (bytes, time, interruption), which also stops the input.
   */
  produced(bytes: number, depth: number): string | undefined {
    if (this.stopped !== undefined) return undefined;
    if (depth > 0) {
      this.#expanded += bytes;
      if (this.#expanded > this.expandLimit) {
        const relative = this.expandLimit < this.limits.maxExpandedBytes;
        return this.#stop(
          relative
            ? `expansion limit reached: ${this.#expanded} bytes produced below this input, more than ${this.limits.maxExpandFactor} × its size (floor ${expandFloorBytes}); nothing more inside it was opened (the input itself was still scanned raw)`
            : `expanded bytes limit reached (${this.limits.maxExpandedBytes} bytes below this input); nothing more inside it was opened (the input itself was still scanned raw)`,
        );
      }
    }
    return this.checkTime();
  }

  /** The time and interruption checks alone. */
  checkTime(): string | undefined {
    if (this.stopped !== undefined) return undefined;
    if (this.limits.signal?.aborted === true) return this.#stop('interrupted: the scan was stopped before this input was finished; what was read before is reported');
    if (Date.now() > this.#deadline) return this.#stop(`time limit reached (${this.limits.maxSecondsPerInput} s per input); nothing more inside this input was opened`);
    return undefined;
  }

  /**
   * Whether `bytes` more produced below the input stay within every whole-input limit, without
   * stopping anything: a subtree replayed from the memo must be one a fresh walk would finish.
   */
  fits(bytes: number): boolean {
    return this.stopped === undefined && this.limits.signal?.aborted !== true && Date.now() <= this.#deadline && this.#expanded + bytes <= this.expandLimit;
  }

  /** Counts bytes a replayed subtree produced when it was walked (call only after `fits`). */
  addReplayed(bytes: number): void {
    this.#expanded += bytes;
  }

  /** The per-stream ratio check for a decompressor's output; a message when it is exceeded. */
  ratio(outputBytes: number, compressedBytes: number): string | undefined {
    if (outputBytes <= ratioCheckFromBytes) return undefined;
    const ratio = outputBytes / Math.max(1, compressedBytes);
    if (ratio <= this.limits.maxExpansionRatio) return undefined;
    return `expansion ratio limit reached (${Math.round(ratio)}:1 > ${this.limits.maxExpansionRatio}:1 after ${outputBytes} bytes): the rest of this stream was not decompressed`;
  }

  #stop(message: string): string {
    this.stopped = message;
    return message;
  }
}
