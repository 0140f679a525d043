/**
 * Where fwsift keeps its start-up caches (compiled automatons, expanded needles) and how an
 * entry is written. Entries are named by a content key, so writers never need locks: a file is
 * written under a temporary name and renamed into place, and a reader sees the old file or the
 * whole new one.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$FWSIFT_CACHE_DIR`, else `$XDG_CACHE_HOME/fwsift`, else the platform's per-user cache folder
 * (`~/.cache/fwsift`, `~/Library/Caches/fwsift`, `%LOCALAPPDATA%\fwsift\Cache`).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['FWSIFT_CACHE_DIR']) return env['FWSIFT_CACHE_DIR'];
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'fwsift');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'fwsift');
  if (platform === 'win32' && env['LOCALAPPDATA']) return join(env['LOCALAPPDATA'], 'fwsift', 'Cache');
  return join(homedir(), '.cache', 'fwsift');
}

/**
 * Entries kept per kind (the name up to its first `-`: `automaton`, `needles`). Each pack edit or
 * fwsift version adds an entry under a new key; the oldest beyond these are removed on write,
 * so the folder stays a few tens of megabytes however long it is used.
 */
export const keptEntriesPerKind = 8;

/**
 * Writes `data` to `dir/name` atomically (temporary file, then rename), then removes the least
 * recently written entries of the same kind beyond `keptEntriesPerKind`. Best effort: a folder
 * that cannot be created or written (read-only, full) is not an error, since a cache only saves
 * time; the entry is simply rebuilt next run.
 */
export function writeCacheEntry(dir: string, name: string, data: Uint8Array | string): void {
  const file = join(dir, name);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
    pruneKind(dir, name);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder itself is unusable: nothing was written.
    }
  }
}

function pruneKind(dir: string, name: string): void {
  const prefix = `${name.slice(0, name.indexOf('-') + 1)}`;
  if (prefix === '') return;
  const entries = readdirSync(dir)
    .filter((entry) => entry.startsWith(prefix) && !entry.endsWith('.tmp'))
    .map((entry) => ({ entry, written: statSync(join(dir, entry), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.written - a.written || a.entry.localeCompare(b.entry));
  for (const { entry } of entries.slice(keptEntriesPerKind)) rmSync(join(dir, entry), { force: true });
}
