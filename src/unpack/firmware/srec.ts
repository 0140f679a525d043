/**
 * Motorola S-records: ASCII lines `S<type><count><address><data><checksum>`. `srec(5)` (the
 * SRecord package's format page) and the Motorola M68000 "S-record output format". A real file
 * (`objcopy -I binary -O srec --change-addresses 0x08000000`):
 *
 *   S00A000070332E7372656377                   S0 header, address 0000, data "p3.srec"
 *   S31508000000454D5F4E4154494F4E5F545950455F55D3   S3: count 0x15, 32-bit address 0x08000000, 16 data bytes
 *   S70508000000F2                             S7: start address, end of records
 *
 * count is the number of bytes after it (address + data + checksum); the checksum is the ones'
 * complement of the low byte of the sum of count, address and data. S1/S2/S3 carry data at
 * 16/24/32-bit addresses; S5/S6 count the data records before them (checked); S7/S8/S9 end
 * the file. Data becomes one
 * child per contiguous run of addresses (`hex-records.ts`); each S0 header's data (often a file
 * or module name) is a child named `S0`, since its text is hex-encoded in the file and a raw
 * scan cannot see it. A bad checksum is a `corrupt` problem and the data is kept; a malformed
 * line is a `corrupt` problem and is skipped.
 */
import { defineHexRecordHandler, hexBytes, lines, problemSink, type HexRecord } from './hex-records.js';
import type { OpenContext, OpenInput } from '../types.js';

/** 'S' + type + 2 (count) + 255 × 2 (address, data, checksum). */
export const maxSrecLineBytes = 2 + 2 + 255 * 2;

/** Address bytes per record type (S4 is reserved). */
const addressBytes: Readonly<Record<number, number>> = { 0: 2, 1: 2, 2: 3, 3: 4, 5: 2, 6: 3, 7: 4, 8: 3, 9: 2 };

export interface SrecRecord {
  readonly type: number;
  readonly address: number;
  readonly data: Uint8Array;
  readonly checksumValid: boolean;
}

export type SrecParse = { readonly ok: true; readonly record: SrecRecord } | { readonly ok: false; readonly reason: string };

/** Decodes one line (without its terminator). Pure; never throws. */
export function parseSrecRecord(line: Uint8Array): SrecParse {
  if (line[0] !== 0x53 && line[0] !== 0x73) return { ok: false, reason: 'record does not start with "S"' };
  const type = (line[1] ?? 0) - 0x30;
  const width = addressBytes[type];
  if (width === undefined) return { ok: false, reason: `unknown record type S${String.fromCharCode(line[1] ?? 0x3f)}` };
  const bytes = hexBytes(line, 2);
  if (bytes === undefined) return { ok: false, reason: 'record is not an even number of hex digits' };
  const count = bytes[0];
  if (count === undefined || bytes.length !== count + 1) return { ok: false, reason: `record count ${count ?? '(none)'} does not match its ${Math.max(0, bytes.length - 1)} bytes` };
  if (count < width + 1) return { ok: false, reason: `S${type} record of ${count} bytes is too short for its ${width}-byte address` };
  let address = 0;
  for (let i = 1; i <= width; i++) address = address * 256 + bytes[i]!;
  const sum = bytes.subarray(0, bytes.length - 1).reduce((total, byte) => total + byte, 0);
  return { ok: true, record: { type, address, data: bytes.slice(1 + width, bytes.length - 1), checksumValid: (~sum & 0xff) === bytes[bytes.length - 1] } };
}

/** `detect`: the first line is a well-formed S0-S3 record with a correct checksum. */
export function validateFirstSrecLine(line: Uint8Array): string | undefined {
  const parsed = parseSrecRecord(line);
  if (!parsed.ok) return parsed.reason;
  if (!parsed.record.checksumValid) return 'first record checksum mismatch';
  return parsed.record.type <= 3 ? undefined : `a file does not start with an S${parsed.record.type} record`;
}

async function* srecRecords(input: OpenInput, ctx: OpenContext): AsyncGenerator<HexRecord> {
  const problems = problemSink(ctx, 'srec');
  let number = 0;
  let dataRecords = 0;
  /** An S5/S6 count matching the data records before it, with no data after it: the file is whole even without S7-S9. */
  let counted = false;
  try {
    for await (const line of lines(input.stream, maxSrecLineBytes)) {
      number++;
      if (line.text.length === 0) continue;
      if (line.tooLong) {
        problems.report(`line ${number} at ${line.offset} is longer than ${maxSrecLineBytes} bytes; skipped`, line.offset);
        continue;
      }
      const parsed = parseSrecRecord(line.text);
      if (!parsed.ok) {
        problems.report(`line ${number} at ${line.offset}: ${parsed.reason}; skipped`, line.offset);
        continue;
      }
      const record = parsed.record;
      if (!record.checksumValid) problems.report(`line ${number} at ${line.offset}: checksum mismatch; its data was kept`, line.offset);
      if (record.type === 0) yield { kind: 'header', name: 'S0', data: record.data, offset: line.offset };
      else if (record.type <= 3) {
        dataRecords++;
        counted = false;
        yield { kind: 'data', address: record.address, data: record.data, offset: line.offset };
      } else if (record.type <= 6) {
        counted = record.address === dataRecords % (record.type === 5 ? 0x10000 : 0x1000000);
        if (!counted) problems.report(`line ${number} at ${line.offset}: S${record.type} count ${record.address} but ${dataRecords} data records precede it`, line.offset);
      } else {
        ctx.setLength(line.offset + line.text.length);
        yield { kind: 'end', offset: line.offset };
        return;
      }
    }
    // srec_cat writes no termination record without an execution start address; a matching
    // count record as the last record shows such a file is whole.
    if (!counted) problems.report('no termination record (S7, S8 or S9) and no matching count record: the file may be truncated');
  } finally {
    problems.flush();
  }
}

export const srecHandler = defineHexRecordHandler({
  id: 'srec',
  name: 'Motorola S-record',
  references: ['https://srecord.sourceforge.net/man/man5/srec_motorola.5.html'],
  limitations: [
    'Detected only at offset 0 of an object, by a valid first S0-S3 record: never carved from inside a blob.',
    'Gaps between addresses are not filled: each contiguous run is its own child `@0x<address>`, in file order, so text split across a gap is not joined.',
    'Records after the termination record are not read (they are scanned raw). A file without S7-S9 is taken as whole when its last record is a matching S5/S6 count (as srec_cat writes it without a start address).',
  ],
  firstRecordMagics: [0x30, 0x31, 0x32, 0x33].map((digit) => Uint8Array.of(0x53, digit)),
  maxLineBytes: maxSrecLineBytes,
  validateLine: validateFirstSrecLine,
  records: srecRecords,
});
