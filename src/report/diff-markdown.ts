/** The diff as Markdown: counts, per-term table, then every entry with both contexts. Every string from a report is escaped. */
import { markdownEscape as md } from './escape.js';
import { classOrder, classTitle, describeSide, sideContext, sideLocation } from './diff-text.js';
import type { DiffEntryJson, DiffReport, DiffSideJson } from './diff-types.js';

function contextLine(label: string, side: DiffSideJson): string {
  const hit = side.matched;
  const context = sideContext(side);
  const text = context === undefined ? '(context redacted)' : `…${md(context.before)}**${md(hit)}**${md(context.after)}…`;
  return `- ${label}: ${md(sideLocation(side))}<br>${text}`;
}

function entryLines(entry: DiffEntryJson): string[] {
  const lines = [`#### ${md(entry.term.text)} (${md(entry.term.id)}) in ${md(entry.place || '(the input itself)')}`, ''];
  if (entry.old !== undefined) lines.push(contextLine('old', entry.old));
  if (entry.new !== undefined) lines.push(contextLine('new', entry.new));
  if (entry.placeholder !== undefined) {
    const { placeholder } = entry;
    lines.push(`- new: placeholder **${md(placeholder.text)}** at the same position<br>…${md(placeholder.context.before)}**${md(placeholder.text)}**${md(placeholder.context.after)}…`);
    lines.push(`- same neighbours: before ${md(placeholder.anchors.before.join(' '))}, after ${md(placeholder.anchors.after.join(' '))} (from the ${placeholder.source === 'object' ? "new object's text" : 'contexts of new findings'})`);
  }
  lines.push('');
  return lines;
}

export function renderDiffMarkdown(diff: DiffReport): string {
  const { summary } = diff;
  const lines = [
    '# fwsift diff',
    '',
    `- old: ${md(describeSide(diff.old))}`,
    `- new: ${md(describeSide(diff.new))}`,
    '',
    summary.changed === 0 ? 'No changes: every finding is kept at the same place.' : `${summary.added} added, ${summary.removed} removed, ${summary.scrubbed} scrubbed, ${summary.kept} kept.`,
    '',
  ];
  if (summary.byTerm.length > 0) {
    lines.push('| term | added | kept | removed | scrubbed |', '|---|---:|---:|---:|---:|');
    for (const row of summary.byTerm) lines.push(`| ${md(row.text)} (${md(row.termId)}) | ${row.added} | ${row.kept} | ${row.removed} | ${row.scrubbed} |`);
    lines.push('');
  }
  for (const diffClass of classOrder) {
    const entries = diff.entries.filter((entry) => entry.class === diffClass);
    if (entries.length === 0) continue;
    lines.push(`## ${classTitle[diffClass]} (${entries.length})`, '');
    for (const entry of entries) lines.push(...entryLines(entry));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
