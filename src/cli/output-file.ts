/**
 * Where a report is written, checked before the scan starts and written atomically after it.
 *
 * `-o FILE` is checked up front (the directory exists and is writable, FILE is not a directory,
 * an existing FILE is writable), so an hour of scanning never ends in "cannot write". The
 * report is then written to a temporary name in the same directory and renamed over FILE:
 * two scans writing the same FILE each leave a whole report (the last rename wins), and a
 * signal or full disk mid-write leaves the old FILE untouched. A FILE that is not a regular
 * file (`/dev/stdout`, `/dev/full`, a FIFO) cannot be renamed over and is written in place.
 *
 * Every failure is an `OutputError` whose message is one line naming the file and the cause.
 */
import { randomBytes } from 'node:crypto';
import { constants, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { access, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { registerCleanup } from './cleanup.js';

export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** One line for a failed file operation: `cannot write out/r.json: no such directory "out"`. */
export function ioFailure(action: string, file: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? (error instanceof Error ? error.message : String(error)) : (ioReasons[code] ?? `${code}: ${(error as Error).message}`);
  return new OutputError(`cannot ${action} ${file}: ${reason}`);
}

const ioReasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EPIPE: 'the reading end of the pipe is closed',
};

/** Resolves to nothing when FILE can be written; rejects with an `OutputError` saying why not. */
export async function checkWritable(file: string): Promise<void> {
  const directory = dirname(file);
  const directoryStats = await stat(directory).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new OutputError(`cannot write ${file}: directory ${directory} does not exist`);
    throw ioFailure('write', file, error);
  });
  if (!directoryStats.isDirectory()) throw new OutputError(`cannot write ${file}: ${directory} is not a directory`);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory() === true) throw new OutputError(`cannot write ${file}: it is a directory`);
  // A regular file is replaced by rename, which needs the directory writable; anything else is written in place.
  await access(existing === undefined || existing.isFile() ? directory : file, constants.W_OK).catch((error: unknown) => {
    throw ioFailure('write', file, error);
  });
  if (existing?.isFile() === true) {
    await access(file, constants.W_OK).catch((error: unknown) => {
      throw ioFailure('write', file, error);
    });
  }
}

/** A report being written: a stream to a temporary name, renamed over the target by `commit`. */
export interface PendingFile {
  readonly stream: WriteStream;
  /** Ends the stream and renames it into place; rejects with an `OutputError`. */
  commit(): Promise<void>;
  /** Ends the stream and removes the temporary file (nothing replaces the target). */
  discard(): Promise<void>;
}

export async function openPending(file: string): Promise<PendingFile> {
  const inPlace = await stat(file).then((stats) => !stats.isFile(), () => false);
  const temporary = inPlace ? file : join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  const stream = createWriteStream(temporary, { flags: inPlace ? 'w' : 'wx' });
  let failure: unknown;
  stream.on('error', (error) => (failure ??= error));
  // Until committed or discarded, any way out (a second Ctrl-C, a broken pipe) removes the temporary file.
  const unregister = inPlace ? () => true : registerCleanup(() => rmSync(temporary, { force: true }));
  const end = async () => {
    unregister();
    stream.end();
    await finished(stream).catch((error: unknown) => (failure ??= error));
  };
  return {
    stream,
    async commit() {
      await end();
      if (failure !== undefined) {
        if (!inPlace) await unlink(temporary).catch(() => undefined);
        throw ioFailure('write', file, failure);
      }
      if (inPlace) return;
      await rename(temporary, file).catch(async (error: unknown) => {
        await unlink(temporary).catch(() => undefined);
        throw ioFailure('write', file, error);
      });
    },
    async discard() {
      await end();
      if (!inPlace) await unlink(temporary).catch(() => undefined);
    },
  };
}

/** Writes `text` to FILE atomically (see the module comment). */
export async function writeFileAtomic(file: string, text: string | Uint8Array): Promise<void> {
  const pending = await openPending(file);
  pending.stream.write(text);
  await pending.commit();
}
