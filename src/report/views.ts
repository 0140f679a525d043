/**
 * Read-only views of a report shared by the human renderings (Markdown, HTML): findings grouped
 * by input, counts by category × confidence, chains for display, and where a finding sits in
 * its input's byte range for the layer map. Pure functions of the report.
 */
import { sanitizeForDisplay } from '../evidence/context.js';
import { categories, type Category } from '../patterns/types.js';
import { decHex } from './hexdump.js';
import type { ChainLinkJson, Confidence, ContainedTermJson, FindingJson, InputJson, LayerJson, LosslessText, NoteJson, Report, SourceJson } from './types.js';

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

/**
 * A shorter term found inside a finding's bytes, as one plain sentence for the appendix:
 * `"EM_NATION_TYPE" (term zh.em-nation-type) at offset 12 (0xc), 14 bytes, high confidence`.
 * Unescaped: each renderer escapes it.
 */
export function containedTermText(contained: ContainedTermJson): string {
  const variant = contained.variant === contained.text ? '' : `, spelled "${contained.variant}"`;
  return `"${contained.text}" (term ${contained.termId}${variant}) at offset ${decHex(contained.offset)}, ${plural(contained.length, 'byte')}, ${contained.confidence} confidence`;
}

/** Where the bytes that drew a finding in derived text are (PDF page text: its content stream's glyph codes), as one plain sentence. Unescaped. */
export function sourceText(input: LosslessText, source: SourceJson): string {
  const ranges = source.ranges.map((range) => `${decHex(range.offset)} (${plural(range.length, 'byte')})`).join(', ');
  return `drawn by ${displayWhere(input, source.chain)} at ${ranges}: ${source.hex}`;
}

/** A note on an input as one plain sentence: where it was noted, then what. Unescaped. */
export function noteText(input: InputJson, note: NoteJson): string {
  const at = note.offset === undefined ? '' : ` at offset ${decHex(note.offset)}`;
  return `${displayWhere(input.path, note.chain)}${at}: ${note.message}`;
}

/** Inputs with notes (facts that lost no bytes, such as a mislabelled charset), in report order. */
export function notedInputs(report: Pick<Report, 'inputs'>): InputJson[] {
  return report.inputs.filter((input) => (input.notes ?? []).length > 0);
}

/**
 * The appendix's title and subject: those given to the renderer, else those the scan recorded
 * (`scan --title/--subject` keep them in `run.options`, so a later `render` shows them), else
 * `fallbackTitle` and no subject.
 */
export function appendixHeading(report: Pick<Report, 'run'>, given: { readonly title?: string; readonly subject?: string }, fallbackTitle: string): { readonly title: string; readonly subject?: string } {
  const recorded = (key: 'title' | 'subject'): string | undefined => {
    const value = given[key] ?? report.run.options[key];
    return typeof value === 'string' ? value : undefined;
  };
  const subject = recorded('subject');
  return { title: recorded('title') ?? fallbackTitle, ...(subject === undefined ? {} : { subject }) };
}

/** Inputs that were not scanned completely, or that have problems. */
export function incompleteInputs(report: Pick<Report, 'inputs'>): InputJson[] {
  return report.inputs.filter((input) => input.status !== 'complete' || input.problems.length > 0);
}
