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
 * Findings that share a chain prefix share the walk: each container is opened once per
 * verification, whatever number of findings it holds. Objects that are needed both as bytes
 * (to hash) and as a container (to open) are read twice from the input file when they are a
 * slice of it, else spilled once to a private temporary file (mode 0600 in a 0700 directory,
 * removed at the end). Memory: the matched bytes of the findings being checked, and each
 * handler's own bounded buffers.
 *
 * Verification failures are results, never exceptions; misuse (a report that is not one)
 * throws. Limit: verify applies no expansion limit of its own: it reads exactly the objects
 * the report names, which the scan already read within its limits.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sanitizeForDisplay } from '../evidence/context.js';
import { formatChain } from '../report/summary.js';
import type { ChainLinkJson, FindingJson, InputJson, LosslessText, Report } from '../report/types.js';
import { windowSlice } from '../unpack/file-window.js';
import { handlers } from '../unpack/index.js';
import type { Child, FileWindow, Handler, OpenContext } from '../unpack/types.js';
import { messageOf } from '../unpack/streams.js';
import { detectView, maxViewHeadLength } from '../text/index.js';
import { TextMap } from './text-map.js';

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
export async function verify(report: Pick<Report, 'inputs' | 'findings'>, options: VerifyOptions = {}): Promise<VerifyReport> {
  const results: VerifyResult[] = [];
  const emit = (result: VerifyResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  const temp = new Spills();
  try {
    const groups = groupByInput(report);
    for (const { input, findings } of groups) {
      const path = resolvePath(input?.path ?? findings[0]!.location.input, options.root);
      const inputResult = input === undefined ? undefined : await verifyInputHash(input, path);
      if (inputResult !== undefined) emit({ ...inputResult, label: `input ${formatChain(inputResult.subject, [])}` });
      if (findings.length === 0) continue;
      const outcome = new Map<FindingJson, { status: VerifyStatus; reason?: string }>();
      let size: number | undefined;
      try {
        size = (await stat(path)).size;
      } catch (error) {
        for (const finding of findings) outcome.set(finding, { status: 'failed', reason: `cannot open the input: ${messageOf(error)}` });
      }
      if (size !== undefined) {
        const root = buildTree(findings);
        const window: FileWindow = { path, offset: 0, size };
        await walk({ window, open: () => windowSlice(window, 0, size) }, root, outcome, temp, []);
      }
      for (const finding of findings) {
        const result = outcome.get(finding) ?? { status: 'failed' as const, reason: 'not reached (internal error)' };
        const label = `finding ${finding.id} ${sanitizeForDisplay(finding.term.text)} at ${formatChain(finding.location.input, finding.location.chain)} @ 0x${finding.location.offset.toString(16)}`;
        emit({ kind: 'finding', subject: finding.id, finding, label, ...result });
      }
    }
  } finally {
    await temp.remove();
  }
  return { results, ok: results.every((result) => result.status !== 'failed') };
}

interface InputGroup {
  readonly input?: InputJson;
  readonly findings: FindingJson[];
}

function losslessKey(text: LosslessText): string {
  return typeof text === 'string' ? `t:${text}` : `b:${text.base64}`;
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

function resolvePath(path: LosslessText, root: string | undefined): Buffer {
  const bytes = typeof path === 'string' ? Buffer.from(path, 'utf8') : Buffer.from(path.base64, 'base64');
  if (root === undefined || isAbsolute(bytes.toString('latin1'))) return bytes;
  return Buffer.concat([Buffer.from(root.endsWith('/') ? root : `${root}/`), bytes]);
}

async function verifyInputHash(input: InputJson, path: Buffer): Promise<Omit<VerifyResult, 'label'>> {
  const base = { kind: 'input' as const, subject: input.path };
  if (input.status === 'skipped' || input.status === 'failed') {
    return { ...base, status: 'skipped', reason: `the scan recorded it as ${input.status}${input.skipReason === undefined ? '' : ` (${input.skipReason})`}` };
  }
  let hash: string;
  let size = 0;
  try {
    const digest = createHash('sha256');
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      digest.update(chunk);
      size += chunk.length;
    }
    hash = digest.digest('hex');
  } catch (error) {
    return { ...base, status: 'failed', reason: `cannot read the input: ${messageOf(error)}` };
  }
  if (size !== input.size) return { ...base, status: 'failed', reason: `size is ${size} bytes, the report says ${input.size}` };
  if (hash !== input.sha256) return { ...base, status: 'failed', reason: `sha256 is ${hash}, the report says ${input.sha256}` };
  return { ...base, status: 'ok' };
}

/** Findings arranged by chain: each node is one object; `findings` end there. */
interface TreeNode {
  readonly findings: FindingJson[];
  readonly children: Map<string, { readonly link: ChainLinkJson; readonly node: TreeNode }>;
}

function buildTree(findings: readonly FindingJson[]): TreeNode {
  const root: TreeNode = { findings: [], children: new Map() };
  for (const finding of findings) {
    let node = root;
    for (const link of finding.location.chain) {
      const key = linkKey(link);
      let child = node.children.get(key);
      if (child === undefined) {
        child = { link, node: { findings: [], children: new Map() } };
        node.children.set(key, child);
      }
      node = child.node;
    }
    node.findings.push(finding);
  }
  return root;
}

function linkKey(link: ChainLinkJson): string {
  return JSON.stringify([link.format, link.path === undefined ? null : losslessKey(link.path), link.offset]);
}

function findingsBelow(node: TreeNode): FindingJson[] {
  return [...node.findings, ...[...node.children.values()].flatMap((child) => findingsBelow(child.node))];
}

/** One object: its bytes as a stream (callable once unless `window` is set, then as often as needed). */
interface ObjectSource {
  readonly window?: FileWindow;
  open(): AsyncIterable<Uint8Array>;
  /** Decoding errors met while reading it (the stream then ended early, as in the scan). */
  readonly damage?: string[];
}

/**
 * A child's stream as the scan's driver hands it on: a decoding error ends the stream (and is
 * recorded) instead of reaching the next handler as an exception, which some parsers would
 * wait on forever. The bytes before the damage are what the scan hashed and searched.
 */
async function* guarded(stream: AsyncIterable<Uint8Array>, damage: string[]): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (error) {
    damage.push(messageOf(error));
  }
}

