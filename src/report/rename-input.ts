/**
 * Gives an input another name in its report entry and findings, with the finding ids
 * recomputed for that name. Used when the bytes were read from a stand-in (standard input
 * spooled to a temporary file): the report says `-`, and its ids are the same on every run,
 * so baselines and ignore files keep working. Occurrences are recounted in report order,
 * which is the order the scan numbered them in (src/scan/assemble.ts).
 */
import { findingId } from '../evidence/fingerprint.js';
import type { FindingJson, InputJson, LosslessText } from './types.js';

function latin1(text: LosslessText): string {
  return (typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.base64, 'base64')).toString('latin1');
}

export function renameInputEntry(input: InputJson, name: string): InputJson {
  return { ...input, path: name };
}

/** The findings of one input under `name`, ids recomputed; findings of other inputs must not be passed. */
export function renameInputFindings(findings: readonly FindingJson[], name: string): FindingJson[] {
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const chainPaths = finding.location.chain.map((link) => `${link.format}:${link.path === undefined ? '' : latin1(link.path)}`);
    const parts = { chainPaths, termId: finding.term.id, encoding: finding.match.encoding, form: finding.match.form, variant: finding.match.variant };
    const key = JSON.stringify(parts);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return { ...finding, id: findingId({ input: latin1(name), ...parts, occurrence }), location: { ...finding.location, input: name } };
  });
}
