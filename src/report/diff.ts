/**
 * `diffReports(old, new)`: what a vendor added, kept, removed or scrubbed between two versions.
 *
 * Findings are grouped by logical place (src/report/diff-place.ts: member paths, never offsets)
 * and term id. Inside a group, OLD and NEW findings are paired: first those with the same
 * encoding, form and decoded context, then the same encoding and form, then the rest, each in
 * report order. Pairs are `kept`; NEW's unpaired findings are `added`; OLD's unpaired ones are
 * `removed`, or `scrubbed` when their identifier's position now holds a placeholder
 * (src/report/diff-scrub.ts). NEW's text for that check comes from the object itself when the
 * caller can read it (`options.newObjectText`), else from the contexts of NEW's findings in
 * the same object.
 *
 * Deterministic: entries are sorted by place, term id, class and OLD/NEW finding order.
 * Memory: both reports, plus one object's text at a time when `newObjectText` is given.
 */
import { decodeBytes, sanitizeForDisplay } from '../evidence/context.js';
import { toolVersion } from '../version.js';
import { findPlaceholder, type PlaceholderMatch } from './diff-scrub.js';
import { compareText, inputKeys, losslessString, placeOf } from './diff-place.js';
import {
  diffSchemaVersion,
  type DiffClass,
  type DiffEntryJson,
  type DiffReport,
  type DiffReportSide,
  type DiffSideJson,
  type DiffTermSummary,
  type PlaceholderJson,
} from './diff-types.js';
import type { ChainLinkJson, FindingJson, LosslessText, Report } from './types.js';
import type { Encoding } from '../patterns/types.js';

export interface DiffOptions {
  /**
   * The decoded text of NEW's object at `chain` inside `input`, for scrub detection, or
   * undefined when it cannot be read. `byPlace`: the chain is OLD's (NEW has no finding left in
   * that object), so match its links by format and member path, offsets ignored. Default: none
   * (only NEW's finding contexts are used). Called at most once per (place, encoding).
   */
  readonly newObjectText?: (input: LosslessText, chain: readonly ChainLinkJson[], encoding: Encoding, byPlace: boolean) => Promise<string | undefined>;
}

type DiffInput = Pick<Report, 'inputs' | 'findings' | 'run'>;

interface Keyed {
  readonly finding: FindingJson;
  readonly order: number;
}

function groupByPlaceAndTerm(report: DiffInput): Map<string, { readonly place: string; readonly inputKey: string; readonly findings: Keyed[] }> {
  const keys = inputKeys([...report.inputs.map((input) => input.path), ...report.findings.map((finding) => finding.location.input)]);
  const groups = new Map<string, { place: string; inputKey: string; findings: Keyed[] }>();
  report.findings.forEach((finding, order) => {
    const inputKey = keys.get(losslessString(finding.location.input)) ?? '';
    const place = placeOf(inputKey, finding.location.chain);
    const key = JSON.stringify([place, finding.term.id]);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { place, inputKey, findings: [] }));
    group.findings.push({ finding, order });
  });
  return groups;
}

const contextKey = (finding: FindingJson) => JSON.stringify([finding.match.encoding, finding.match.form, finding.context.before ?? '', finding.context.after ?? '']);
const formKey = (finding: FindingJson) => `${finding.match.encoding} ${finding.match.form}`;

/** Pairs OLD and NEW findings of one group, strictest key first. */
function pair(olds: readonly Keyed[], news: readonly Keyed[]): { kept: [Keyed, Keyed][]; removed: Keyed[]; added: Keyed[] } {
  const kept: [Keyed, Keyed][] = [];
  let restOld = [...olds];
  let restNew = [...news];
  for (const key of [contextKey, formKey, () => '']) {
    const unmatched: Keyed[] = [];
    for (const old of restOld) {
      const index = restNew.findIndex((candidate) => key(candidate.finding) === key(old.finding));
      if (index < 0) unmatched.push(old);
      else kept.push([old, restNew.splice(index, 1)[0]!]);
    }
    restOld = unmatched;
  }
  return { kept, removed: restOld, added: restNew };
}

