/** Runs a handler's `open` on bytes written to a temp file, and reads every child to the end. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlockDecoder } from '../../src/unpack/codecs/block-decoder.js';
import type { Handler, ProblemKind } from '../../src/unpack/types.js';
import { InputError } from '../../src/unpack/types.js';
import { openAlone } from '../../src/walk/alone.js';

export interface OpenedChild {
  readonly path: string;
  readonly offset: number;
  readonly bytes: Buffer;
  readonly verbatim?: { readonly start: number; readonly end: number };
  /** The input error the child's stream ended with, if any. */
  readonly error?: { readonly kind: ProblemKind; readonly message: string };
}

export interface Opened {
  readonly children: OpenedChild[];
  readonly problems: { readonly kind: ProblemKind; readonly message: string }[];
  /** The input error `open` itself ended with, if any. */
  readonly error?: { readonly kind: ProblemKind; readonly message: string };
}

/** `blocks`: who decodes filesystem blocks (default: this thread). */
export async function openAll(handler: Handler, bytes: Uint8Array, blocks?: BlockDecoder): Promise<Opened> {
  const dir = mkdtempSync(join(tmpdir(), 'fwsift-test-'));
  const path = join(dir, 'image.bin');
  writeFileSync(path, bytes);
  const children: OpenedChild[] = [];
  const stream = (async function* () {
    yield bytes;
  })();
  try {
    const opened = openAlone(handler, stream, { backing: { path, offset: 0, size: bytes.length }, ...(blocks === undefined ? {} : { blocks }) });
    const problems = () => opened.problems.map(({ kind, message }) => ({ kind, message }));
    try {
      for await (const child of opened.children) {
        const pieces: Uint8Array[] = [];
        let error: OpenedChild['error'];
        try {
          for await (const piece of child.stream) pieces.push(piece.slice());
        } catch (caught) {
          if (!(caught instanceof InputError)) throw caught;
          error = { kind: caught.kind, message: caught.message };
        }
        children.push({
          path: Buffer.from(child.link.path ?? new Uint8Array(0)).toString('utf8'),
          offset: child.link.offset,
          bytes: Buffer.concat(pieces),
          ...(child.verbatim === undefined ? {} : { verbatim: child.verbatim }),
          ...(error === undefined ? {} : { error }),
        });
      }
    } catch (caught) {
      if (!(caught instanceof InputError)) throw caught;
      return { children, problems: problems(), error: { kind: caught.kind, message: caught.message } };
    }
    return { children, problems: problems() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
