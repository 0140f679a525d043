/**
 * `--exclude GLOB` (repeatable, also `exclude` in fwsift.config.json): paths under the named
 * directories that match a glob are not scanned. Globs are picomatch globs matched against the
 * path as the report prints it (`sdk/docs/manual.pdf`); a glob without `/` matches the last
 * component anywhere (`*.pdf`), as in .gitignore. Dot files are matched like any other.
 *
 * Without `--exclude` the paths go to the library unchanged. With it, directories are listed
 * here, in the library's order (byte order of names) and with names kept as bytes, and what is
 * left is handed over entry by entry (symbolic links too, which the library lists as skipped).
 * Paths named on the command line are never excluded: the user named them.
 */
import { lstat, readdir } from 'node:fs/promises';
import picomatch from 'picomatch';

export interface ExcludeResult {
  /** What to scan: the named paths, or with exclusions the files left (as bytes). */
  readonly paths: readonly (string | Buffer)[];
  /** Paths left out because a glob matched (a directory counts once). */
  readonly excluded: number;
}

export function excludeMatcher(globs: readonly string[]): (path: string) => boolean {
  const isMatch = picomatch([...globs], { dot: true });
  const baseGlobs = globs.filter((glob) => !glob.includes('/'));
  const isBaseMatch = baseGlobs.length === 0 ? () => false : picomatch(baseGlobs, { dot: true });
  return (path) => isMatch(path) || isBaseMatch(path.slice(path.lastIndexOf('/') + 1));
}

export async function applyExcludes(paths: readonly string[], globs: readonly string[]): Promise<ExcludeResult> {
  if (globs.length === 0) return { paths, excluded: 0 };
  const isExcluded = excludeMatcher(globs);
  const kept: (string | Buffer)[] = [];
  let excluded = 0;
  const visit = async (path: Buffer, named: boolean): Promise<void> => {
    // Names may not be valid UTF-8: match on a lossy copy, keep the bytes.
    if (!named && isExcluded(path.toString('utf8'))) {
      excluded += 1;
      return;
    }
    const stats = await lstat(path).catch(() => undefined);
    if (stats?.isDirectory() !== true) {
      kept.push(path);
      return;
    }
    const names = await readdir(path, { encoding: 'buffer' }).catch(() => undefined);
    if (names === undefined) {
      kept.push(path); // the library reports the unreadable directory
      return;
    }
    names.sort(Buffer.compare);
    const prefix = path.at(-1) === 0x2f ? path : Buffer.concat([path, Buffer.from('/')]);
    for (const name of names) await visit(Buffer.concat([prefix, name]), false);
  };
  for (const path of paths) await visit(Buffer.from(path), true);
  return { paths: kept, excluded };
}
