/**
 * Hand-built reports for renderer tests: every field a renderer draws, with hostile member
 * names and contexts (HTML, Markdown and terminal injection attempts, bytes that are not UTF-8)
 * so escaping is tested on purpose, not by accident.
 */
import { summarise } from '../../src/scan/report.js';
import { reportSchemaVersion, type Confidence, type FindingJson, type InputJson, type Report } from '../../src/report/types.js';

const sha = (digit: string): string => digit.repeat(64);

/** A member name that tries HTML, Markdown, a fence and a bidi override. */
export const hostileName = '<script>alert(1)</script>[x](javascript:alert(1))```\u202eevil"\'.txt';
/** Decoded context that tries to break out of `<pre>`, a code fence and a table. */
export const hostileBefore = '</pre><img src=x onerror=alert(1)>| col |\n```\n# heading ';
export const hostileAfter = ' <a href="http://evil.example/">x</a> **bold** ';

export function finding(overrides: Partial<FindingJson> & { readonly n: number }): FindingJson {
  const { n, ...rest } = overrides;
  return {
    id: n.toString(16).padStart(32, '0'),
    term: {
      id: 'zh.renzhong',
      text: '人种',
      category: 'race',
      precision: 'medium',
      pack: 'fwsift.core',
      meaning: '"race" (human type)',
      references: [{ title: 'IPVM: Dahua racial analytics', url: 'https://ipvm.com/reports/dahua-racial' }],
    },
    match: { encoding: 'gb18030', form: 'raw', variant: '人种', hex: 'c8cbd6d6', length: 4 },
    location: { input: 'fw/firmware.bin', chain: [], offset: 40, objectSha256: sha('a') },
    // 32 bytes before the hit (offset 40 ≥ 32), the hit, 4 bytes after.
    context: { before: 'face attr: ', after: ' = 3', hex: `${'20'.repeat(32)}c8cbd6d6${'3d203320'}` },
    confidence: 'high',
    reasons: ['precision:medium', 'context:face-attributes (性别, 年龄)'],
    ...rest,
  };
}


export function makeReport(inputs: readonly InputJson[], findings: readonly FindingJson[]): Report {
  return {
    reportSchemaVersion,
    tool: { name: 'fwsift', version: '0.1.0' },
    run: {
      startedAt: '2024-05-01T10:00:00.000Z',
      finishedAt: '2024-05-01T10:00:01.250Z',
      options: { contextHexBytes: 32 },
      patternPacks: [{ id: 'fwsift.core', version: '1.0.0', sha256: sha('b'), terms: 61 }],
      needles: 569,
      node: 'v20.20.2',
      platform: 'linux-x64',
    },
    inputs: [...inputs],
    findings: [...findings],
    summary: summarise(inputs, findings, 1250),
  };
}

/**
 * Three inputs: a partial firmware image (a stored member with a hit at an exact position, a
 * gzip member whose hits are only "inside", a corrupt member), an input whose name is not
 * UTF-8 holding a member with a hostile name and context, and a skipped symbolic link.
 */
