/**
 * The corpus as one self-contained HTML page: the SVG timeline, then the term × version
 * matrix (counts, first and last seen). No scripts, no external resources; every string from a
 * report is escaped.
 */
import { htmlEscape as t } from './escape.js';
import type { CorpusColumn, CorpusMatrix } from './corpus.js';
import { renderTimeline } from './corpus-timeline.js';

const css = `body{font:13px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.15em .35em;text-align:right}th.v{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;max-height:16em}
td.t,th.t{text-align:left;white-space:nowrap}td.n{background:#fbe3d6}td.z{color:#ccc}.wrap{overflow:auto;max-width:100%}`;

function heading(column: CorpusColumn, index: number): string {
  const facts = [column.version, column.date, column.identity?.name, ...column.lineage].filter((fact): fact is string => fact !== undefined && fact !== '').join(' · ');
  return `<th class="v" title="${t(`${column.label} (${column.status}, sha256 ${column.sha256})`)}">${index + 1}. ${t(column.label)}${facts === '' ? '' : `<br><small>${t(facts)}</small>`}</th>`;
}

/** Every lineage item, with its place and reference: what the headings' "derived from vendor X" rests on. */
function lineageSection(columns: readonly CorpusColumn[]): string[] {
  const rows = columns.flatMap((column, index) =>
    column.lineageEvidence.map((item) => `<tr><td class="t">${index + 1}</td><td class="t">${t(item.vendor)}</td><td class="t">${t(item.kind)}</td><td class="t">${t(item.place)}${item.offset === undefined ? '' : ` @ 0x${item.offset.toString(16)}`}</td><td class="t">${t(item.detail)}</td><td class="t"><a href="${t(item.reference.url)}">${t(item.reference.title)}</a></td></tr>`),
  );
  if (rows.length === 0) return [];
  return ['<h2>Lineage evidence</h2>', '<div class="wrap"><table>', '<tr><th class="t">column</th><th class="t">vendor</th><th class="t">kind</th><th class="t">place</th><th class="t">what</th><th class="t">reference</th></tr>', ...rows, '</table></div>'];
}

export function renderCorpusHtml(matrix: CorpusMatrix): string {
  const { columns, rows } = matrix;
  const body = [
    '<h1>fwsift corpus</h1>',
    `<p>${columns.length} input${columns.length === 1 ? '' : 's'} in version order (from recorded identity where the format has one, else from names), ${rows.length} term${rows.length === 1 ? '' : 's'}.</p>`,
    '<h2>Timeline</h2>',
    `<div class="wrap">${renderTimeline(matrix)}</div>`,
    '<h2>Matrix</h2>',
    '<div class="wrap"><table>',
    `<tr><th class="t">term</th><th class="t">first seen</th><th class="t">last seen</th>${columns.map(heading).join('')}</tr>`,
  ];
  for (const row of rows) {
    const cells = row.counts.map((count) => (count === 0 ? '<td class="z">0</td>' : `<td class="n">${count}</td>`)).join('');
    body.push(`<tr><td class="t">${t(row.text)} <small>${t(row.termId)}</small></td><td class="t">${t(columns[row.firstSeen]!.label)}</td><td class="t">${t(columns[row.lastSeen]!.label)}</td>${cells}</tr>`);
  }
  body.push('</table></div>', ...lineageSection(columns));
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>fwsift corpus: ${rows.length} terms × ${columns.length} inputs</title>`,
    `<style>${css}</style></head><body>`,
    ...body,
    `<footer>Rendered by fwsift ${t(matrix.tool.version)}.</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
