// Issue #4's acceptance images (test/fixtures/build/acceptance.sh, made by gcc, mksquashfs,
// mkimage, mkfs.jffs2 and zip): every planted term is found with its full container chain.
import { describe, expect, it } from 'vitest';
import { scan, validateReport, type Report } from '../../src/index.js';

const fixture = (name: string) => new URL(`../fixtures/unpack/acceptance/${name}`, import.meta.url).pathname;
const placed = (report: Report) =>
  report.findings.map((f) => `${f.term.text} ${f.match.encoding} ${f.location.chain.map((c) => `${c.format}:${typeof c.path === 'string' ? c.path : ''}@${c.offset}`).join(' > ')} @${f.location.offset}`);

describe('(a) a Dahua DH-zip holding a uImage-wrapped squashfs-xz', async () => {
  const report = await scan([fixture('dahua--uimage-squashfs-xz.bin')]);
  const romfs = 'dahua-zip:romfs-x.squashfs.img@106 > uimage:romfs@64';
  it('is complete and schema-valid', () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.status).toBe('complete');
  });
  it.each([
    ['the UTF-16LE XML', `疆藏(需定制支持) utf-16le ${romfs} > squashfs:web/lang/zh.xml@96 @110`],
    ['the GBK HTML (人种)', `人种 gb18030 ${romfs} > squashfs:web/product.html@96 @78`],
    ['the GBK HTML (肤色)', `肤色 gb18030 ${romfs} > squashfs:web/product.html@96 @83`],
    ['the ELF .so (identifier)', `EM_NATION_TYPE_UYGUR utf-8 ${romfs} > squashfs:lib/libface.so@96 @8215`],
    ['the ELF .so (UTF-8 comment string)', `维族(新疆) utf-8 ${romfs} > squashfs:lib/libface.so@96 @8236`],
  ])('finds the term in %s with the full chain', (_what, expected) => expect(placed(report)).toContain(expected));
  it('scores the planted identifiers high', () => {
    expect(report.findings.find((f) => f.term.text === 'EM_NATION_TYPE_UYGUR')?.confidence).toBe('high');
  });
});

describe('(b) a flash dump: uImage kernel, squashfs and JFFS2 at 64 KiB boundaries with 0xFF padding', async () => {
  const report = await scan([fixture('flash--uimage-squashfs-jffs2.bin')]);
  it('is complete and schema-valid', () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.inputs[0]!.status).toBe('complete');
  });
  it('opens the kernel uImage at offset 0 and carves both partitions', () => {
    const layers = report.inputs[0]!.layers.map((layer) => `${layer.format}@${layer.start}`);
    expect(layers).toEqual(expect.arrayContaining(['uimage@0', 'squashfs@65536', 'jffs2@131072']));
  });
  it.each([
    ['the squashfs partition', '疆藏(需定制支持) utf-16le carve:@65536 > squashfs:web/lang/zh.xml@96 @110'],
    ['the squashfs partition (GBK)', '人种 gb18030 carve:@65536 > squashfs:web/product.html@96 @78'],
    ['the JFFS2 partition', '维族人员实时预警 utf-8 carve:@131072 > jffs2:etc/alert.txt@164 @12'],
  ])('finds the term in %s with the carve offset in its chain', (_what, expected) => expect(placed(report)).toContain(expected));
});
