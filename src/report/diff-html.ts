/**
 * The diff as one self-contained HTML page: OLD and NEW side by side per entry, changes first.
 * No scripts, no external resources; every string from a report is escaped.
 */
import { htmlEscape as t } from './escape.js';
import { classOrder, classTitle, describeSide, sideContext, sideLocation } from './diff-text.js';
import type { DiffEntryJson, DiffReport, DiffSideJson } from './diff-types.js';

const css = `body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin:1em 0}
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}th{background:#f4f4f4}
.ctx{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}mark{background:#fd6;padding:0 .1em}
.added mark{background:#9e9}.removed mark,.scrubbed .old mark{background:#f99}.scrubbed .new mark{background:#adf}
.empty{color:#888;font-style:italic}h3{margin-top:1.5em}`;

function cell(side: DiffSideJson | undefined, className: string): string {
  if (side === undefined) return `<td class="${className} empty">not present</td>`;
  const hit = side.matched;
  const context = sideContext(side);
  const text = context === undefined ? '<span class="empty">context redacted</span>' : `…${t(context.before)}<mark>${t(hit)}</mark>${t(context.after)}…`;
  return `<td class="${className}"><div>${t(sideLocation(side))}</div><div class="ctx">${text}</div></td>`;
}

function entryRow(entry: DiffEntryJson): string {
  const placeholder = entry.placeholder;
  const newCell = placeholder === undefined
    ? cell(entry.new, 'new')
    : `<td class="new"><div>placeholder <code>${t(placeholder.text)}</code> at the same position; same neighbours: <code>${t(placeholder.anchors.before.join(' '))}</code> … <code>${t(placeholder.anchors.after.join(' '))}</code></div><div class="ctx">…${t(placeholder.context.before)}<mark>${t(placeholder.text)}</mark>${t(placeholder.context.after)}…</div></td>`;
  return `<tr class="${entry.class}"><td>${t(entry.term.text)}<br><small>${t(entry.term.id)}</small></td><td>${t(entry.place || '(the input itself)')}</td>${cell(entry.old, 'old')}${newCell}</tr>`;
}

export function renderDiffHtml(diff: DiffReport): string {
  const { summary } = diff;
  const body = [
    '<h1>fwsift diff</h1>',
    `<table><tr><th>old</th><td>${t(describeSide(diff.old))}</td></tr><tr><th>new</th><td>${t(describeSide(diff.new))}</td></tr></table>`,
    `<p>${summary.changed === 0 ? 'No changes: every finding is kept at the same place.' : `${summary.added} added, ${summary.removed} removed, ${summary.scrubbed} scrubbed, ${summary.kept} kept.`}</p>`,
  ];
  if (summary.byTerm.length > 0) {
    body.push('<table><tr><th>term</th><th>added</th><th>kept</th><th>removed</th><th>scrubbed</th></tr>');
    for (const row of summary.byTerm) body.push(`<tr><td>${t(row.text)} <small>${t(row.termId)}</small></td><td>${row.added}</td><td>${row.kept}</td><td>${row.removed}</td><td>${row.scrubbed}</td></tr>`);
    body.push('</table>');
  }
  for (const diffClass of classOrder) {
    const entries = diff.entries.filter((entry) => entry.class === diffClass);
    if (entries.length === 0) continue;
    body.push(`<h3>${t(classTitle[diffClass])} (${entries.length})</h3>`, '<table><tr><th>term</th><th>place</th><th>old</th><th>new</th></tr>', ...entries.map(entryRow), '</table>');
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>fwsift diff: ${summary.changed} change${summary.changed === 1 ? '' : 's'}</title>`,
    `<style>${css}</style></head><body>`,
    ...body,
    `<footer>Rendered by fwsift ${t(diff.tool.version)} from a diff of schema ${t(diff.diffSchemaVersion)}.</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
