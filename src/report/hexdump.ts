/**
 * The hex view of a finding's context for the evidence appendix (Markdown and HTML): the
 * report's `context.hex` laid out 16 bytes a row at the object's own offsets, with the matched
 * bytes marked. Pure; works from the report alone.
 */
import type { FindingJson } from './types.js';

/** Bytes per hex dump row (the classic `xxd`/`hexdump -C` layout). */
export const bytesPerRow = 16;

/** Hex context bytes kept before a hit when the report does not say otherwise (`ScanOptions.contextHexBytes`). */
const defaultContextHexBytes = 32;

export interface ContextBytes {
  readonly bytes: Uint8Array;
  /** Offset of `bytes[0]` inside the innermost object. */
  readonly start: number;
  /** The matched bytes are `bytes[matchStart, matchEnd)`. */
  readonly matchStart: number;
  readonly matchEnd: number;
}

export interface HexCell {
  readonly byte: number;
  readonly inMatch: boolean;
}

export interface HexRow {
  /** Object offset of the row's first column (a multiple of 16). */
  readonly offset: number;
  /** Exactly 16 entries; `undefined` for columns before the context starts or after it ends. */
  readonly cells: readonly (HexCell | undefined)[];
}

/**
 * Where the matched bytes sit inside `context.hex`. The scanner keeps up to
 * `contextHexBytes` bytes before the hit (clipped at the object's start), so the expected
 * position is `min(offset, contextHexBytes)`; when the bytes there are not the match (a
 * report written with other options), the occurrence of `match.hex` nearest to it is used.
 * Returns undefined for a redacted finding or a context that does not contain the match.
 */
export function contextBytes(finding: FindingJson, contextHexBytes: number = defaultContextHexBytes): ContextBytes | undefined {
  const hex = finding.context.hex;
  if (hex === undefined || hex.length === 0 || finding.match.hex.length === 0) return undefined;
  const bytes = Uint8Array.from(Buffer.from(hex, 'hex'));
  const match = Buffer.from(finding.match.hex, 'hex');
  const expected = Math.min(finding.location.offset, contextHexBytes);
  let matchStart: number | undefined;
  if (Buffer.from(bytes.subarray(expected, expected + match.length)).equals(match)) {
    matchStart = expected;
  } else {
    let best = Number.POSITIVE_INFINITY;
    const haystack = Buffer.from(bytes);
    for (let at = haystack.indexOf(match); at !== -1; at = haystack.indexOf(match, at + 1)) {
      if (at > finding.location.offset) break; // the context cannot start before the object does
      if (Math.abs(at - expected) < best) {
        best = Math.abs(at - expected);
        matchStart = at;
      }
    }
  }
  if (matchStart === undefined) return undefined;
  return { bytes, start: finding.location.offset - matchStart, matchStart, matchEnd: matchStart + match.length };
}

/** Rows of 16 columns aligned to multiples of 16 in the object, covering the context. */
export function hexRows(context: ContextBytes): HexRow[] {
  const rows: HexRow[] = [];
  const first = context.start - (context.start % bytesPerRow);
  const end = context.start + context.bytes.length;
  for (let rowOffset = first; rowOffset < end; rowOffset += bytesPerRow) {
    const cells: (HexCell | undefined)[] = [];
    for (let column = 0; column < bytesPerRow; column++) {
      const index = rowOffset + column - context.start;
      const byte = context.bytes[index];
      cells.push(byte === undefined || index < 0 ? undefined : { byte, inMatch: index >= context.matchStart && index < context.matchEnd });
    }
    rows.push({ offset: rowOffset, cells });
  }
  return rows;
}

/** A byte as it appears in the ASCII column: printable ASCII as itself, anything else `.`. */
export function asciiCell(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/** `1008 (0x3f0)`. */
export function decHex(value: number): string {
  return `${value} (0x${value.toString(16)})`;
}

/** The hex-context size the scan used, from `run.options.contextHexBytes` when recorded. */
export function reportContextHexBytes(options: Readonly<Record<string, unknown>>): number {
  const value = options.contextHexBytes;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : defaultContextHexBytes;
}

/**
 * One row as text, `xxd -g1`-style with an extra space after 8 bytes and an ASCII column:
 *
 *     000003f0  3e 00[ba 4e cd 79]3c 00  2f 00 73 00 74 00 72 00  |>..N.y<./.s.t.r.|
 *
 * The matched bytes are bracketed by replacing the spaces on either side of them, so columns
 * stay aligned. Pure ASCII: safe inside a Markdown code fence or HTML `<pre>` as is.
 */
export function hexRowText(row: HexRow): string {
  const gaps = rowGaps();
  row.cells.forEach((cell, column) => {
    if (cell?.inMatch !== true) return;
    if (row.cells[column - 1]?.inMatch !== true) gaps[column] = `${gaps[column]!.slice(0, -1)}[`;
    if (row.cells[column + 1]?.inMatch !== true) gaps[column + 1] = `]${gaps[column + 1]!.slice(1)}`;
  });
  let text = row.offset.toString(16).padStart(8, '0');
  row.cells.forEach((cell, column) => {
    text += gaps[column]! + (cell === undefined ? '  ' : cell.byte.toString(16).padStart(2, '0'));
  });
  return `${text}${gaps[bytesPerRow]!}|${row.cells.map((cell) => (cell === undefined ? ' ' : asciiCell(cell.byte))).join('')}|`;
}

/** Separators before each of the 16 columns and after the last: two spaces after the offset, between the two groups of 8 and before the ASCII column. */
export function rowGaps(): string[] {
  return Array.from({ length: bytesPerRow + 1 }, (_, column) => (column === 0 || column === bytesPerRow / 2 || column === bytesPerRow ? '  ' : ' '));
}
