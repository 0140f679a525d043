/**
 * The corpus timeline as inline SVG: one lane per term, columns (inputs in version order) along
 * the x axis, a bar over every run of consecutive columns where the term was found. Runs, not
 * cells, keep 1,000 columns × 100 terms to a few thousand elements.
 */
import { htmlEscape as t } from './escape.js';
import type { CorpusMatrix } from './corpus.js';

const laneHeight = 18;
const labelWidth = 220;
const plotWidth = 800;
const axisHeight = 24;

const categoryColour: Readonly<Record<string, string>> = {
  ethnicity: '#c0392b',
  race: '#8e44ad',
  'skin-colour': '#d35400',
  'region-targeting': '#2c3e50',
  'minority-alert': '#b03060',
};

/** Consecutive runs `[start, end]` of columns with a count above zero. */
export function presenceRuns(counts: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  counts.forEach((count, index) => {
    if (count === 0) return;
    const last = runs.at(-1);
    if (last !== undefined && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  });
  return runs;
}

export function renderTimeline(matrix: CorpusMatrix): string {
  const columns = Math.max(matrix.columns.length, 1);
  const step = plotWidth / columns;
  const height = axisHeight + matrix.rows.length * laneHeight;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth}" height="${height}" role="img" aria-label="first and last seen per term">`];
  const first = matrix.columns[0]?.label ?? '';
  const last = matrix.columns.at(-1)?.label ?? '';
  parts.push(`<text x="${labelWidth}" y="14" font-size="11">${t(first)}</text><text x="${labelWidth + plotWidth}" y="14" font-size="11" text-anchor="end">${t(last)}</text>`);
  matrix.rows.forEach((row, lane) => {
    const y = axisHeight + lane * laneHeight;
    parts.push(`<text x="${labelWidth - 6}" y="${y + 13}" font-size="11" text-anchor="end">${t(row.text)}</text>`);
    parts.push(`<line x1="${labelWidth}" y1="${y + 9}" x2="${labelWidth + plotWidth}" y2="${y + 9}" stroke="#eee"/>`);
    const colour = categoryColour[row.category] ?? '#555';
    for (const [start, end] of presenceRuns(row.counts)) {
      const x = labelWidth + start * step;
      const width = Math.max((end - start + 1) * step, 2);
      parts.push(`<rect x="${x.toFixed(2)}" y="${y + 3}" width="${width.toFixed(2)}" height="12" fill="${colour}"><title>${t(row.text)}: ${t(matrix.columns[start]!.label)} … ${t(matrix.columns[end]!.label)}</title></rect>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}
