/**
 * The fixtures the fuzzer mutates: every handler's committed fixtures (test/fixtures/unpack/<family>/,
 * the document fixtures, the hostile ones, and fuzz-seeds/ for formats no Debian tool writes: RAR,
 * Inno Setup; test/fixtures/build/fuzz-seeds.py), grouped by family so each campaign covers every handler
 * in turn. Decompression bombs (`bombs/`, `*bomb*`) are left out: their whole point is a limit,
 * which mutants only blur, and each takes seconds to minutes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Fixture {
  readonly family: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

export const fixturesRoot = fileURLToPath(new URL('../fixtures/', import.meta.url));
const skippedFamilies = new Set(['bombs']);
/**
 * Folders holding many formats (Windows installers; client software: PE, .NET, class, dex, arsc,
 * binary XML, plist, qm, rcc, mo, APK, IPA) are split by file extension, so that each format is
 * a family of its own and gets its turn in every campaign.
 */
const splitByExtension = new Set(['clients', 'installers']);
const maxFixtureBytes = 1024 * 1024;

/** Families in name order, each with its fixtures in name order (deterministic for a seed). */
export function loadCorpus(): ReadonlyMap<string, readonly Fixture[]> {
  const families = new Map<string, Fixture[]>();
  const add = (family: string, dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (!statSync(path).isFile() || name.includes('bomb') || name.endsWith('.json') || name === 'SHA256SUMS' || statSync(path).size > maxFixtureBytes) continue;
      const key = splitByExtension.has(family) ? `${family}/${/\.([^.]+)$/.exec(name)?.[1] ?? 'none'}` : family;
      const list = families.get(key) ?? [];
      list.push({ family: key, path, bytes: new Uint8Array(readFileSync(path)) });
      families.set(key, list);
    }
  };
  const unpack = join(fixturesRoot, 'unpack');
  for (const family of readdirSync(unpack).sort()) {
    if (!skippedFamilies.has(family) && statSync(join(unpack, family)).isDirectory()) add(family, join(unpack, family));
  }
  const seeds = join(fixturesRoot, 'fuzz-seeds');
  for (const family of readdirSync(seeds).sort()) add(family, join(seeds, family));
  add('documents', join(fixturesRoot, 'documents'));
  add('hostile', join(fixturesRoot, 'hostile'));
  return families;
}

/** Raw blobs with embedded chunks (the carver's fixtures, flash dumps): the blob itself has no end to miss. */
const blobFamilies = new Set(['carve', 'mixed']);
const blobName = /^flash--/;
/** A cut inside the first bytes may leave nothing recognisable (tar needs 512 bytes to be detected). */
export const recognisableBytes = 512;

/**
 * Inputs that may end anywhere: text formats with no end marker and raw blobs. A cut copy of one
 * is a complete input, not a damaged one.
 */
export function endsAnywhere(fixture: Fixture): boolean {
  return blobFamilies.has(fixture.family) || blobName.test(basename(fixture.path)) || /\.(html?|xml|txt)$/i.test(fixture.path);
}
