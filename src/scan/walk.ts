/**
 * Turns the paths given on the command line into the list of files to scan: directories
 * recursively in byte order of names, names kept as bytes (a file name need not be valid
 * UTF-8). A symbolic link named on the command line is followed (the user named it); links met
 * inside directories are recorded as skipped and never followed.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';

export type WalkEntry =
  | { readonly kind: 'file'; readonly path: Buffer; readonly size: number }
  | { readonly kind: 'skipped'; readonly path: Buffer; readonly reason: string }
  | { readonly kind: 'error'; readonly path: Buffer; readonly message: string };

export async function* walk(paths: readonly (string | Buffer)[]): AsyncGenerator<WalkEntry> {
  for (const path of paths) yield* walkOne(Buffer.from(path), true);
}

/** Entries of a directory whose `lstat` calls run at once: one after the other, 200 small images took 15 ms of a 130 ms warm-cache rerun waiting on them. */
const statsAtOnce = 32;

type Looked = { readonly stats: Stats } | { readonly error: unknown };

const look = (path: Buffer, named: boolean): Promise<Looked> =>
  (named ? stat(path) : lstat(path)).then(
    (stats) => ({ stats }),
    (error: unknown) => ({ error }),
  );

async function* walkOne(path: Buffer, named = false, looked?: Looked): AsyncGenerator<WalkEntry> {
  const found = looked ?? (await look(path, named));
  if ('error' in found) {
    yield { kind: 'error', path, message: ioMessage(found.error) };
    return;
  }
  const { stats } = found;
  if (stats.isSymbolicLink()) {
    yield { kind: 'skipped', path, reason: 'symbolic link (not followed)' };
  } else if (stats.isFile()) {
    yield { kind: 'file', path, size: stats.size };
  } else if (stats.isDirectory()) {
    let names: Buffer[];
    try {
      names = await readdir(path, { encoding: 'buffer' });
    } catch (error) {
      yield { kind: 'error', path, message: ioMessage(error) };
      return;
    }
    const children = names.sort(Buffer.compare).map((name) => joinBytes(path, name));
    for (let from = 0; from < children.length; from += statsAtOnce) {
      const batch = children.slice(from, from + statsAtOnce);
      const lookedUp = await Promise.all(batch.map((child) => look(child, false)));
      for (const [index, child] of batch.entries()) yield* walkOne(child, false, lookedUp[index]);
    }
  } else {
    yield { kind: 'skipped', path, reason: 'not a regular file (device, FIFO or socket)' };
  }
}

function joinBytes(directory: Buffer, name: Buffer): Buffer {
  // path.join would normalise through a UTF-8 string and lose invalid bytes.
  const separator = directory.at(-1) === 0x2f ? Buffer.alloc(0) : Buffer.from('/');
  return Buffer.concat([directory, separator, name]);
}

export function ioMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.startsWith(code) ? `${code}: ${message}` : message;
}