/** The matched bytes as text in their encoding (a member term such as EM_RACE_NODISTI matches the whole family). */
export function matchedText(finding: FindingJson): string {
  return sanitizeForDisplay(decodeBytes(Buffer.from(finding.match.hex, 'hex'), finding.match.encoding));
}

function side(finding: FindingJson): DiffSideJson {
  return {
    findingId: finding.id,
    matched: matchedText(finding),
    input: finding.location.input,
    chain: finding.location.chain,
    offset: finding.location.offset,
    encoding: finding.match.encoding,
    form: finding.match.form,
    confidence: finding.confidence,
    context: finding.context,
  };
}

function reportSide(report: DiffInput): DiffReportSide {
  return {
    inputs: report.inputs.map((input) => ({
      path: input.path,
      sha256: input.sha256,
      status: input.status,
      ...(input.identity === undefined ? {} : { identity: input.identity }),
    })),
    findings: report.findings.length,
    startedAt: report.run.startedAt,
  };
}

/** What scrub detection knows of NEW: findings by place, input paths by input key, the object reader and its cache. */
interface NewSide {
  readonly newByPlace: ReadonlyMap<string, readonly FindingJson[]>;
  readonly newInputs: ReadonlyMap<string, LosslessText>;
  readonly options: DiffOptions;
  readonly cache: Map<string, Promise<string | undefined>>;
}

/** Where NEW's object at `place` is: a NEW finding there says so; without one, NEW's input with the same key, at OLD's chain matched by place. */
function newObjectAt(place: string, inputKey: string, removed: FindingJson, { newByPlace, newInputs }: NewSide): { readonly input: LosslessText; readonly chain: readonly ChainLinkJson[]; readonly byPlace: boolean } | undefined {
  const sample = newByPlace.get(place)?.[0];
  if (sample !== undefined) return { input: sample.location.input, chain: sample.location.chain, byPlace: false };
  const input = newInputs.get(inputKey);
  return input === undefined ? undefined : { input, chain: removed.location.chain, byPlace: removed.location.chain.length > 0 };
}

/** NEW's texts at one place: the object's own text (when readable) first, then its findings' contexts. */
async function newTextsAt(place: string, inputKey: string, removed: FindingJson, newSide: NewSide): Promise<{ readonly text: string; readonly source: PlaceholderJson['source'] }[]> {
  const { newByPlace, options, cache } = newSide;
  const texts: { text: string; source: PlaceholderJson['source'] }[] = [];
  const sameObject = newByPlace.get(place) ?? [];
  const where = newObjectAt(place, inputKey, removed, newSide);
  if (options.newObjectText !== undefined && where !== undefined) {
    const key = JSON.stringify([place, removed.match.encoding]);
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = options.newObjectText(where.input, where.chain, removed.match.encoding, where.byPlace)));
    const value = await text;
    if (value !== undefined) texts.push({ text: value, source: 'object' });
  }
  for (const finding of sameObject) {
    if (finding.context.redacted === true) continue;
    texts.push({ text: `${finding.context.before}${matchedText(finding)}${finding.context.after}`, source: 'finding-context' });
  }
  return texts;
}

async function scrubbedBy(place: string, inputKey: string, removed: FindingJson, newSide: NewSide): Promise<PlaceholderJson | undefined> {
  if (removed.context.redacted === true) return undefined;
  const old = { before: removed.context.before, term: matchedText(removed), after: removed.context.after };
  for (const { text, source } of await newTextsAt(place, inputKey, removed, newSide)) {
    const match: PlaceholderMatch | undefined = findPlaceholder(old, text);
    if (match !== undefined) return { text: match.text, context: { before: sanitizeForDisplay(match.before), after: sanitizeForDisplay(match.after) }, anchors: match.anchors, source };
  }
  return undefined;
}

