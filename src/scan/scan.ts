/**
 * `scan()`: the library entry point the CLI calls. Paths → files → objects → findings → one
 * report. Input problems never throw: they become `problems` and an input `status`.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { WorkerMemory } from '../core/types.js';
import { createDecodePool, type DecodePool } from '../unpack/codecs/decode-pool.js';
import { losslessText } from '../evidence/lossless.js';
import type { FindingJson, InputJson, Report } from '../report/types.js';
import { assembleFindings } from './assemble.js';
import { scanInput } from './input.js';
import { buildReport, notScannedInput, scannedInput } from './report.js';
import { preparePatterns, type PreparedPatterns } from './prepare.js';

export { preparePatterns, PatternPackError, type PreparedPatterns } from './prepare.js';
import { SubtreeMemo } from '../walk/memo-store.js';

export { SubtreeMemo } from '../walk/memo-store.js';
import type { WalkProgress } from '../walk/types.js';
import { resolveScanOptions, type ScanOptions } from './options.js';
import { walk, type WalkEntry } from './walk.js';


/** Callbacks that observe a scan as it runs; they never change its result. */
export interface ScanHooks {
  /** Called once per input, in report order, as soon as that input is finished (streaming renderers such as NDJSON). */
  readonly onInput?: (input: InputJson, findings: readonly FindingJson[]) => void;
  /** Called as bytes are read and objects opened (often: throttle before drawing). */
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Called once the run is over, with the peak memory of each worker thread that decoded blocks (`decodeThreads`), if any ran. */
  readonly onDecodeWorkers?: (workers: readonly WorkerMemory[]) => void;
}

export interface ScanProgress {
  readonly inputsDone: number;
  readonly inputsTotal: number;
  /** Bytes of the inputs themselves read so far, of `bytesTotal`. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly objects: number;
  /** Bytes of every object read so far (the inputs and all that was extracted or decompressed from them). */
  readonly bytesExpanded?: number;
  /** The object being read: the input path and member names, `input!/member!/member`. */
  readonly current: string;
}

/**
 * Scans files and directories (recursively, in byte order of names) into one report. `memo`:
 * where containers met again in the run are found (walk/subtree-memo.ts), shared by all the
 * inputs; `false` walks every copy (the report is the same either way, byte for byte).
 */
export async function scan(paths: readonly (string | Buffer)[], scanOptions: Partial<ScanOptions> = {}, hooks: ScanHooks = {}, patterns?: PreparedPatterns, memo: SubtreeMemo | false = new SubtreeMemo()): Promise<Report> {
  const startedAt = new Date();
  const options = resolveScanOptions(scanOptions);
  // A worker that scans many batches prepares the packs once and passes them in.
  const prepared = patterns ?? (await preparePatterns(options));
  const entries: WalkEntry[] = [];
  for await (const entry of walk(paths)) entries.push(entry);
  const run = new RunState(entries.length, entries.reduce((sum, entry) => sum + (entry.kind === 'file' ? entry.size : 0), 0), hooks, createDecodePool(options.decodeThreads));
  try {
    for (const entry of entries) {
      if (entry.kind !== 'error' && options.signal?.aborted === true) run.finish(notScannedInput(entry.path, 'skipped', 'interrupted'));
      else if (entry.kind === 'skipped') run.finish(notScannedInput(entry.path, 'skipped', entry.reason));
      else if (entry.kind === 'error') run.finish(notScannedInput(entry.path, 'failed', entry.message));
      else {
        const source = createReadStream(entry.path, { highWaterMark: readBytesFor(entry.size, options.readChunkBytes) }) as AsyncIterable<Uint8Array>;
        await scanOne(source, entry.path, { size: entry.size, window: { path: entry.path, offset: 0, size: entry.size } }, prepared, options, run, memo || undefined);
      }
    }
  } finally {
    await run.closeBlocks();
  }
  return buildReport(startedAt, options, prepared, run.inputs, run.findings);
}

