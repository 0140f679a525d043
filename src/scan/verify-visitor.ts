/**
 * The verify visitor: the recorded findings arranged as a tree of chains; the walker enters
 * only the objects on that tree (everything else is skipped), and at each object's end its
 * sha256, its bytes at each finding's offset, and for text-view findings its rendered text are
 * compared with the report. A finding in derived text with a `source` also puts the object that
 * drew it on the tree, whose bytes at the source ranges are compared too (`sourceChecks`).
 */
import type { ChainLink } from '../core/types.js';
import { losslessText } from '../evidence/lossless.js';
import type { ChainLinkJson, FindingJson, LosslessText } from '../report/types.js';
import { TextMap } from '../text/text-map.js';
import type { TextChunk } from '../text/types.js';
import type { ObjectEnd, ObjectVisit, Visitor, WalkObject } from '../walk/types.js';

export type Outcome = Map<FindingJson, { status: 'ok' | 'failed' | 'skipped'; reason?: string }>;
/** Per finding with a `source`: undefined when the drawing bytes matched, else why not. */
export type SourceChecks = Map<FindingJson, string | undefined>;

/** Findings arranged by chain: each node is one object; `findings` end there. */
export interface TreeNode {
  readonly link?: ChainLinkJson;
  readonly findings: FindingJson[];
  /** Findings whose `source` is this object. */
  readonly sources: FindingJson[];
  readonly children: Map<string, TreeNode>;
  reached: boolean;
}

export function buildTree(findings: readonly FindingJson[]): TreeNode {
  const root: TreeNode = { findings: [], sources: [], children: new Map(), reached: false };
  const nodeOf = (chain: readonly ChainLinkJson[]) => {
    let node = root;
    for (const link of chain) {
      const key = linkKey(link);
      let child = node.children.get(key);
      if (child === undefined) {
        child = { link, findings: [], sources: [], children: new Map(), reached: false };
        node.children.set(key, child);
      }
      node = child;
    }
    return node;
  };
  for (const finding of findings) {
    nodeOf(finding.location.chain).findings.push(finding);
    if (finding.location.source !== undefined) nodeOf(finding.location.source.chain).sources.push(finding);
  }
  return root;
}

export function losslessKey(text: LosslessText): string {
  return typeof text === 'string' ? `t:${text}` : `b:${text.base64}`;
}

function linkKey(link: ChainLinkJson): string {
  return JSON.stringify([link.format, link.path === undefined ? null : losslessKey(link.path), link.offset]);
}

function walkedLinkKey(link: ChainLink): string {
  return linkKey({ format: link.format, offset: link.offset, ...(link.path === undefined ? {} : { path: losslessText(link.path) }) });
}

export class VerifyVisitor implements Visitor {
  constructor(
    readonly root: TreeNode,
    readonly outcome: Outcome,
    /** Called with the input's own end (its sha256 and length). */
    readonly onInput: (end: ObjectEnd) => void,
    readonly sourceChecks: SourceChecks = new Map(),
  ) {}

  enter(object: WalkObject): ObjectVisit | undefined {
    let node: TreeNode | undefined = this.root;
    for (const link of object.chain) node = node?.children.get(walkedLinkKey(link));
    if (node === undefined) return undefined;
    node.reached = true;
    const check = new ObjectCheck(node, this.outcome, this.sourceChecks);
    if (object.chain.length > 0) return check.visit();
    return { ...check.visit(), end: (end) => (this.onInput(end), check.end(end)) };
  }
}

/** Objects whose text is kept to re-check text-view findings; a larger one's are skipped. */
const maxViewTextBytes = 64 * 1024 * 1024;

class ObjectCheck {
  readonly #wanted;
  readonly #textFindings: FindingJson[];
  #position = 0;
  #text: Uint8Array[] | undefined;
  #textBytes = 0;
  #map = new TextMap(Number.MAX_SAFE_INTEGER);
  #viewId = '';

  readonly #drawn;
  /** Every byte range this object must capture (findings' matches and drawing ranges), listed once. */
  readonly #captures;

