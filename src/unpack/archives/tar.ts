import type { Header } from 'tar-stream';
import { openWindow } from '../file-window.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';
import { drain, messageOf } from '../streams.js';

const blockSizeBytes = 512;
/** "ustar" at offset 257 (POSIX ustar "ustar\0", GNU "ustar  \0"). */
const ustarMagic = Uint8Array.of(0x75, 0x73, 0x74, 0x61, 0x72);
const ustarMagicOffset = 257;

/**
 * POSIX ustar, GNU and pax tar (via tar-stream). Detected by the ustar magic at 257 or, for
 * v7 archives without it, by a valid header checksum (the sum of the 512 header bytes with the
 * checksum field read as spaces, octal at 148..155). Only regular files are children: links,
 * devices and directories carry no bytes, and link targets are never followed.
 */
export const tarHandler = defineHandler({
  id: 'tar',
  kind: 'archive',
  doc: {
    name: 'tar archive (ustar, GNU, pax, v7)',
    references: ['https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06'],
    limitations: [
      'Stops at the first corrupt header (the rest of the archive is scanned raw, not resynchronised).',
      'Sparse GNU members are scanned as stored, without expanding holes.',
    ],
  },
  signatures: [{ magic: ustarMagic, offset: ustarMagicOffset }],
  headLength: blockSizeBytes,
  detect(head) {
    if (head.length < blockSizeBytes) return { ok: false, reason: 'shorter than one tar block' };
    const magic = head.subarray(ustarMagicOffset, ustarMagicOffset + ustarMagic.length);
    if (magic.every((byte, i) => byte === ustarMagic[i])) return { ok: true };
    return checksumValid(head) ? { ok: true } : { ok: false, reason: 'no ustar magic and no valid v7 checksum' };
  },
  open: openTar,
});

async function* openTar(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  // latin1 keeps header names byte-for-byte; pax names are UTF-8 by definition (POSIX pax "path").
  // @types/tar-stream omits the extract options; tar-stream 3 reads `filenameEncoding`.
  // Loaded on first use: tar-stream and streamx cost about 0.1 s of start-up.
  const { extract } = await import('tar-stream');
  const parser = extract({ filenameEncoding: 'latin1' } as Parameters<typeof extract>[0]);
  const reading = new ReadingState();
  const feeding = feed(input.stream, parser, reading).catch((error: unknown) => {
    parser.destroy(error as Error);
  });
  let archiveEnd = 0;
  const entries = (parser as unknown as AsyncIterable<{ readonly header: Header }>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await reading.await(entries.next());
      if (next.done === true) break;
      const entry = next.value;
      // tar-stream records where the entry's data starts (extract.js, `byteOffset`); the types omit it.
      const header = entry.header as Header & { byteOffset?: number; pax?: Record<string, string> | null };
      const data = entry as unknown as AsyncIterable<Uint8Array>;
      if (header.type === 'directory') {
        // tar-stream gives a directory no data (POSIX DIRTYPE stores none) and never ends its
        // stream when the header declares a size: draining it would wait forever.
        if ((header.size ?? 0) > 0) ctx.problem('corrupt', `tar: directory entry at ${(header.byteOffset ?? blockSizeBytes) - blockSizeBytes} declares ${header.size} bytes of data; directories carry none, the size is ignored`, header.byteOffset);
        continue;
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        await drain(data);
        continue;
      }
      const dataOffset = header.byteOffset ?? 0;
      const size = header.size ?? 0;
      archiveEnd = dataOffset + Math.ceil(size / blockSizeBytes) * blockSizeBytes;
      const member = memberData(data, size, reading);
      yield {
        link: { format: 'tar', path: nameBytes(header), offset: dataOffset },
        stream: member.stream,
        size,
        verbatim: { start: dataOffset, end: dataOffset + size },
      };
      await drain(member.stream);
      // The member's own problem names the truncation; the archive simply ends there.
      if (member.truncated()) return;
    }
    await feeding;
    // Two zero blocks end the archive (POSIX ustar); what follows them is not the tar's.
    ctx.setLength(archiveEnd + 2 * blockSizeBytes);
  } catch (error) {
    // tar-stream reads past the end-of-archive marker; bytes after it (a carved tar in a flash
    // dump, padding) are not a broken header.
    if (archiveEnd > 0 && (await endMarkerAt(input, archiveEnd))) {
      ctx.setLength(archiveEnd + 2 * blockSizeBytes);
      return;
    }
    throw new InputError('corrupt', `tar: ${messageOf(error)}`);
  } finally {
    reading.release();
    parser.destroy();
  }
}

