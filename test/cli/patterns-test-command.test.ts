// `fwsift patterns test FILE` (issue #7): which terms a file triggers, with verification,
// confidence and reasons, from a real scan of the file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const temp = () => mkdtempSync(join(tmpdir(), 'fwsift-patterns-test-'));

describe('fwsift patterns test', () => {
  it('lists each term a GBK header triggers with confidence, encoding, verification and position', async () => {
    const file = join(temp(), 'face.h');
    writeFileSync(file, iconv.encode('typedef enum {\n  EM_RACE_NODISTI, // 未识别\n  EM_RACE_YELLOW,  // 黄种人\n} EM_RACE_TYPE;\n', 'gbk'));
    const run = await runCli('patterns', 'test', file);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^confidence\s+term\s+precision\s+spelling\s+match\s+verified\s+where\s+reasons$/);
    expect(run.stdout).toMatch(/high\s+dahua\.em-race-member\s+high\s+EM_RACE_NODISTI\s+utf-8\/raw\s+aligned\s+\S*face\.h @ 2:3/);
    expect(run.stdout).toMatch(/high\s+zh\.huangzhongren\s+medium\s+黄种人\s+gb18030\/raw\s+aligned/);
    expect(run.stdout).toContain('4 findings: 4 high, 0 medium, 0 low');
    expect(run.stdout).toContain('fwsift.vendor-dahua-netsdk 1.0.0');
  });

  it('shows the contexts that moved a finding', async () => {
    const file = join(temp(), 'fortune.txt');
    writeFileSync(file, '不会因为宗教、性别、种族、年龄或性取向而有所歧视。\n');
    const run = await runCli('patterns', 'test', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/medium\s+zh\.zhongzu\s+medium\s+种族\s+utf-8\/raw\s+aligned\s+\S+ @ 1:\d+\s+context:face-attributes \(性别, 年龄\); context:term-demote \(歧视, 宗教, 性取向\)/);
  });

  it('says so when nothing fires, and uses only the given pack with --patterns-only', async () => {
    const dir = temp();
    const pack = join(dir, 'pack.json');
    writeFileSync(
      pack,
      JSON.stringify({
        id: 'test.only',
        version: '0.1.0',
        description: 'one term',
        terms: [{ id: 'test.hello', text: 'hello-term', category: 'race', precision: 'high', meaning: 'm', boundary: 'word', references: [{ title: 't', url: 'https://example.org/' }] }],
      }),
    );
    const file = join(dir, 'sample.txt');
    writeFileSync(file, 'EM_NATION_TYPE_UYGUR hello-term\n');
    const run = await runCli('patterns', 'test', file, '--patterns', pack, '--patterns-only');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/high\s+test\.hello\s+high\s+hello-term/);
    expect(run.stdout).not.toContain('EM_NATION_TYPE_UYGUR');
    expect(run.stdout).toContain('packs: test.only 0.1.0');
    const clean = join(dir, 'clean.txt');
    writeFileSync(clean, 'nothing here\n');
    expect((await runCli('patterns', 'test', clean)).stdout).toMatch(/^no term fired\n/);
  });

  it('exits 2 for a path that cannot be read, naming it', async () => {
    const run = await runCli('patterns', 'test', join(temp(), 'missing.bin'));
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/failed: \S*missing\.bin; io: ENOENT/);
  });

  it('exits 2 for a broken pack before testing anything', async () => {
    const dir = temp();
    const pack = join(dir, 'bad.json');
    writeFileSync(pack, '{"id":"x"}');
    const run = await runCli('patterns', 'test', pack, '--patterns', pack);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bad.json /: missing required property 'version'");
  });
});
