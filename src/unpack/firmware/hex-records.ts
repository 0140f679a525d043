/**
 * What Intel HEX and Motorola S-record share: text lines of hex-encoded records, decoded into
 * address-tagged data, emitted as one child per run of contiguous addresses ("segment") in file
 * order. Gaps are not filled: a jump in address starts a new child named `@0x<address>`, so a
 * term split across a gap is not joined (the bytes on each side are scanned separately).
 */
import { defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

/** Problems listed per file before the rest are only counted (a file of damaged lines stays readable in the report). */
export const maxRecordProblems = 20;

/** A decoded record, as the segmenter sees it. `offset` is the byte offset of its line in the file. */
export type HexRecord =
  | { readonly kind: 'data'; readonly address: number; readonly data: Uint8Array; readonly offset: number }
  /** Data that belongs to no address (an SREC S0 header): its own child, named `name`. */
  | { readonly kind: 'header'; readonly name: string; readonly data: Uint8Array; readonly offset: number }
  | { readonly kind: 'end'; readonly offset: number };

export interface Line {
  /** The line without its terminator and without surrounding spaces or tabs. */
  readonly text: Uint8Array;
  readonly offset: number;
  /** The line ran past `maxBytes`; `text` holds its first `maxBytes` bytes. */
  readonly tooLong: boolean;
}

/**
 * Splits a byte stream into lines (LF, CRLF or CR), each at most `maxBytes` long: a longer line
 * is returned cut, flagged, and the rest of it skipped without being held.
 */
export async function* lines(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Line> {
  let buffer = new Uint8Array(maxBytes);
  let length = 0;
  let tooLong = false;
  let lineStart = 0;
  let position = 0;
  let afterCr = false;
  const finish = (): Line => {
    const line = { text: trim(buffer.subarray(0, length)), offset: lineStart, tooLong };
    buffer = new Uint8Array(maxBytes);
    length = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of source) {
    for (let i = 0; i < chunk.length; i++, position++) {
      const byte = chunk[i]!;
      if (byte === 0x0a && afterCr) {
        afterCr = false;
        lineStart = position + 1;
        continue;
      }
      afterCr = byte === 0x0d;
      if (byte === 0x0a || byte === 0x0d) {
        yield finish();
        lineStart = position + 1;
      } else if (length < maxBytes) {
        buffer[length++] = byte;
      } else {
        tooLong = true;
      }
    }
  }
  if (length > 0 || tooLong) yield finish();
}

function trim(text: Uint8Array): Uint8Array {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === 0x20 || text[start] === 0x09)) start++;
  while (end > start && (text[end - 1] === 0x20 || text[end - 1] === 0x09)) end--;
  return text.subarray(start, end);
}

/** Hex digit pairs of `text` from `at` to its end as bytes; `undefined` when a character is not a hex digit or the count is odd. */
export function hexBytes(text: Uint8Array, at = 0): Uint8Array | undefined {
  if ((text.length - at) % 2 !== 0 || at > text.length) return undefined;
  const out = new Uint8Array((text.length - at) / 2);
  for (let i = 0; i < out.length; i++) {
    const high = nibble(text[at + 2 * i]!);
    const low = nibble(text[at + 2 * i + 1]!);
    if (high === undefined || low === undefined) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

function nibble(c: number): number | undefined {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return undefined;
}

/** `@0x0800fff0`: a segment's chain path (8 hex digits, lowercase). */
export function segmentPath(address: number): Uint8Array {
  return Buffer.from(`@0x${address.toString(16).padStart(8, '0')}`, 'latin1');
}

/** Reports problems through `ctx` until `maxRecordProblems`, then counts them; `flush()` reports the count. */
export function problemSink(ctx: OpenContext, format: string): { report(message: string, offset?: number): void; flush(): void } {
  let count = 0;
  return {
    report(message, offset) {
      if (++count <= maxRecordProblems) ctx.problem('corrupt', `${format}: ${message}`, offset);
    },
    flush() {
      if (count > maxRecordProblems) ctx.problem('corrupt', `${format}: ${count - maxRecordProblems} further damaged records not listed`);
    },
  };
}

/**
 * One child per segment (and per header record), in file order, pulled from `records`. A
 * segment's stream and the skipping of what its consumer leaves share one cursor, so an
 * abandoned segment is passed over without its bytes being held.
 */
export async function* segments(records: AsyncIterator<HexRecord>, format: string): AsyncGenerator<Child> {
  const cursor: { current: HexRecord | undefined } = { current: (await records.next()).value ?? undefined };
  const advance = async () => {
    const next = await records.next();
    cursor.current = next.done === true ? undefined : next.value;
  };
  try {
    yield* segmentsFrom(cursor, advance, format);
  } finally {
    await records.return?.(undefined);
  }
}

async function* segmentsFrom(cursor: { current: HexRecord | undefined }, advance: () => Promise<void>, format: string): AsyncGenerator<Child> {
  while (cursor.current !== undefined && cursor.current.kind !== 'end') {
    const record = cursor.current;
    if (record.kind === 'header') {
      await advance();
      yield { link: { format, path: Buffer.from(record.name, 'latin1'), offset: record.offset }, stream: once(record.data), size: record.data.length };
      continue;
    }
    let expected = record.address;
    const pull = async (): Promise<Uint8Array | undefined> => {
      const current = cursor.current;
      if (current?.kind !== 'data' || current.address !== expected) return undefined;
      expected += current.data.length;
      await advance();
      return current.data;
    };
    yield { link: { format, path: segmentPath(record.address), offset: record.offset }, stream: pieces(pull) };
    while ((await pull()) !== undefined);
  }
}

async function* pieces(pull: () => Promise<Uint8Array | undefined>): AsyncGenerator<Uint8Array> {
  for (let piece = await pull(); piece !== undefined; piece = await pull()) if (piece.length > 0) yield piece;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.length > 0) yield bytes;
}

/** The shape both text formats share: `detect` on the first line, `open` through `segments`. */
export function defineHexRecordHandler(spec: {
  readonly id: string;
  readonly name: string;
  readonly references: readonly string[];
  readonly limitations: readonly string[];
  readonly firstRecordMagics: readonly Uint8Array[];
  readonly maxLineBytes: number;
  /** Checks one line; `undefined` when it is a valid record. Pure. */
  readonly validateLine: (line: Uint8Array) => string | undefined;
  readonly records: (input: OpenInput, ctx: OpenContext) => AsyncGenerator<HexRecord>;
}) {
  return defineHandler({
    id: spec.id,
    kind: 'firmware',
    doc: { name: spec.name, references: spec.references, limitations: spec.limitations },
    // One or two ASCII bytes: far too weak to carve from the middle of a blob.
    signatures: spec.firstRecordMagics.map((magic) => ({ magic, offset: 0, startOnly: true })),
    headLength: spec.maxLineBytes + 2,
    detect(head) {
      let end = head.findIndex((byte) => byte === 0x0a || byte === 0x0d);
      if (end === -1) {
        if (head.length > spec.maxLineBytes) return { ok: false, reason: `first line longer than ${spec.maxLineBytes} bytes` };
        end = head.length;
      }
      const reason = spec.validateLine(head.subarray(0, end));
      return reason === undefined ? { ok: true } : { ok: false, reason };
    },
    async *open(input, ctx) {
      yield* segments(spec.records(input, ctx), spec.id);
    },
  });
}
