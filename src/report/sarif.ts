/**
 * SARIF 2.1.0 rendering for code-scanning uploads (R30–R34). One run, one tool (`fwsift`):
 *
 * - **rules**: one per term that has findings (sorted by term id): id, a PascalCase name,
 *   short and full descriptions, help text and Markdown (meaning, category, precision,
 *   references), default level from the term's precision, `properties.tags` and
 *   `properties.precision` (GitHub's `very-high|high|medium|low`).
 * - **results**: one per finding, in report order: `ruleId`/`ruleIndex`, `level` from
 *   confidence (high → error, medium → warning, low → note), a one-sentence `message.text`,
 *   one location whose `artifactLocation.uri` is the scanned file itself (percent-encoded;
 *   bytes that are not UTF-8 as bytes), because code scanning shows an alert against a file in
 *   the repository and `fw.bin!/member` is none. A hit in the file's own bytes has its region
 *   (`byteOffset`/`byteLength`, plus `startLine`/`startColumn` for text); for a hit inside a
 *   container the region is where the outermost layer holding it starts in the file
 *   (`byteOffset` of the chain's first link; GitHub wants a region), and its chain `input!/member!/member` is in the message, in
 *   `logicalLocations` (`fullyQualifiedName`, the innermost member as `name`, `kind` "module")
 *   and in `properties.chain`, with the offset in the innermost object in the message and
 *   `properties.offset`. `partialFingerprints.primaryLocationLineHash`
 *   and `fingerprints` derived from the finding id (which survives shifted offsets, R32),
 *   `baselineState` with `--baseline` and `suppressions` with `--ignore`.
 * - **invocations[0]**: `executionSuccessful` is false when any input is partial or failed,
 *   and every input problem (and skipped input) is a `toolExecutionNotification`.
 * - **artifacts**: the inputs, with length and sha-256.
 * - GitHub's ingestion limits are enforced (at most 25,000 results per run, 10 locations per
 *   result, 20 tags per rule, 1,024 characters per description, 255 per rule name); what was cut
 *   is recorded in `run.properties.truncated`, never dropped silently.
 * - `category` sets `run.automationDetails.id` (a `runAutomationDetails` object) to `category/` (R34).
 *
 * Made from the report alone. Output is deterministic (key order fixed, times from the report).
 */
import type { Category } from '../patterns/types.js';
import type { ChainLinkJson, Confidence, FindingJson, InputJson, LosslessText, ProblemJson, Report } from './types.js';
import { markdownEscape } from './escape.js';
import { displayText, displayWhere, plural } from './views.js';

/** GitHub code scanning limits (research Part 2.1, "results exceed limit"). */
export const sarifLimits = {
  resultsPerRun: 25_000,
  locationsPerResult: 10,
  tagsPerRule: 20,
  descriptionChars: 1024,
  ruleNameChars: 255,
} as const;

/** Where to learn about the tool: the package's registry page. */
export const informationUri = 'https://www.npmjs.com/package/fwsift';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** `run.automationDetails.id` = `<category>/`, so several uploads per commit do not overwrite each other. Default none. */
  readonly category?: string;
  /** Results kept per run (default and maximum: GitHub's 25,000); the strongest findings are kept. */
  readonly maxResults?: number;
}

type Level = 'error' | 'warning' | 'note';

const levelOf: Readonly<Record<Confidence, Level>> = { high: 'error', medium: 'warning', low: 'note' };
const ruleLevel = { high: 'error', medium: 'warning', ambiguous: 'note' } as const;
const githubPrecision = { high: 'high', medium: 'medium', ambiguous: 'low' } as const;
const confidenceRank: Readonly<Record<Confidence, number>> = { high: 0, medium: 1, low: 2 };

const categoryTitle: Readonly<Record<Category, string>> = {
  ethnicity: 'Ethnicity',
  race: 'Race',
  'skin-colour': 'Skin-colour',
  'region-targeting': 'Region-targeting',
  'minority-alert': 'Minority-alert',
};

/** The SARIF log as JSON text, two-space indented, ending in a newline. */
export function render(report: Report, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}

/** The SARIF log as an object. Throws `RangeError` for a `maxResults` outside 0…25,000 (misuse). */
export function toSarif(report: Report, options: SarifOptions = {}): Record<string, unknown> {
  const maxResults = options.maxResults ?? sarifLimits.resultsPerRun;
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > sarifLimits.resultsPerRun) {
    throw new RangeError(`maxResults must be an integer from 0 to ${sarifLimits.resultsPerRun}, got ${maxResults}`);
  }
  const truncated: Record<string, unknown> = {};
  const kept = keptFindings(report.findings, maxResults);
  if (kept.length < report.findings.length) {
    truncated.results = { total: report.findings.length, kept: kept.length, omitted: report.findings.length - kept.length, kept_by: 'confidence, then report order' };
  }
  const terms = [...new Map(kept.map((finding) => [finding.term.id, finding.term])).values()].sort((a, b) => compare(a.id, b.id));
  const ruleIndex = new Map(terms.map((term, index) => [term.id, index]));
  const rules = terms.map((term) => rule(term, truncated));
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'fwsift',
        informationUri,
        semanticVersion: report.tool.version,
        version: report.tool.version,
        rules,
      },
    },
    ...(options.category === undefined ? {} : { automationDetails: { id: `${options.category.replace(/\/+$/, '')}/` } }),
    invocations: [invocation(report)],
    artifacts: report.inputs.map(artifact),
    results: kept.map((finding) => result(finding, ruleIndex.get(finding.term.id)!)),
    properties: {
      reportSchemaVersion: report.reportSchemaVersion,
      patternPacks: report.run.patternPacks,
      summary: report.summary,
      ...(Object.keys(truncated).length === 0 ? {} : { truncated }),
    },
  };
  return { $schema: sarifSchemaUri, version: '2.1.0', runs: [run] };
}

