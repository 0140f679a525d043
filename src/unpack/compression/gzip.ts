import { constants, createInflateRaw, crc32, inflateRawSync, type InflateRaw } from 'node:zlib';
import { ByteReader } from '../byte-reader.js';
import { messageOf } from '../streams.js';
import { defineHandler, InputError, type Detection, type OpenContext } from '../types.js';

/**
 * gzip (RFC 1952). Header: ID1 0x1f, ID2 0x8b, CM 0x08 (deflate), §2.3.1.
 *   00000000: 1f8b 0800 0000 0000 0003 ...   magic, deflate, flags, mtime, xfl, os
 * Concatenated members are one stream (RFC 1952 §2.2), as `gzip -d` treats them. The member
 * bodies are inflated raw, so the exact end of the last member is known (a gzip carved from a
 * flash dump is followed by other data) and reported with `ctx.setLength`. The header's FNAME
 * is not used for the chain: it is attacker-chosen and says nothing the bytes do not.
 */
const magic = Uint8Array.of(0x1f, 0x8b, 0x08);
const flagHeaderCrc = 0x02;
const flagExtra = 0x04;
const flagName = 0x08;
const flagComment = 0x10;
const reservedFlags = 0xe0;
/** Longest FNAME/FCOMMENT accepted: a header is a few bytes, never megabytes. */
const maxHeaderStringBytes = 64 * 1024;
/** Bytes of a candidate that `detect` test-inflates: random data fails within them almost always. */
const trialBytes = 1024;

/**
 * Three magic bytes occur by chance every 16 MiB of random data, so a candidate must also
 * start a valid deflate stream: the bytes after the header are inflated as far as the head
 * goes (a partial stream is fine; invalid codes are not).
 */
function trialInflate(head: Uint8Array): Detection {
  const bodyStart = headerLength(head);
  if (bodyStart === undefined || bodyStart >= head.length) return { ok: true };
  try {
    inflateRawSync(head.subarray(bodyStart), { finishFlush: constants.Z_SYNC_FLUSH });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `not a deflate stream after the gzip header (${messageOf(error)})` };
  }
}

/** Length of the gzip header in `head`, or undefined when it runs past `head`. */
function headerLength(head: Uint8Array): number | undefined {
  if (head.length < 10) return undefined;
  const flags = head[3]!;
  let at = 10;
  if ((flags & flagExtra) !== 0) {
    if (at + 2 > head.length) return undefined;
    at += 2 + (head[at]! | (head[at + 1]! << 8));
  }
  for (const flag of [flagName, flagComment]) {
    if ((flags & flag) === 0) continue;
    const end = head.indexOf(0, at);
    if (end === -1) return undefined;
    at = end + 1;
  }
  if ((flags & flagHeaderCrc) !== 0) at += 2;
  return at <= head.length ? at : undefined;
}

/** Compressed bytes handed to zlib per step: each step is a round trip to libuv's thread pool. */
const feedBytes = 64 * 1024;
/** Decompressed bytes per chunk: zlib pauses once one chunk waits unread (the stream's high-water mark is lower). */
const outputChunkBytes = 64 * 1024;

export const gzipHandler = defineHandler({
  id: 'gzip',
  kind: 'compression',
  doc: {
    name: 'gzip stream',
    references: ['https://www.rfc-editor.org/rfc/rfc1952'],
    limitations: ['Bytes after the last member that do not start another member end the stream; they are scanned raw with the parent.'],
  },
  signatures: [{ magic, offset: 0 }],
  headLength: trialBytes,
  detect(head) {
    if (!magic.every((byte, i) => head[i] === byte)) return { ok: false, reason: 'no gzip magic 1f 8b 08' };
    if (head.length >= 4 && (head[3]! & reservedFlags) !== 0) return { ok: false, reason: 'reserved gzip flag bits set' };
    return trialInflate(head);
  },
  async *open(input, ctx) {
    yield { link: { format: 'gzip', offset: 0 }, stream: members(new ByteReader(input.stream), ctx) };
  },
});

