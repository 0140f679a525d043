/**
 * One input's share of a report: its `inputs[]` entry and its findings. Workers, the cache and
 * the queue all pass these around; `mergeReport` puts them back together in walk order.
 */
import { losslessText } from '../evidence/lossless.js';
import type { FindingJson, InputJson } from '../report/types.js';

export interface InputPart {
  readonly input: InputJson;
  readonly findings: readonly FindingJson[];
}

/** The sha256 of no bytes: for an input whose bytes could not be read. */
export const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What a scan attempt of one walked path produced: normally one part, none or several only if the path changed kind after it was walked. */
export type PathResult = readonly InputPart[];

/**
 * The part of an input whose scan could not finish because the process scanning it died (out
 * of memory, killed, a crash): the input is `failed` and says why, so nothing is lost silently.
 */
export function failedPart(path: Buffer, size: number, sha256: string, kind: 'limit' | 'internal', message: string): InputPart {
  return {
    input: {
      path: losslessText(path),
      size,
      sha256,
      status: 'failed',
      problems: [{ chain: [], kind, message }],
      coverage: { bytesScanned: 0, objects: 0 },
      layers: [],
    },
    findings: [],
  };
}
