/**
 * Read-only views of a report shared by the human renderings (Markdown, HTML): findings grouped
 * by input, counts by category × confidence, chains for display, and where a finding sits in
 * its input's byte range for the layer map. Pure functions of the report.
 */
import { sanitizeForDisplay } from '../evidence/context.js';
import { categories, type Category } from '../patterns/types.js';
import type { ChainLinkJson, Confidence, FindingJson, InputJson, LayerJson, LosslessText, Report } from './types.js';

export const confidences = ['high', 'medium', 'low'] as const satisfies readonly Confidence[];

/** Lossless text for display: the string with control and invisible characters as `·`, or `<base64:…>`. */
export function displayText(text: LosslessText): string {
  return typeof text === 'string' ? sanitizeForDisplay(text) : `<base64:${text.base64}>`;
}

/** One chain link for display: its member path, or `<format>` for an unnamed layer (a gzip stream). */
export function displayLink(link: ChainLinkJson): string {
  return link.path === undefined ? `<${sanitizeForDisplay(link.format)}>` : displayText(link.path);
}

/** `input!/member!/member`, unnamed layers as `<gzip>`, `<carve>`. */
export function displayWhere(input: LosslessText, chain: readonly ChainLinkJson[]): string {
  return [displayText(input), ...chain.map(displayLink)].join('!/');
}

/** A key that identifies lossless text exactly (strings and base64 never collide). */
export function losslessKey(text: LosslessText): string {
  return typeof text === 'string' ? `t:${text}` : `b:${text.base64}`;
}

/** Chains equal link by link (format, path, offset). */
export function sameChain(a: readonly ChainLinkJson[], b: readonly ChainLinkJson[]): boolean {
  return a.length === b.length && a.every((link, i) => chainLinkKey(link) === chainLinkKey(b[i]!));
}

function chainLinkKey(link: ChainLinkJson): string {
  return JSON.stringify([link.format, link.path === undefined ? null : losslessKey(link.path), link.offset]);
}

/** Findings of each input, in report order; findings whose input is not listed are ignored. */
export function findingsByInput(report: Pick<Report, 'inputs' | 'findings'>): Map<InputJson, FindingJson[]> {
  const byKey = new Map<string, FindingJson[]>();
  for (const finding of report.findings) {
    const key = losslessKey(finding.location.input);
    const list = byKey.get(key) ?? [];
    list.push(finding);
    byKey.set(key, list);
  }
  // An input given twice on the command line gets its findings once, on its first entry.
  const taken = new Set<string>();
  return new Map(
    report.inputs.map((input) => {
      const key = losslessKey(input.path);
      const findings = taken.has(key) ? [] : (byKey.get(key) ?? []);
      taken.add(key);
      return [input, findings];
    }),
  );
}

export type CountMatrix = Record<Category, Record<Confidence, number>>;

/** Findings counted by category × confidence; every cell present. */
export function countMatrix(findings: readonly FindingJson[]): CountMatrix {
  const matrix = Object.fromEntries(categories.map((category) => [category, { high: 0, medium: 0, low: 0 }])) as CountMatrix;
  for (const finding of findings) matrix[finding.term.category][finding.confidence]++;
  return matrix;
}

/**
 * Where a finding sits in its input, for the layer map:
 * - `exact`: its object is a layer (a span verbatim in the input), so the hit is at
 *   `layer.start + offset`;
 * - `inside`: its object is inside decompressed data; the innermost enclosing layer is given
 *   and the hit is somewhere in it;
 * - undefined when no layer encloses it (a report without layers).
 */
export type InputPosition =
  | { readonly kind: 'exact'; readonly position: number; readonly layer: LayerJson }
  | { readonly kind: 'inside'; readonly layer: LayerJson };

export function positionInInput(finding: FindingJson, layers: readonly LayerJson[]): InputPosition | undefined {
  const chain = finding.location.chain;
  for (let length = chain.length; length >= 0; length--) {
    const prefix = chain.slice(0, length);
    const layer = layers.find((candidate) => sameChain(candidate.chain, prefix));
    if (layer === undefined) continue;
    if (length === chain.length) return { kind: 'exact', position: layer.start + finding.location.offset, layer };
    return { kind: 'inside', layer };
  }
  return undefined;
}

/** `1 finding`, `2 findings`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Human byte size: `719 B`, `55.4 KiB`. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'] as const;
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'TiB'}`;
}

/** Inputs that were not scanned completely, or that have problems. */
export function incompleteInputs(report: Pick<Report, 'inputs'>): InputJson[] {
  return report.inputs.filter((input) => input.status !== 'complete' || input.problems.length > 0);
}
