/**
 * Lineage evidence that only an input's bytes show: vendor certificates (binary, so no text
 * search finds them), web UI resource names and default strings (src/report/lineage-vocabulary.ts).
 *
 * Where this runs, and why: a post-pass that walks the input again, object by object, through
 * the same walker scan uses (`visitObjects`, src/scan/read-object.ts, handed in by the caller so
 * this layer stays free of I/O). Not patterns in the scan's matcher, because (1) a certificate
 * must be parsed (DER lengths, X.509 names), not matched as bytes; (2) lineage items are not
 * findings: they must not count as analytics findings, trigger `--fail-on` or enter a diff;
 * (3) the scan stays one pass for users who do not ask for lineage. The cost is one more walk of
 * each input when lineage from bytes is asked for (`fwsift corpus --read-inputs`).
 *
 * Each object is searched as it streams, in a window that keeps `overlap` bytes of the previous
 * chunks, so an item split across chunks is found once and a certificate up to 16 KiB is parsed
 * whole. Hits inside ranges a child object reproduces byte for byte are the child's (the
 * walker's byte ownership), so a file in a tar is one item, not two. Per object and rule, the
 * first offset is kept (of the first 64 hits, so a flood of one string stays bounded; the child
 * that owns them reports them anyway). Memory: per open object, a window of at most 32 KiB plus
 * one chunk, and those hits.
 */
import { formatChain } from './summary.js';
import { certificatesIn, maxCertificateBytes, organisationValues, type FoundCertificate } from './lineage-certificates.js';
import { certificateRules, stringRules, type StringRule } from './lineage-vocabulary.js';
import type { LineageItem } from './lineage.js';
import type { ChainLinkJson, LosslessText } from './types.js';

/** Bytes kept from earlier chunks: the longest item that must be seen whole. */
const overlap = maxCertificateBytes;
const tokenChar = /[A-Za-z0-9_.]/;
const alphanumeric = /[A-Za-z0-9]/;
const needles = stringRules.map((rule) => ({ rule, bytes: Buffer.from(rule.text, 'latin1') }));
/** Hits kept per object and rule until the object's end says which ranges its children own. */
const maxHitsPerRule = 64;

/** A sink per object, as `visitObjects` expects; `end` gets the ranges that children own. */
export interface LineageSink {
  bytes(chunk: Uint8Array): void;
  end(owned: readonly { readonly start: number; readonly end: number }[]): void;
}

/** Walks one input, handing each object's bytes to the sink `open` returns; resolves to why the input could not be read, if so. */
export type VisitObjects = (input: LosslessText, open: (chain: readonly ChainLinkJson[]) => LineageSink) => Promise<string | undefined>;

interface Hit {
  readonly key: string;
  readonly offset: number;
  readonly item: Omit<LineageItem, 'offset'>;
}

function bounded(buffer: Buffer, at: number, length: number, text: string): boolean {
  const before = at > 0 ? String.fromCharCode(buffer[at - 1]!) : '';
  const after = at + length < buffer.length ? String.fromCharCode(buffer[at + length]!) : '';
  const leftOk = !alphanumeric.test(text[0]!) || !tokenChar.test(before);
  const rightOk = !alphanumeric.test(text.at(-1)!) || !tokenChar.test(after);
  return leftOk && rightOk;
}

function certificateHits(certificate: FoundCertificate, offset: number, place: string): Hit[] {
  const names = [...organisationValues(certificate.subject), ...organisationValues(certificate.issuer)];
  const subject = certificate.subject.replaceAll('\n', ', ');
  return certificateRules
    .filter((rule) => names.some((name) => rule.organisation.test(name)))
    .map((rule) => ({ key: `certificate ${rule.vendor}`, offset, item: { vendor: rule.vendor, kind: 'certificate', place, detail: `${certificate.form.toUpperCase()} certificate, subject ${subject}`, reference: rule.reference } }));
}

function stringHit(rule: StringRule, offset: number, place: string): Hit {
  return { key: `${rule.kind} ${rule.text}`, offset, item: { vendor: rule.vendor, kind: rule.kind, place, detail: `${rule.what} "${rule.text}"`, reference: rule.reference } };
}

/** The lineage items of one object, searched as its bytes stream. */
export class ObjectLineage implements LineageSink {
  #window = Buffer.alloc(0);
  /** Chunks not yet in the window (joined once they make it worth searching). */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Offset in the object of the window's first byte. */
  #windowStart = 0;
  readonly #hits: Hit[] = [];
  readonly #hitsPerKey = new Map<string, number>();

  constructor(
    readonly place: string,
    readonly onEnd: (items: LineageItem[]) => void,
  ) {}

  bytes(chunk: Uint8Array): void {
    this.#pending.push(Buffer.from(chunk));
    this.#pendingBytes += chunk.length;
    if (this.#window.length + this.#pendingBytes <= 2 * overlap) return;
    this.#join();
    const searched = this.#window.length - overlap;
    this.#search(searched);
    this.#window = this.#window.subarray(searched);
    this.#windowStart += searched;
  }

  end(owned: readonly { readonly start: number; readonly end: number }[]): void {
    this.#join();
    this.#search(this.#window.length);
    this.#hits.sort((a, b) => a.offset - b.offset);
    const inChild = (offset: number) => owned.some((range) => offset >= range.start && offset < range.end);
    const first = new Map<string, Hit>();
    for (const hit of this.#hits) if (!inChild(hit.offset) && !first.has(hit.key)) first.set(hit.key, hit);
    this.onEnd([...first.values()].map((hit) => ({ ...hit.item, offset: hit.offset })));
  }

  #join(): void {
    this.#window = Buffer.concat([this.#window, ...this.#pending]);
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** Items that start in [0, to) of the window. */
  #search(to: number): void {
    const window = this.#window;
    for (const certificate of certificatesIn(window, 0, to)) for (const hit of certificateHits(certificate, this.#windowStart + certificate.start, this.place)) this.#keep(hit);
    for (const { rule, bytes } of needles) {
      for (let at = window.indexOf(bytes); at >= 0 && at < to; at = window.indexOf(bytes, at + 1)) {
        if (bounded(window, at, bytes.length, rule.text)) this.#keep(stringHit(rule, this.#windowStart + at, this.place));
      }
    }
  }

  #keep(hit: Hit): void {
    const count = this.#hitsPerKey.get(hit.key) ?? 0;
    if (count >= maxHitsPerRule) return;
    this.#hitsPerKey.set(hit.key, count + 1);
    this.#hits.push(hit);
  }
}

/** Every byte-level lineage item of `input`, in walk order, or why the input could not be read. */
export async function byteLineageItems(input: LosslessText, visit: VisitObjects): Promise<{ readonly items: LineageItem[]; readonly error?: string }> {
  const items: LineageItem[] = [];
  const error = await visit(input, (chain) => new ObjectLineage(formatChain(input, chain), (found) => items.push(...found)));
  return error === undefined ? { items } : { items, error };
}
