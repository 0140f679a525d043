// DESIGN "The shape": data flows one way. Each src/ folder may import only the folders listed here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url).pathname;

const allowed: Record<string, readonly string[]> = {
  patterns: [],
  match: ['patterns'],
  unpack: ['report'], // only the ProblemKind type
  text: ['patterns', 'unpack'], // the Encoding and Detection types
  evidence: ['patterns', 'match', 'report'],
  report: ['patterns', 'match', 'evidence'],
  scan: ['patterns', 'match', 'unpack', 'text', 'evidence', 'report'],
  cli: [], // the public API (src/index.ts) and its own files only
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  );
}

describe('import direction', () => {
  const files = sourceFiles(src).filter((file) => relative(src, file).includes('/'));
  it.each(files.map((file) => relative(src, file)))('%s imports only what its layer may', (file) => {
    const layer = file.split('/')[0]!;
    const imports = [...readFileSync(join(src, file), 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)].map((m) => m[1]!);
    for (const target of imports) {
      const resolved = relative(src, join(src, file, '..', target));
      const targetLayer = resolved.includes('/') ? resolved.split('/')[0]! : resolved;
      if (targetLayer === layer) continue;
      if (layer === 'cli') {
        expect(resolved, `${file} → ${target}`).toBe('index.js');
        continue;
      }
      if (resolved === 'version.js') continue;
      expect(allowed[layer], `${file} imports ${resolved}`).toContain(targetLayer);
    }
  });
});