/** The strongest `max` findings (confidence, then report order), kept in report order. */
function keptFindings(findings: readonly FindingJson[], max: number): readonly FindingJson[] {
  if (findings.length <= max) return findings;
  const ranked = findings.map((finding, index) => ({ finding, index }));
  ranked.sort((a, b) => confidenceRank[a.finding.confidence] - confidenceRank[b.finding.confidence] || a.index - b.index);
  return ranked
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map(({ finding }) => finding);
}

function rule(term: FindingJson['term'], truncated: Record<string, unknown>): Record<string, unknown> {
  const references = term.references ?? [];
  const meaning = term.meaning === '' ? 'no meaning recorded' : term.meaning;
  const facts = `Category: ${term.category}. Precision: ${term.precision}. Pack: ${term.pack}.`;
  const helpText = [
    `${term.text}: ${meaning}.`,
    facts,
    'fwsift found these bytes in one of the term\'s encodings (UTF-8, UTF-16, GB18030, Big5…) inside the scanned material; see the result for the container chain, offset, matched bytes and the reasons for its confidence.',
    ...(references.length === 0 ? [] : ['References:', ...references.map((reference) => `- ${reference.title}: ${reference.url}`)]),
  ].join('\n');
  const helpMarkdown = [
    `**${markdownEscape(term.text)}**: ${markdownEscape(meaning)}.`,
    '',
    `Category: \`${term.category}\`. Precision: \`${term.precision}\`. Pack: \`${markdownEscape(term.pack)}\`.`,
    '',
    'fwsift found these bytes in one of the term\'s encodings inside the scanned material; the result gives the container chain, offset, matched bytes and the reasons for its confidence.',
    ...(references.length === 0 ? [] : ['', '**References**', '', ...references.map((reference) => `- [${markdownEscape(reference.title)}](${reference.url.replace(/[()\s]/g, encodeURIComponent)})`)]),
  ].join('\n');
  const allTags = ['fwsift', term.category, `precision-${term.precision}`, `pack-${term.pack}`];
  const tags = allTags.slice(0, sarifLimits.tagsPerRule);
  if (tags.length < allTags.length) recordCut(truncated, 'tags', term.id, allTags.length - tags.length);
  const helpUri = references.find((reference) => /^https?:\/\//.test(reference.url))?.url;
  return {
    id: term.id,
    name: clip(ruleName(term.id), sarifLimits.ruleNameChars, truncated, 'ruleName', term.id),
    shortDescription: { text: clip(`${categoryTitle[term.category]} term "${term.text}".`, sarifLimits.descriptionChars, truncated, 'shortDescription', term.id) },
    fullDescription: { text: clip(`${term.text}: ${meaning}. ${facts}`, sarifLimits.descriptionChars, truncated, 'fullDescription', term.id) },
    ...(helpUri === undefined ? {} : { helpUri }),
    help: { text: helpText, markdown: helpMarkdown },
    defaultConfiguration: { level: ruleLevel[term.precision] },
    properties: { tags, precision: githubPrecision[term.precision], category: term.category, termText: term.text, pack: term.pack },
  };
}

function result(finding: FindingJson, index: number): Record<string, unknown> {
  const { term, match, location } = finding;
  // A region only in the file the URI names: offsets and lines inside a member are not the file's.
  const inFile = location.chain.length === 0;
  const region: Record<string, unknown> = {
    ...(location.line !== undefined ? { startLine: location.line } : {}),
    ...(location.line !== undefined && location.column !== undefined ? { startColumn: location.column } : {}),
    byteOffset: location.offset,
    byteLength: match.length,
  };
  const variant = match.variant === term.text ? '' : ` as "${match.variant}"`;
  const meaning = term.meaning === '' ? '' : ` (${term.meaning})`;
  const where = displayWhere(location.input, location.chain);
  return {
    ruleId: term.id,
    ruleIndex: index,
    level: levelOf[finding.confidence],
    kind: 'fail',
    message: {
      text: `${categoryTitle[term.category]} term "${term.text}"${meaning} found${variant} in ${match.encoding}/${match.form} at offset ${location.offset} (0x${location.offset.toString(16)}) of ${where}, confidence ${finding.confidence}.`,
    },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(location.input) }, region: inFile ? region : { byteOffset: location.chain[0]!.offset } },
        ...(inFile ? {} : { logicalLocations: [logicalLocation(location.input, location.chain)] }),
      },
    ].slice(0, sarifLimits.locationsPerResult),
    partialFingerprints: { primaryLocationLineHash: `${finding.id.slice(0, 16)}:1` },
    fingerprints: { 'fwsiftFindingId/v1': finding.id },
    ...(finding.baselineState === undefined ? {} : { baselineState: finding.baselineState }),
    ...(finding.suppression === undefined
      ? {}
      : {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: finding.suppression.reason,
              properties: { entry: finding.suppression.entry, ...(finding.suppression.expires === undefined ? {} : { expires: finding.suppression.expires }) },
            },
          ],
        }),
    properties: {
      findingId: finding.id,
      confidence: finding.confidence,
      reasons: finding.reasons,
      encoding: match.encoding,
      form: match.form,
      variant: match.variant,
      matchHex: match.hex,
      objectSha256: location.objectSha256,
      offset: location.offset,
      chain: location.chain,
    },
  };
}

