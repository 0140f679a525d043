/**
 * Runs one handler the way the scan driver does (detect, then open with a problem/setLength
 * context), over an in-memory input split into chunks of a chosen size, and collects every
 * child's bytes. Input errors thrown by a child stream or by `open` are captured, with the
 * bytes produced before them, as the driver records them.
 */
import { InputError, type ChainLink, type Handler } from '../../../src/unpack/types.js';
import { openAlone } from '../../../src/walk/alone.js';

export interface OpenedChild {
  readonly link: ChainLink;
  readonly bytes: Buffer;
  readonly size?: number;
  /** The input error that ended this child's stream early. */
  readonly error?: InputError;
}

export interface Opened {
  readonly children: OpenedChild[];
  readonly problems: { readonly kind: string; readonly message: string; readonly offset?: number }[];
  /** What the handler passed to `ctx.setLength`, if anything. */
  readonly length?: number;
  /** The input error thrown by `open` itself (after the children before it). */
  readonly error?: InputError;
  /** Input bytes the handler read from the stream. */
  readonly bytesRead: number;
}

export async function* chunked(bytes: Uint8Array, chunkSize: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.slice(at, at + chunkSize);
}

export const pathOf = (link: ChainLink) => (link.path === undefined ? undefined : Buffer.from(link.path).toString('utf8'));

/**
 * Opens `input` with `handler`. `chunks` (e.g. from test/helpers/chunkings.ts) or `chunkSize`
 * (default 64 KiB) say how the stream is split; `maxChildBytes` stops reading a child early,
 * as the driver does at its expanded-bytes limit.
 */
export async function openWith(
  handler: Handler,
  input: Uint8Array,
  options: { chunkSize?: number; chunks?: readonly Uint8Array[]; maxChildBytes?: number } = {},
): Promise<Opened> {
  let bytesRead = 0;
  const children: OpenedChild[] = [];
  const counted = (async function* () {
    const source = options.chunks === undefined ? chunked(input, options.chunkSize ?? 64 * 1024) : options.chunks.map((chunk) => chunk.slice());
    for await (const chunk of source) {
      bytesRead += chunk.length;
      yield chunk;
    }
  })();
  const opened = openAlone(handler, counted);
  let error: InputError | undefined;
  try {
    for await (const child of opened.children) {
      const pieces: Buffer[] = [];
      let total = 0;
      let childError: InputError | undefined;
      try {
        for await (const piece of child.stream) {
          pieces.push(Buffer.from(piece));
          total += piece.length;
          if (options.maxChildBytes !== undefined && total >= options.maxChildBytes) break;
        }
      } catch (thrown) {
        if (!(thrown instanceof InputError)) throw thrown;
        childError = thrown;
      }
      children.push({ link: child.link, bytes: Buffer.concat(pieces), ...(child.size === undefined ? {} : { size: child.size }), ...(childError === undefined ? {} : { error: childError }) });
    }
  } catch (thrown) {
    if (!(thrown instanceof InputError)) throw thrown;
    error = thrown;
  }
  return { children, problems: [...opened.problems], bytesRead, ...(opened.length === undefined ? {} : { length: opened.length }), ...(error === undefined ? {} : { error }) };
}
