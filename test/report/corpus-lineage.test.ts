/** Lineage evidence as a post-pass over a report: each item with its place and reference, confidence from independent kinds. */
import { beforeAll, describe, expect, it } from 'vitest';
import { lineageItems, lineageOf, scan, type Report } from '../../src/index.js';
import { scanHookTimeoutMs } from './diff-slice.js';

const dahua = 'samples/dahua-style-firmware.bin';
const dav = 'test/fixtures/unpack/hikvision-dav/digicap.dav';
const page = 'test/fixtures/versions/page-before.html';
let report: Report;
const input = (path: string) => report.inputs.find((candidate) => candidate.path === path)!;

beforeAll(async () => {
  report = await scan([dahua, dav, page]);
}, scanHookTimeoutMs);

describe('lineageOf', () => {
  it('says "derived from vendor Dahua" with high confidence for a DH zip (format and recorded identity) holding Dahua SDK identifiers, each item placed and referenced', () => {
    const [summary] = lineageOf(report, input(dahua));
    expect(summary!.statement).toBe('derived from vendor Dahua (high: container format, recorded identity, SDK symbols)');
    expect(summary!.items[0]).toMatchObject({ kind: 'container-format', place: dahua, reference: { url: 'https://github.com/ReFirmLabs/binwalk/blob/master/src/signatures/dahua_zip.rs' } });
    expect(summary!.items.every((item) => item.reference.url.startsWith('http') && item.place.startsWith(dahua))).toBe(true);
  });

  it('keeps vendors apart: a Hikvision container with a Dahua identifier inside is two statements, not one verdict', () => {
    expect(lineageOf(report, input(dav)).map((summary) => summary.statement)).toEqual(['derived from vendor Dahua (low: SDK symbols)', 'derived from vendor Hikvision (medium: container format, recorded identity)']);
  });

  it('raises confidence with recorded identity, an independent kind of evidence', () => {
    const withIdentity = { ...input(dav), identity: { format: 'hikvision-dav', vendor: 'Hikvision', chain: [], details: { oem_code: '1' } } };
    const hikvision = lineageOf(report, withIdentity).find((summary) => summary.vendor === 'Hikvision')!;
    expect(hikvision.statement).toBe('derived from vendor Hikvision (medium: container format, recorded identity)');
    expect(hikvision.items.find((item) => item.kind === 'identity')!.detail).toBe('hikvision-dav header (oem_code 1)');
  });

  it('says nothing about a product page whose terms are not any vendor SDK identifiers', () => {
    expect(lineageOf(report, input(page))).toEqual([]);
  });

  it('counts SDK library names only as member names, not as text inside a file', () => {
    const finding = report.findings.find((candidate) => candidate.location.input === page)!;
    const fake: Report = {
      ...report,
      findings: [
        { ...finding, context: { before: 'load libdhnetsdk.so', after: '', hex: '' } },
        { ...finding, location: { ...finding.location, chain: [{ format: 'tar', path: 'lib/libhcnetsdk.so', offset: 512 }] } },
      ],
    };
    expect(lineageItems(fake, input(page)).map((item) => [item.vendor, item.kind, item.place])).toEqual([['Hikvision', 'sdk-library', `${page}!/lib/libhcnetsdk.so`]]);
  });
});
