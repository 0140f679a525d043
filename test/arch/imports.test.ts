// DESIGN "The shape": data flows one way. Each src/ folder may import only the folders below
// it in this list, and no file may reach itself through its imports. No exceptions are listed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url).pathname;

/** Lowest first: a layer may import the layers before it, never those after it. */
const layers = ['core', 'patterns', 'match', 'unpack', 'text', 'walk', 'evidence', 'report', 'scan', 'scale'] as const;
const below: Record<string, readonly string[]> = Object.fromEntries(layers.map((layer, index) => [layer, layers.slice(0, index)]));
/** Folders beside the ladder: what each may use. */
below['unpack'] = ['core'];
below['text'] = ['core'];
below['walk'] = ['core', 'match', 'unpack', 'text'];
below['evidence'] = ['core', 'patterns', 'match'];
below['scale'] = ['core', 'patterns', 'evidence', 'report', 'scan'];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)].map((m) => relative(src, join(src, file, '..', m[1]!)).replace(/\.js$/, '.ts'));
}

const files = sourceFiles(src).map((file) => relative(src, file));

describe('import direction', () => {
  it('knows every folder of src/', () => {
    const folders = new Set(files.filter((file) => file.includes('/')).map((file) => file.split('/')[0]!));
    expect([...folders].filter((folder) => folder !== 'cli' && below[folder] === undefined)).toEqual([]);
  });
  it.each(files.filter((file) => file.includes('/')))('%s imports only what its layer may', (file) => {
    const layer = file.split('/')[0]!;
    for (const resolved of importsOf(file)) {
      const targetLayer = resolved.includes('/') ? resolved.split('/')[0]! : resolved;
      if (targetLayer === layer) continue;
      if (layer === 'cli') {
        expect(resolved, `${file} → ${resolved}`).toBe('index.ts');
        continue;
      }
      if (resolved === 'version.ts') continue;
      expect(below[layer], `${file} imports ${resolved}`).toContain(targetLayer);
    }
  });
  it('has no import cycle', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => files.includes(target))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