type Outcome = Map<FindingJson, { status: VerifyStatus; reason?: string }>;

function failAll(node: TreeNode, outcome: Outcome, reason: string): void {
  for (const finding of findingsBelow(node)) if (!outcome.has(finding)) outcome.set(finding, { status: 'failed', reason });
}

async function walk(source: ObjectSource, node: TreeNode, outcome: Outcome, temp: Spills, chain: readonly ChainLinkJson[]): Promise<void> {
  // Bytes are needed for hashing and for opening: make the object re-readable first.
  const rereadable = node.findings.length > 0 && node.children.size > 0 && source.window === undefined;
  const object: ObjectSource = rereadable ? await spilled(source, temp) : source;
  if (node.findings.length > 0) await checkFindings(object, node.findings, outcome);

  const byFormat = new Map<string, { link: ChainLinkJson; node: TreeNode }[]>();
  for (const child of node.children.values()) byFormat.set(child.link.format, [...(byFormat.get(child.link.format) ?? []), child]);
  const formats = [...byFormat.keys()];
  // A stream can be opened once: more than one consumer needs a window.
  const shared = formats.length > 1 || (byFormat.get('carve')?.length ?? 0) > 1;
  const base = shared && object.window === undefined ? await spilled(object, temp) : object;
  for (const [format, wanted] of byFormat) {
    if (format === 'carve') {
      for (const { link, node: child } of wanted) await walkCarved(base, link, child, outcome, temp, chain);
      continue;
    }
    const handler = handlers.find((candidate) => candidate.id === format);
    if (handler === undefined) {
      for (const { node: child } of wanted) failAll(child, outcome, `this fwsift has no handler "${format}" to re-open ${where(chain)}`);
      continue;
    }
    await walkChildren(base, handler, wanted, outcome, temp, chain);
  }
}

