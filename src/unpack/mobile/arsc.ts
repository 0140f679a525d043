/**
 * Android compiled resources (`resources.arsc` in an APK or AAB base module): a
 * `ResTable_header` chunk (type 0x0002) holding the global string pool (every string value
 * of every resource, UTF-8 or UTF-16LE) and the packages. Each string of the global pool
 * becomes a verbatim child named by the resource that uses it (arsc-names.ts):
 * `{ format: 'arsc', path: 'string/face_attr_race[zh-rCN]', offset }`, so a finding says which
 * resource, in which language, holds the term. Strings no entry points at keep their index
 * (`string #12`).
 *
 * The table is read into memory (`maxArscBytes`); a larger one is scanned raw only.
 */
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';
import { rangeChildren, readWhole } from '../executables/slices.js';
import { chunksIn, resourceNames } from './arsc-names.js';
import { namedPoolRanges, readStringPool, stringPoolType } from './string-pool.js';

/** Largest resource table opened, in bytes. */
export const maxArscBytes = 64 * 1024 * 1024;
const tableType = 0x0002;
const packageType = 0x0200;

export const arscHandler = defineHandler({
  id: 'arsc',
  kind: 'document',
  doc: {
    name: 'Android compiled resource table (resources.arsc)',
    references: ['https://android.googlesource.com/platform/frameworks/base/+/refs/heads/main/libs/androidfw/include/androidfw/ResourceTypes.h'],
    limitations: [
      `Tables larger than ${maxArscBytes} bytes are scanned raw only.`,
      'A string used by several resources is named after the first one; style spans are not decoded.',
    ],
  },
  // 02 00 0c 00: RES_TABLE_TYPE with its 12-byte header; too short to carve, trusted at the start of an object only.
  signatures: [],
  headLength: 20,
  detect(head) {
    if (head.length < 20) return { ok: false, reason: 'shorter than a resource table header and pool header' };
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (view.getUint16(0, true) !== tableType || view.getUint16(2, true) !== 12) return { ok: false, reason: 'no RES_TABLE_TYPE chunk with a 12-byte header' };
    if (view.getUint16(12, true) !== stringPoolType && view.getUint16(12, true) !== packageType) return { ok: false, reason: 'resource table does not start with a string pool or package' };
    return { ok: true, length: view.getUint32(4, true) };
  },
  open: openArsc,
});

async function* openArsc(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const bytes = await readWhole(input, maxArscBytes, 'resource table');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damage: string[] = [];
  const end = Math.min(view.getUint32(4, true), bytes.length);
  if (end < view.getUint32(4, true)) damage.push(`table claims ${view.getUint32(4, true)} bytes, the object has ${bytes.length}`);
  const chunks = chunksIn(view, 12, end, damage);
  const global = chunks.find((chunk) => chunk.type === stringPoolType);
  if (global === undefined) throw new InputError('corrupt', 'resource table has no global string pool');
  const pool = readStringPool(bytes.subarray(0, global.end), global.start);
  if ('error' in pool) throw new InputError('corrupt', `resource table: ${pool.error}`);
  damage.push(...pool.damage);
  const names = resourceNames(bytes, chunks.filter((chunk) => chunk.type === packageType), damage);
  if (damage.length > 0) ctx.problem('corrupt', `resource table: ${damage.slice(0, 5).join('; ')}`);
  yield* rangeChildren('arsc', bytes, namedPoolRanges(pool, names), ctx);
}
