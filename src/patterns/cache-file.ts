/**
 * Where fwsift keeps its start-up caches (compiled automatons, expanded needles) and how an
 * entry is written. Entries are named by a content key, so writers never need locks: a file is
 * written under a temporary name and renamed into place, and a reader sees the old file or the
 * whole new one.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * Writes `data` to `dir/name` atomically (temporary file, then rename). Best effort: a folder
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
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder itself is unusable: nothing was written.
    }
  }
}