async function walkChildren(
  source: ObjectSource,
  handler: Handler,
  wanted: readonly { link: ChainLinkJson; node: TreeNode }[],
  outcome: Outcome,
  temp: Spills,
  chain: readonly ChainLinkJson[],
): Promise<void> {
  const remaining = new Map(wanted.map((item) => [linkKey(item.link), item]));
  const problems: string[] = [];
  // The scan opens an object with a handler only when its `detect` accepts the object's start;
  // an object that no longer passes was changed (and a handler is not made for bytes it rejects).
  const peeked = await peek(source, handler.headLength);
  const detection = handler.detect(peeked.head);
  if (!detection.ok) {
    for (const { node } of wanted) failAll(node, outcome, `${where(chain)} is no longer a ${handler.id}: ${detection.reason}`);
    return;
  }
  source = peeked.source;
  const controller = new AbortController();
  const ctx: OpenContext = { problem: (kind, message) => problems.push(`${kind}: ${message}`), setLength: () => undefined, signal: controller.signal };
  try {
    const children = handler.open({ stream: source.open(), file: () => (source.window === undefined ? temp.spill(source.open()) : Promise.resolve(source.window)), randomAccess: source.window !== undefined }, ctx);
    for await (const child of children) {
      const item = remaining.get(childKey(child));
      if (item === undefined) continue;
      remaining.delete(childKey(child));
      const verbatim = child.verbatim;
      const window = verbatim !== undefined && source.window !== undefined ? { path: source.window.path, offset: source.window.offset + verbatim.start, size: verbatim.end - verbatim.start } : undefined;
      const damage: string[] = [];
      const childSource: ObjectSource = window === undefined ? { open: () => guarded(child.stream, damage), damage } : { window, open: () => windowSlice(window, 0, window.size) };
      await walk(childSource, item.node, outcome, temp, [...chain, item.link]);
      if (remaining.size === 0) break;
    }
  } catch (error) {
    problems.push(messageOf(error));
  } finally {
    controller.abort();
  }
  for (const { link, node } of remaining.values()) {
    const what = link.path === undefined ? `no ${link.format} stream at offset ${link.offset}` : `no ${link.format} member ${JSON.stringify(displayPath(link.path))} at offset ${link.offset}`;
    failAll(node, outcome, `${what} in ${where(chain)}${problems.length === 0 ? '' : ` (${problems.join('; ')})`}`);
  }
}

/** A carved chunk: bytes `[offset, offset + length)` of the parent, the length told by the handler that accepts the chunk (as the scan's carver does). */
async function walkCarved(source: ObjectSource, link: ChainLinkJson, node: TreeNode, outcome: Outcome, temp: Spills, chain: readonly ChainLinkJson[]): Promise<void> {
  const parent = source.window ?? (await spilled(source, temp)).window!;
  if (link.offset >= parent.size) {
    failAll(node, outcome, `carved chunk at offset ${link.offset} is past the end of ${where(chain)} (${parent.size} bytes)`);
    return;
  }
  const rest: FileWindow = { path: parent.path, offset: parent.offset + link.offset, size: parent.size - link.offset };
  const next = [...node.children.values()][0]?.link.format;
  const length = await carvedLength(rest, next);
  const window: FileWindow = { ...rest, size: length };
  await walk({ window, open: () => windowSlice(window, 0, window.size) }, node, outcome, temp, [...chain, link]);
}

/**
 * How long the chunk starting at `window` is: the `detect` length of the handler that accepts
 * it (the next link's format when there is one), else what its `open` reports with
 * `setLength` after reading it, else all the bytes to the parent's end.
 */
