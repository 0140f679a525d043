/**
 * The layer map of one input as an inline SVG: the input's byte range drawn as a bar, one row
 * per nesting depth of the report's `layers` (spans verbatim in the input: the input itself,
 * stored members, carved chunks), coloured by how each span was handled: opened as a format,
 * or searched raw only. Spans that could not be searched (reading stopped at an I/O error) are
 * hatched; problems are red triangles at their offset when it is known; findings are ticks at
 * their exact input offset, or, when they sit inside decompressed data, a bracket under the
 * enclosing span with their count. Every mark links to its finding section and has a
 * `<title>` tooltip. No scripts; all text is HTML-escaped.
 */
import { htmlEscape } from './escape.js';
import type { Confidence, FindingJson, InputJson, LayerJson } from './types.js';
import { displayLink, plural, positionInInput, sameChain } from './views.js';

export const confidenceColour: Readonly<Record<Confidence, string>> = { high: '#b3261e', medium: '#c77700', low: '#6b7280' };

const width = 960;
const margin = 8;
const rowHeight = 26;
const barHeight = 20;
const plotWidth = width - 2 * margin;

/** A colour per format id, stable across reports (hash of the id onto a hue); `raw` is grey. */
export function formatColour(format: string): string {
  if (format === 'raw') return '#d1d5db';
  let hash = 0;
  for (const char of format) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 72%)`;
}

export interface MapFinding {
  readonly finding: FindingJson;
  /** Anchor of the finding's section in the page. */
  readonly anchor: string;
}

/**
 * The SVG for one input. `findings` are that input's findings with their anchors. Returns
 * an SVG element string; its height grows with the nesting depth.
 */
export function layerMapSvg(input: InputJson, findings: readonly MapFinding[], idPrefix: string): string {
  const size = Math.max(input.size, 1);
  const x = (offset: number) => margin + (Math.min(Math.max(offset, 0), size) / size) * plotWidth;
  // A report without layers (or an input that was never read) still gets its bar.
  const layers: readonly LayerJson[] = input.layers.length > 0 ? input.layers : [{ chain: [], format: 'raw', start: 0, end: input.size }];
  const hatch = `${idPrefix}-hatch`;
  const depth = Math.max(...layers.map((layer) => layer.chain.length));
  const rowY = (row: number) => 18 + row * rowHeight;
  const markerY = rowY(depth + 1);
  const parts: string[] = [];

  parts.push(`<defs><pattern id="${hatch}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fde2e1"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b3261e" stroke-width="2"/></pattern></defs>`);
  parts.push(axis(input.size, x));

  for (const layer of layers) {
    const y = rowY(layer.chain.length);
    const left = x(layer.start);
    const spanWidth = Math.max(1, x(layer.end) - left);
    const name = layer.chain.length === 0 ? 'the input' : layer.chain.map(displayLink).join('!/');
    const how = layer.format === 'raw' ? 'searched raw only (no format recognised)' : `opened as ${layer.format}`;
    const title = `${name}: bytes ${layer.start}–${layer.end} (0x${layer.start.toString(16)}–0x${layer.end.toString(16)}), ${how}`;
    parts.push(
      `<g class="layer"><title>${htmlEscape(title)}</title><rect x="${n(left)}" y="${y}" width="${n(spanWidth)}" height="${barHeight}" fill="${formatColour(layer.format)}" stroke="#374151" stroke-width="0.5"/>` +
        (spanWidth > 60 ? `<text x="${n(left + 4)}" y="${y + 14}" class="layer-label">${htmlEscape(clipLabel(`${layer.format} ${layer.chain.length === 0 ? '' : displayLink(layer.chain.at(-1)!)}`, spanWidth))}</text>` : '') +
        '</g>',
    );
  }

  if (input.status === 'failed' || input.status === 'skipped') {
    const why = input.status === 'skipped' ? `skipped: ${input.skipReason ?? 'not scanned'}` : 'could not be read';
    parts.push(`<g><title>${htmlEscape(`not searched: ${why}`)}</title><rect x="${margin}" y="${rowY(0)}" width="${plotWidth}" height="${barHeight}" fill="url(#${hatch})"/></g>`);
  }
  for (const problem of input.problems) {
    // Reading the input itself stopped: nothing after the offset was searched at all.
    if (problem.kind === 'io' && problem.chain.length === 0) {
      const start = problem.offset ?? 0;
      parts.push(`<g><title>${htmlEscape(`not searched from byte ${start}: ${problem.message}`)}</title><rect x="${n(x(start))}" y="${rowY(0)}" width="${n(Math.max(1, x(input.size) - x(start)))}" height="${barHeight}" fill="url(#${hatch})"/></g>`);
    }
    const layer = input.layers.find((candidate) => sameChain(candidate.chain, problem.chain));
    if (layer === undefined) continue;
    const at = layer.start + (problem.offset ?? 0);
    const px = x(at);
    const y = rowY(layer.chain.length);
    parts.push(`<g class="problem"><title>${htmlEscape(`${problem.kind} at input byte ${at}: ${problem.message}`)}</title><path d="M${n(px)} ${y + barHeight + 1} l5 8 h-10 z" fill="#b3261e"/></g>`);
  }

  const inside = new Map<LayerJson, MapFinding[]>();
  for (const item of findings) {
    const position = positionInInput(item.finding, input.layers);
    const label = `${item.finding.term.text} (${item.finding.confidence})`;
    if (position?.kind === 'exact') {
      const px = x(position.position);
      const top = rowY(position.layer.chain.length);
      parts.push(
        `<a href="#${item.anchor}"><g class="tick"><title>${htmlEscape(`${label} at input byte ${position.position} (0x${position.position.toString(16)})`)}</title>` +
          `<line x1="${n(px)}" y1="${top - 3}" x2="${n(px)}" y2="${markerY + 10}" stroke="${confidenceColour[item.finding.confidence]}" stroke-width="2"/>` +
          `<circle cx="${n(px)}" cy="${markerY + 10}" r="3.5" fill="${confidenceColour[item.finding.confidence]}"/></g></a>`,
      );
    } else {
      const layer = position?.layer ?? layers[0]!;
      inside.set(layer, [...(inside.get(layer) ?? []), item]);
    }
  }
  for (const [layer, items] of inside) {
    const left = x(layer.start);
    const right = Math.max(left + 2, x(layer.end));
    const strongest = items.some((item) => item.finding.confidence === 'high') ? 'high' : items.some((item) => item.finding.confidence === 'medium') ? 'medium' : 'low';
    const terms = [...new Set(items.map((item) => item.finding.term.text))].slice(0, 8).join(', ');
    const y = markerY + 20;
    parts.push(
      `<a href="#${items[0]!.anchor}"><g class="inside"><title>${htmlEscape(`${plural(items.length, 'finding')} inside data decompressed from this span: ${terms}`)}</title>` +
        `<path d="M${n(left)} ${y - 6} v6 H${n(right)} v-6" fill="none" stroke="${confidenceColour[strongest]}" stroke-width="2"/>` +
        `<text x="${n(left + 2)}" y="${y + 12}" class="inside-label">${htmlEscape(clipLabel(`${plural(items.length, 'finding')} inside`, Math.max(right - left, 120)))}</text></g></a>`,
    );
  }

  const height = markerY + 40;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="layer-map" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${htmlEscape(`layer map: ${plural(layers.length, 'span')}, ${plural(findings.length, 'finding')}`)}">${parts.join('')}</svg>`;
}

function axis(size: number, x: (offset: number) => number): string {
  const ticks = [...new Set([0, 0.25, 0.5, 0.75, 1].map((fraction) => Math.round(size * fraction)))];
  return ticks
    .map((offset, index) => {
      const anchor = index === 0 ? 'start' : index === ticks.length - 1 ? 'end' : 'middle';
      return `<text x="${n(x(offset))}" y="11" text-anchor="${anchor}" class="axis">0x${offset.toString(16)}</text>`;
    })
    .join('');
}

/** Shortens a label to what fits in `widthPx` at about 6.5 px per character. */
function clipLabel(text: string, widthPx: number): string {
  const chars = Array.from(text);
  const fits = Math.max(3, Math.floor((widthPx - 8) / 6.5));
  return chars.length <= fits ? text : `${chars.slice(0, fits - 1).join('')}…`;
}

/** Coordinates with at most one decimal, so the SVG is compact and deterministic. */
function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
