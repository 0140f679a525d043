// Issue 14 (install and library): package.json's `engines` admits no Node older than a runtime
// dependency needs, and the public API is what the README documents, not internal helpers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };

/** `>=20.16` → [20, 16, 0]. */
const version = (text: string) => (text.match(/\d+(\.\d+){0,2}/)![0].split('.').map(Number).concat(0, 0).slice(0, 3)) as [number, number, number];
const atLeast = (a: readonly number[], b: readonly number[]) => a[0]! !== b[0]! ? a[0]! > b[0]! : a[1]! !== b[1]! ? a[1]! > b[1]! : a[2]! >= b[2]!;

describe('engines', () => {
  it('admits no Node older than the oldest each runtime dependency accepts', () => {
    const ours = version(pkg.engines.node);
    expect(pkg.engines.node).toMatch(/^>=\d/);
    for (const name of Object.keys(pkg.dependencies)) {
      const theirs = (JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')) as { engines?: { node?: string } }).engines?.node;
      if (theirs === undefined || theirs === '*') continue;
      // The oldest version any alternative (`>=20.16.0 || >=22.3.0`) admits.
      const oldest = theirs.split('||').map((range) => version(range)).sort((a, b) => (atLeast(a, b) ? 1 : -1))[0]!;
      expect(atLeast(ours, oldest), `${name} needs ${theirs}, package.json says ${pkg.engines.node}`).toBe(true);
    }
  });
});

describe('public API', () => {
  it('exports what the README documents', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const documented = readme.match(/import \{ ([^}]+) \} from 'fwsift';/)![1]!.split(',').map((name) => name.trim());
    for (const name of documented) expect(api, name).toHaveProperty(name);
  });

  it('exports no internal helpers (glob and entity matchers, codecs, CLI plumbing)', () => {
    const names = Object.keys(api);
    for (const helper of ['globToRegExp', 'ignorePathMatcher', 'excludeMatcher', 'namedReference', 'numericReference', 'decodeBlock', 'BitReader', 'useColor', 'appendixHeading']) {
      expect(names, helper).not.toContain(helper);
    }
  });
});