  constructor(readonly node: TreeNode, readonly outcome: Outcome, readonly sourceChecks: SourceChecks) {
    this.#wanted = node.findings.map((finding) => ({ finding, start: finding.location.offset, bytes: Buffer.alloc(finding.match.length), got: 0 }));
    this.#drawn = node.sources.map((finding) => ({ finding, ranges: finding.location.source!.ranges.map((range) => ({ start: range.offset, bytes: Buffer.alloc(range.length), got: 0 })) }));
    this.#captures = [...this.#wanted, ...this.#drawn.flatMap((drawn) => drawn.ranges)];
    this.#textFindings = node.findings.filter((finding) => finding.match.form === 'text-view');
    if (this.#textFindings.length > 0) this.#text = [];
  }

  visit(): ObjectVisit {
    return {
      descend: this.node.children.size > 0,
      bytes: (chunk) => this.bytes(chunk),
      ...(this.#text === undefined ? {} : { text: (chunk: TextChunk, view: { id: string }) => this.text(chunk, view.id) }),
      end: (end) => this.end(end),
    };
  }

  bytes(chunk: Uint8Array): void {
    const end = this.#position + chunk.length;
    for (const item of this.#captures) {
      const from = Math.max(item.start, this.#position);
      const to = Math.min(item.start + item.bytes.length, end);
      if (from < to) {
        item.bytes.set(chunk.subarray(from - this.#position, to - this.#position), from - item.start);
        item.got += to - from;
      }
    }
    this.#position = end;
  }

  text(chunk: TextChunk, viewId: string): void {
    this.#viewId = viewId;
    if (this.#text === undefined) return;
    this.#textBytes += chunk.text.length;
    if (this.#textBytes > maxViewTextBytes) {
      this.#text = undefined;
      return;
    }
    this.#text.push(chunk.text);
    this.#map.add(chunk.segments, this.#textBytes);
  }

  end(object: ObjectEnd): void {
    const damage = object.damage === undefined ? '' : ` (reading stopped after ${object.length} bytes: ${object.damage})`;
    for (const { finding, ranges } of this.#drawn) {
      const source = finding.location.source!;
      const got = Buffer.concat(ranges.map((range) => range.bytes.subarray(0, range.got))).toString('hex');
      this.sourceChecks.set(finding, got === source.hex ? undefined : `the bytes that drew it (${source.ranges.map((range) => `0x${range.offset.toString(16)}+${range.length}`).join(', ')}) are ${got}, the report says ${source.hex}${damage}`);
    }
    for (const item of this.#wanted) {
      const { finding } = item;
      const offset = finding.location.offset;
      let result: { status: 'ok' | 'failed' | 'skipped'; reason?: string };
      if (object.sha256 !== finding.location.objectSha256) result = { status: 'failed', reason: `object sha256 is ${object.sha256}, the report says ${finding.location.objectSha256}${damage}` };
      else if (item.got < item.bytes.length) result = { status: 'failed', reason: `the object has ${object.length} bytes; the match at offset ${offset} would end at ${offset + item.bytes.length}${damage}` };
      else if (finding.match.form === 'text-view') result = this.#checkText(finding);
      else if (item.bytes.toString('hex') !== finding.match.hex) result = { status: 'failed', reason: `bytes at offset ${offset} (0x${offset.toString(16)}) are ${item.bytes.toString('hex')}, the report says ${finding.match.hex}` };
      else result = { status: 'ok' };
      this.outcome.set(finding, result);
    }
  }

  /** A text-view finding holds when the view's text has the matched text at a place that maps back to the reported raw offset. */
  #checkText(finding: FindingJson): { status: 'ok' | 'failed' | 'skipped'; reason?: string } {
    if (this.#text === undefined) {
      return this.#textBytes > maxViewTextBytes
        ? { status: 'skipped', reason: `the text view of this object is over ${maxViewTextBytes} bytes and was not kept` }
        : { status: 'failed', reason: 'no text view recognises the object any more' };
    }
    if (this.#viewId === '') return { status: 'failed', reason: 'no text view recognises the object any more' };
    const text = Buffer.concat(this.#text);
    const needle = Buffer.from(finding.match.hex, 'hex');
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      if (this.#map.rawRange(at, at + needle.length).start === finding.location.offset) return { status: 'ok' };
    }
    return { status: 'failed', reason: `the ${this.#viewId} view's text has no ${finding.match.hex} mapping to offset ${finding.location.offset}` };
  }
}
