import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackFile, loadPacks, parsePack, shippedPackPaths, type LoadResult, type PackProblem } from '../../src/patterns/load.js';
import { categories, type Category, type Pack, type Term } from '../../src/patterns/types.js';

const encoder = new TextEncoder();
const bytesOf = (value: unknown): Uint8Array => encoder.encode(typeof value === 'string' ? value : JSON.stringify(value));

/** A valid one-term pack; tests override parts of it. */
function minimalPack(term: Readonly<Record<string, unknown>> = {}, pack: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    id: 'test.pack',
    version: '0.1.0',
    description: 'test pack',
    terms: [
      {
        id: 'zh.renzhong',
        text: '人种',
        category: 'race',
        precision: 'medium',
        meaning: 'race',
        boundary: 'none',
        references: [{ title: 'IPVM', url: 'https://ipvm.com/reports/hikvision-uyghur' }],
        ...term,
      },
    ],
    ...pack,
  };
}

function expectPack(result: LoadResult): Pack {
  if (!result.ok) throw new Error(`expected a pack, got problems: ${JSON.stringify(result.problems)}`);
  return result.pack;
}

function expectProblems(result: LoadResult): readonly PackProblem[] {
  if (result.ok) throw new Error('expected problems, got a pack');
  return result.problems;
}

/** Term ids of the former single pack `fwsift.core` (1.0.0): baselines and ignore files refer to them, so they never change. */
const formerCoreTermIds = [
  'dahua.em-nation-type-uygur', 'dahua.em-nation-type', 'dahua.em-nation-type-member', 'dahua.em-nation', 'zh.weizu-xinjiang',
  'zh.weizu', 'zh.shifou-shi-weizu', 'zh.zhongzu-shuxing-ru-weizu-hanzu', 'zh.zhongzu-shuxing', 'hikvision.by-ethnic',
  'gat1400.ethic-code', 'zh.minzu-daima', 'visionlabs.predominant-ethnicity', 'en.uyghur-ethnicity', 'en.reporting-uyghur-attributes',
  'en.uyghur', 'sdk.uygur-parameter', 'zh.weiwuerzu', 'zh.weizu-renyuan-shishi-yujing', 'en.realtime-uyghur-warning',
  'en.realtime-warning-non-local-uighurs', 'en.uyghur-person-model', 'en.uyghur-alarm', 'en.uyghur-alert', 'zh.shaoshu-minzu',
  'zh.jiangzang-xu-dingzhi-zhichi', 'zh.jiangzang-renyuan', 'zh.jiangzang-renyuan-daoru', 'zh.shejiang-renyuan', 'zh.shezang-renyuan',
  'zh.shejiang-renyuan-fenxi', 'zh.shezang-renyuan-fenxi', 'zh.jing-jiang-zang-lieche', 'zh.jiangzang', 'dahua.em-race-type',
  'dahua.em-race-colour', 'dahua.em-race', 'dahua.net-em-facefeature-race', 'hikvision.by-race', 'hikvision.race-values',
  'zh.huangzhongren', 'zh.renzhong', 'zh.zhongzu', 'sophgo.cvai-face-race-e', 'sophgo.race-caucasian', 'baidu.race-type-json',
  'deepface.dominant-race', 'dahua.em-complexion-type', 'dahua.em-complexion-colour', 'dahua.em-complexion', 'dahua.n-complexion',
  'dahua.cfg-em-face-trait-complexion', 'uniview.netdev-skincolor-type-e', 'uniview.netdev-skincolor-colour', 'uniview.udw-skin-color',
  'gat1400.skin-color', 'zh.fuse', 'zh.renzhong-fuse-shuxing', 'zh.renzhong-fuse-shuxing-examples', 'zh.pifu-colour', 'zh.se-pifu-colour',
] as const;

/** The shipped packs: one per category, one per vendor SDK family or face-API group, one per standard (GA/T 1400, ONVIF). */
const shippedPackFiles: Readonly<Record<string, Category | undefined>> = {
  'ethnicity.json': 'ethnicity',
  'race.json': 'race',
  'skin-colour.json': 'skin-colour',
  'region-targeting.json': 'region-targeting',
  'minority-alert.json': 'minority-alert',
  'vendor-dahua-netsdk.json': undefined,
  'vendor-hikvision-hcnetsdk.json': undefined,
  'vendor-uniview-netdev.json': undefined,
  'vendor-soc-sdks.json': undefined,
  'standard-gat1400.json': undefined,
  'standard-onvif.json': undefined,
  'vendor-face-apis.json': undefined,
};

