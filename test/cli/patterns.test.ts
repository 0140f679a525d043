// `fwsift patterns coverage|export|show|list|lint`: output and exit codes. A small pack given
// with --patterns-only keeps the outputs short and stable.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsift-cli-patterns-'));
const pack = join(dir, 'tiny.json');
writeFileSync(
  pack,
  JSON.stringify({
    id: 'test.tiny',
    version: '1.0.0',
    description: 'Two terms for CLI tests.',
    terms: [
      { id: 'tiny.fuse', text: '肤色', variants: ['膚色'], category: 'skin-colour', precision: 'medium', meaning: 'skin colour', boundary: 'none', references: [{ title: 'vocabulary', url: 'https://example.org/v' }] },
      { id: 'tiny.uygur', text: 'EM_NATION_TYPE_UYGUR', category: 'ethnicity', precision: 'high', meaning: 'Uyghur enum', kind: 'identifier', boundary: 'identifier', references: [{ title: 'vocabulary', url: 'https://example.org/v' }] },
    ],
  }),
);
const only = ['--patterns-only', '--patterns', pack];

describe('fwsift patterns coverage', () => {
  it('prints the matrix with 肤色/Big5 unencodable and its traditional variant searched', async () => {
    const run = await runCli('patterns', 'coverage', ...only);
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.split('\n');
    const header = rows[1]!;
    const big5 = header.indexOf('big5');
    expect(big5).toBeGreaterThan(0);
    // Two CJK characters fill four terminal columns but are two string characters: the mark sits 2 earlier in the string.
    expect(rows.find((row) => row.startsWith('tiny.fuse  肤色'))!.slice(big5 - 2, big5 - 1)).toBe('✗'); // 肤 is not in Big5
    expect(rows.find((row) => row.startsWith('tiny.fuse  膚色'))!.slice(big5 - 2, big5 - 1)).toBe('✓');
    // 肤色, 膚色, EM_NATION_TYPE_UYGUR and its JNI spelling EM_1NATION_1TYPE_1UYGUR (searched as raw UTF-8 only).
    expect(rows.some((row) => row.startsWith('tiny.uygur  EM_1NATION_1TYPE_1UYGUR'))).toBe(true);
    expect(run.stdout).toMatch(/4 spellings, \d+ needles; cells: \d+ searched \(✓\), 1 unencodable \(✗\), 0 disabled/);
    expect(run.stdout).toMatch(/automaton: \d+ states \(\d+ dense\), \d+ byte classes/);
  });
});

describe('fwsift patterns export', () => {
  it('writes one ripgrep pattern line per needle, with case classes for hex digits', async () => {
    const run = await runCli('patterns', 'export', '--rg', '-', ...only);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.every((line) => /^\(\?-u:(\\x[0-9a-f]{2}|\[\\x[0-9a-f]{2}\\x[0-9a-f]{2}\])+\)$/.test(line))).toBe(true);
    expect(lines[0]).toBe('(?-u:\\xe8\\x82\\xa4\\xe8\\x89\\xb2)'); // 肤色 UTF-8
    expect(lines).toContain('(?-u:\\x5c\\x75\\x38\\x30[\\x41\\x61]\\x34\\x5c\\x75\\x38\\x32\\x37\\x32)'); // \u80a4\u8272
  });

  it.skipIf(spawnSync('rg', ['--version']).status !== 0)('gives ripgrep a pattern file it finds the needles with', async () => {
    const run = await runCli('patterns', 'export', '--rg', join(dir, 'needles.rg'), ...only);
    expect(run.code).toBe(0);
    writeFileSync(join(dir, 'hay.bin'), Buffer.concat([Buffer.from('x\u0000'), Buffer.from('膚色', 'utf16le'), Buffer.from(' "\\u80A4\\u8272" ')]));
    const rg = spawnSync('rg', ['-a', '-o', '-b', '-f', join(dir, 'needles.rg'), join(dir, 'hay.bin')]);
    expect(rg.status).toBe(0);
    expect(rg.stdout.toString('latin1').split('\n').filter(Boolean).map((line) => line.split(':')[0])).toEqual(['2', '8']);
  });

  it('writes one YARA rule per term with one hex string per needle', async () => {
    const path = join(dir, 'rules.yar');
    const run = await runCli('patterns', 'export', '--yara', path, ...only);
    expect(run.code).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text.match(/^rule /gm)).toHaveLength(2);
    expect(text).toContain('rule fwsift_tiny_fuse');
    expect(text).toContain('text = "\\xe8\\x82\\xa4\\xe8\\x89\\xb2"');
    expect(text).toMatch(/\$n\d+ = \{ 5C 75 38 30 \( 41 \| 61 \) 34 5C 75 38 32 37 32 \} \/\/ utf-16be json-escape json-u/);
    expect(text).toMatch(/condition:\n {8}any of them/);
  });

  it('needs --rg or --yara (exit 2)', async () => {
    const run = await runCli('patterns', 'export', ...only);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('needs --rg FILE or --yara FILE');
  });
});

describe('fwsift patterns show', () => {
  it('prints a term and its needles in every encoding and form', async () => {
    const run = await runCli('patterns', 'show', 'tiny.fuse', ...only);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('tiny.fuse  肤色');
    expect(run.stdout).toMatch(/肤色\s+gb18030\s+url-percent\s+url-percent\s+12\s+254237254634254339254142\s+%B7%F4%C9%AB/);
    expect(run.stdout).toMatch(/not searched:\n {2}肤色 {2}big5\/raw: unencodable/);
  });

  it('exits 2 for an unknown term', async () => {
    const run = await runCli('patterns', 'show', 'no.such', ...only);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no term "no.such"');
  });
});

describe('fwsift patterns list and lint', () => {
  it('lists packs with version, categories, terms by precision, term, spelling and needle counts', async () => {
    const run = await runCli('patterns', 'list', ...only);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pack\s+version\s+categories\s+high\/medium\/ambiguous\s+terms\s+spellings\s+needles\s+file\ntest\.tiny\s+1\.0\.0\s+ethnicity,skin-colour\s+1\/1\/0\s+2\s+3\s+\d+\s+/);
  });

  it('lints a good pack (exit 0) and a bad one with file and JSON pointer (exit 2)', async () => {
    expect((await runCli('patterns', 'lint', pack)).code).toBe(0);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'bad', version: '1.0.0', description: 'x', terms: [{ id: 'b.1', text: '', category: 'race' }] }));
    const run = await runCli('patterns', 'lint', bad);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${bad} /terms/0`);
  });

  it('reports a bad --patterns pack as a usage error (exit 2)', async () => {
    const run = await runCli('patterns', 'coverage', '--patterns', join(dir, 'missing.json'));
    expect(run.code).toBe(2);
  });
});
