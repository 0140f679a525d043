/**
 * Turns verified hits into the report's findings: lossless names, stable ids and one
 * deterministic order (input, chain, offset, term, encoding, form), whatever order the
 * scan met them in.
 */
import { findingId } from '../evidence/fingerprint.js';
import { losslessText } from '../evidence/lossless.js';
import { mergeContainedHits } from '../evidence/merge.js';
import type { ChainLinkJson, FindingJson, LayerJson, LosslessText, NoteJson, ProblemJson } from '../report/types.js';
import type { ChainLink, Problem } from '../unpack/types.js';
import type { Layer, Note } from '../walk/types.js';
import type { Hit } from './search.js';

export function chainJson(chain: readonly ChainLink[]): ChainLinkJson[] {
  return chain.map((link) => ({
    format: link.format,
    ...(link.path === undefined ? {} : { path: losslessText(link.path) }),
    offset: link.offset,
  }));
}

export function problemJson(problem: Problem): ProblemJson {
  return {
    chain: chainJson(problem.chain),
    kind: problem.kind,
    message: problem.message,
    ...(problem.offset === undefined ? {} : { offset: problem.offset }),
  };
}

export function noteJson(note: Note): NoteJson {
  return { chain: chainJson(note.chain), message: note.message, ...(note.offset === undefined ? {} : { offset: note.offset }) };
}

/** Layers outermost first, then by position; the driver meets them depth first. */
export function layersJson(layers: readonly Layer[]): LayerJson[] {
  return [...layers]
    .sort((a, b) => a.chain.length - b.chain.length || a.start - b.start || a.end - b.end)
    .map((layer) => ({ chain: chainJson(layer.chain), format: layer.format, start: layer.start, end: layer.end }));
}

/**
 * Findings of one input, sorted, with occurrence-based ids. A hit inside a longer hit of another
 * term in the same object is listed in that finding's `contains`, not reported on its own.
 */
export function assembleFindings(input: Buffer, hits: readonly Hit[]): FindingJson[] {
  const inputText: LosslessText = losslessText(input);
  const merged = mergeContainedHits(
    hits.map((hit) => ({ hit, placeKey: chainKey(hit.chain), start: hit.start, end: hit.end, termId: hit.needle.term.id, confidence: hit.confidence })),
  );
  const keyed = merged.map((entry) => ({ ...entry, chainKey: entry.hit.placeKey }));
  keyed.sort((a, b) => compareStrings(a.chainKey, b.chainKey) || a.hit.start - b.hit.start || compareHits(a.hit.hit, b.hit.hit));
  const occurrences = new Map<string, number>();
  return keyed.map(({ hit: { hit }, chainKey: key, contained, confidence }) => {
    const needle = hit.needle;
    const encoding = hit.view?.encoding ?? needle.encoding;
    const form = hit.view?.form ?? needle.form;
    const occurrenceKey = JSON.stringify([key, needle.term.id, encoding, form, needle.variant]);
    const occurrence = occurrences.get(occurrenceKey) ?? 0;
    occurrences.set(occurrenceKey, occurrence + 1);
    return {
      id: findingId({
        input: input.toString('latin1'),
        chainPaths: hit.chain.map((link) => `${link.format}:${link.path === undefined ? '' : Buffer.from(link.path).toString('latin1')}`),
        termId: needle.term.id,
        encoding,
        form,
        variant: needle.variant,
        occurrence,
      }),
      term: {
        id: needle.term.id,
        text: needle.term.text,
        category: needle.term.category,
        precision: needle.term.precision,
        pack: needle.term.pack,
        meaning: needle.term.meaning,
        references: needle.term.references.map((reference) => ({ title: reference.title, url: reference.url })),
      },
      match: {
        encoding,
        form,
        variant: needle.variant,
        hex: hit.matchedHex,
        length: hit.end - hit.start,
      },
      location: {
        input: inputText,
        chain: chainJson(hit.chain),
        offset: hit.start,
        objectSha256: hit.objectSha256,
        ...(hit.line === undefined ? {} : { line: hit.line, column: hit.column }),
        ...(hit.source === undefined ? {} : { source: { chain: chainJson(hit.source.chain), ranges: hit.source.ranges.map((range) => ({ ...range })), hex: hit.source.hex } }),
      },
      context: hit.context,
      ...(hit.more === undefined ? {} : { more: { count: hit.more.count, offsets: [...hit.more.offsets] } }),
      confidence,
      reasons: confidence === hit.confidence ? [...hit.reasons] : [...hit.reasons, `contains:${confidence} (a contained term is ${confidence})`],
      ...(contained.length === 0
        ? {}
        : {
            contains: contained.map((inner) => ({
              termId: inner.termId,
              text: inner.hit.needle.term.text,
              variant: inner.hit.needle.variant,
              offset: inner.start,
              length: inner.end - inner.start,
              confidence: inner.confidence,
            })),
          }),
    };
  });
}

/** Member paths and formats, not offsets: the order must not depend on unrelated bytes. */
function chainKey(chain: readonly ChainLink[]): string {
  return chain.map((link) => `${link.format}\u0000${link.path === undefined ? '' : Buffer.from(link.path).toString('latin1')}\u0000${link.offset}`).join('\u0001');
}

function compareHits(a: Hit, b: Hit): number {
  return (
    a.end - b.end ||
    compareStrings(a.needle.term.id, b.needle.term.id) ||
    compareStrings(a.needle.encoding, b.needle.encoding) ||
    compareStrings(a.needle.form, b.needle.form) ||
    compareStrings(a.needle.variant, b.needle.variant)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