async function carvedLength(window: FileWindow, preferred: string | undefined): Promise<number> {
  const headLength = Math.min(window.size, Math.max(...handlers.map((handler) => handler.headLength)));
  const head = await readAll(windowSlice(window, 0, headLength));
  const candidates = preferred === undefined ? handlers : handlers.filter((handler) => handler.id === preferred);
  const handler = candidates.find((candidate) => candidate.detect(head.subarray(0, candidate.headLength)).ok);
  if (handler === undefined) return window.size;
  const detection = handler.detect(head.subarray(0, handler.headLength));
  if (detection.ok && detection.length !== undefined) return Math.min(detection.length, window.size);
  let reported: number | undefined;
  const controller = new AbortController();
  try {
    const children = handler.open(
      { stream: windowSlice(window, 0, window.size), file: () => Promise.resolve(window), randomAccess: true },
      { problem: () => undefined, setLength: (length) => (reported = length), signal: controller.signal },
    );
    for await (const child of children) for await (const chunk of child.stream) void chunk;
  } catch {
    // A damaged chunk: its problem was recorded by the scan; the length is what it reported before failing.
  } finally {
    controller.abort();
  }
  return reported !== undefined && reported < window.size ? reported : window.size;
}

async function checkFindings(source: ObjectSource, findings: readonly FindingJson[], outcome: Outcome): Promise<void> {
  const digest = createHash('sha256');
  const wanted = findings.map((finding) => ({ finding, start: finding.location.offset, bytes: Buffer.alloc(finding.match.length), got: 0 }));
  let position = 0;
  // A damaged object (a truncated gzip stream) ends where decoding failed, as it did in the scan:
  // its hash covers the bytes before the damage, and a mismatch names the error.
  let damage = '';
  try {
    for await (const chunk of source.open()) {
      digest.update(chunk);
      const end = position + chunk.length;
      for (const item of wanted) {
        const from = Math.max(item.start, position);
        const to = Math.min(item.start + item.bytes.length, end);
        if (from < to) {
          item.bytes.set(chunk.subarray(from - position, to - position), from - item.start);
          item.got += to - from;
        }
      }
      position = end;
    }
  } catch (error) {
    damage = ` (reading stopped after ${position} bytes: ${messageOf(error)})`;
  }
  if (damage === '' && source.damage !== undefined && source.damage.length > 0) damage = ` (reading stopped after ${position} bytes: ${source.damage.join('; ')})`;
  const sha256 = digest.digest('hex');
  for (const item of wanted) {
    const { finding } = item;
    if (sha256 !== finding.location.objectSha256) {
      outcome.set(finding, { status: 'failed', reason: `object sha256 is ${sha256}, the report says ${finding.location.objectSha256}${damage}` });
    } else if (item.got < item.bytes.length) {
      outcome.set(finding, { status: 'failed', reason: `the object has ${position} bytes; the match at offset ${finding.location.offset} would end at ${finding.location.offset + item.bytes.length}${damage}` });
    } else if (finding.match.form === 'text-view') {
      outcome.set(finding, await checkTextView(source, finding));
    } else if (item.bytes.toString('hex') !== finding.match.hex) {
      outcome.set(finding, { status: 'failed', reason: `bytes at offset ${finding.location.offset} (0x${finding.location.offset.toString(16)}) are ${item.bytes.toString('hex')}, the report says ${finding.match.hex}` });
    } else {
      outcome.set(finding, { status: 'ok' });
    }
  }
}

/** Documents read whole to re-render a text view; a larger object's view findings are skipped. */
const maxViewObjectBytes = 64 * 1024 * 1024;

/**
 * A text-view finding's bytes are the view's UTF-8 text, not the object's: render the view
 * again from the object's bytes and accept the finding when its text occurs at a place that
 * maps back to the reported raw offset.
 */