export function richReport(): Report {
  const firmware: InputJson = {
    path: 'fw/firmware.bin',
    size: 4096,
    sha256: sha('c'),
    status: 'partial',
    problems: [
      { chain: [{ format: 'zip', path: 'damaged.bin', offset: 3000 }], kind: 'corrupt', message: 'zip: member "damaged.bin": CRC-32 mismatch' },
      { chain: [], kind: 'encrypted', message: 'zip: member "secret.bin" is encrypted; its bytes were scanned raw only', offset: 3500 },
    ],
    coverage: { bytesScanned: 9000, objects: 5 },
    layers: [
      { chain: [], format: 'zip', start: 0, end: 4096 },
      { chain: [{ format: 'zip', path: 'etc/face.h', offset: 100 }], format: 'raw', start: 100, end: 900 },
      { chain: [{ format: 'zip', path: 'romfs.tar.gz', offset: 1000 }], format: 'gzip', start: 1000, end: 2800 },
    ],
  };
  const hostile: InputJson = {
    path: { base64: Buffer.from([0x66, 0x77, 0xff, 0x2e, 0x62, 0x69, 0x6e]).toString('base64') },
    size: 512,
    sha256: sha('d'),
    status: 'complete',
    problems: [],
    coverage: { bytesScanned: 512, objects: 2 },
    layers: [
      { chain: [], format: 'tar', start: 0, end: 512 },
      { chain: [{ format: 'tar', path: hostileName, offset: 0 }], format: 'raw', start: 0, end: 400 },
    ],
  };
  const link: InputJson = {
    path: 'fw/link',
    size: 0,
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    status: 'skipped',
    skipReason: 'symbolic link (not followed)',
    problems: [],
    coverage: { bytesScanned: 0, objects: 0 },
    layers: [],
  };
  const findings: FindingJson[] = [
    finding({ n: 1, location: { input: 'fw/firmware.bin', chain: [], offset: 40, objectSha256: sha('c') } }),
    finding({
      n: 2,
      term: { id: 'dahua.em-nation-type-uygur', text: 'EM_NATION_TYPE_UYGUR', category: 'ethnicity', precision: 'high', pack: 'fwsift.core', meaning: 'Dahua SDK enum value "nation (ethnicity) type: Uyghur"' },
      match: { encoding: 'utf-8', form: 'raw', variant: 'EM_NATION_TYPE_UYGUR', hex: Buffer.from('EM_NATION_TYPE_UYGUR').toString('hex'), length: 20 },
      location: { input: 'fw/firmware.bin', chain: [{ format: 'zip', path: 'etc/face.h', offset: 100 }], offset: 5, objectSha256: sha('e'), line: 1, column: 6 },
      // Only 5 bytes exist before the hit: the hex context is clipped at the object's start.
      context: { before: 'enum ', after: ' = 1,', hex: `${Buffer.from('enum EM_NATION_TYPE_UYGUR = 1,').toString('hex')}` },
    }),
    finding({
      n: 3,
      term: { id: 'zh.fuse', text: '肤色', category: 'skin-colour', precision: 'high', pack: 'fwsift.core', meaning: 'skin colour' },
      match: { encoding: 'utf-16le', form: 'raw', variant: '肤色', hex: 'a4801282', length: 4 },
      location: {
        input: 'fw/firmware.bin',
        chain: [
          { format: 'zip', path: 'romfs.tar.gz', offset: 1000 },
          { format: 'gzip', offset: 0 },
          { format: 'tar', path: 'etc/web/lang/zh-CN.xml', offset: 512 },
        ],
        offset: 1060,
        objectSha256: sha('f'),
      },
      confidence: 'medium',
      context: { before: '<string id="SkinColor">', after: '</string>', hex: `${'3e00'.repeat(16)}a4801282${'3c00'.repeat(8)}` },
    }),
    finding({
      n: 4,
      location: { input: hostile.path, chain: [{ format: 'tar', path: hostileName, offset: 0 }], offset: 64, objectSha256: sha('1') },
      context: { before: hostileBefore, after: hostileAfter, hex: `${'3c'.repeat(32)}c8cbd6d6${'3e'.repeat(32)}` },
      confidence: 'low',
      reasons: ['precision:medium', 'context:id-card (身份证)'],
    }),
  ];
  return makeReport([firmware, hostile, link], findings);
}

/** No inputs with findings: one clean input. */
export function cleanReport(): Report {
  return makeReport(
    [{ path: 'docs/readme.txt', size: 12, sha256: sha('2'), status: 'complete', problems: [], coverage: { bytesScanned: 12, objects: 1 }, layers: [{ chain: [], format: 'raw', start: 0, end: 12 }] }],
    [],
  );
}
