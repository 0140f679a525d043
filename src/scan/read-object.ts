/**
 * Reading objects back from an input by chain, for post-passes over a report that need bytes
 * the report does not hold: `fwsift diff` reads NEW's member (a header inside a tar.gz or an
 * SDK zip) to look for a placeholder at a removed identifier's position; lineage reads every
 * object for certificates and default strings.
 *
 * Both are visitors of the same walker scan and verify use (`src/walk/`), so the objects and
 * chains are the scan's: the walk enters only the objects on the way to the wanted one and
 * skips everything else, as verify does. Chains are matched link by link on format and member
 * path, and on offset unless `byPlace` is asked for (the logical place `fwsift diff` matches
 * OLD and NEW by: a member that grew in NEW moved every later one).
 *
 * Memory: the wanted object's bytes, up to `maxBytes`; `visitObjects` holds nothing (its
 * callback gets each chunk as it streams). Never throws for a bad or missing input.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { ChainLink } from '../core/types.js';
import type { ChainLinkJson, LosslessText } from '../report/types.js';
import type { WalkLimits } from '../walk/bounds.js';
import type { ByteRange, ObjectVisit, Visitor, WalkObject } from '../walk/types.js';
import { walkInput } from '../walk/walker.js';
import { chainJson } from './assemble.js';

export interface ReadObjectOptions {
  /** Directory a relative input path is resolved against. Default: the current directory. */
  readonly root?: string;
  /** Match links by format and member path only, offsets ignored; the first such object wins. Default false. */
  readonly byPlace?: boolean;
  /** An object larger than this is not returned. Default 64 MiB. */
  readonly maxBytes?: number;
  /** Walk limits, e.g. the ones the scan recorded. Default: the walker's. */
  readonly limits?: Partial<WalkLimits>;
}

export type ReadObjectResult = { readonly bytes: Buffer; readonly chain: readonly ChainLinkJson[] } | { readonly error: string };

const defaultMaxBytes = 64 * 1024 * 1024;

export function inputPath(input: LosslessText, root: string | undefined): Buffer {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.base64, 'base64');
  if (root === undefined || isAbsolute(bytes.toString('latin1'))) return bytes;
  // Joined as bytes: a name that is not UTF-8 (or holds `..`) stays exactly the one scanned.
  return Buffer.concat([Buffer.from(root.endsWith('/') ? root : `${root}/`), bytes]);
}

function samePath(walked: ChainLink, wanted: ChainLinkJson): boolean {
  if (wanted.path === undefined || walked.path === undefined) return wanted.path === undefined && walked.path === undefined;
  const wantedBytes = typeof wanted.path === 'string' ? Buffer.from(wanted.path, 'utf8') : Buffer.from(wanted.path.base64, 'base64');
  return Buffer.from(walked.path).equals(wantedBytes);
}

function linkMatches(walked: ChainLink, wanted: ChainLinkJson, byPlace: boolean): boolean {
  return walked.format === wanted.format && samePath(walked, wanted) && (byPlace || walked.offset === wanted.offset);
}

/** Walks `input` (a path as the report records it) and calls `enter` for every object; `enter` decides as a visitor does. */
async function walkPath(input: LosslessText, root: string | undefined, visitor: Visitor, limits: Partial<WalkLimits> | undefined): Promise<string | undefined> {
  const path = inputPath(input, root);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return `${path.toString()} is not a file`;
    size = info.size;
  } catch (error) {
    return `cannot read ${path.toString()}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  await walkInput(createReadStream(path) as AsyncIterable<Uint8Array>, { window: { path, offset: 0, size } }, visitor, limits === undefined ? {} : { limits });
  return undefined;
}

/** The bytes of the object at `chain` inside `input` (the input itself for an empty chain), or why not. */
export async function readObject(input: LosslessText, chain: readonly ChainLinkJson[], options: ReadObjectOptions = {}): Promise<ReadObjectResult> {
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  let found: { chunks: Buffer[]; length: number; chain: readonly ChainLink[] } | undefined;
  let tooLarge = false;
  const visitor: Visitor = {
    enter(object: WalkObject): ObjectVisit | undefined {
      if (found !== undefined || object.chain.length > chain.length) return undefined;
      if (!object.chain.every((link, index) => linkMatches(link, chain[index]!, options.byPlace === true))) return undefined;
      if (object.chain.length < chain.length) return { descend: true };
      if (object.borrowed) return undefined;
      const target = { chunks: [] as Buffer[], length: 0, chain: object.chain };
      found = target;
      return {
        descend: false,
        bytes(chunk) {
          target.length += chunk.length;
          if (target.length > maxBytes) tooLarge = true;
          else target.chunks.push(Buffer.from(chunk));
        },
      };
    },
  };
  const error = await walkPath(input, options.root, visitor, options.limits);
  if (error !== undefined) return { error };
  if (found === undefined) return { error: 'no object at that chain' };
  if (tooLarge) return { error: `the object is over ${maxBytes} bytes` };
  return { bytes: Buffer.concat(found.chunks), chain: chainJson(found.chain) };
}

/** One object as `visitObjects` hands it out: its chain, then its bytes chunk by chunk, then its end. */
export interface ObjectSink {
  bytes(chunk: Uint8Array): void;
  /** The object is done; `owned` are its ranges that a child reproduces byte for byte (the child's bytes, not this object's). */
  end?(owned: readonly ByteRange[]): void;
}

/**
 * Walks every object of `input` once (carved chunks whose bytes are their parent's excepted),
 * handing each object's bytes to the sink `open(chain)` returns; `undefined` ignores the
 * object's bytes but still walks inside it. Returns why the input could not be read, if so.
 */
export async function visitObjects(input: LosslessText, open: (chain: readonly ChainLinkJson[]) => ObjectSink | undefined, options: Pick<ReadObjectOptions, 'root' | 'limits'> = {}): Promise<string | undefined> {
  const visitor: Visitor = {
    enter(object: WalkObject): ObjectVisit {
      const sink = object.borrowed ? undefined : open(chainJson(object.chain));
      if (sink === undefined) return {};
      return { bytes: (chunk) => sink.bytes(chunk), ...(sink.end === undefined ? {} : { end: (end) => sink.end!(end.owned) }) };
    },
  };
  return walkPath(input, options.root, visitor, options.limits);
}
