/**
 * Lineage evidence: what in a scanned input points to the vendor whose code it carries, for
 * procurement rules that cover a vendor's OEM relabels too (NDAA section 889). A post-pass over
 * a report (its inputs' layers and identity, its findings' chains and terms), so it needs no
 * second scan. Each item names its place and a public reference; per input, the vendors are
 * summarised as "derived from vendor X" with a confidence that grows with the number of
 * *independent kinds* of evidence (container format, recorded identity, SDK symbol family, SDK
 * library names), never with repetitions of one kind. It is evidence for a reader to weigh,
 * never a verdict: an input with no item says nothing about its origin.
 *
 * Certificates, web UI resource names and default strings need the objects' bytes, not a
 * report: src/report/lineage-bytes.ts finds them in a second walk and the caller hands them in
 * as `extra` items, one more independent kind of evidence each.
 */
import { formatChain } from './summary.js';
import type { ChainLinkJson, Confidence, InputJson, Report, ReferenceJson } from './types.js';
import { losslessString } from './diff-place.js';

export type LineageKind = 'container-format' | 'identity' | 'sdk-symbols' | 'sdk-library' | 'certificate' | 'web-ui' | 'default-string';

export interface LineageItem {
  readonly vendor: string;
  readonly kind: LineageKind;
  /** Where: the input and member path (`fw.bin!/romfs.tar.gz!/<gzip>`). */
  readonly place: string;
  /** Byte offset in the object at `place`, for items found in its bytes. */
  readonly offset?: number;
  readonly detail: string;
  readonly reference: ReferenceJson;
}

export interface LineageSummary {
  readonly vendor: string;
  readonly confidence: Confidence;
  /** `derived from vendor Dahua (medium: container format, SDK symbols)`. */
  readonly statement: string;
  readonly items: readonly LineageItem[];
}

const containerFormats: Readonly<Record<string, { readonly vendor: string; readonly reference: ReferenceJson }>> = {
  'dahua-zip': { vendor: 'Dahua', reference: { title: 'binwalk: Dahua ZIP archive signature ("DH" instead of "PK" in the first local header)', url: 'https://github.com/ReFirmLabs/binwalk/blob/master/src/signatures/dahua_zip.rs' } },
  'hikvision-dav': { vendor: 'Hikvision', reference: { title: 'hiktools: Hikvision digicap.dav header and XOR key (also used by Hikvision OEMs such as EZVIZ)', url: 'https://github.com/MatrixEditor/hiktools' } },
};

/** Term id prefixes of the vendor SDK packs: identifiers of that vendor's SDK naming scheme. */
const symbolFamilies: Readonly<Record<string, string>> = { dahua: 'Dahua', hikvision: 'Hikvision', uniview: 'Uniview' };

/** SDK library and header names as shipped in the vendors' SDKs (public copies: research/vocabulary.md §2). */
const libraryNames: readonly { readonly pattern: RegExp; readonly vendor: string }[] = [
  { pattern: /(?:^|\/)(?:lib)?(?:dhnetsdk|dhconfigsdk|dhplay)\.(?:so|dll|h|lib)$/i, vendor: 'Dahua' },
  { pattern: /(?:^|\/)(?:lib)?(?:hcnetsdk|hccore|playctrl)\.(?:so|dll|h|lib)$/i, vendor: 'Hikvision' },
  { pattern: /(?:^|\/)(?:lib)?netdevsdk\.(?:so|dll|h|lib)$/i, vendor: 'Uniview' },
];

function chainItems(input: InputJson['path'], chain: readonly ChainLinkJson[], reference: ReferenceJson | undefined): LineageItem[] {
  const items: LineageItem[] = [];
  chain.forEach((link, depth) => {
    const place = formatChain(input, chain.slice(0, depth + 1));
    const container = containerFormats[link.format];
    if (container !== undefined) items.push({ vendor: container.vendor, kind: 'container-format', place: formatChain(input, chain.slice(0, depth)), detail: `${link.format} container`, reference: container.reference });
    const path = link.path === undefined ? '' : losslessString(link.path);
    const library = libraryNames.find((rule) => rule.pattern.test(path));
    if (library !== undefined && reference !== undefined) items.push({ vendor: library.vendor, kind: 'sdk-library', place, detail: `SDK file ${path}`, reference });
  });
  return items;
}

/** Every lineage item of one input, deduplicated by (vendor, kind, place, detail), in a stable order. */
export function lineageItems(report: Pick<Report, 'inputs' | 'findings'>, input: InputJson): LineageItem[] {
  const path = losslessString(input.path);
  const items: LineageItem[] = [];
  for (const layer of input.layers) items.push(...chainItems(input.path, [...layer.chain, { format: layer.format, offset: layer.start }], undefined));
  if (input.identity?.vendor !== undefined) {
    const container = containerFormats[input.identity.format];
    if (container !== undefined) items.push({ vendor: input.identity.vendor, kind: 'identity', place: formatChain(input.path, input.identity.chain), detail: `${input.identity.format} header${input.identity.details?.oem_code === undefined ? '' : ` (oem_code ${input.identity.details.oem_code})`}`, reference: container.reference });
  }
  for (const finding of report.findings) {
    if (losslessString(finding.location.input) !== path) continue;
    const reference = finding.term.references?.[0];
    items.push(...chainItems(input.path, finding.location.chain, reference));
    const vendor = symbolFamilies[finding.term.id.split('.')[0] ?? ''];
    if (vendor !== undefined && reference !== undefined) items.push({ vendor, kind: 'sdk-symbols', place: formatChain(input.path, finding.location.chain), detail: `${vendor} SDK identifier ${finding.term.text}`, reference });
  }
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify([item.vendor, item.kind, item.place, item.detail]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const kindTitle: Readonly<Record<LineageKind, string>> = {
  'container-format': 'container format',
  identity: 'recorded identity',
  'sdk-symbols': 'SDK symbols',
  'sdk-library': 'SDK library names',
  certificate: 'certificate',
  'web-ui': 'web UI resource names',
  'default-string': 'default strings',
};

/**
 * Per vendor with evidence: one kind of evidence is low confidence, two medium, three or more
 * high. Vendors in name order. `extra`: items found in the input's bytes (src/report/lineage-bytes.ts).
 */
export function lineageOf(report: Pick<Report, 'inputs' | 'findings'>, input: InputJson, extra: readonly LineageItem[] = []): LineageSummary[] {
  const byVendor = new Map<string, LineageItem[]>();
  for (const item of [...lineageItems(report, input), ...extra]) {
    let items = byVendor.get(item.vendor);
    if (items === undefined) byVendor.set(item.vendor, (items = []));
    items.push(item);
  }
  return [...byVendor.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([vendor, items]) => {
      const kinds = [...new Set(items.map((item) => item.kind))];
      const confidence: Confidence = kinds.length >= 3 ? 'high' : kinds.length === 2 ? 'medium' : 'low';
      return { vendor, confidence, statement: `derived from vendor ${vendor} (${confidence}: ${kinds.map((kind) => kindTitle[kind]).join(', ')})`, items };
    });
}
