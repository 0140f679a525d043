// Issue 15 point 2, in the walker: a container met again in a run is not opened again (its
// handler is not called, its children are not read), and what a visitor kept of its subtree is
// replayed under the new chain. Counted with handlers that count their own `open` calls.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ChainLink } from '../../src/core/types.js';
import { handlers as registry } from '../../src/unpack/index.js';
import type { Handler } from '../../src/unpack/types.js';
import { SubtreeMemo } from '../../src/walk/memo-store.js';
import type { Visitor, VisitorRecorder } from '../../src/walk/types.js';
import type { WalkLimits } from '../../src/walk/bounds.js';
import { walkInput } from '../../src/walk/walker.js';
import { pathOf } from '../unpack/helpers/open-handler.js';

const shared = new URL('../fixtures/shared/', import.meta.url).pathname;

/** A visitor that keeps every object's end, and can record and replay them as a search would its hits. */
class EndsVisitor implements Visitor {
  readonly ends: { chain: readonly ChainLink[]; sha256: string; length: number; format: string }[] = [];
  readonly recorder: VisitorRecorder = {
    mark: () => this.ends.length,
    since: (mark, prefixLength) => this.ends.slice(mark as number).map((end) => ({ ...end, chain: end.chain.slice(prefixLength) })),
    replay: (recorded, prefix) => {
      for (const end of recorded as EndsVisitor['ends']) this.ends.push({ ...end, chain: [...prefix, ...end.chain] });
    },
    cost: (recorded) => 200 * (recorded as unknown[]).length,
  };

  enter(object: { readonly chain: readonly ChainLink[] }) {
    return { end: (end: { sha256: string; length: number; format: string }) => void this.ends.push({ chain: object.chain, sha256: end.sha256, length: end.length, format: end.format }) };
  }
}

/**
 * The registry, each handler counting the children it yields. (A container read from a stream
 * is hashed when its handler asks for it as a file, so its handler starts; it yields nothing.)
 */
function countingHandlers(opened: Map<string, number>, base: readonly Handler[] = registry): Handler[] {
  return base.map((handler) => ({
    ...handler,
    async *open(input, ctx) {
      for await (const child of handler.open(input, ctx)) {
        opened.set(handler.id, (opened.get(handler.id) ?? 0) + 1);
        yield child;
      }
    },
  }));
}

/** The registry, each handler's children streamed in pieces of `size` bytes (a limit can then end one midway). */
function rechunkingHandlers(size: number): Handler[] {
  async function* pieces(stream: AsyncIterable<Uint8Array>) {
    for await (const chunk of stream) for (let at = 0; at < chunk.length; at += size) yield chunk.subarray(at, at + size);
  }
  return registry.map((handler) => ({
    ...handler,
    async *open(input, ctx) {
      for await (const child of handler.open(input, ctx)) yield { ...child, stream: pieces(child.stream) };
    },
  }));
}

async function walkAll(names: readonly string[], memo: SubtreeMemo | undefined, options: { handlers?: Handler[]; limits?: Partial<WalkLimits> } = {}) {
  const opened = new Map<string, number>();
  const handlers = countingHandlers(opened, options.handlers);
  const results = [];
  const visitors = [];
  for (const name of names) {
    const path = `${shared}${name}`;
    const size = statSync(path).size;
    const visitor = new EndsVisitor();
    results.push(await walkInput(createReadStream(path, { highWaterMark: 4096 }) as AsyncIterable<Uint8Array>, { window: { path, offset: 0, size } }, visitor, { handlers, ...(memo === undefined ? {} : { memo }), ...(options.limits === undefined ? {} : { limits: options.limits }) }));
    visitors.push(visitor.ends);
  }
  return { opened: Object.fromEntries(opened), results, ends: visitors };
}

