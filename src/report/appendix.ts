/**
 * What a reader of the evidence appendix sees first, and how repeated findings are folded, as
 * plain data for the HTML (and PDF) and Markdown renderers:
 *
 * - `executiveSummary`: per input one sentence of verdict, the categories found with counts,
 *   the strongest finding with its meaning, and what could not be scanned;
 * - `groupFindings`: findings of one term in one object (same input and chain) form a group;
 *   the first is shown in full, the rest as rows of a compact offsets table, so 9,000 hits of
 *   one term in one file are a few pages, not 9,000.
 *
 * Pure functions of the report; order is report order.
 */
import { categories, type Category } from '../patterns/types.js';
import type { Confidence, FindingJson, InputJson, Report } from './types.js';
import { displayText, displayWhere, findingsByInput, losslessKey, plural } from './views.js';

const confidenceRank: Readonly<Record<Confidence, number>> = { high: 0, medium: 1, low: 2 };
const precisionRank = { high: 0, medium: 1, ambiguous: 2 } as const;

export interface FindingGroup {
  /** Shown in full. */
  readonly first: FindingJson;
  /** The other findings of the same term in the same object, in offset order. */
  readonly rest: readonly FindingJson[];
}

/** Groups by term and object (input + chain), keeping the order in which groups first appear. */
export function groupFindings(findings: readonly FindingJson[]): FindingGroup[] {
  const groups = new Map<string, FindingJson[]>();
  for (const finding of findings) {
    const { location } = finding;
    const key = JSON.stringify([finding.term.id, losslessKey(location.input), location.chain.map((link) => [link.format, link.path === undefined ? null : losslessKey(link.path), link.offset])]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [finding]);
    else group.push(finding);
  }
  return [...groups.values()].map(([first, ...rest]) => ({ first: first!, rest }));
}

/** The strongest finding: highest confidence, then highest term precision, then report order. */
export function strongest(findings: readonly FindingJson[]): FindingJson | undefined {
  let best: FindingJson | undefined;
  for (const finding of findings) {
    if (best === undefined) best = finding;
    else if (confidenceRank[finding.confidence] < confidenceRank[best.confidence] || (finding.confidence === best.confidence && precisionRank[finding.term.precision] < precisionRank[best.term.precision])) best = finding;
  }
  return best;
}

export interface InputVerdict {
  readonly input: InputJson;
  /** One sentence, plain text. */
  readonly sentence: string;
  readonly categories: readonly { readonly category: Category; readonly count: number }[];
  readonly strongest?: FindingJson;
  /** Problems as `kind in where: message`, plain text. */
  readonly notScanned: readonly string[];
}

export function executiveSummary(report: Pick<Report, 'inputs' | 'findings'>): InputVerdict[] {
  const byInput = findingsByInput(report);
  return report.inputs.map((input) => {
    const findings = (byInput.get(input) ?? []).filter((finding) => finding.suppression === undefined);
    const counts = categories.map((category) => ({ category, count: findings.filter((finding) => finding.term.category === category).length })).filter((row) => row.count > 0);
    const best = strongest(findings);
    const notScanned = input.problems.map((problem) => `${problem.kind} in ${displayWhere(input.path, problem.chain)}: ${problem.message}`);
    return { input, sentence: verdict(input, findings, counts), categories: counts, ...(best === undefined ? {} : { strongest: best }), notScanned };
  });
}

function verdict(input: InputJson, findings: readonly FindingJson[], counts: readonly { readonly category: Category; readonly count: number }[]): string {
  const name = displayText(input.path);
  if (input.status === 'skipped') return `${name} was not scanned (${input.skipReason ?? 'skipped'}).`;
  if (input.status === 'failed') return `${name} could not be read, so nothing in it was searched.`;
  const partly = input.status === 'partial' ? ', but it could only be scanned in part, so more may be there' : '';
  const cleanPartly = input.status === 'partial' ? ' in the parts that could be scanned; it could only be scanned in part, so this is not a clean result' : '';
  if (findings.length === 0) return `${name}: no ethnicity, race or skin-colour analytics terms were found${cleanPartly}.`;
  const high = findings.filter((finding) => finding.confidence === 'high').length;
  const strength = high > 0 ? `${plural(high, 'finding')} of high confidence` : 'no finding of high confidence';
  return `${name} contains ${plural(findings.length, 'finding')} of ${counts.map((row) => row.category).join(', ')} terms (${strength})${partly}.`;
}
