/** The report's parts made from what the walk of each input gave: inputs, run, summary. */
import { losslessText } from '../evidence/lossless.js';
import { summariseCoverage } from '../patterns/coverage.js';
import { categories } from '../patterns/types.js';
import { reportSchemaVersion, type Confidence, type FindingJson, type InputJson, type Report } from '../report/types.js';
import { toolVersion } from '../version.js';
import { chainJson, layersJson, noteJson, problemJson } from './assemble.js';
import type { InputScan } from './input.js';
import type { ScanOptions } from './options.js';
import type { PreparedPatterns } from './prepare.js';

const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** `size`: the file's size when the input is a file (else the bytes read). */
export function scannedInput(path: InputJson['path'], state: InputScan, size = state.length): InputJson {
  const unreadable = state.objects === 1 && state.bytesScanned === 0 && state.problems.some((problem) => problem.kind === 'io');
  return {
    path,
    size,
    sha256: state.sha256,
    status: unreadable ? 'failed' : state.problems.length > 0 ? 'partial' : 'complete',
    problems: state.problems.map(problemJson),
    ...(state.notes.length === 0 ? {} : { notes: state.notes.map(noteJson) }),
    ...(state.identity === undefined ? {} : { identity: { ...state.identity, chain: chainJson(state.identity.chain) } }),
    coverage: {
      bytesScanned: state.bytesScanned,
      objects: state.objects,
      chunksCarved: state.carvedChunks,
      carveCandidatesRejected: state.rejectedCarves,
      hitCandidatesRejected: state.rejectedCandidates,
    },
    layers: layersJson(state.layers),
  };
}

/** An input that was not scanned: `skipped` (a link, a device, an interrupted run) or `failed` (it could not be opened). */
export function notScannedInput(path: Buffer, status: 'skipped' | 'failed', reason: string): InputJson {
  const base = { path: losslessText(path), size: 0, sha256: emptySha256, coverage: { bytesScanned: 0, objects: 0 }, layers: [] };
  return status === 'skipped' ? { ...base, status, skipReason: reason, problems: [] } : { ...base, status, problems: [{ chain: [], kind: 'io', message: reason }] };
}

export function buildReport(startedAt: Date, options: ScanOptions, prepared: PreparedPatterns, inputs: readonly InputJson[], findings: readonly FindingJson[]): Report {
  const { packs, matcher, needleSet } = prepared;
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
    inputs: [...inputs],
    findings: [...findings],
    summary: summarise(inputs, findings, finishedAt.getTime() - startedAt.getTime()),
  };
}

/** Options as recorded in the report: pack paths are reduced to their count (packs are listed with hashes); how many threads decoded is not recorded (the report does not depend on it). */
function reportedOptions(options: ScanOptions): Record<string, unknown> {
  const { patterns, signal: _signal, decodeThreads: _decodeThreads, ...rest } = options;
  return { ...rest, extraPatternPacks: patterns.length };
}

/** The report's `summary` block: counts by category and confidence, bytes, objects and incomplete inputs. */
export function summarise(inputs: readonly InputJson[], findings: readonly FindingJson[], durationMs: number): Report['summary'] {
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
