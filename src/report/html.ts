/**
 * HTML rendering: the evidence appendix as ONE self-contained file. Inline CSS and SVG only: no
 * scripts, no external fonts, images or stylesheets (a Content-Security-Policy meta tag forbids
 * them, so even a hostile report cannot make the page fetch or run anything). Sections:
 *
 * 1. a cover: the title and subject (`--title`, `--subject`), counts, and a banner when any
 *    input was not scanned completely;
 * 2. the executive summary (src/report/appendix.ts): per input a sentence of verdict, the
 *    categories found with counts, the strongest finding and its meaning in English, what
 *    could not be scanned;
 * 3. how to read an entry;
 * 4. the summary: inputs with sha256 and status, counts by category × confidence, what could
 *    not be scanned (problems with their chains), notes on how inputs were read (a mislabelled
 *    charset), baseline and ignore results;
 * 5. one section per input: an SVG chart of its findings by category × confidence and its
 *    layer map (src/report/layer-map.ts);
 * 6. the evidence, grouped by term and object: the first finding of each group in full (chain
 *    with offsets in decimal and hex, object sha256, matched bytes, a hex dump with the match
 *    in `<mark>`, the shorter terms found inside the match (`contains`), the decoded context,
 *    confidence and reasons, the term's meaning and
 *    references), the rest as a compact table of offsets with a hex snippet each;
 * 7. the run: tool, times, pattern packs and their hashes.
 *
 * Printed (or rendered to PDF), pages are numbered, headings stay with what follows, the
 * findings index and the layer tables are expanded, and table rows do not split.
 *
 * Findings carry attacker-controlled bytes (member names, decoded context): every string from
 * the report goes through `htmlEscape`, and links are only made from http(s) URLs of the pattern
 * pack. CJK text falls back through common CJK fonts for screen and print.
 */
import { sanitizeForDisplay } from '../evidence/context.js';
import { categories } from '../patterns/types.js';
import { htmlEscape } from './escape.js';
import { contextBytes, decHex, hexRows, reportContextHexBytes, rowGaps, asciiCell, bytesPerRow, type HexRow } from './hexdump.js';
import { confidenceColour, formatColour, layerMapSvg, type MapFinding } from './layer-map.js';
import { executiveSummary, groupFindings, type FindingGroup } from './appendix.js';
import type { FindingJson, InputJson, Report } from './types.js';
import { appendixHeading, confidences, containedTermText, countMatrix, displayLink, displayText, displayWhere, findingsByInput, formatBytes, incompleteInputs, notedInputs, noteText, plural, sourceText, type CountMatrix } from './views.js';

export interface HtmlOptions {
  /** The cover title. Default "fwsift evidence appendix". */
  readonly title?: string;
  /** What was audited (vendor, model, version), under the title. Default none. */
  readonly subject?: string;
}

export const defaultTitle = 'fwsift evidence appendix';

/** Bytes of context on each side of the match in the compact table of repeated findings. */
const snippetBytes = 6;
/** Rows of that table; further repeats are counted with their offset range (the JSON report lists each). */
const maxRepeatRows = 50;

/** Escaped display text: control and invisible characters as `·`, then HTML-escaped. */
const t = (text: string): string => htmlEscape(sanitizeForDisplay(text));

const cjkFonts = '"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';
const monoFonts = '"DejaVu Sans Mono", "Noto Sans Mono CJK SC", "Noto Sans Mono", Menlo, Consolas, monospace';