describe('the walker opens a container met again once per run', () => {
  it('reads the members of an SDK zip held by two images once, and gives the same walk', async () => {
    const names = ['image-1.zip', 'image-2.zip'];
    const fresh = await walkAll(names, undefined);
    const memo = new SubtreeMemo();
    const memoised = await walkAll(names, memo);
    // Two images of two members each, and the SDK's three files once per copy or once in all.
    expect(fresh.opened).toEqual({ zip: 10 });
    expect(memoised.opened).toEqual({ zip: 7 });
    expect(memoised.ends).toEqual(fresh.ends);
    expect(memoised.results).toEqual(fresh.results);
    expect(memo.stats).toEqual({ replayed: 1, objectsReplayed: 3, stored: 1, evicted: 0 });
  });

  it('does not open stored slices of a file again: the repeated input reads only its own two members', async () => {
    const names = ['image-stored.zip', 'image-stored.zip'];
    const fresh = await walkAll(names, undefined);
    const memoised = await walkAll(names, new SubtreeMemo());
    expect(fresh.opened).toEqual({ zip: 10, gzip: 2, tar: 6 });
    expect(memoised.opened).toEqual({ zip: 7, gzip: 1, tar: 3 });
    expect(memoised.ends).toEqual(fresh.ends);
    expect(memoised.results).toEqual(fresh.results);
  });

  it('reads the files of a squashfs once when one tar.gz holds it twice, or a blob carries it twice', async () => {
    for (const name of ['squashfs-twice.tar.gz', 'squashfs-carved.bin']) {
      const fresh = await walkAll([name], undefined);
      const memoised = await walkAll([name], new SubtreeMemo());
      expect(fresh.opened['squashfs']).toBe(2 * memoised.opened['squashfs']!);
      expect(memoised.ends).toEqual(fresh.ends);
      expect(memoised.results).toEqual(fresh.results);
    }
  });

  it('hashes every byte of every object once when the memo hashes stored containers from the file first', async () => {
    const hash = Object.getPrototypeOf(createHash('sha256')) as { update: (data: Uint8Array, ...rest: unknown[]) => unknown };
    const update = hash.update;
    let hashed = 0;
    hash.update = function (this: unknown, data, ...rest) {
      hashed += data.length;
      return update.call(this, data, ...rest);
    };
    try {
      // A zip storing a tar.gz and a zip (slices of the file, looked up in the memo before they are opened).
      const memoised = await walkAll(['image-stored.zip'], new SubtreeMemo());
      expect(memoised.opened).toMatchObject({ zip: 5, gzip: 1, tar: 3 });
      expect(hashed).toBe(memoised.ends[0]!.reduce((sum, end) => sum + end.length, 0));
    } finally {
      hash.update = update;
    }
  });

  it('gives a stored zip whose hash the memo took from the file the hash of what was read when a limit cuts its stream', async () => {
    // A zip of three stored zips of 24,826 bytes: each is a slice of the file, longer than the head read before it is opened.
    const name = '../unpack/bombs/nested--zip-of-zips.zip';
    const outer = await readFile(`${shared}${name}`);
    const inner = outer.subarray(30 + outer.readUInt16LE(26) + outer.readUInt16LE(28)).subarray(0, 24_826);
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const innerEnd = (ends: Awaited<ReturnType<typeof walkAll>>['ends']) => ends[0]!.find((end) => end.chain.length === 1 && pathOf(end.chain[0]!) === 'a.zip')!;
    const whole = await walkAll([name], new SubtreeMemo());
    expect(innerEnd(whole.ends)).toMatchObject({ length: inner.length, sha256: sha256(inner), format: 'zip' });
    // The limit stops the walk inside a.zip's first member, after a.zip's head was read and it was opened.
    const options = { handlers: rechunkingHandlers(1024), limits: { maxExpandedBytes: 100_000 } };
    const fresh = await walkAll([name], undefined, options);
    const memoised = await walkAll([name], new SubtreeMemo(), options);
    const cut = innerEnd(memoised.ends);
    expect(cut).toMatchObject({ format: 'zip', sha256: sha256(inner.subarray(0, cut.length)) });
    expect(cut.length).toBeLessThan(inner.length);
    expect(memoised.ends).toEqual(fresh.ends);
    expect(memoised.results).toEqual(fresh.results);
  });

  it('opens a damaged container every time (its problems are not replayed)', async () => {
    const fresh = await walkAll(['corrupt-twice.zip'], undefined);
    const memoised = await walkAll(['corrupt-twice.zip'], new SubtreeMemo());
    expect(memoised.opened).toEqual(fresh.opened);
    expect(memoised.results).toEqual(fresh.results);
  });

  it('keeps within its size: a memo too small for any record stores none and changes nothing', async () => {
    const names = ['image-1.zip', 'image-2.zip', 'squashfs-twice.tar.gz'];
    const fresh = await walkAll(names, undefined);
    const tiny = new SubtreeMemo(1000);
    const memoised = await walkAll(names, tiny);
    expect(tiny.stats.stored).toBe(0);
    expect(memoised.opened).toEqual(fresh.opened);
    expect(memoised.ends).toEqual(fresh.ends);
  });

  it('evicts the least recently used records past its size', () => {
    const memo = new SubtreeMemo(4000);
    const record = (cost: number) => ({ cost }) as Parameters<SubtreeMemo['set']>[1];
    memo.set('a', record(900));
    memo.set('b', record(900));
    expect(memo.get('a')).toBeDefined();
    memo.set('c', record(900));
    memo.set('d', record(900));
    memo.set('e', record(900));
    expect(memo.stats.evicted).toBe(1);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBeDefined();
  });
});
