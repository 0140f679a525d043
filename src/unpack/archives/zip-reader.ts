/**
 * The zip reading shared by `zip` and `dahua-zip`: yauzl over a file, through a random-access
 * reader that can overlay the first two bytes (Dahua writes "DH" where "PK" belongs).
 */
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { InputError, type Child, type FileWindow, type OpenContext, type OpenInput } from '../types.js';
import { openWindow } from '../file-window.js';
import { messageOf } from '../streams.js';

const storedMethod = 0;
const deflateMethod = 8;

class OverlayReader extends yauzl.RandomAccessReader {
  readonly #window: FileWindow;
  readonly #overlay: Uint8Array;

  constructor(window: FileWindow, overlay: Uint8Array) {
    super();
    this.#window = window;
    this.#overlay = overlay;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const base = this.#window.offset;
    const stream = createReadStream(this.#window.path, { start: base + start, end: base + end - 1 });
    if (start >= this.#overlay.length) return stream;
    let position = start;
    const overlay = this.#overlay;
    return stream.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          for (let i = 0; i < chunk.length && position + i < overlay.length; i++) chunk[i] = overlay[position + i]!;
          position += chunk.length;
          done(null, chunk);
        },
      }),
    );
  }
}

/**
 * Opens the node as a zip and yields one child per file member, in central-directory order.
 * `overlay` replaces the node's first bytes as yauzl sees them (empty for plain zip).
 * Encrypted members and unknown compression methods are problems (their bytes stay scanned
 * raw in the parent); a CRC mismatch is reported after the member's bytes were scanned.
 */
export async function* openZip(format: string, input: OpenInput, ctx: OpenContext, overlay: Uint8Array): AsyncGenerator<Child> {
  const whole = await input.file();
  const length = await findZipEnd(whole);
  if (length === undefined) throw new InputError('corrupt', `${format}: no end of central directory record whose directory fits before it (truncated, or not a zip)`);
  const file: FileWindow = { ...whole, size: length };
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new OverlayReader(file, overlay), file.size, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: true,
    });
  } catch (error) {
    throw new InputError('corrupt', `${format}: ${messageOf(error)}`);
  }
  ctx.setLength(length);
  try {
    for (;;) {
      const entry = await nextEntry(zip).catch((error: unknown) => {
        throw new InputError('corrupt', `${format}: ${messageOf(error)}`);
      });
      if (entry === undefined) return;
      const name = entry.fileName as unknown as Buffer;
      if (name.at(-1) === 0x2f) continue; // a directory: no bytes of its own
      const where = `member ${JSON.stringify(name.toString('latin1'))}`;
      if (entry.isEncrypted()) {
        ctx.problem('encrypted', `${format}: ${where} is encrypted; its bytes were scanned raw only`, entry.relativeOffsetOfLocalHeader);
        continue;
      }
      if (entry.compressionMethod !== storedMethod && entry.compressionMethod !== deflateMethod) {
        ctx.problem('unsupported', `${format}: ${where} uses compression method ${entry.compressionMethod}; its bytes were scanned raw only`, entry.relativeOffsetOfLocalHeader);
        continue;
      }
      let dataStart: number;
      let stream: Readable;
      try {
        dataStart = (await zip.readLocalFileHeaderPromise(entry, { minimal: true })).fileDataStart;
        stream = await zip.openReadStreamPromise(entry);
      } catch (error) {
        ctx.problem('corrupt', `${format}: ${where}: ${messageOf(error)}`, entry.relativeOffsetOfLocalHeader);
        continue;
      }
      const stored = entry.compressionMethod === storedMethod;
      yield {
        link: { format, path: new Uint8Array(name), offset: stored ? dataStart : entry.relativeOffsetOfLocalHeader },
        stream: checkedMember(stream, entry.crc32, `${format}: ${where}`),
        size: entry.uncompressedSize,
        ...(stored ? { verbatim: { start: dataStart, end: dataStart + entry.compressedSize } } : {}),
      };
      stream.destroy();
    }
  } finally {
    zip.close();
  }
}

/** "PK\x05\x06": end of central directory record (APPNOTE 4.3.16), 22 bytes plus a comment. */
const eocdSignature = 0x06054b50;
const eocdBytes = 22;
const scanStepBytes = 64 * 1024;

/**
 * Where the zip that starts at the window's first byte ends: just after the first end of
 * central directory record whose directory ends exactly where the record starts (offsets are
 * relative to the zip's start) and whose comment fits. A zip carved from a larger blob, or one
 * followed by a signature block, is cut there; yauzl alone would refuse the trailing bytes.
 * Reads the window forward in 64 KiB steps. Zip64 archives are left whole (yauzl handles them).
 */
async function findZipEnd(window: FileWindow): Promise<number | undefined> {
  const reader = await openWindow(window, 'zip');
  try {
    for (let start = 0; start + eocdBytes <= window.size; start += scanStepBytes) {
      const block = Buffer.from(await reader.read(start, Math.min(scanStepBytes + eocdBytes - 1, window.size - start)));
      for (let at = block.indexOf('PK\x05\x06', 0, 'latin1'); at !== -1 && at + eocdBytes <= block.length; at = block.indexOf('PK\x05\x06', at + 1, 'latin1')) {
        if (block.readUInt32LE(at) !== eocdSignature) continue;
        const position = start + at;
        const directorySize = block.readUInt32LE(at + 12);
        const directoryOffset = block.readUInt32LE(at + 16);
        const commentLength = block.readUInt16LE(at + 20);
        if (directoryOffset === 0xffffffff || directorySize === 0xffffffff) return window.size;
        if (directoryOffset + directorySize === position && position + eocdBytes + commentLength <= window.size) return position + eocdBytes + commentLength;
      }
    }
    return undefined;
  } finally {
    await reader.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/** yauzl does not check CRC-32 (its README, "No CRC-32 Checking"): check it after the bytes were delivered. */
async function* checkedMember(stream: Readable, expectedCrc: number, where: string): AsyncGenerator<Uint8Array> {
  let crc = 0;
  try {
    for await (const chunk of stream) {
      crc = crc32(chunk as Buffer, crc);
      yield chunk as Uint8Array;
    }
  } catch (error) {
    throw new InputError('corrupt', `${where}: ${messageOf(error)}`);
  }
  if (crc >>> 0 !== expectedCrc >>> 0) {
    throw new InputError('corrupt', `${where}: CRC-32 mismatch (stored ${hex32(expectedCrc)}, computed ${hex32(crc)})`);
  }
}

function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
