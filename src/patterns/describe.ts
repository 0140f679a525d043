/**
 * Text for people about packs and terms: `fwsift patterns list` and `fwsift patterns show ID`.
 * Pure functions of the loaded packs and their needle set; the CLI only prints them.
 */
import { syntaxInfo } from './escapes.js';
import type { NeedleSet } from './needles.js';
import type { Needle, Pack } from './types.js';

/**
 * One line per pack: id, version, the categories it covers, its terms by precision
 * (high/medium/ambiguous), terms, spellings and needles, then the source path.
 */
export function describePacks(packs: readonly Pack[], set: NeedleSet): string {
  const rows = packs.map((pack) => {
    const spellings = pack.terms.reduce((sum, term) => sum + 1 + term.variants.length, 0);
    const needles = set.needles.filter((needle) => needle.term.pack === pack.id).length;
    const categories = [...new Set(pack.terms.map((term) => term.category))].sort().join(',');
    const count = (precision: string) => pack.terms.filter((term) => term.precision === precision).length;
    const precision = `${count('high')}/${count('medium')}/${count('ambiguous')}`;
    return [pack.id, pack.version, categories, precision, String(pack.terms.length), String(spellings), String(needles), pack.source];
  });
  return table([['pack', 'version', 'categories', 'high/medium/ambiguous', 'terms', 'spellings', 'needles', 'file'], ...rows]);
}

/**
 * A term and every needle made from it: the term's fields, then one line per needle (id,
 * spelling, encoding, form, syntax, length, the bytes in hex, and the ASCII text of written
 * forms), then the cells that were not searched and what each syntax is.
 * Returns undefined when no loaded term has the id. `display` sanitises text for a terminal.
 */
export function describeTerm(set: NeedleSet, termId: string, display: (text: string) => string = (text) => text): string | undefined {
  const needles = set.needles.filter((needle) => needle.term.id === termId);
  const cells = set.coverage.filter((cell) => cell.termId === termId);
  const term = needles[0]?.term;
  if (term === undefined && cells.length === 0) return undefined;
  const lines: string[] = [];
  if (term !== undefined) {
    lines.push(
      `${term.id}  ${display(term.text)}`,
      `  ${term.category}, precision ${term.precision}, ${term.kind}, case-${term.case}, boundary ${term.boundary}, pack ${term.pack}`,
      `  meaning: ${display(term.meaning)}`,
    );
    if (term.variants.length > 0) lines.push(`  variants: ${term.variants.map(display).join(', ')}`);
    if (term.notAfter.length > 0) lines.push(`  not after: ${term.notAfter.map(display).join(' ')}`);
    if (term.notBefore.length > 0) lines.push(`  not before: ${term.notBefore.map(display).join(' ')}`);
  } else {
    lines.push(`${termId}: no needles (every cell unencodable or disabled)`);
  }
  lines.push('', `${needles.length} needles:`);
  lines.push(
    table([
      ['id', 'spelling', 'encoding', 'form', 'syntax', 'bytes', 'hex', 'text'],
      ...needles.map((needle) => [
        String(needle.id),
        display(needle.variant),
        needle.encoding,
        needle.form,
        needle.syntax,
        String(needle.bytes.length),
        hex(needle.bytes),
        needle.syntax === 'raw' ? '' : writtenText(needle),
      ]),
    ]),
  );
  const missing = cells.filter((cell) => cell.status !== 'searched');
  if (missing.length > 0) {
    lines.push('', 'not searched:');
    for (const cell of missing) lines.push(`  ${display(cell.variant)}  ${cell.encoding}/${cell.form}: ${cell.status}`);
  }
  const syntaxes = [...new Set(needles.map((needle) => needle.syntax))];
  lines.push('', 'syntaxes:', ...syntaxes.map((syntax) => `  ${syntax}: ${syntaxInfo[syntax].description}`));
  lines.push('', 'Hex digits of escapes (and letters of case-insensitive terms) match in either case; base64 matches exactly.');
  return `${lines.join('\n')}\n`;
}

/** A written needle's ASCII text. */
function writtenText(needle: Needle): string {
  return String.fromCharCode(...needle.bytes);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Left-aligned columns separated by two spaces (CJK counted as two columns wide). */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => width(row[c] ?? ''))));
  return rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat(widths[c]! - width(cell)))).join('  ').trimEnd()).join('\n');
}

function width(text: string): number {
  let w = 0;
  for (const char of text) w += char.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return w;
}