/** Fields every shipped term writes out explicitly, so a reader of the JSON sees every rule in force. */
const explicitTermFields = [
  'id', 'text', 'category', 'precision', 'meaning', 'lang', 'kind', 'case', 'boundary', 'variants',
  'notAfter', 'notBefore', 'boostContexts', 'demoteContexts', 'references',
] as const;

describe('the shipped packs', () => {
  let packs: readonly Pack[];
  let terms: readonly Term[];
  const packOf = (file: string): Pack => {
    const pack = packs.find((p) => basename(p.source) === file);
    if (pack === undefined) throw new Error(`${file} not loaded`);
    return pack;
  };
  const byText = (text: string): Term => {
    const term = terms.find((t) => t.text === text);
    if (term === undefined) throw new Error(`no term ${text}`);
    return term;
  };

  beforeAll(async () => {
    const loaded = await loadPacks(shippedPackPaths());
    expect(loaded.problems).toEqual([]);
    packs = loaded.packs;
    terms = packs.flatMap((p) => p.terms);
  });

  it('lists shipped packs as sorted absolute .json paths', () => {
    const paths = shippedPackPaths();
    expect(paths.length).toBeGreaterThan(0);
    expect([...paths].sort()).toEqual(paths);
    for (const path of paths) expect(path).toMatch(/^\/.*\.json$/);
  });

  it('ships exactly the category, vendor and standard packs, each with id fwsift.<file name>', () => {
    expect(shippedPackPaths().map((path) => basename(path)).sort()).toEqual(Object.keys(shippedPackFiles).sort());
    for (const file of Object.keys(shippedPackFiles)) {
      const pack = packOf(file);
      expect(pack.id).toBe(`fwsift.${file.replace(/\.json$/, '')}`);
      expect(pack.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(pack.description.length, file).toBeGreaterThan(40);
      expect(pack.terms.length, file).toBeGreaterThan(0);
    }
  });

  it('records the sha256 of the exact file bytes and the source path of every pack', async () => {
    for (const pack of packs) {
      const bytes = await readFile(pack.source);
      expect(pack.sha256, pack.id).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('keeps every term id of the former fwsift.core pack', () => {
    const ids = new Set(terms.map((t) => t.id));
    for (const id of formerCoreTermIds) expect(ids, id).toContain(id);
  });

  it('puts only terms of its own category in a category pack, and covers every category', () => {
    for (const [file, category] of Object.entries(shippedPackFiles)) {
      if (category === undefined) continue;
      for (const term of packOf(file).terms) expect(term.category, term.id).toBe(category);
    }
    const present = new Set(terms.map((t) => t.category));
    for (const category of categories) expect(present, category).toContain(category);
  });

  it('puts vendor SDK identifiers in the vendor packs', () => {
    const vendorOf = (id: string): string => packs.find((p) => p.terms.some((t) => t.id === id))?.id ?? '';
    expect(vendorOf('dahua.em-nation-type-uygur')).toBe('fwsift.vendor-dahua-netsdk');
    expect(vendorOf('hikvision.by-race')).toBe('fwsift.vendor-hikvision-hcnetsdk');
    expect(vendorOf('uniview.netdev-skincolor-type-e')).toBe('fwsift.vendor-uniview-netdev');
    expect(vendorOf('sophgo.cvai-face-race-e')).toBe('fwsift.vendor-soc-sdks');
    expect(vendorOf('gat1400.ethic-code')).toBe('fwsift.standard-gat1400');
    for (const pack of packs.filter((p) => p.id.startsWith('fwsift.vendor-'))) {
      for (const term of pack.terms) expect(term.id, pack.id).toMatch(/^(dahua|hikvision|uniview|sophgo|facepp|tencent|inspireface|visionlabs)\./);
    }
  });

  it('writes every term field out explicitly in the pack files', async () => {
    for (const path of shippedPackPaths()) {
      const raw = JSON.parse(await readFile(path, 'utf8')) as { terms: Record<string, unknown>[] };
      for (const term of raw.terms) {
        for (const field of explicitTermFields) expect(term, `${basename(path)} ${String(term['id'])}`).toHaveProperty(field);
        expect(term).not.toHaveProperty('pack');
      }
    }
  });

  it('gives every term a meaning, public references and its pack id', () => {
    for (const pack of packs) {
      for (const term of pack.terms) {
        expect(term.meaning.trim(), term.id).not.toBe('');
        expect(term.references.length, term.id).toBeGreaterThanOrEqual(1);
        for (const ref of term.references) expect(ref.url, term.id).toMatch(/^https?:\/\//);
        expect(term.pack).toBe(pack.id);
      }
    }
  });

  it('has unique term ids and unique spellings across all packs', () => {
    const ids = terms.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const spellings = terms.flatMap((t) => [t.text, ...t.variants]);
    expect(spellings.filter((s, i) => spellings.indexOf(s) !== i)).toEqual([]);
  });

  it('never uses a spelling of a term as one of its own contexts', () => {
    for (const term of terms) {
      const own = new Set([term.text, ...term.variants]);
      for (const context of [...(term.boostContexts ?? []), ...(term.demoteContexts ?? [])]) expect(own.has(context), `${term.id} ${context}`).toBe(false);
    }
  });

  it.each([
    ['人种', '人種'],
    ['肤色', '膚色'],
    ['维族', '維族'],
    ['黄种人', '黃種人'],
    ['种族', '種族'],
    ['少数民族', '少數民族'],
    ['疆藏人员', '疆藏人員'],
    ['维族人员实时预警', '維族人員實時預警'],
    ['维吾尔', '維吾爾'],
    ['是否外籍维族人员', '是否外籍維族人員'],
  ])('declares the traditional variant of %s', (text, traditional) => {
    expect(byText(text).variants).toContain(traditional);
  });

  it('carries the vocabulary exclusions for 维族, 人种, 疆藏 and 维吾尔', () => {
    expect(byText('维族').notAfter).toEqual(expect.arrayContaining(['一', '多', '运', '運', '0', '9']));
    expect(byText('维族').notBefore).toContain('赛');
    expect(byText('人种').notAfter).toEqual(expect.arrayContaining(['达', '单', '私', '联络', '个', '职', '非']));
    expect(byText('人种').notBefore).toEqual(expect.arrayContaining(['草', '田', '子', '类', '目', '别', '族']));
    expect(byText('疆藏').notBefore).toEqual(expect.arrayContaining(['有', '风情']));
    expect(byText('维吾尔').notBefore).toEqual(expect.arrayContaining(['自治区', '文']));
  });

  it('carries the documented contexts: GA/T 1400 fields raise EthicCode, games lower 种族', () => {
    expect(byText('EthicCode').boostContexts).toEqual(expect.arrayContaining(['GenderCode', 'AgeUpLimit']));
    expect(byText('byRace').boostContexts).toContain('人种');
    expect(byText('种族').demoteContexts).toEqual(expect.arrayContaining(['人族', '兽人']));
    expect(byText('肤色').demoteContexts).toEqual(expect.arrayContaining(['美白', '暗啞']));
  });

  it('keeps vendor identifiers case sensitive on identifier boundaries', () => {
    const identifiers = terms.filter((t) => t.kind === 'identifier');
    expect(identifiers.length).toBeGreaterThan(10);
    for (const term of identifiers) {
      expect(term.case, term.id).toBe('sensitive');
      expect(term.boundary, term.id).toBe('identifier');
      expect(term.lang, term.id).toBe('und');
    }
  });

  it('never ships bare "race" or "ethnicity" as a term', () => {
    const spellings = terms.flatMap((t) => [t.text, ...t.variants].map((s) => s.toLowerCase()));
    expect(spellings).not.toContain('race');
    expect(spellings).not.toContain('ethnicity');
  });
});

describe('parsePack', () => {
  it('fills defaults: case, kind, lang, empty lists and the pack id', () => {
    const pack = expectPack(
      parsePack(
        bytesOf(
          minimalPack(
            {},
            {
              terms: [
                { ...(minimalPack().terms as object[])[0] },
                { id: 'x.ident', text: 'EM_RACE_TYPE', category: 'race', precision: 'high', meaning: 'm', boundary: 'identifier', references: [{ title: 't', url: 'https://example.org/' }] },
                { id: 'x.en', text: 'Uyghur alarm', category: 'minority-alert', precision: 'high', meaning: 'm', boundary: 'word', references: [{ title: 't', url: 'https://example.org/' }] },
              ],
            },
          ),
        ),
        'inline.json',
      ),
    );
    const [zh, ident, en] = pack.terms;
    expect(zh).toMatchObject({ lang: 'zh-Hans', kind: 'word', case: 'sensitive', variants: [], notAfter: [], notBefore: [], boostContexts: [], demoteContexts: [], pack: 'test.pack' });
    expect(zh).not.toHaveProperty('notes');
    expect(ident).toMatchObject({ lang: 'und', kind: 'identifier', case: 'sensitive' });
    expect(en).toMatchObject({ lang: 'en', kind: 'phrase' });
    expect(pack.source).toBe('inline.json');
    expect(Object.isFrozen(pack.terms)).toBe(true);
  });

  it('keeps values that are given explicitly', () => {
    const pack = expectPack(
      parsePack(bytesOf(minimalPack({ lang: 'zh-Hant', kind: 'phrase', case: 'insensitive', variants: ['人種'], notes: 'n' })), 'inline.json'),
    );
    expect(pack.terms[0]).toMatchObject({ lang: 'zh-Hant', kind: 'phrase', case: 'insensitive', variants: ['人種'], notes: 'n' });
  });

  it('accepts a UTF-8 byte order mark and hashes the bytes as given', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf(minimalPack())]);
    const pack = expectPack(parsePack(bytes, 'bom.json'));
    expect(pack.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reports an unknown property at its own pointer', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ colour: 'yellow' })), 'bad.json'));
    expect(problems).toContainEqual({ file: 'bad.json', pointer: '/terms/0/colour', message: "unknown property 'colour'" });
  });

  it('reports an unknown top-level property', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({}, { author: 'x' })), 'bad.json'));
    expect(problems).toContainEqual({ file: 'bad.json', pointer: '/author', message: "unknown property 'author'" });
  });

  it('reports a bad enum value with the allowed values', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ category: 'religion' })), 'bad.json'));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.pointer).toBe('/terms/0/category');
    expect(problems[0]?.message).toContain('"religion"');
    expect(problems[0]?.message).toContain('skin-colour');
  });

  it('reports a missing required property at the object that lacks it', () => {
    const term: Record<string, unknown> = { ...(minimalPack().terms as Record<string, unknown>[])[0] };
    delete term['meaning'];
    const problems = expectProblems(parsePack(bytesOf(minimalPack({}, { terms: [term] })), 'bad.json'));
    expect(problems).toContainEqual({ file: 'bad.json', pointer: '/terms/0', message: "missing required property 'meaning'" });
  });

  it('reports every schema problem in one pass', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ precision: 'certain', references: [] }, { version: 'one' })), 'bad.json'));
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/terms/0/precision', '/terms/0/references', '/version']);
  });

  it('says what a version, an id or a language tag should look like instead of quoting the regular expression', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ id: 'Zh_Renzhong', lang: 'zh hans' }, { version: '1.0' })), 'bad.json'));
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'bad.json', pointer: '/version', message: '"1.0" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)' },
        { file: 'bad.json', pointer: '/terms/0/id', message: '"Zh_Renzhong" is not an id (lower-case letters, digits, dots and hyphens, starting with a letter or digit)' },
        { file: 'bad.json', pointer: '/terms/0/lang', message: '"zh hans" is not a BCP 47 language tag (zh-Hans, zh-Hant, en, und)' },
      ]),
    );
  });

  it('rejects a reference URL that is not http(s)', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ references: [{ title: 't', url: 'file:///etc/passwd' }] })), 'bad.json'));
    expect(problems.map((p) => p.pointer)).toContain('/terms/0/references/0/url');
  });

  it('reports a duplicate term id at the second occurrence', () => {
    const first = (minimalPack().terms as Record<string, unknown>[])[0];
    const second = { ...first, text: '人種' };
    const problems = expectProblems(parsePack(bytesOf(minimalPack({}, { terms: [first, second] })), 'dup.json'));
    expect(problems).toEqual([{ file: 'dup.json', pointer: '/terms/1/id', message: "duplicate term id 'zh.renzhong' (first at /terms/0/id)" }]);
  });

  it('reports a variant equal to the text', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ variants: ['人種', '人种'] })), 'bad.json'));
    expect(problems).toEqual([{ file: 'bad.json', pointer: '/terms/0/variants/1', message: "variant '人种' is the same as the term's text" }]);
  });

  it('reports a spelling searched by two terms', () => {
    const first = (minimalPack().terms as Record<string, unknown>[])[0];
    const second = { ...first, id: 'zh.other', text: '肤色', variants: ['人种'] };
    const problems = expectProblems(parsePack(bytesOf(minimalPack({}, { terms: [first, second] })), 'bad.json'));
    expect(problems).toEqual([{ file: 'bad.json', pointer: '/terms/1/variants/0', message: "spelling '人种' is already searched at /terms/0/text" }]);
  });

  it('rejects empty and whitespace-only exclusions', () => {
    const empty = expectProblems(parsePack(bytesOf(minimalPack({ notBefore: [''] })), 'bad.json'));
    expect(empty.map((p) => p.pointer)).toEqual(['/terms/0/notBefore/0']);
    const blank = expectProblems(parsePack(bytesOf(minimalPack({ notAfter: ['草', ' '] })), 'bad.json'));
    expect(blank).toEqual([{ file: 'bad.json', pointer: '/terms/0/notAfter/1', message: 'notAfter entry is empty or only whitespace' }]);
  });

  it('keeps boost and demote contexts as given', () => {
    const pack = expectPack(parsePack(bytesOf(minimalPack({ boostContexts: ['性别', 'emSex'], demoteContexts: ['达人'] })), 'inline.json'));
    expect(pack.terms[0]).toMatchObject({ boostContexts: ['性别', 'emSex'], demoteContexts: ['达人'] });
    expect(Object.isFrozen(pack.terms[0]?.boostContexts)).toBe(true);
  });

  it('rejects a context that is a spelling of the term itself', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ variants: ['人種'], boostContexts: ['肤色', '人種'] })), 'bad.json'));
    expect(problems).toEqual([{ file: 'bad.json', pointer: '/terms/0/boostContexts/1', message: "context '人種' is a spelling of the term itself" }]);
  });

  it('rejects a context listed both to boost and to demote', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ boostContexts: ['肤色'], demoteContexts: ['游戏', '肤色'] })), 'bad.json'));
    expect(problems).toEqual([{ file: 'bad.json', pointer: '/terms/0/demoteContexts/1', message: "context '肤色' is also listed in boostContexts" }]);
  });

  it('rejects empty, blank and repeated contexts at their pointers', () => {
    const blank = expectProblems(parsePack(bytesOf(minimalPack({ demoteContexts: ['  '] })), 'bad.json'));
    expect(blank).toEqual([{ file: 'bad.json', pointer: '/terms/0/demoteContexts/0', message: 'demoteContexts entry is empty or only whitespace' }]);
    const repeated = expectProblems(parsePack(bytesOf(minimalPack({ boostContexts: ['性别', '性别'] })), 'bad.json'));
    expect(repeated).toEqual([{ file: 'bad.json', pointer: '/terms/0/boostContexts/1', message: 'repeats item 0' }]);
    const empty = expectProblems(parsePack(bytesOf(minimalPack({ boostContexts: [''] })), 'bad.json'));
    expect(empty.map((p) => p.pointer)).toEqual(['/terms/0/boostContexts/0']);
  });

  it('reports a repeated exclusion at the repeat', () => {
    const problems = expectProblems(parsePack(bytesOf(minimalPack({ notBefore: ['草', '田', '草'] })), 'bad.json'));
    expect(problems).toEqual([{ file: 'bad.json', pointer: '/terms/0/notBefore/2', message: 'repeats item 0' }]);
  });

  it('reports invalid JSON at the document root with a line and column', () => {
    const problems = expectProblems(parsePack(bytesOf('{\n  "id": "x",\n  oops\n}'), 'broken.json'));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.pointer).toBe('/');
    expect(problems[0]?.file).toBe('broken.json');
    expect(problems[0]?.message).toMatch(/^invalid JSON: .*line 3, column 3/);
  });

  it('reports bytes that are not UTF-8', () => {
    const problems = expectProblems(parsePack(new Uint8Array([0x7b, 0xc8, 0xcb, 0x7d]), 'gbk.json'));
    expect(problems).toEqual([{ file: 'gbk.json', pointer: '/', message: 'pack is not valid UTF-8' }]);
  });

  it('decodes the next pack afresh after one that ends inside a UTF-8 sequence (one decoder serves every pack)', () => {
    expectProblems(parsePack(new Uint8Array([...bytesOf(minimalPack()), 0xe4, 0xba]), 'cut.json'));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf(minimalPack({ variants: ['人種'] }))]);
    expect(expectPack(parsePack(bom, 'next.json')).terms[0]!.variants).toEqual(['人種']);
  });

  it('reports a document that is not an object', () => {
    const problems = expectProblems(parsePack(bytesOf('[]'), 'array.json'));
    expect(problems.map((p) => p.pointer)).toEqual(['/']);
  });
});

