import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackFile, loadPacks, parsePack, shippedPackPaths, type LoadResult, type PackProblem } from '../../src/patterns/load.js';
import { categories, type Pack, type Term } from '../../src/patterns/types.js';

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

describe('the shipped core pack', () => {
  let core: Pack;
  let coreBytes: Buffer;
  let corePath: string;

  beforeAll(async () => {
    const paths = shippedPackPaths();
    const found = paths.find((path) => basename(path) === 'core.json');
    if (found === undefined) throw new Error(`core.json not among ${paths.join(', ')}`);
    corePath = found;
    const { packs, problems } = await loadPacks(paths);
    expect(problems).toEqual([]);
    const pack = packs.find((p) => p.id === 'fwsift.core');
    if (pack === undefined) throw new Error('fwsift.core not loaded');
    core = pack;
    coreBytes = await readFile(corePath);
  });

  it('lists shipped packs as sorted absolute .json paths', () => {
    const paths = shippedPackPaths();
    expect(paths.length).toBeGreaterThan(0);
    expect([...paths].sort()).toEqual(paths);
    for (const path of paths) expect(path).toMatch(/^\/.*\.json$/);
  });

  it('loads fwsift.core 1.0.0 with at least 30 terms', () => {
    expect(core.id).toBe('fwsift.core');
    expect(core.version).toBe('1.0.0');
    expect(core.terms.length).toBeGreaterThanOrEqual(30);
  });

  it('records the sha256 of the exact file bytes and the source path', () => {
    expect(core.sha256).toBe(createHash('sha256').update(coreBytes).digest('hex'));
    expect(core.source).toBe(corePath);
  });

  it('covers every category', () => {
    const present = new Set(core.terms.map((t) => t.category));
    for (const category of categories) expect(present, category).toContain(category);
  });

  it('gives every term a meaning, public references and the pack id', () => {
    for (const term of core.terms) {
      expect(term.meaning.trim(), term.id).not.toBe('');
      expect(term.references.length, term.id).toBeGreaterThanOrEqual(1);
      for (const ref of term.references) expect(ref.url, term.id).toMatch(/^https?:\/\//);
      expect(term.pack).toBe('fwsift.core');
    }
  });

  it('has unique ids and unique texts', () => {
    const ids = core.terms.map((t) => t.id);
    const texts = core.terms.map((t) => t.text);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(texts).size).toBe(texts.length);
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
  ])('declares the traditional variant of %s', (text, traditional) => {
    const term = core.terms.find((t) => t.text === text);
    expect(term?.variants).toContain(traditional);
  });

  it('carries the vocabulary exclusions for 维族, 人种 and 疆藏', () => {
    const byText = (text: string): Term => {
      const term = core.terms.find((t) => t.text === text);
      if (term === undefined) throw new Error(`no term ${text}`);
      return term;
    };
    expect(byText('维族').notAfter).toEqual(expect.arrayContaining(['一', '多', '运', '運', '0', '9']));
    expect(byText('维族').notBefore).toContain('赛');
    expect(byText('人种').notAfter).toEqual(expect.arrayContaining(['达', '单', '私', '联络', '个', '职', '非']));
    expect(byText('人种').notBefore).toEqual(expect.arrayContaining(['草', '田', '子', '类', '目', '别', '族']));
    expect(byText('疆藏').notBefore).toEqual(expect.arrayContaining(['有', '风情']));
  });

  it('keeps vendor identifiers case sensitive on identifier boundaries', () => {
    const identifiers = core.terms.filter((t) => t.kind === 'identifier');
    expect(identifiers.length).toBeGreaterThan(10);
    for (const term of identifiers) {
      expect(term.case, term.id).toBe('sensitive');
      expect(term.boundary, term.id).toBe('identifier');
      expect(term.lang, term.id).toBe('und');
    }
  });

  it('never ships bare "race" or "ethnicity" as a term', () => {
    const spellings = core.terms.flatMap((t) => [t.text, ...t.variants].map((s) => s.toLowerCase()));
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
    expect(zh).toMatchObject({ lang: 'zh-Hans', kind: 'word', case: 'sensitive', variants: [], notAfter: [], notBefore: [], pack: 'test.pack' });
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
    expect(problems[0]?.message).toContain('EISDIR');
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
});
