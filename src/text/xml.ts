/**
 * Generic XML as text: character data, CDATA sections, attribute values (not namespace
 * declarations) and the predefined and numeric character references. Firmware web UIs keep
 * their strings in XML, often UTF-16LE with a BOM; office documents (docx, xlsx, pptx, odt)
 * are zips of XML, opened by the zip handler, whose members come here.
 *
 * Element edges end a line, except inside the run-level markup of word-processing and
 * presentation formats, where a word is routinely split across runs:
 * `<w:r><w:t>疆</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>藏</w:t></w:r>` reads 疆藏. An element
 * is inline when its name is in `inlineElements`, or when it sits inside an inline element
 * (so a run's properties never break it), unless it is a paragraph, cell, row or line break
 * (`blockElements`), which always ends a line.
 *
 * Charset (XML 1.0 Appendix F): BOM; UTF-16 without a BOM from `<?` in UTF-16; the XML
 * declaration's `encoding`; else sniffed like HTML (UTF-8 when it decodes). Detected by an
 * XML declaration at the start, or a UTF-16 BOM followed by `<`. XHTML goes to the HTML view,
 * which comes first in the registry.
 */
import type { Detection } from '../core/types.js';
import { sniffBom, xmlDeclarationLabel, type CharsetDecision } from './charset.js';
import { asciiHead, fromLabel, utf16WithoutBom } from './html.js';
import { renderMarkup } from './markup-view.js';
import type { MarkupDialect } from './markup.js';
import { defineTextView } from './types.js';

/**
 * Run-level elements: WordprocessingML (`w:`, ECMA-376 Part 1 §17.3.2–3), DrawingML text
 * (`a:`, §21.1.2.3), OpenDocument text spans (`text:`, ODF 1.2 §6). SpreadsheetML rich text
 * runs (`r`, `t`, `rPr` inside a shared string `si` or inline string `is`) are handled by
 * `spreadsheetRuns`, since those names are too short to trust in arbitrary XML.
 */
const inlineElements = new Set([
  'w:r', 'w:t', 'w:rPr', 'w:delText', 'w:instrText', 'w:hyperlink', 'w:ins', 'w:del', 'w:moveFrom', 'w:moveTo',
  'w:smartTag', 'w:proofErr', 'w:bookmarkStart', 'w:bookmarkEnd', 'w:commentRangeStart', 'w:commentRangeEnd',
  'w:fldSimple', 'w:fldChar', 'w:sdt', 'w:sdtPr', 'w:sdtEndPr', 'w:sdtContent', 'w:customXml', 'w:permStart',
  'w:permEnd', 'w:lastRenderedPageBreak', 'w:softHyphen', 'w:noBreakHyphen', 'w:sym', 'w:dir', 'w:bdo',
  'mc:AlternateContent', 'mc:Choice', 'mc:Fallback',
  'a:r', 'a:t', 'a:rPr', 'a:fld', 'a:endParaRPr',
  'text:span', 'text:a', 'text:s', 'text:soft-page-break', 'text:bookmark', 'text:bookmark-start', 'text:bookmark-end',
]);

/** Elements that end a line wherever they are. */
const blockElements = new Set([
  'w:p', 'w:tc', 'w:tr', 'w:br', 'w:cr', 'w:tab', 'w:txbxContent', 'a:p', 'a:br', 'a:tc', 'a:tr',
  'text:p', 'text:h', 'text:line-break', 'text:tab', 'table:table-cell', 'table:table-row',
]);

const spreadsheetRunParents = new Set(['si', 'is', 'r']);
const spreadsheetRuns = new Set(['r', 't', 'rPr']);

/** Open elements remembered for inline-ness; deeper nesting is judged by name alone. */
const maxTrackedDepth = 1024;

/** A fresh dialect per document: it tracks the open elements. */
export function xmlDialect(): MarkupDialect {
  const stack: { readonly name: string; readonly inline: boolean }[] = [];
  return {
    html: false,
    tag(name, end, selfClosing) {
      if (end) {
        const at = stack.map((open) => open.name).lastIndexOf(name);
        if (at < 0) return { block: !inlineElements.has(name) };
        const open = stack[at]!;
        stack.length = at;
        return { block: !open.inline };
      }
      const parent = stack[stack.length - 1];
      const inline = !blockElements.has(name)
        && (inlineElements.has(name) || parent?.inline === true || (spreadsheetRuns.has(name) && parent !== undefined && spreadsheetRunParents.has(parent.name)));
      if (!selfClosing && stack.length < maxTrackedDepth) stack.push({ name, inline });
      return { block: !inline };
    },
    attribute(_element, name) {
      return name !== 'xmlns' && !name.startsWith('xmlns:');
    },
  };
}

export const xmlView = defineTextView({
  id: 'xml',
  doc: {
    name: 'XML documents (and the XML members of OOXML and ODF files)',
    references: ['https://www.w3.org/TR/xml/', 'https://ecma-international.org/publications-and-standards/standards/ecma-376/'],
    limitations: [
      'Entities declared in a DTD are not expanded (only the five predefined ones and numeric references).',
      'Only an XML declaration at the start (or a UTF-16 BOM) marks a file as XML: a bare `<config>` file is searched raw only.',
      'Outside the run-level markup of office formats every element edge ends a line, so a word split across generic elements is not joined.',
    ],
  },
  headLength: 64,
  detect(head): Detection {
    const bom = sniffBom(head);
    const text = asciiHead(head);
    const start = /^[\t\n\r ]*/.exec(text)![0].length;
    if (text.startsWith('<?xml', start) && /[\t\n\r ?]/.test(text[start + 5] ?? '')) return { ok: true, reasons: ['starts with an XML declaration'] };
    if (bom !== undefined && bom.charset !== 'utf-8' && text.startsWith('<', start)) return { ok: true, reasons: [`${bom.charset} BOM followed by <`] };
    return { ok: false, reason: 'no XML declaration at the start' };
  },
  render: (input, ctx) => renderMarkup(input, ctx, declaredXmlCharset, xmlDialect()),
});

export function declaredXmlCharset(prefix: Uint8Array): CharsetDecision | undefined {
  const bom = sniffBom(prefix);
  if (bom !== undefined) return { charset: bom.charset, source: 'bom', bomLength: bom.length };
  const utf16 = utf16WithoutBom(prefix);
  if (utf16 !== undefined) return { charset: utf16, source: 'xml-declaration', bomLength: 0 };
  let start = 0;
  while (start < prefix.length && (prefix[start] === 0x20 || prefix[start] === 0x09 || prefix[start] === 0x0a || prefix[start] === 0x0d)) start++;
  const label = xmlDeclarationLabel(prefix, start);
  return label === undefined ? undefined : fromLabel(label, 'xml-declaration');
}
