/**
 * `-` as a scan path: standard input is copied to a private temporary file (mode 0600 in a
 * 0700 directory) and scanned like any file, because containers such as zip need random
 * access. The copy is removed on every way out (src/cli/cleanup.ts); the report names the
 * input `-` (src/report/rename-input.ts), so ids and reports do not depend on the temp name.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { registerCleanup } from './cleanup.js';

export const stdinPath = '-';

export interface SpooledInput {
  /** The temporary file holding what was read. */
  readonly path: string;
  /** Removes the file and its directory now. */
  dispose(): void;
}

export async function spoolStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<SpooledInput> {
  const directory = await mkdtemp(join(tmpdir(), 'fwsift-stdin-'));
  const remove = () => rmSync(directory, { recursive: true, force: true });
  const unregister = registerCleanup(remove);
  const path = join(directory, 'stdin');
  try {
    await pipeline(stdin, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    unregister();
    remove();
    throw error;
  }
  return {
    path,
    dispose() {
      unregister();
      remove();
    },
  };
}