/** The decompressed bytes of every member, in order; stops at the first byte that does not start a member. */
async function* members(reader: ByteReader, ctx: OpenContext): AsyncGenerator<Uint8Array> {
  for (let member = 0; member === 0 || (await startsMember(reader)); member++) {
    const start = reader.position;
    await skipHeader(reader);
    let crc = 0;
    let size = 0;
    for await (const chunk of inflateBody(reader)) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      yield chunk;
    }
    const trailer = Buffer.from(await reader.readExactly(8, `gzip member ${member} trailer`));
    if (trailer.readUInt32LE(0) !== crc >>> 0 || trailer.readUInt32LE(4) !== size % 2 ** 32) {
      ctx.problem('corrupt', `gzip member ${member} at 0x${start.toString(16)}: CRC-32 or size in the trailer does not match the data`, reader.position - 8);
    }
    ctx.setLength(reader.position);
  }
}

async function startsMember(reader: ByteReader): Promise<boolean> {
  const head = await reader.peek(4);
  return head.length === 4 && magic.every((byte, i) => head[i] === byte) && (head[3]! & reservedFlags) === 0;
}

/** RFC 1952 §2.3: fixed 10 bytes, then the optional fields the flags announce. */
async function skipHeader(reader: ByteReader): Promise<void> {
  const fixed = await reader.readExactly(10, 'gzip header');
  const flags = fixed[3]!;
  if ((flags & flagExtra) !== 0) {
    const length = Buffer.from(await reader.readExactly(2, 'gzip FEXTRA length')).readUInt16LE(0);
    await reader.skipExactly(length, 'gzip FEXTRA');
  }
  if ((flags & flagName) !== 0) await skipZeroTerminated(reader, 'gzip FNAME');
  if ((flags & flagComment) !== 0) await skipZeroTerminated(reader, 'gzip FCOMMENT');
  if ((flags & flagHeaderCrc) !== 0) await reader.skipExactly(2, 'gzip FHCRC');
}

async function skipZeroTerminated(reader: ByteReader, what: string): Promise<void> {
  for (let read = 0; read < maxHeaderStringBytes; read++) {
    if ((await reader.readExactly(1, what))[0] === 0) return;
  }
  throw new InputError('corrupt', `${what} longer than ${maxHeaderStringBytes} bytes`, reader.position);
}

/**
 * Inflates one raw deflate body. Bytes are peeked, handed to zlib, and only the ones zlib
 * consumed (its `bytesWritten`, which stops at the end of the deflate stream) are taken from
 * the reader, so the trailer and anything after it stay unread. The output is pulled in paused
 * mode: zlib stops once a chunk waits unread, so a bomb never piles up in memory
 * however much one feed inflates to.
 */
async function* inflateBody(reader: ByteReader): AsyncGenerator<Uint8Array> {
  const inflater: InflateRaw = createInflateRaw({ chunkSize: outputChunkBytes });
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  inflater.on('readable', notify);
  inflater.on('end', () => {
    ended = true;
    notify();
  });
  // On bad data zlib emits 'error' and may never call the write back: either one ends the wait.
  inflater.on('error', (error) => {
    failure = error;
    notify();
  });
  let fed = 0;
  // zlib counts the input of each step it finished (one output chunk each): the damage is in the input after them.
  const corrupt = (error: Error) => new InputError('corrupt', `gzip: ${messageOf(error)}`, reader.position + inflater.bytesWritten - fed);
  try {
    while (!ended) {
      const chunk = await reader.peek(feedBytes);
      if (chunk.length === 0) throw new InputError('corrupt', `gzip: deflate data ends early (truncated after ${fed} compressed bytes)`, reader.position);
      let written = false;
      inflater.write(chunk, () => {
        written = true;
        notify();
      });
      for (;;) {
        yield* unread(inflater);
        if (failure !== undefined) throw corrupt(failure);
        if (written || ended) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      // 'end' and 'error' arrive on later ticks.
      await new Promise((resolve) => setImmediate(resolve));
      if (failure !== undefined) throw corrupt(failure);
      yield* unread(inflater);
      const consumed = inflater.bytesWritten - fed;
      fed = inflater.bytesWritten;
      await reader.skipExactly(consumed, 'gzip deflate data');
      if (consumed < chunk.length) ended = true;
    }
  } finally {
    inflater.destroy();
  }
}

/** The output zlib has made and nobody has read yet (paused mode: reading lets it go on). */
function* unread(inflater: InflateRaw): Generator<Buffer> {
  for (let out: Buffer | null = inflater.read(); out !== null; out = inflater.read()) yield out;
}