const css = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, ${cjkFonts}; margin: 0 auto; max-width: 1100px; padding: 24px; color: #111827; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 12px; }
h2 { border-bottom: 2px solid #e5e7eb; padding-bottom: 4px; margin-top: 32px; }
h3 { margin: 20px 0 8px; }
code, pre, .mono { font-family: ${monoFonts}; font-size: 0.92em; }
pre { background: #f9fafb; border: 1px solid #e5e7eb; padding: 8px 10px; overflow-x: auto; white-space: pre; }
mark { background: #fde68a; color: #111827; outline: 1px solid #b45309; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.hash { font-family: ${monoFonts}; font-size: 0.8em; word-break: break-all; min-width: 16em; }
.meta td:first-child { font-weight: 600; white-space: nowrap; }
.banner { background: #fef2f2; border: 2px solid #b3261e; padding: 10px 14px; font-weight: 600; margin: 12px 0; }
.ok { background: #ecfdf5; border: 1px solid #10b981; padding: 8px 12px; }
.status-complete { color: #047857; }
.status-partial, .status-failed { color: #b3261e; font-weight: 600; }
.status-skipped { color: #6b7280; }
.conf { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-weight: 600; }
.conf-high { background: ${confidenceColour.high}; } .conf-medium { background: ${confidenceColour.medium}; } .conf-low { background: ${confidenceColour.low}; }
.finding { border: 1px solid #d1d5db; border-radius: 6px; padding: 4px 16px 12px; margin: 18px 0; }
.finding h3 .term { font-size: 1.15em; }
.suppressed { background: #f3f4f6; border-left: 4px solid #6b7280; padding: 6px 10px; }
.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
.kv dt { font-weight: 600; } .kv dd { margin: 0; overflow-wrap: anywhere; }
ol.chain { margin: 0; padding-left: 20px; }
.context { white-space: pre-wrap; overflow-wrap: anywhere; }
.input-block { margin: 16px 0 28px; }
svg text { font-family: system-ui, ${cjkFonts}; font-size: 11px; fill: #111827; }
svg .axis { fill: #6b7280; font-size: 10px; }
svg .layer-label { font-size: 11px; }
.legend span { display: inline-block; margin-right: 14px; font-size: 0.9em; }
.swatch { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; margin-right: 4px; border: 1px solid #374151; }
nav.toc { columns: 2; font-size: 0.92em; }
footer { margin-top: 40px; color: #6b7280; font-size: 0.85em; }
.cover .subject { font-size: 1.2em; margin: 0 0 8px; }
.verdict { margin: 10px 0 16px; padding-left: 12px; border-left: 4px solid #9ca3af; }
.verdict.found { border-left-color: ${confidenceColour.high}; }
table.repeats td { font-size: 0.9em; padding: 2px 6px; }
@page { size: A4; margin: 16mm 14mm 18mm; @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 9pt; color: #6b7280; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  #summary, #evidence, #run { break-before: page; page-break-before: always; }
  .finding { border: none; padding: 0; break-inside: avoid; page-break-inside: avoid; }
  .input-block, pre, svg, .verdict { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  pre { white-space: pre-wrap; }
}
`;

export function render(report: Report, options: HtmlOptions = {}): string {
  const byInput = findingsByInput(report);
  const groups = groupFindings(report.findings);
  const anchors = new Map(report.findings.map((finding, index) => [finding, `f-${index + 1}`]));
  const hexBytes = reportContextHexBytes(report.run.options);
  const { title, subject } = appendixHeading(report, options, defaultTitle);
  const body: string[] = [];
  body.push('<header class="cover">', `<h1>${t(title)}</h1>`);
  if (subject !== undefined) body.push(`<p class="subject">${t(subject)}</p>`);
  body.push(`<p>${plural(report.summary.findings, 'finding')} in ${plural(report.inputs.length, 'input')}, scanned ${t(report.run.startedAt.slice(0, 10))} with fwsift ${t(report.tool.version)}.</p>`, '</header>');
  if (report.summary.partialInputs > 0) {
    body.push(`<p class="banner">Not a clean result: ${plural(report.summary.partialInputs, 'input')} could not be scanned completely (see “What could not be scanned”).</p>`);
  }
  body.push(executiveSection(report, anchors), howToRead());
  body.push(summarySection(report, byInput));
  body.push('<section id="inputs"><h2>Inputs</h2>', legend());
  // The layer map marks one tick per group (its first finding): thousands of repeats would be one smear of ticks.
  const shown = new Set(groups.map((group) => group.first));
  report.inputs.forEach((input, index) => body.push(inputBlock(input, index, byInput.get(input) ?? [], shown, anchors)));
  body.push('</section>');
  body.push('<section id="evidence"><h2>Evidence</h2>');
  if (report.findings.length === 0) body.push(`<p>${report.summary.partialInputs > 0 ? 'No findings in what could be scanned.' : 'No findings.'}</p>`);
  else body.push(toc(groups, anchors));
  groups.forEach((group, index) => body.push(groupSection(group, index, anchors, hexBytes)));
  body.push('</section>');
  body.push('<section id="run"><h2>The run</h2>', runTable(report), '</section>');
  body.push(`<footer>Rendered by fwsift ${t(report.tool.version)} from a report of schema ${t(report.reportSchemaVersion)}. This page is self-contained: no scripts, no external resources. The JSON report is the evidence; <code>fwsift verify</code> re-checks every hash and finding against the inputs.</footer>`);
  const pageTitle = `${title}${subject === undefined ? '' : `: ${subject}`} (${plural(report.summary.findings, 'finding')} in ${plural(report.inputs.length, 'input')})`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${t(pageTitle)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function executiveSection(report: Report, anchors: ReadonlyMap<FindingJson, string>): string {
  const out: string[] = ['<section id="executive"><h2>Executive summary</h2>'];
  for (const verdict of executiveSummary(report)) {
    const found = verdict.categories.length > 0;
    out.push(`<div class="verdict${found ? ' found' : ''}"><p><strong>${t(verdict.sentence)}</strong></p>`);
    if (found) out.push(`<p>Categories: ${verdict.categories.map((row) => `${row.category} ${row.count}`).join(', ')}.</p>`);
    const best = verdict.strongest;
    if (best !== undefined) {
      const meaning = best.term.meaning === '' ? '' : `, meaning ${t(best.term.meaning)}`;
      out.push(
        `<p>Strongest: <a href="#${anchors.get(best)!}">“${t(best.term.text)}”</a>${meaning} (${best.confidence} confidence, ${t(best.match.encoding)}) in <span class="mono">${t(displayWhere(best.location.input, best.location.chain))}</span>.</p>`,
      );
    }
    if (verdict.notScanned.length > 0) out.push(`<p>Not scanned:</p><ul>${verdict.notScanned.map((line) => `<li>${t(line)}</li>`).join('')}</ul>`);
    out.push('</div>');
  }
  if (report.inputs.length === 0) out.push('<p>No input was scanned.</p>');
  out.push('</section>');
  return out.join('\n');
}

function howToRead(): string {
  return `<section id="how-to-read"><h2>How to read an entry</h2>
<p>Each entry under “Evidence” is one term found in one object. The first occurrence is shown in full; further occurrences of the same term in the same object follow in a table of offsets.</p>
<dl class="kv">
<dt>Where</dt><dd>The scanned file, then each container member opened to reach the bytes, joined by <code>!/</code> (<code>firmware.bin!/romfs.tar.gz!/&lt;gzip&gt;!/etc/face.h</code>; <code>&lt;gzip&gt;</code> is a layer without a name).</dd>
<dt>Offset</dt><dd>Byte position of the match inside the innermost object, in decimal and hexadecimal.</dd>
<dt>Object sha256</dt><dd>The hash of that innermost object: anyone can extract it and check the bytes at the offset.</dd>
<dt>Match</dt><dd>The bytes found, their text encoding (UTF-8, UTF-16, GB18030…) and form (raw text, or an escape such as <code>\\uXXXX</code> or <code>&amp;#DDDDD;</code>).</dd>
<dt>Confidence</dt><dd>high, medium or low, from how specific the term is and what surrounds it (face-attribute words raise it; ID-card or nationality contexts lower it); the reasons are listed.</dd>
<dt>Hex dump and decoded context</dt><dd>The bytes around the match, with the match highlighted, and the same bytes read as text.</dd>
</dl>
<p><code>fwsift verify</code> re-opens the inputs and re-checks every hash and match in the JSON report this appendix was made from.</p>
</section>`;
}

function runTable(report: Report): string {
  const { run } = report;
  const packs = run.patternPacks.map((pack) => `${t(pack.id)} ${t(pack.version)} (${plural(pack.terms, 'term')}, sha256 <code>${t(pack.sha256)}</code>)`).join('<br>');
  const flags = [
    run.options.redact === true ? 'context redacted (<code>--redact</code>)' : undefined,
    report.summary.baseline === undefined ? undefined : 'compared with a baseline (<code>--baseline</code>)',
    report.summary.ignore === undefined ? undefined : 'ignore file applied (<code>--ignore</code>)',
  ].filter((flag): flag is string => flag !== undefined);
  const rows = [
    ['tool', `fwsift ${t(report.tool.version)}, report schema ${t(report.reportSchemaVersion)}`],
    ['run', `${t(run.startedAt)} to ${t(run.finishedAt)} (${Math.round(report.summary.durationMs)} ms), Node ${t(run.node)}, ${t(run.platform)}`],
    ['pattern packs', `${packs === '' ? 'none' : packs}<br>${run.needles} needles`],
    ...(flags.length === 0 ? [] : [['options', flags.join('; ')]]),
  ];
  return `<table class="meta">${rows.map(([key, value]) => `<tr><td>${key}</td><td>${value}</td></tr>`).join('')}</table>`;
}

function summarySection(report: Report, byInput: Map<InputJson, FindingJson[]>): string {
  const { summary } = report;
  const out: string[] = ['<section id="summary"><h2>Summary</h2>'];
  out.push(
    `<p><strong>${plural(summary.findings, 'finding')}</strong> (${confidences.map((level) => `${summary.byConfidence[level]} ${level}`).join(', ')}) in ${plural(report.inputs.length, 'input')}; ${t(formatBytes(summary.bytesScanned))} searched in ${plural(summary.objects, 'object')}.</p>`,
  );
  out.push('<h3>Inputs</h3><table><thead><tr><th>#</th><th>input</th><th>status</th><th>size (bytes)</th><th>sha256</th><th>findings</th></tr></thead><tbody>');
  report.inputs.forEach((input, index) => {
    const reason = input.skipReason === undefined ? '' : `: ${t(input.skipReason)}`;
    out.push(
      `<tr><td class="num">${index + 1}</td><td><a href="#input-${index + 1}">${t(displayText(input.path))}</a></td><td class="status-${input.status}">${input.status}${reason}</td>` +
        `<td class="num">${input.size}</td><td class="hash">${t(input.sha256)}</td><td class="num">${byInput.get(input)?.length ?? 0}</td></tr>`,
    );
  });
  out.push('</tbody></table>');
  out.push('<h3>Findings by category and confidence</h3>', countsTable(countMatrix(report.findings)), chartSvg(countMatrix(report.findings), 'all inputs'));
  out.push('<h3>What could not be scanned</h3>');
  const incomplete = incompleteInputs(report);
  if (incomplete.length === 0) out.push('<p class="ok">Every input was scanned completely: every layer fwsift recognised was opened.</p>');
  for (const input of incomplete) out.push(problemList(input));
  const noted = notedInputs(report);
  if (noted.length > 0) {
    const items = noted.flatMap((input) => (input.notes ?? []).map((note) => `<li>${t(noteText(input, note))}</li>`));
    out.push(`<h3>Notes</h3><p>Facts about how inputs were read; no bytes were lost to them.</p><ul class="notes">${items.join('')}</ul>`);
  }
  if (summary.baseline !== undefined) out.push(baselineSection(summary.baseline));
  if (summary.ignore !== undefined) out.push(ignoreSection(summary.ignore));
  out.push('</section>');
  return out.join('\n');
}

function countsTable(matrix: CountMatrix): string {
  const rows = categories.map((category) => {
    const row = matrix[category];
    return `<tr><td>${category}</td>${confidences.map((level) => `<td class="num">${row[level]}</td>`).join('')}<td class="num">${row.high + row.medium + row.low}</td></tr>`;
  });
  return `<table><thead><tr><th>category</th>${confidences.map((level) => `<th>${level}</th>`).join('')}<th>total</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Horizontal stacked bars: one row per category, segments per confidence, with counts. */
function chartSvg(matrix: CountMatrix, label: string): string {
  const rowHeight = 22;
  const labelWidth = 130;
  const barWidth = 560;
  const max = Math.max(1, ...categories.map((category) => matrix[category].high + matrix[category].medium + matrix[category].low));
  const parts: string[] = [];
  categories.forEach((category, row) => {
    const y = 6 + row * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${category}</text>`);
    let x = labelWidth;
    for (const level of confidences) {
      const count = matrix[category][level];
      if (count === 0) continue;
      const w = Math.max(2, (count / max) * barWidth);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="16" fill="${confidenceColour[level]}"><title>${category}, ${level}: ${count}</title></rect>`);
      if (w > 18) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${y + 12}" text-anchor="middle" style="fill:#fff;font-weight:600">${count}</text>`);
      x += w;
    }
    const total = matrix[category].high + matrix[category].medium + matrix[category].low;
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 13}">${total}</text>`);
  });
  const height = 12 + categories.length * rowHeight;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="${labelWidth + barWidth + 60}" role="img" aria-label="${t(`findings by category and confidence, ${label}`)}">${parts.join('')}</svg>`;
}

function legend(): string {
  const swatch = (colour: string, text: string) => `<span><i class="swatch" style="background:${colour}"></i>${text}</span>`;
  return (
    '<p class="legend">' +
    swatch(confidenceColour.high, 'high') +
    swatch(confidenceColour.medium, 'medium') +
    swatch(confidenceColour.low, 'low') +
    swatch(formatColour('raw'), 'searched raw only') +
    swatch(formatColour('zip'), 'opened as a format (colour per format)') +
    swatch('#fde2e1', 'not searched (hatched)') +
    '<span>▲ problem · | finding at its byte · ⎵ findings inside decompressed data</span></p>'
  );
}

function problemList(input: InputJson): string {
  const items = input.problems.map((problem) => {
    const at = problem.offset === undefined ? '' : ` at offset ${decHex(problem.offset)}`;
    return `<li><code>${t(problem.kind)}</code> in <span class="mono">${t(displayWhere(input.path, problem.chain))}</span>${at}: ${t(problem.message)}</li>`;
  });
  const skip = input.skipReason === undefined ? '' : ` (${t(input.skipReason)})`;
  return `<p><strong>${t(displayText(input.path))}</strong>: <span class="status-${input.status}">${input.status}</span>${skip}</p><ul>${items.length === 0 ? '<li>no problem recorded</li>' : items.join('')}</ul>`;
}

function baselineSection(baseline: NonNullable<Report['summary']['baseline']>): string {
  const rows = baseline.absent.map(
    (absent) => `<tr><td class="mono">${t(absent.id)}</td><td>${t(absent.termText)}</td><td>${absent.confidence}</td><td class="mono">${t(displayWhere(absent.input, absent.chain))}</td></tr>`,
  );
  return (
    `<h3>Baseline</h3><p>${baseline.new} new, ${baseline.unchanged} unchanged, ${baseline.absent.length} absent (in the baseline, not found now).</p>` +
    (rows.length === 0 ? '' : `<table><thead><tr><th>absent finding</th><th>term</th><th>confidence</th><th>where</th></tr></thead><tbody>${rows.join('')}</tbody></table>`)
  );
}

function ignoreSection(ignore: NonNullable<Report['summary']['ignore']>): string {
  const unused = ignore.unused.map((entry) => `<li><span class="mono">${t(entry.entry)}</span>${entry.expired ? ' (expired)' : ''}: ${t(entry.reason)}</li>`);
  return (
    `<h3>Ignore file</h3><p>${plural(ignore.suppressed, 'finding')} suppressed (shown with the reason; not counted for the exit code).</p>` +
    (unused.length === 0 ? '' : `<p>Entries that suppressed nothing:</p><ul>${unused.join('')}</ul>`)
  );
}

function inputBlock(input: InputJson, index: number, findings: readonly FindingJson[], mapped: ReadonlySet<FindingJson>, anchors: ReadonlyMap<FindingJson, string>): string {
  const mapFindings: MapFinding[] = findings.filter((finding) => mapped.has(finding)).map((finding) => ({ finding, anchor: anchors.get(finding)! }));
  const read = input.status === 'complete' || input.status === 'partial';
  const layers = input.layers.length === 0 && read ? '<p>No layer data in this report: the bar shows the input as one span.</p>' : '';
  return [
    `<div class="input-block" id="input-${index + 1}">`,
    `<h3>${index + 1}. ${t(displayText(input.path))}</h3>`,
    `<p><span class="status-${input.status}">${input.status}</span>, ${input.size} bytes, sha256 <code>${t(input.sha256)}</code>; ${t(formatBytes(input.coverage.bytesScanned))} searched in ${plural(input.coverage.objects, 'object')}; ${plural(findings.length, 'finding')}.</p>`,
    findings.length === 0 ? '' : chartSvg(countMatrix(findings), displayText(input.path)),
    '<h4>Layer map</h4>',
    layers,
    layerMapSvg(input, mapFindings, `input-${index + 1}`),
    input.layers.length > 1 ? layerTable(input) : '',
    '</div>',
  ].join('\n');
}

function layerTable(input: InputJson): string {
  const rows = input.layers.map(
    (layer) =>
      `<tr><td class="num">${decHex(layer.start)}</td><td class="num">${decHex(layer.end)}</td><td>${t(layer.format)}</td><td class="mono">${layer.chain.length === 0 ? 'the input' : t(layer.chain.map(displayLink).join('!/'))}</td></tr>`,
  );
  return `<details open><summary>${plural(input.layers.length, 'span')}</summary><table><thead><tr><th>start</th><th>end</th><th>format</th><th>object</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

function toc(groups: readonly FindingGroup[], anchors: ReadonlyMap<FindingJson, string>): string {
  const items = groups.map(({ first, rest }, index) => {
    const more = rest.length === 0 ? '' : ` ×${rest.length + 1}`;
    return `<li value="${index + 1}"><a href="#${anchors.get(first)!}">${t(first.term.text)}</a>${more} <span class="conf conf-${first.confidence}">${first.confidence}</span> <span class="mono">${t(displayWhere(first.location.input, first.location.chain))}</span> @ 0x${first.location.offset.toString(16)}</li>`;
  });
  return `<nav class="toc"><h3>Index</h3><ol>${items.join('')}</ol></nav>`;
}

function groupSection(group: FindingGroup, index: number, anchors: ReadonlyMap<FindingJson, string>, hexBytes: number): string {
  const full = findingSection(group.first, index, anchors.get(group.first)!, hexBytes);
  if (group.rest.length === 0) return full;
  const rows = group.rest.slice(0, maxRepeatRows).map((finding) => {
    const suppressed = finding.suppression === undefined ? '' : ' (suppressed)';
    return `<tr id="${anchors.get(finding)!}"><td class="num">${decHex(finding.location.offset)}</td><td><span class="conf conf-${finding.confidence}">${finding.confidence}</span>${suppressed}</td><td>${t(finding.match.encoding)}/${t(finding.match.form)}</td><td class="mono">${snippet(finding, hexBytes)}</td><td class="mono">${t(finding.id)}</td></tr>`;
  });
  return `${full}\n<p>${plural(group.rest.length, 'more occurrence')} of “${t(group.first.term.text)}” in the same object:</p><table class="repeats"><thead><tr><th>offset</th><th>confidence</th><th>encoding/form</th><th>bytes around the match</th><th>finding id</th></tr></thead><tbody>${rows.join('')}</tbody></table>${moreRepeats(group.rest.slice(maxRepeatRows))}`;
}

function moreRepeats(hidden: readonly FindingJson[]): string {
  if (hidden.length === 0) return '';
  const offsets = hidden.map((finding) => finding.location.offset);
  return `<p>… and ${plural(hidden.length, 'more occurrence')} between offsets ${decHex(Math.min(...offsets))} and ${decHex(Math.max(...offsets))}, each listed with its bytes in the JSON report.</p>`;
}

/** A few bytes either side of the match in hex, the match in `<mark>`; the matched hex alone when the context is redacted. */
function snippet(finding: FindingJson, hexBytes: number): string {
  const context = contextBytes(finding, hexBytes);
  if (context === undefined) return `<mark>${t(finding.match.hex)}</mark>`;
  const hex = (from: number, to: number) => Buffer.from(context.bytes.subarray(Math.max(0, from), Math.min(context.bytes.length, to))).toString('hex');
  return `${hex(context.matchStart - snippetBytes, context.matchStart)}<mark>${hex(context.matchStart, context.matchEnd)}</mark>${hex(context.matchEnd, context.matchEnd + snippetBytes)}`;
}

function findingSection(finding: FindingJson, index: number, anchor: string, hexBytes: number): string {
  const { term, match, location } = finding;
  const out: string[] = [`<section class="finding" id="${anchor}">`];
  out.push(`<h3>${index + 1}. <span class="term">${t(term.text)}</span> · ${term.category} · <span class="conf conf-${finding.confidence}">${finding.confidence}</span></h3>`);
  if (finding.suppression !== undefined) {
    out.push(`<p class="suppressed">Suppressed by ignore entry <span class="mono">${t(finding.suppression.entry)}</span>: ${t(finding.suppression.reason)}</p>`);
  }
  const chain = [
    `<li>input <span class="mono">${t(displayText(location.input))}</span></li>`,
    ...location.chain.map((link) => {
      const name = link.path === undefined ? `unnamed ${t(link.format)} layer` : `${t(link.format)} member <span class="mono">${t(displayText(link.path))}</span>`;
      return `<li>${name} at offset ${decHex(link.offset)} of its parent</li>`;
    }),
  ];
  const lineColumn = location.line === undefined ? '' : `, line ${location.line}${location.column === undefined ? '' : `, column ${location.column}`}`;
  const variant = match.variant === term.text ? '' : `, variant ${t(match.variant)}`;
  const rows: [string, string][] = [
    ['Where', `<span class="mono where">${t(displayWhere(location.input, location.chain))}</span>`],
    ['Chain', `<ol class="chain">${chain.join('')}</ol>`],
    ['Offset', `${decHex(location.offset)} in the innermost object${lineColumn}`],
    ['Object sha256', `<code>${t(location.objectSha256)}</code>`],
    ['Match', `${plural(match.length, 'byte')} <code>${t(match.hex)}</code>, ${t(match.encoding)}, form ${t(match.form)}${variant}`],
    ...(location.source === undefined ? [] : [['Source', `<span class="mono">${t(sourceText(location.input, location.source))}</span>`] as [string, string]]),
    ...(finding.contains ?? []).map((contained): [string, string] => ['Contains', t(containedTermText(contained))]),
    ['Confidence', `${finding.confidence}${finding.reasons.length === 0 ? '' : `: ${finding.reasons.map(t).join('; ')}`}`],
    ['Finding id', `<code>${t(finding.id)}</code>${finding.baselineState === undefined ? '' : ` (${finding.baselineState} since the baseline)`}`],
  ];
  out.push(`<dl class="kv">${rows.map(([key, value]) => `<dt>${key}</dt><dd>${value}</dd>`).join('')}</dl>`);
  const references = (term.references ?? []).map((reference) => `<li>${link(reference.url, reference.title)}</li>`);
  out.push(
    `<p><strong>Term</strong> <code>${t(term.id)}</code> (pack ${t(term.pack)}, precision ${term.precision}): ${term.meaning === '' ? 'no meaning recorded' : t(term.meaning)}</p>` +
      (references.length === 0 ? '' : `<p>References:</p><ul>${references.join('')}</ul>`),
  );
  if (finding.context.redacted === true) {
    out.push('<p><em>Context redacted (<code>--redact</code>): the matched bytes, offsets and hashes above are enough to verify the finding with <code>fwsift verify</code>.</em></p>');
  } else {
    const bytes = contextBytes(finding, hexBytes);
    if (bytes !== undefined) {
      out.push('<p>Bytes around the match (offsets in the innermost object):</p>', `<pre class="hex">${hexRows(bytes).map(hexRowHtml).join('\n')}</pre>`);
    }
    out.push(
      `<p>Decoded as ${t(match.encoding)} (undecodable bytes and control characters as ·):</p>`,
      `<pre class="context">… ${t(finding.context.before)}<mark>${t(match.variant)}</mark>${t(finding.context.after)} …</pre>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

/** A hex dump row with `<mark>` around the matched bytes (in hex and ASCII columns); the marks take no width, so columns stay aligned. */
function hexRowHtml(row: HexRow): string {
  const gaps = rowGaps();
  let hex = '';
  let ascii = '';
  row.cells.forEach((cell, column) => {
    const starts = cell?.inMatch === true && row.cells[column - 1]?.inMatch !== true;
    const ends = cell?.inMatch === true && row.cells[column + 1]?.inMatch !== true;
    hex += gaps[column]! + (starts ? '<mark>' : '') + (cell === undefined ? '  ' : cell.byte.toString(16).padStart(2, '0')) + (ends ? '</mark>' : '');
    ascii += (starts ? '<mark>' : '') + (cell === undefined ? ' ' : htmlEscape(asciiCell(cell.byte))) + (ends ? '</mark>' : '');
  });
  return `${row.offset.toString(16).padStart(8, '0')}${hex}${gaps[bytesPerRow]!}|${ascii}|`;
}

/** A link for http(s) URLs (escaped), plain escaped text for anything else. */
function link(url: string, title: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${htmlEscape(url)}">${t(title)}</a> <span class="mono">${t(url)}</span>` : `${t(title)}: ${t(url)}`;
}