/** Where a problem is in the file itself: its offset, or where the outermost layer holding it starts. */
function problemOffset(problem: ProblemJson): number | undefined {
  return problem.chain.length === 0 ? problem.offset : problem.chain[0]!.offset;
}

/** The object inside a scanned file, for readers of the SARIF: `fw.bin!/romfs.img!/etc/face.h`. */
function logicalLocation(input: LosslessText, chain: readonly ChainLinkJson[]): Record<string, unknown> {
  const named = chain.filter((link) => link.path !== undefined);
  const last = named.at(-1);
  return {
    ...(last === undefined ? {} : { name: displayText(last.path!) }),
    fullyQualifiedName: displayWhere(input, chain),
    kind: 'module',
  };
}

function invocation(report: Report): Record<string, unknown> {
  const notifications: Record<string, unknown>[] = [];
  for (const input of report.inputs) {
    if (input.status === 'skipped') {
      notifications.push({
        level: 'note',
        message: { text: `Skipped ${displayText(input.path)}: ${input.skipReason ?? 'not scanned'}.` },
        descriptor: { id: 'skipped' },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(input.path) } } }],
      });
    }
    for (const problem of input.problems) {
      notifications.push({
        level: problem.kind === 'internal' || input.status === 'failed' ? 'error' : 'warning',
        message: { text: `${problem.kind} at ${displayWhere(input.path, problem.chain)}${problem.offset === undefined ? '' : ` offset ${problem.offset}`}: ${problem.message}` },
        descriptor: { id: problem.kind },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(input.path) },
              ...(problemOffset(problem) === undefined ? {} : { region: { byteOffset: problemOffset(problem) } }),
            },
            ...(problem.chain.length === 0 ? {} : { logicalLocations: [logicalLocation(input.path, problem.chain)] }),
          },
        ],
        properties: { inputStatus: input.status, chain: problem.chain },
      });
    }
  }
  const partial = report.summary.partialInputs;
  return {
    executionSuccessful: partial === 0,
    startTimeUtc: report.run.startedAt,
    endTimeUtc: report.run.finishedAt,
    toolExecutionNotifications: notifications,
    ...(partial === 0 ? {} : { exitCodeDescription: `${plural(partial, 'input')} not scanned completely` }),
  };
}

function artifact(input: InputJson): Record<string, unknown> {
  const hashed = input.status === 'complete' || input.status === 'partial';
  return {
    location: { uri: artifactUri(input.path) },
    ...(hashed ? { length: input.size, hashes: { 'sha-256': input.sha256 } } : {}),
    properties: { status: input.status },
  };
}

/**
 * The scanned file as a URI reference: percent-encoded byte by byte except RFC 3986
 * unreserved characters and `/`. Absolute paths become `file://` URIs, which GitHub maps to
 * the checkout; relative ones stay relative to the repository root.
 */
export function artifactUri(input: LosslessText): string {
  const path = encodePath(bytesOf(input).toString('latin1').replace(/^(?:\.\/)+/, ''));
  return path.startsWith('/') ? `file://${path}` : path;
}

function bytesOf(text: LosslessText): Buffer {
  return typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.base64, 'base64');
}

/** Percent-encodes a byte string (one char per byte, latin1). */
function encodePath(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text[i]!;
    out += /[A-Za-z0-9\-._~/]/.test(char) ? char : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `zh.renzhong` → `ZhRenzhong`; `dahua.em-nation-type-uygur` → `DahuaEmNationTypeUygur`. */
function ruleName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return name === '' ? 'Term' : name;
}

function clip(text: string, max: number, truncated: Record<string, unknown>, field: string, ruleId: string): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  recordCut(truncated, field, ruleId, chars.length - max);
  return `${chars.slice(0, max - 1).join('')}…`;
}

function recordCut(truncated: Record<string, unknown>, field: string, ruleId: string, amount: number): void {
  const byRule = (truncated[field] ??= {}) as Record<string, number>;
  byRule[ruleId] = amount;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
