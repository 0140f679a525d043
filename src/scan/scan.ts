/**
 * `scan()`: the library entry point the CLI calls. Paths → files → objects → findings → one
 * report. Input problems never throw: they become `problems` and an input `status`.
 */
import { createReadStream } from 'node:fs';
import { compileAutomaton } from '../match/automaton.js';
import { loadPacks, shippedPackPaths } from '../patterns/load.js';
import { summariseCoverage } from '../patterns/coverage.js';
import { expandTerms, type NeedleSet } from '../patterns/needles.js';
import type { Pack } from '../patterns/types.js';
import { losslessText } from '../evidence/lossless.js';
import { categories } from '../patterns/types.js';
import { reportSchemaVersion, type Confidence, type FindingJson, type InputJson, type Report } from '../report/types.js';
import { toolVersion } from '../version.js';
import { assembleFindings, layersJson, problemJson } from './assemble.js';
import { scanInput } from './input.js';
import type { Matcher } from './search.js';
import type { WalkProgress } from '../walk/types.js';
import { resolveScanOptions, type ScanOptions } from './options.js';
import { walk, type WalkEntry } from './walk.js';


/** A pattern pack could not be loaded: a usage error, raised before anything is scanned. */
export class PatternPackError extends Error {
  override readonly name = 'PatternPackError';
  constructor(readonly problems: readonly { readonly file: string; readonly pointer: string; readonly message: string }[]) {
    super(`pattern pack problems:\n${problems.map((p) => `  ${p.file}${p.pointer === '' ? '' : ` ${p.pointer}`}: ${p.message}`).join('\n')}`);
  }
}

export interface PreparedPatterns {
  readonly packs: readonly Pack[];
  readonly matcher: Matcher;
  /** Every term × spelling × encoding × form cell, searched or not (the report's `run.coverage`). */
  readonly needleSet: NeedleSet;
}

/** Loads and compiles the packs named by the options. Throws `PatternPackError` for a bad pack. */
export async function preparePatterns(options: Pick<ScanOptions, 'patterns' | 'patternsOnly'>): Promise<PreparedPatterns> {
  const paths = [...(options.patternsOnly ? [] : shippedPackPaths()), ...options.patterns];
  const { packs, problems } = await loadPacks(paths);
  if (problems.length > 0) throw new PatternPackError(problems);
  const needleSet = expandTerms(packs.flatMap((pack) => pack.terms));
  return { packs, matcher: { automaton: compileAutomaton(needleSet.needles), needles: needleSet.needles }, needleSet };
}

