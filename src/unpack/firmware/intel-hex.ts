/**
 * Intel HEX: ASCII records `:LLAAAATT<data>CC`, one per line. "Hexadecimal Object File Format
 * Specification", Intel, revision A (1988). A real file (`objcopy -I binary -O ihex
 * --change-addresses 0x0800fff0`):
 *
 *   :020000040800F2                              type 04: upper 16 address bits 0x0800
 *   :10FFF000454D5F4E4154494F4E5F545950455F55F2  type 00: 16 data bytes at 0xFFF0 ("EM_NATION_TYPE_U")
 *   :020000040801F1                              the next 64 KiB page: still contiguous
 *   :1000000059475552207061796C6F616420303132EC
 *   :040000050800FFF000                          type 05: start linear address (ignored)
 *   :00000001FF                                  type 01: end of file
 *
 * LL data bytes, AAAA a 16-bit offset, TT the type; CC makes the sum of all record bytes 0 mod
 * 256. Types 02 (segment base × 16) and 04 (linear upper 16 bits) set the base address; 03 and
 * 05 (start addresses) carry no data. The decoded data becomes one child per contiguous run of
 * addresses (see `hex-records.ts`). A bad checksum is a `corrupt` problem and the record's data
 * is kept (it is what the file says); a malformed line is a `corrupt` problem and is skipped.
 */
import { defineHexRecordHandler, hexBytes, lines, problemSink, type HexRecord } from './hex-records.js';
import type { OpenContext, OpenInput } from '../types.js';

/** ':' + 2 (count) + 4 (address) + 2 (type) + 255 × 2 (data) + 2 (checksum). */
export const maxIntelHexLineBytes = 1 + 2 + 4 + 2 + 255 * 2 + 2;

export const intelHexTypes = { data: 0, end: 1, segmentAddress: 2, startSegment: 3, linearAddress: 4, startLinear: 5 } as const;

export interface IntelHexRecord {
  readonly type: number;
  readonly offset16: number;
  readonly data: Uint8Array;
  readonly checksumValid: boolean;
}

export type IntelHexParse = { readonly ok: true; readonly record: IntelHexRecord } | { readonly ok: false; readonly reason: string };

/** Decodes one line (without its terminator). Pure; never throws. */
export function parseIntelHexRecord(line: Uint8Array): IntelHexParse {
  if (line[0] !== 0x3a) return { ok: false, reason: 'record does not start with ":"' };
  const bytes = hexBytes(line, 1);
  if (bytes === undefined) return { ok: false, reason: 'record is not an even number of hex digits' };
  if (bytes.length < 5) return { ok: false, reason: `record of ${bytes.length} bytes is shorter than 5` };
  const count = bytes[0]!;
  if (bytes.length !== count + 5) return { ok: false, reason: `record says ${count} data bytes but holds ${bytes.length - 5}` };
  const type = bytes[3]!;
  if (type > intelHexTypes.startLinear) return { ok: false, reason: `unknown record type ${type}` };
  const sum = bytes.reduce((total, byte) => total + byte, 0);
  return { ok: true, record: { type, offset16: (bytes[1]! << 8) | bytes[2]!, data: bytes.slice(4, 4 + count), checksumValid: (sum & 0xff) === 0 } };
}

/** `detect`: the first line is a well-formed record with a correct checksum, of a type a file can start with. */
export function validateFirstIntelHexLine(line: Uint8Array): string | undefined {
  const parsed = parseIntelHexRecord(line);
  if (!parsed.ok) return parsed.reason;
  if (!parsed.record.checksumValid) return 'first record checksum mismatch';
  const { type } = parsed.record;
  return type === intelHexTypes.data || type === intelHexTypes.segmentAddress || type === intelHexTypes.linearAddress ? undefined : `a file does not start with a type ${type} record`;
}

async function* intelHexRecords(input: OpenInput, ctx: OpenContext): AsyncGenerator<HexRecord> {
  const problems = problemSink(ctx, 'intel-hex');
  let base = 0;
  let number = 0;
  try {
    for await (const line of lines(input.stream, maxIntelHexLineBytes)) {
      number++;
      if (line.text.length === 0) continue;
      if (line.tooLong) {
        problems.report(`line ${number} at ${line.offset} is longer than ${maxIntelHexLineBytes} bytes; skipped`, line.offset);
        continue;
      }
      const parsed = parseIntelHexRecord(line.text);
      if (!parsed.ok) {
        problems.report(`line ${number} at ${line.offset}: ${parsed.reason}; skipped`, line.offset);
        continue;
      }
      const record = parsed.record;
      if (!record.checksumValid) problems.report(`line ${number} at ${line.offset}: checksum mismatch; its data was kept`, line.offset);
      switch (record.type) {
        case intelHexTypes.data:
          yield { kind: 'data', address: base + record.offset16, data: record.data, offset: line.offset };
          break;
        case intelHexTypes.end:
          ctx.setLength(line.offset + line.text.length);
          yield { kind: 'end', offset: line.offset };
          return;
        case intelHexTypes.segmentAddress:
        case intelHexTypes.linearAddress:
          if (record.data.length !== 2) {
            problems.report(`line ${number} at ${line.offset}: address record with ${record.data.length} data bytes; ignored`, line.offset);
            break;
          }
          base = ((record.data[0]! << 8) | record.data[1]!) * (record.type === intelHexTypes.linearAddress ? 0x10000 : 0x10);
          break;
        default:
          break; // start addresses: no data
      }
    }
    problems.report('no end-of-file record (type 01): the file may be truncated');
  } finally {
    problems.flush();
  }
}

export const intelHexHandler = defineHexRecordHandler({
  id: 'intel-hex',
  name: 'Intel HEX',
  references: ['https://archive.org/details/IntelHEXStandard (Intel, Hexadecimal Object File Format Specification, rev. A)'],
  limitations: [
    'Detected only at offset 0 of an object, by a valid first record: never carved from inside a blob.',
    'Gaps between addresses are not filled: each contiguous run is its own child `@0x<address>`, in file order, so text split across a gap is not joined.',
    'Segment-mode (type 02) wrap-around inside a 64 KiB segment is not modelled: record data is taken as contiguous from its start address.',
    'Records after the end-of-file record are not read (they are scanned raw).',
  ],
  firstRecordMagics: [Uint8Array.of(0x3a)],
  maxLineBytes: maxIntelHexLineBytes,
  validateLine: validateFirstIntelHexLine,
  records: intelHexRecords,
});