/** True when the two blocks at `offset` are zero (POSIX end of archive); only answerable with random access. */
async function endMarkerAt(input: OpenInput, offset: number): Promise<boolean> {
  if (!input.randomAccess) return false;
  const window = await input.file();
  if (offset + 2 * blockSizeBytes > window.size) return false;
  const reader = await openWindow(window, 'tar');
  try {
    return (await reader.read(offset, 2 * blockSizeBytes)).every((byte) => byte === 0);
  } finally {
    await reader.close();
  }
}

/**
 * Whether the reader (of the next entry, or of the current member's data) is blocked waiting
 * for bytes. tar-stream destroys the current entry, buffered bytes and all, when its input ends
 * early; so the end of the input is only passed on once the reader has taken every byte that
 * did arrive and asks for more.
 */
class ReadingState {
  #waiting = false;
  #wake: (() => void) | undefined;
  #released = false;

  /**
   * Awaits a read, noting when it blocks: still pending once every queued callback has run
   * (streamx delivers buffered bytes on the microtask and tick queues, before `setImmediate`).
   */
  async await<T>(read: Promise<T>): Promise<T> {
    const blocked = setImmediate(() => {
      this.#waiting = true;
      this.#wake?.();
    });
    try {
      return await read;
    } finally {
      clearImmediate(blocked);
      this.#waiting = false;
    }
  }

  /** Resolves when the reader waits for more bytes (or the archive was abandoned). */
  idle(): Promise<void> {
    if (this.#waiting || this.#released) return Promise.resolve();
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  release(): void {
    this.#released = true;
    this.#wake?.();
  }
}

async function feed(source: AsyncIterable<Uint8Array>, parser: ReturnType<typeof import('tar-stream').extract>, reading: ReadingState): Promise<void> {
  const writable = parser as unknown as NodeJS.WritableStream;
  for await (const chunk of source) {
    if (!writable.write(chunk as Buffer)) await new Promise<void>((resolve) => writable.once('drain', () => resolve()));
  }
  await reading.idle();
  writable.end();
}

/** A member's data, with tar-stream's "Unexpected end of data" turned into an input problem on the member. */
function memberData(data: AsyncIterable<Uint8Array>, size: number, reading: ReadingState): { readonly stream: AsyncIterable<Uint8Array>; truncated(): boolean } {
  let received = 0;
  let truncated = false;
  async function* read(): AsyncGenerator<Uint8Array> {
    const iterator = data[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await reading.await(iterator.next());
        if (next.done === true) return;
        received += next.value.length;
        yield next.value;
      }
    } catch (error) {
      truncated = true;
      throw new InputError('corrupt', `tar: member data ends after ${received} of ${size} bytes (${messageOf(error)})`, received);
    }
  }
  const stream = read();
  return { stream, truncated: () => truncated };
}

function nameBytes(header: Header & { pax?: Record<string, string> | null }): Uint8Array {
  if (header.pax?.path !== undefined) return Buffer.from(header.pax.path, 'utf8');
  return Buffer.from(header.name, 'latin1');
}

function checksumValid(block: Uint8Array): boolean {
  const field = Buffer.from(block.subarray(148, 156)).toString('latin1').replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]{1,7}$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < blockSizeBytes; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === parseInt(field, 8);
}
