/**
 * Runs one handler's `open` the way the scan driver does, over an input delivered in given
 * chunks, reading every child to the end (or to `maxChildBytes`), and collects children,
 * problems, `setLength` and input errors as plain data, so that results from different
 * chunkings can be compared with `toEqual`. Any exception other than `InputError` fails the
 * test: it is a bug, not an input problem.
 */
import { InputError, type Handler } from '../../src/unpack/types.js';
import { openAlone } from '../../src/walk/alone.js';

export interface OpenedChild {
  /** The chain path decoded as latin1 (bytes kept 1:1), or undefined. */
  readonly path: string | undefined;
  readonly offset: number;
  readonly bytes: Buffer;
  readonly size?: number;
  readonly verbatim?: { readonly start: number; readonly end: number };
  /** The input error that ended this child's stream. */
  readonly error?: { readonly kind: string; readonly message: string };
}

export interface OpenResult {
  readonly children: OpenedChild[];
  readonly problems: { readonly kind: string; readonly message: string }[];
  readonly length?: number;
  readonly error?: { readonly kind: string; readonly message: string };
}

export async function openChunks(handler: Handler, chunks: readonly Uint8Array[], options: { readonly maxChildBytes?: number } = {}): Promise<OpenResult> {
  const children: OpenedChild[] = [];
  let error: OpenResult['error'];
  const stream = (async function* () {
    for (const chunk of chunks) yield Uint8Array.from(chunk);
  })();
  const opened = openAlone(handler, stream);
  try {
    for await (const child of opened.children) {
      const pieces: Buffer[] = [];
      let total = 0;
      let childError: OpenedChild['error'];
      try {
        for await (const piece of child.stream) {
          pieces.push(Buffer.from(piece));
          total += piece.length;
          if (options.maxChildBytes !== undefined && total >= options.maxChildBytes) break;
        }
      } catch (thrown) {
        if (!(thrown instanceof InputError)) throw thrown;
        childError = { kind: thrown.kind, message: thrown.message };
      }
      children.push({
        path: child.link.path === undefined ? undefined : Buffer.from(child.link.path).toString('latin1'),
        offset: child.link.offset,
        bytes: Buffer.concat(pieces),
        ...(child.size === undefined ? {} : { size: child.size }),
        ...(child.verbatim === undefined ? {} : { verbatim: child.verbatim }),
        ...(childError === undefined ? {} : { error: childError }),
      });
    }
  } catch (thrown) {
    if (!(thrown instanceof InputError)) throw thrown;
    error = { kind: thrown.kind, message: thrown.message };
  }
  const problems = opened.problems.map(({ kind, message }) => ({ kind, message }));
  return { children, problems, ...(opened.length === undefined ? {} : { length: opened.length }), ...(error === undefined ? {} : { error }) };
}

/** Every error kind met anywhere in a result (open, children), for truncation tests. */
export function errorKinds(result: OpenResult): string[] {
  return [...(result.error === undefined ? [] : [result.error.kind]), ...result.children.flatMap((child) => (child.error === undefined ? [] : [child.error.kind])), ...result.problems.map((problem) => problem.kind)];
}
