/**
 * The corpus matrix as CSV (RFC 4180, CRLF line ends): one row per term, then one column per
 * input in version order. Cells that a spreadsheet would run as a formula (`= + - @`, tab, CR
 * at the start) get a leading `'` (OWASP "CSV injection"): member names and terms come from
 * untrusted input.
 */
import type { CorpusMatrix } from './corpus.js';

function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderCorpusCsv(matrix: CorpusMatrix): string {
  const header = ['term_id', 'text', 'category', 'first_seen', 'last_seen', ...matrix.columns.map((column) => column.label)];
  const lines = [header.map(cell).join(',')];
  for (const row of matrix.rows) {
    lines.push([row.termId, row.text, row.category, matrix.columns[row.firstSeen]!.label, matrix.columns[row.lastSeen]!.label, ...row.counts].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