/** Callbacks that observe a scan as it runs; they never change its result. */
export interface ScanHooks {
  /** Called once per input, in report order, as soon as that input is finished (streaming renderers such as NDJSON). */
  readonly onInput?: (input: InputJson, findings: readonly FindingJson[]) => void;
  /** Called as bytes are read and objects opened (often: throttle before drawing). */
  readonly onProgress?: (progress: ScanProgress) => void;
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

export async function scan(paths: readonly (string | Buffer)[], scanOptions: Partial<ScanOptions> = {}, hooks: ScanHooks = {}): Promise<Report> {
  const startedAt = new Date();
  const options = resolveScanOptions(scanOptions);
  const { packs, matcher, needleSet } = await preparePatterns(options);
  const inputs: InputJson[] = [];
  const findings: FindingJson[] = [];
  const entries: WalkEntry[] = [];
  for await (const entry of walk(paths)) entries.push(entry);
  const bytesTotal = entries.reduce((sum, entry) => sum + (entry.kind === 'file' ? entry.size : 0), 0);
  let bytesBefore = 0;
  let objectsBefore = 0;
  let expandedBefore = 0;
  for (const entry of entries) {
    const path = losslessText(entry.path);
    const finish = (input: InputJson, inputFindings: readonly FindingJson[] = []) => {
      inputs.push(input);
      findings.push(...inputFindings);
      hooks.onInput?.(input, inputFindings);
    };
    if (entry.kind !== 'error' && options.signal?.aborted === true) {
      finish({ path, size: 0, sha256: emptySha256, status: 'skipped', skipReason: 'interrupted', problems: [], coverage: { bytesScanned: 0, objects: 0 }, layers: [] });
      continue;
    }
    if (entry.kind === 'skipped') {
      finish({ path, size: 0, sha256: emptySha256, status: 'skipped', skipReason: entry.reason, problems: [], coverage: { bytesScanned: 0, objects: 0 }, layers: [] });
      continue;
    }
    if (entry.kind === 'error') {
      finish({ path, size: 0, sha256: emptySha256, status: 'failed', problems: [{ chain: [], kind: 'io', message: entry.message }], coverage: { bytesScanned: 0, objects: 0 }, layers: [] });
      continue;
    }
    const stream = createReadStream(entry.path, { highWaterMark: options.readChunkBytes });
    const onProgress = hooks.onProgress;
    const progress =
      onProgress === undefined
        ? undefined
        : (event: WalkProgress) =>
            onProgress({
              inputsDone: inputs.length,
              inputsTotal: entries.length,
              bytesDone: bytesBefore + event.inputBytes,
              bytesTotal,
              objects: objectsBefore + event.objects,
              bytesExpanded: expandedBefore + event.bytesRead,
              current: [entry.path, ...event.chain.map((link) => link.path ?? `<${link.format}>`)].map((part) => Buffer.from(part).toString('utf8')).join('!/'),
            });
    const state = await scanInput(stream as AsyncIterable<Uint8Array>, { path: entry.path, offset: 0, size: entry.size }, matcher, options, progress);
    const sha256 = state.sha256;
    bytesBefore += entry.size;
    objectsBefore += state.objects;
    expandedBefore += state.bytesScanned;
    const unreadable = state.objects === 1 && state.bytesScanned === 0 && state.problems.some((p) => p.kind === 'io');
    finish({
      path,
      size: entry.size,
      sha256,
      status: unreadable ? 'failed' : state.problems.length > 0 ? 'partial' : 'complete',
      problems: state.problems.map(problemJson),
      coverage: {
        bytesScanned: state.bytesScanned,
        objects: state.objects,
        chunksCarved: state.carvedChunks,
        carveCandidatesRejected: state.rejectedCarves,
        hitCandidatesRejected: state.rejectedCandidates,
      },
      layers: layersJson(state.layers),
    }, assembleFindings(entry.path, state.hits));
  }
  const finishedAt = new Date();
  return {
    reportSchemaVersion,
    tool: { name: 'fwsift', version: toolVersion },
    run: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      options: reportedOptions(options),
      patternPacks: packs.map((pack) => ({ id: pack.id, version: pack.version, sha256: pack.sha256, terms: pack.terms.length })),
      needles: matcher.needles.length,
      ...(options.signal?.aborted === true ? { interrupted: true } : {}),
      coverage: summariseCoverage(needleSet, inputs.reduce((sum, input) => sum + input.coverage.bytesScanned, 0)),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    inputs,
    findings,
    summary: summarise(inputs, findings, finishedAt.getTime() - startedAt.getTime()),
  };
}

const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Options as recorded in the report: pack paths are reduced to their count (packs are listed with hashes). */
function reportedOptions(options: ScanOptions): Record<string, unknown> {
  const { patterns, signal: _signal, ...rest } = options;
  return { ...rest, extraPatternPacks: patterns.length };
}

function summarise(inputs: readonly InputJson[], findings: readonly FindingJson[], durationMs: number): Report['summary'] {
  const byCategory = Object.fromEntries(categories.map((category) => [category, 0])) as Record<(typeof categories)[number], number>;
  const byConfidence: Record<Confidence, number> = { high: 0, medium: 0, low: 0 };
  for (const finding of findings) {
    byCategory[finding.term.category]++;
    byConfidence[finding.confidence]++;
  }
  return {
    findings: findings.length,
    byCategory,
    byConfidence,
    bytesScanned: inputs.reduce((sum, input) => sum + input.coverage.bytesScanned, 0),
    objects: inputs.reduce((sum, input) => sum + input.coverage.objects, 0),
    durationMs,
    partialInputs: inputs.filter((input) => input.status === 'partial' || input.status === 'failed').length,
  };
}
