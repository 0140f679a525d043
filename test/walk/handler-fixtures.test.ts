// Issue 10: adding a format is one handler file plus its fixture. A registered handler must
// have a fixture: its id as a container format in a fixture manifest's chains, a directory
// test/fixtures/unpack/<id>/ with files, or a fixture file named `<id>--…` under test/fixtures/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlers } from '../../src/unpack/index.js';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;

function files(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(directory, entry.name)) : [join(directory, entry.name)]));
}

const all = files(fixtures);
const manifestFormats = new Set(
  all.filter((file) => file.endsWith('.json')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/"format":\s*"([a-z0-9-]+)"/g)].map((match) => match[1]!)),
);

describe('every registered handler has a fixture', () => {
  it.each(handlers.map((handler) => handler.id))('%s', (id) => {
    const directory = join(fixtures, 'unpack', id);
    const named = all.some((file) => file.split('/').at(-1)!.startsWith(`${id}--`));
    const inDirectory = existsSync(directory) && files(directory).length > 0;
    expect(manifestFormats.has(id) || named || inDirectory, `no fixture for handler ${id}`).toBe(true);
  });
});