describe('loadPackFile and loadPacks', () => {
  let dir: string;
  const pathOf = (name: string): string => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fwsift-packs-'));
    await writeFile(pathOf('a.json'), JSON.stringify(minimalPack({}, { id: 'pack.a' })));
    await writeFile(pathOf('b-same-term.json'), JSON.stringify(minimalPack({}, { id: 'pack.b' })));
    await writeFile(pathOf('c-other.json'), JSON.stringify(minimalPack({ id: 'zh.fuse', text: '肤色' }, { id: 'pack.c' })));
    await writeFile(pathOf('broken.json'), '{');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('turns a missing file into a problem naming the path', async () => {
    const problems = expectProblems(await loadPackFile(pathOf('missing.json')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: pathOf('missing.json'), pointer: '/' });
    expect(problems[0]?.message).toContain('ENOENT');
  });

  it('turns a directory into a problem', async () => {
    const problems = expectProblems(await loadPackFile(dir));
    expect(problems[0]?.message).toBe('cannot read pack: a directory, not a regular file');
  });

  it('loads packs in the order given', async () => {
    const { packs, problems } = await loadPacks([pathOf('c-other.json'), pathOf('a.json')]);
    expect(problems).toEqual([]);
    expect(packs.map((p) => p.id)).toEqual(['pack.c', 'pack.a']);
  });

  it('rejects a later pack that redefines a term id, keeping the first', async () => {
    const { packs, problems } = await loadPacks([pathOf('a.json'), pathOf('b-same-term.json')]);
    expect(packs.map((p) => p.id)).toEqual(['pack.a']);
    expect(problems).toEqual([
      {
        file: pathOf('b-same-term.json'),
        pointer: '/terms/0/id',
        message: `term id 'zh.renzhong' is already defined by pack 'pack.a' (${pathOf('a.json')}); pack not loaded`,
      },
    ]);
  });

  it('rejects the same pack loaded twice', async () => {
    const { packs, problems } = await loadPacks([pathOf('a.json'), pathOf('a.json')]);
    expect(packs).toHaveLength(1);
    expect(problems).toEqual([{ file: pathOf('a.json'), pointer: '/id', message: `pack id 'pack.a' is already loaded from ${pathOf('a.json')}; pack not loaded` }]);
  });

  it('collects problems of broken packs and still loads the good ones', async () => {
    const { packs, problems } = await loadPacks([pathOf('broken.json'), pathOf('a.json')]);
    expect(packs.map((p) => p.id)).toEqual(['pack.a']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: pathOf('broken.json'), pointer: '/' });
  });
});

describe('docs/patterns.md', () => {
  it('documents every property of a pack and of a term', async () => {
    const schema = JSON.parse(await readFile(new URL('../../schema/patterns.schema.json', import.meta.url), 'utf8')) as {
      properties: Record<string, unknown>;
      $defs: { term: { properties: Record<string, unknown> }; reference: { properties: Record<string, unknown> } };
    };
    const docs = await readFile(new URL('../../docs/patterns.md', import.meta.url), 'utf8');
    const names = [
      ...Object.keys(schema.properties),
      ...Object.keys(schema.$defs.term.properties),
      ...Object.keys(schema.$defs.reference.properties),
    ];
    for (const name of names) expect(docs, name).toContain(`\`${name}\``);
  });

  it('lists every shipped pack with its id, version and term count', async () => {
    const docs = await readFile(new URL('../../docs/patterns.md', import.meta.url), 'utf8');
    const { packs } = await loadPacks(shippedPackPaths());
    for (const pack of packs) {
      const file = basename(pack.source);
      expect(docs, file).toContain(`| [\`${file}\`](../patterns/${file}) | \`${pack.id}\` | ${pack.version} | ${pack.terms.length} |`);
    }
  });
});
