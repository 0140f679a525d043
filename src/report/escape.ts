/**
 * Escaping for the human renderings. Findings carry attacker-controlled bytes (member names,
 * decoded context), so every string from a report passes through one of these before it
 * reaches Markdown or HTML.
 */

/**
 * Backslash-escapes (CommonMark §2.4) the characters through which text could start markup in
 * GitHub-flavoured Markdown: emphasis and code (`* _ \``), links and images (`[ ] ( ) !`),
 * HTML and entities (`< > &`), table cells (`|`), strikethrough (`~`), math (`$`), headings
 * and lists (`# +`), and autolinks (`:` of a scheme, `@` of an e-mail address, the `.` after
 * `www`). Everything else stays readable (`/`, `.`, `-` in paths). Callers never put the
 * result at the start of a line, so `-`, `1.` and `>` there need no escape.
 */
export function markdownEscape(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~&:@$]/g, '\\$&').replace(/(www)\./gi, '$1\\.');
}

const htmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '` for HTML text and attribute values (attributes are always double-quoted). */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char]!);
}
