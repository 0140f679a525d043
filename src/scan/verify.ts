/**
 * `verify()`: re-prove a report against the inputs, as a sceptic would (DESIGN "Every finding
 * is evidence"). For every input: the file at the recorded path still has the recorded size
 * and sha256. For every finding: walk its chain again from the input, link by link, opening
 * each parent with the handler named by `link.format` and taking the child whose member path
 * and offset match (compression layers have no path: the child at that offset; `carve` links
 * are the chunk that starts at `offset` of the parent, as long as the handler that opens it
 * says); then the innermost object's sha256 must equal `objectSha256` and its bytes at
 * `location.offset` must equal `match.hex`.
 *
 * Verify is a visitor of the same walker the scan uses (`src/walk/`), so both see the same
 * objects at the same offsets with the same extents: the walker opens only the objects on a
 * recorded chain (the visitor skips the rest) and applies the limits the report recorded.
 * Memory: the matched bytes of the findings being checked, the text of a document whose
 * text-view findings are checked (at most 64 MiB), and each handler's own bounded buffers.
 *
 * Verification failures are results, never exceptions; misuse (a report that is not one)
 * throws.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { messageOf } from '../core/types.js';
import { sanitizeForDisplay } from '../evidence/context.js';
import { formatChain } from '../report/summary.js';
import type { ChainLinkJson, FindingJson, InputJson, LosslessText, Report } from '../report/types.js';
import type { WalkLimits } from '../walk/bounds.js';
import type { ObjectEnd, WalkResult } from '../walk/types.js';
import { walkInput } from '../walk/walker.js';
import { extentLimitNames } from './input.js';
import { inputPath } from './read-object.js';
import { buildTree, losslessKey, VerifyVisitor, type Outcome, type SourceChecks, type TreeNode } from './verify-visitor.js';

export type VerifyStatus = 'ok' | 'failed' | 'skipped';

export interface VerifyResult {
  readonly kind: 'input' | 'finding';
  /** The input path (for `input`) or the finding id (for `finding`). */
  readonly subject: LosslessText;
  readonly status: VerifyStatus;
  /** Why it failed or was skipped; absent when `ok`. */
  readonly reason?: string;
  /** The finding, for `finding` results. */
  readonly finding?: FindingJson;
  /** For people: `input <path>` or `finding <id> <term> at <input!/member> @ 0x<offset>`, control characters as `·`. */
  readonly label: string;
}

export interface VerifyOptions {
  /** Directory that relative input paths are resolved against. Default: the current directory. */
  readonly root?: string;
  /** Called with each result as soon as its input has been verified, in report order. */
  readonly onResult?: (result: VerifyResult) => void;
}

export interface VerifyReport {
  readonly results: readonly VerifyResult[];
  /** True when every result is `ok` or `skipped`. */
  readonly ok: boolean;
}

/** Verifies every input and finding of `report` (which should have passed `validateReport`). */
export async function verify(report: Pick<Report, 'inputs' | 'findings'> & { readonly run?: Pick<Report['run'], 'options'> }, options: VerifyOptions = {}): Promise<VerifyReport> {
  const results: VerifyResult[] = [];
  const emit = (result: VerifyResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  const limits = recordedLimits(report.run?.options ?? {});
  for (const { input, findings } of groupByInput(report)) {
    const path = inputPath(input?.path ?? findings[0]!.location.input, options.root);
    const outcome: Outcome = new Map();
    const inputResult = await verifyGroup(path, input, findings, outcome, limits);
    if (inputResult !== undefined) emit({ ...inputResult, label: `input ${formatChain(inputResult.subject, [])}` });
    for (const finding of findings) {
      const result = outcome.get(finding) ?? { status: 'failed' as const, reason: 'not reached (internal error)' };
      const label = `finding ${finding.id} ${sanitizeForDisplay(finding.term.text)} at ${formatChain(finding.location.input, finding.location.chain)} @ 0x${finding.location.offset.toString(16)}`;
      emit({ kind: 'finding', subject: finding.id, finding, label, ...result });
    }
  }
  return { results, ok: results.every((result) => result.status !== 'failed') };
}

/** Walks one input once: its own hash and size, and every finding below it. */
async function verifyGroup(path: Buffer, input: InputJson | undefined, findings: readonly FindingJson[], outcome: Outcome, limits: Partial<WalkLimits>): Promise<Omit<VerifyResult, 'label'> | undefined> {
  const base = input === undefined ? undefined : { kind: 'input' as const, subject: input.path };
  if (input !== undefined && (input.status === 'skipped' || input.status === 'failed') && findings.length === 0) {
    return { ...base!, status: 'skipped', reason: `the scan recorded it as ${input.status}${input.skipReason === undefined ? '' : ` (${input.skipReason})`}` };
  }
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    for (const finding of findings) outcome.set(finding, { status: 'failed', reason: `cannot open the input: ${messageOf(error)}` });
    return base === undefined ? undefined : { ...base, status: 'failed', reason: `cannot read the input: ${messageOf(error)}` };
  }
  const tree = buildTree(findings);
  let inputEnd: ObjectEnd | undefined;
  const sourceChecks: SourceChecks = new Map();
  const visitor = new VerifyVisitor(tree, outcome, (end) => (inputEnd = end), sourceChecks);
  const walked = await walkInput(createReadStream(path) as AsyncIterable<Uint8Array>, { window: { path, offset: 0, size } }, visitor, { limits });
  failUnreached(tree, outcome, walked, []);
  failUndrawn(findings, outcome, sourceChecks);
  if (base === undefined) return undefined;
  const end = inputEnd;
  if (end === undefined || end.damage !== undefined) return { ...base, status: 'failed', reason: `cannot read the input: ${end?.damage ?? 'not read'}` };
  if (end.length !== input!.size) return { ...base, status: 'failed', reason: `size is ${end.length} bytes, the report says ${input!.size}` };
  if (end.sha256 !== input!.sha256) return { ...base, status: 'failed', reason: `sha256 is ${end.sha256}, the report says ${input!.sha256}` };
  return { ...base, status: 'ok' };
}