/** NEW's findings by place (the object, whatever the term). */
function byPlace(groups: ReturnType<typeof groupByPlaceAndTerm>): Map<string, FindingJson[]> {
  const places = new Map<string, FindingJson[]>();
  for (const { place, findings } of groups.values()) {
    const list = places.get(place) ?? [];
    list.push(...findings.map((keyed) => keyed.finding));
    places.set(place, list);
  }
  return places;
}

const classRank: Readonly<Record<DiffClass, number>> = { removed: 0, scrubbed: 1, kept: 2, added: 3 };

export async function diffReports(oldReport: DiffInput, newReport: DiffInput, options: DiffOptions = {}): Promise<DiffReport> {
  const oldGroups = groupByPlaceAndTerm(oldReport);
  const newGroups = groupByPlaceAndTerm(newReport);
  const newKeys = inputKeys(newReport.inputs.map((input) => input.path));
  const newSide: NewSide = {
    newByPlace: byPlace(newGroups),
    newInputs: new Map(newReport.inputs.map((input) => [newKeys.get(losslessString(input.path)) ?? '', input.path])),
    options,
    cache: new Map(),
  };
  const sorted: { entry: DiffEntryJson; order: number }[] = [];
  for (const key of [...new Set([...oldGroups.keys(), ...newGroups.keys()])]) {
    const oldGroup = oldGroups.get(key);
    const newGroup = newGroups.get(key);
    const { place, inputKey } = (oldGroup ?? newGroup)!;
    const { kept, removed, added } = pair(oldGroup?.findings ?? [], newGroup?.findings ?? []);
    const term = termOf((oldGroup ?? newGroup)!.findings[0]!.finding);
    for (const [old, now] of kept) sorted.push({ entry: { class: 'kept', term, place, old: side(old.finding), new: side(now.finding) }, order: old.order });
    for (const now of added) sorted.push({ entry: { class: 'added', term, place, new: side(now.finding) }, order: now.order });
    for (const old of removed) {
      const placeholder = await scrubbedBy(place, inputKey, old.finding, newSide);
      const entry: DiffEntryJson = placeholder === undefined ? { class: 'removed', term, place, old: side(old.finding) } : { class: 'scrubbed', term, place, old: side(old.finding), placeholder };
      sorted.push({ entry, order: old.order });
    }
  }
  sorted.sort((a, b) => compareText(a.entry.place, b.entry.place) || compareText(a.entry.term.id, b.entry.term.id) || classRank[a.entry.class] - classRank[b.entry.class] || a.order - b.order);
  const entries = sorted.map((item) => item.entry);
  return {
    diffSchemaVersion,
    tool: { name: 'fwsift', version: toolVersion },
    old: reportSide(oldReport),
    new: reportSide(newReport),
    entries,
    summary: summarise(entries),
  };
}

function termOf(finding: FindingJson): DiffEntryJson['term'] {
  return { id: finding.term.id, text: finding.term.text, category: finding.term.category, precision: finding.term.precision };
}

function summarise(entries: readonly DiffEntryJson[]): DiffReport['summary'] {
  const counts = { added: 0, kept: 0, removed: 0, scrubbed: 0 };
  const byTerm = new Map<string, { termId: string; text: string; added: number; kept: number; removed: number; scrubbed: number }>();
  for (const entry of entries) {
    counts[entry.class] += 1;
    let row = byTerm.get(entry.term.id);
    if (row === undefined) byTerm.set(entry.term.id, (row = { termId: entry.term.id, text: entry.term.text, added: 0, kept: 0, removed: 0, scrubbed: 0 }));
    row[entry.class] += 1;
  }
  const rows: DiffTermSummary[] = [...byTerm.values()].sort((a, b) => compareText(a.termId, b.termId));
  return { ...counts, changed: counts.added + counts.removed + counts.scrubbed, byTerm: rows };
}