/**
 * Bytes asked of each read of an input file of `size` bytes. Node's file stream allocates that
 * many for every read and copies a short read out of it: a small file read in `readChunkBytes`
 * (1 MiB) reads cost two fresh 1 MiB buffers and a copy. A file that grew since it was walked
 * is still read to its end.
 */
function readBytesFor(size: number, readChunkBytes: number): number {
  return Math.min(readChunkBytes, Math.max(size, 64 * 1024));
}

/**
 * Scans one stream of bytes (standard input, a download) as an input named `name`. Random-access
 * containers in it are spilled to a private temporary file, as they are inside any stream.
 */
export async function scanStream(stream: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, name: string | Buffer, scanOptions: Partial<ScanOptions> = {}, hooks: ScanHooks = {}): Promise<Report> {
  const startedAt = new Date();
  const options = resolveScanOptions(scanOptions);
  const prepared = await preparePatterns(options);
  const run = new RunState(1, 0, hooks, createDecodePool(options.decodeThreads));
  const source = (Symbol.asyncIterator in stream ? stream : Readable.from(stream as NodeJS.ReadableStream)) as AsyncIterable<Uint8Array>;
  try {
    await scanOne(source, Buffer.from(name), {}, prepared, options, run, new SubtreeMemo());
  } finally {
    await run.closeBlocks();
  }
  return buildReport(startedAt, options, prepared, run.inputs, run.findings);
}

/** Scans bytes already in memory as an input named `name`. */
export async function scanBytes(bytes: Uint8Array, name: string | Buffer, scanOptions: Partial<ScanOptions> = {}, hooks: ScanHooks = {}): Promise<Report> {
  const size = bytes.length;
  const chunk = resolveScanOptions(scanOptions).readChunkBytes;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < size; at += chunk) yield bytes.subarray(at, Math.min(size, at + chunk));
  }
  return scanStream(chunks(), name, scanOptions, hooks);
}

/** What the inputs of one run have given so far, and the progress hooks' arithmetic. */
class RunState {
  readonly inputs: InputJson[] = [];
  readonly findings: FindingJson[] = [];
  bytesBefore = 0;
  objectsBefore = 0;
  expandedBefore = 0;

  constructor(
    readonly inputsTotal: number,
    readonly bytesTotal: number,
    readonly hooks: ScanHooks,
    /** Decodes filesystem blocks for every input of the run (in this thread unless `decodeThreads` asked for workers). */
    readonly blocks: DecodePool,
  ) {}

  async closeBlocks(): Promise<void> {
    const workers = await this.blocks.close();
    if (workers.length > 0) this.hooks.onDecodeWorkers?.(workers);
  }

  finish(input: InputJson, findings: readonly FindingJson[] = []): void {
    this.inputs.push(input);
    this.findings.push(...findings);
    this.hooks.onInput?.(input, findings);
  }

  progress(path: Buffer): ((event: WalkProgress) => void) | undefined {
    const onProgress = this.hooks.onProgress;
    if (onProgress === undefined) return undefined;
    return (event) =>
      onProgress({
        inputsDone: this.inputs.length,
        inputsTotal: this.inputsTotal,
        bytesDone: this.bytesBefore + event.inputBytes,
        bytesTotal: this.bytesTotal,
        objects: this.objectsBefore + event.objects,
        bytesExpanded: this.expandedBefore + event.bytesRead,
        current: [path, ...event.chain.map((link) => link.path ?? `<${link.format}>`)].map((part) => Buffer.from(part).toString('utf8')).join('!/'),
      });
  }
}

async function scanOne(source: AsyncIterable<Uint8Array>, path: Buffer, input: Parameters<typeof scanInput>[1], prepared: PreparedPatterns, options: ScanOptions, run: RunState, memo: SubtreeMemo | undefined): Promise<void> {
  const state = await scanInput(source, input, prepared.matcher, options, run.progress(path), memo, run.blocks);
  run.bytesBefore += state.length;
  run.objectsBefore += state.objects;
  run.expandedBefore += state.bytesScanned;
  run.finish(scannedInput(losslessText(path), state, input.size), assembleFindings(path, state.hits));
}