/** The limits the scan recorded, so the walk meets the same objects (time limits aside). */
function recordedLimits(recorded: Record<string, unknown>): Partial<WalkLimits> {
  const limits: Record<string, number> = {};
  for (const key of extentLimitNames) {
    const value = recorded[key];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) limits[key] = value;
  }
  return limits;
}

/** Every finding in a part of the tree the walk never entered fails, saying what was missing and what the walk met there. */
function failUnreached(node: TreeNode, outcome: Outcome, walked: WalkResult, chain: readonly ChainLinkJson[]): void {
  for (const child of node.children.values()) {
    const childChain = [...chain, child.link!];
    if (child.reached) {
      failUnreached(child, outcome, walked, childChain);
      continue;
    }
    const link = child.link!;
    const what = link.path === undefined ? `no ${link.format} object at offset ${link.offset}` : `no ${link.format} member ${JSON.stringify(displayPath(link.path))} at offset ${link.offset}`;
    const met = walked.problems.filter((problem) => problem.chain.length === chain.length).map((problem) => `${problem.kind}: ${problem.message}`);
    for (const finding of findingsBelow(child)) if (!outcome.has(finding)) outcome.set(finding, { status: 'failed', reason: `${what} in ${where(chain)}${met.length === 0 ? '' : ` (${met.join('; ')})`}` });
  }
}

/** A finding in derived text holds only if the bytes that drew it are still there. */
function failUndrawn(findings: readonly FindingJson[], outcome: Outcome, sourceChecks: SourceChecks): void {
  for (const finding of findings) {
    const source = finding.location.source;
    if (source === undefined || outcome.get(finding)?.status !== 'ok') continue;
    if (!sourceChecks.has(finding)) outcome.set(finding, { status: 'failed', reason: `the object that drew it (${where(source.chain)}) was not met` });
    else if (sourceChecks.get(finding) !== undefined) outcome.set(finding, { status: 'failed', reason: sourceChecks.get(finding)! });
  }
}

function findingsBelow(node: TreeNode): FindingJson[] {
  return [...node.findings, ...[...node.children.values()].flatMap(findingsBelow)];
}

function displayPath(path: LosslessText): string {
  return typeof path === 'string' ? path : `<base64:${path.base64}>`;
}

function where(chain: readonly ChainLinkJson[]): string {
  return chain.length === 0 ? 'the input' : chain.map((link) => (link.path === undefined ? `<${link.format}>` : displayPath(link.path))).join('!/');
}

interface InputGroup {
  readonly input?: InputJson;
  readonly findings: FindingJson[];
}

/** Inputs in report order with their findings; findings of an input the report does not list come last, grouped by path. */
function groupByInput(report: Pick<Report, 'inputs' | 'findings'>): InputGroup[] {
  const groups = new Map<string, InputGroup>();
  for (const input of report.inputs) if (!groups.has(losslessKey(input.path))) groups.set(losslessKey(input.path), { input, findings: [] });
  for (const finding of report.findings) {
    const key = losslessKey(finding.location.input);
    let group = groups.get(key);
    if (group === undefined) {
      group = { findings: [] };
      groups.set(key, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()];
}