async function checkTextView(source: ObjectSource, finding: FindingJson): Promise<{ status: VerifyStatus; reason?: string }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source.open()) {
    size += chunk.length;
    if (size > maxViewObjectBytes) return { status: 'skipped', reason: `text view of an object over ${maxViewObjectBytes} bytes is not re-rendered` };
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  const view = detectView(bytes.subarray(0, Math.max(maxViewHeadLength, 4096)));
  if (view === undefined) return { status: 'failed', reason: 'no text view recognises the object any more' };
  const map = new TextMap(Number.MAX_SAFE_INTEGER);
  const texts: Uint8Array[] = [];
  let textEnd = 0;
  const ignore = () => undefined;
  for await (const chunk of view.render((async function* () { yield bytes; })(), { problem: ignore, setCharset: ignore })) {
    texts.push(chunk.text);
    textEnd += chunk.text.length;
    map.add(chunk.segments, textEnd);
  }
  const text = Buffer.concat(texts);
  const needle = Buffer.from(finding.match.hex, 'hex');
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (map.rawRange(at, at + needle.length).start === finding.location.offset) return { status: 'ok' };
  }
  return { status: 'failed', reason: `the ${view.id} view's text has no ${finding.match.hex} mapping to offset ${finding.location.offset}` };
}

function childKey(child: Child): string {
  const path = child.link.path === undefined ? undefined : losslessOf(child.link.path);
  return linkKey({ format: child.link.format, offset: child.link.offset, ...(path === undefined ? {} : { path }) });
}

function losslessOf(bytes: Uint8Array): LosslessText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return { base64: buffer.toString('base64') };
  }
}

function displayPath(path: LosslessText): string {
  return typeof path === 'string' ? path : `<base64:${path.base64}>`;
}

function where(chain: readonly ChainLinkJson[]): string {
  return chain.length === 0 ? 'the input' : chain.map((link) => (link.path === undefined ? `<${link.format}>` : displayPath(link.path))).join('!/');
}

/** The first `length` bytes of an object, and the object again with those bytes still to come (a one-shot stream is read only once). */
async function peek(source: ObjectSource, length: number): Promise<{ readonly head: Uint8Array; readonly source: ObjectSource }> {
  if (source.window !== undefined) return { head: await readAll(windowSlice(source.window, 0, Math.min(length, source.window.size))), source };
  const iterator = source.open()[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let total = 0;
  let done = false;
  while (total < length) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch (error) {
      source.damage?.push(messageOf(error));
      done = true;
      break;
    }
    if (next.done === true) {
      done = true;
      break;
    }
    buffered.push(next.value);
    total += next.value.length;
  }
  const head = Buffer.concat(buffered).subarray(0, length);
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* buffered;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { head, source: { open: replay, ...(source.damage === undefined ? {} : { damage: source.damage }) } };
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function spilled(source: ObjectSource, temp: Spills): Promise<ObjectSource> {
  if (source.window !== undefined) return source;
  const window = await temp.spill(source.open());
  return { window, open: () => windowSlice(window, 0, window.size), ...(source.damage === undefined ? {} : { damage: source.damage }) };
}

/** Private temporary files for objects that must be read more than once. */
class Spills {
  #directory: Promise<string> | undefined;
  #count = 0;

  async spill(stream: AsyncIterable<Uint8Array>): Promise<FileWindow> {
    this.#directory ??= mkdtemp(join(tmpdir(), 'fwsift-verify-'));
    const path = join(await this.#directory, `object-${this.#count++}.bin`);
    let size = 0;
    await pipeline(
      (async function* () {
        for await (const chunk of stream) {
          size += chunk.length;
          yield chunk;
        }
      })(),
      createWriteStream(path, { mode: 0o600 }),
    );
    return { path, offset: 0, size };
  }

  async remove(): Promise<void> {
    if (this.#directory !== undefined) await rm(await this.#directory, { recursive: true, force: true });
  }
}
