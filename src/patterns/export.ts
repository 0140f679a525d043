/**
 * The needles in other tools' languages (R7), so a sceptic can re-run fwsift's search with
 * ripgrep or YARA, and so `npm run bench` can time ripgrep on exactly the same needles.
 *
 * Case folding is exported as it is searched: a byte that may be in either ASCII case (hex
 * digits of an escape, letters of a case-insensitive term) becomes a two-byte class
 * (`[\x45\x65]` for ripgrep, `( 45 | 65 )` for YARA). Everything else is exact bytes.
 */
import { syntaxInfo } from './escapes.js';
import type { Needle, Term } from './types.js';

export interface RipgrepOptions {
  /**
   * Write every byte exactly, without the case classes (ripgrep then sees pure literals, its
   * fastest path). Default false. The result finds only the needles' own case: fewer hits than
   * fwsift for case-insensitive terms and for escapes in the other hex case.
   */
  readonly exactCase: boolean;
}

/**
 * A ripgrep pattern file: one line per needle, `(?-u:\xNN…)` (bytes, Unicode off), in needle
 * order. Use it as `rg -a -f FILE` (`-a`: search binary files as text; add `-b -o` for offsets).
 * Pattern files have no comments; `patterns show` relates a line (needle id = line − 1) to its term.
 */
export function exportRipgrep(needles: readonly Needle[], options: Partial<RipgrepOptions> = {}): string {
  const exact = options.exactCase === true;
  return needles
    .map((needle) => {
      let pattern = '';
      needle.bytes.forEach((b, i) => {
        const other = b ^ 0x20;
        pattern += !exact && needle.foldMask[i] === 1 ? `[${rgByte(Math.min(b, other))}${rgByte(Math.max(b, other))}]` : rgByte(b);
      });
      return `(?-u:${pattern})\n`;
    })
    .join('');
}

function rgByte(b: number): string {
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

/**
 * YARA rules: one rule per term, one hex string per needle (`$n12` is needle 12), condition
 * `any of them`. Meta fields carry the term id, text (non-ASCII as `\xNN` UTF-8 escapes, which
 * YARA reads in text strings), category, precision and pack; a comment on each string names its
 * encoding, form and syntax. Rule names are `fwsift_` + the term id with every other character
 * turned into `_`, made unique with a numeric suffix if two ids collapse to the same name.
 */
export function exportYara(needles: readonly Needle[]): string {
  const byTerm = new Map<Term, Needle[]>();
  for (const needle of needles) {
    const list = byTerm.get(needle.term);
    if (list === undefined) byTerm.set(needle.term, [needle]);
    else list.push(needle);
  }
  const used = new Set<string>();
  const rules: string[] = [];
  for (const [term, list] of byTerm) {
    let name = `fwsift_${term.id.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 120);
    for (let k = 2; used.has(name); k++) name = `${name.replace(/_\d+$/, '')}_${k}`;
    used.add(name);
    const strings = list.map((needle) => {
      const hex = Array.from(needle.bytes, (b, i) => (needle.foldMask[i] === 1 ? `( ${yaraByte(b & ~0x20)} | ${yaraByte(b | 0x20)} )` : yaraByte(b))).join(' ');
      return `        $n${needle.id} = { ${hex} } // ${needle.encoding} ${syntaxInfo[needle.syntax].form} ${needle.syntax}`;
    });
    rules.push(
      [
        `rule ${name}`,
        '{',
        '    meta:',
        `        term = "${yaraText(term.id)}"`,
        `        text = "${yaraText(term.text)}"`,
        `        category = "${term.category}"`,
        `        precision = "${term.precision}"`,
        `        pack = "${yaraText(term.pack)}"`,
        '    strings:',
        ...strings,
        '    condition:',
        '        any of them',
        '}',
      ].join('\n'),
    );
  }
  return `// fwsift needles as YARA rules: one rule per term, one hex string per needle.\n\n${rules.join('\n\n')}\n`;
}

function yaraByte(b: number): string {
  return b.toString(16).padStart(2, '0').toUpperCase();
}

/** A YARA text-string body: printable ASCII as is (quote and backslash escaped), everything else as `\xNN` of its UTF-8 bytes. */
function yaraText(text: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}
