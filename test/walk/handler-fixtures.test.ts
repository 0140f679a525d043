// Issue 10: adding a format is one handler file plus its fixture. A registered handler must
// have a fixture: its id as a container format in a fixture manifest's chains, a directory
// test/fixtures/unpack/<id>/ with files, a fixture file named `<id>--…` under test/fixtures/, or
// a fixture named in the table below that the handler's `detect` accepts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlers } from '../../src/unpack/index.js';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;

function files(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(directory, entry.name)) : [join(directory, entry.name)]));
}

/** Fixtures whose names do not carry their format (they are named as vendors ship such files). */
const named: Readonly<Record<string, string>> = {
  class: 'unpack/clients/Labels.class',
  dex: 'unpack/clients/classes.dex',
  arsc: 'unpack/clients/resources.arsc',
  axml: 'unpack/clients/attributes.axml',
  qm: 'unpack/clients/face_zh.qm',
  rcc: 'unpack/clients/app.rcc',
  mo: 'unpack/clients/face_zh.mo',
  bplist: 'unpack/clients/Info.plist',
  pe: 'unpack/clients/app-resources.exe',
};

/**
 * A format no Debian tool writes (RAR's encoder is not free software): its unit test builds the
 * bytes from the published layout and cross-checks them with 7-Zip. Listed here, with the test
 * that builds them, until a committed script does.
 */
const builtByTest: Readonly<Record<string, string>> = {
  rar: 'unpack/installers/rar-inno.test.ts',
};

const all = files(fixtures);
const manifestFormats = new Set(
  all.filter((file) => file.endsWith('.json')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/"format":\s*"([a-z0-9-]+)"/g)].map((match) => match[1]!)),
);

describe('every registered handler has a fixture', () => {
  it.each(handlers.map((handler) => handler.id))('%s', (id) => {
    const directory = join(fixtures, 'unpack', id);
    const prefixed = all.some((file) => file.split('/').at(-1)!.startsWith(`${id}--`));
    const inDirectory = existsSync(directory) && files(directory).length > 0;
    const listed = named[id] === undefined ? false : handlers.find((handler) => handler.id === id)!.detect(readFileSync(join(fixtures, named[id]!))).ok;
    const built = builtByTest[id] !== undefined && readFileSync(new URL(`../${builtByTest[id]}`, import.meta.url), 'utf8').includes(`${id}Handler`);
    expect(manifestFormats.has(id) || prefixed || inDirectory || listed || built, `no fixture for handler ${id}`).toBe(true);
  });
});
