/**
 * Android binary XML (`AndroidManifest.xml` and `res/**.xml` in an APK): a `ResXMLTree_header`
 * chunk (type 0x0003) holding a string pool (element and attribute names, attribute values,
 * text), a resource-id map and the element nodes. Each attribute value and text string becomes
 * a verbatim child named by where it is used: `{ format: 'axml', path: 'activity@label' }`, or
 * `text in TextView` for character data. Element and attribute names stay in the document's raw
 * bytes, and beyond `maxXmlChildren` values are grouped: an APK holds hundreds of layouts, and
 * every child costs the driver a full object.
 *
 * The document is read into memory (`maxBinaryXmlBytes`); a larger one is scanned raw only.
 */
import { defineHandler, InputError, type Child, type OpenContext, type OpenInput } from '../types.js';
import { rangeChildren, readWhole } from '../executables/slices.js';
import { chunksIn, text } from './arsc-names.js';
import { namedPoolRanges, readStringPool, stringPoolType, type StringPool } from './string-pool.js';

/** Largest binary XML document opened, in bytes. */
export const maxBinaryXmlBytes = 16 * 1024 * 1024;
/** Named children per document; more are grouped (`first … last`). */
export const maxXmlChildren = 32;
const xmlType = 0x0003;
const startElementType = 0x0102;
const cdataType = 0x0104;
const none = 0xffff_ffff;

export const binaryXmlHandler = defineHandler({
  id: 'axml',
  kind: 'document',
  doc: {
    name: 'Android binary XML (AndroidManifest.xml, compiled layouts and values)',
    references: ['https://android.googlesource.com/platform/frameworks/base/+/refs/heads/main/libs/androidfw/include/androidfw/ResourceTypes.h'],
    limitations: [`Documents larger than ${maxBinaryXmlBytes} bytes are scanned raw only.`, 'A string used in several places is named after the first.', `Beyond ${maxXmlChildren} values in one document, neighbours are grouped into children named \`first … last\`.`],
  },
  // 03 00 08 00: RES_XML_TYPE with its 8-byte header; trusted at the start of an object only.
  signatures: [],
  headLength: 12,
  detect(head) {
    if (head.length < 12) return { ok: false, reason: 'shorter than a binary XML header' };
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (view.getUint16(0, true) !== xmlType || view.getUint16(2, true) !== 8 || view.getUint16(8, true) !== stringPoolType) return { ok: false, reason: 'no RES_XML_TYPE chunk followed by a string pool' };
    return { ok: true, length: view.getUint32(4, true) };
  },
  open: openBinaryXml,
});

async function* openBinaryXml(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const bytes = await readWhole(input, maxBinaryXmlBytes, 'binary XML');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damage: string[] = [];
  const chunks = chunksIn(view, 8, Math.min(view.getUint32(4, true), bytes.length), damage);
  const poolChunk = chunks[0];
  if (poolChunk?.type !== stringPoolType) throw new InputError('corrupt', 'binary XML does not start with a string pool');
  const pool = readStringPool(bytes.subarray(0, poolChunk.end), poolChunk.start);
  if ('error' in pool) throw new InputError('corrupt', `binary XML: ${pool.error}`);
  damage.push(...pool.damage);
  const names = usageNames(bytes, view, pool, chunks);
  if (damage.length > 0) ctx.problem('corrupt', `binary XML: ${damage.slice(0, 5).join('; ')}`);
  const used = namedPoolRanges(pool, names).filter((range) => !range.path.startsWith('string #'));
  yield* rangeChildren('axml', bytes, used, ctx, maxXmlChildren);
}

/** Names pool strings after the attribute or element text that uses them. */
function usageNames(bytes: Uint8Array, view: DataView, pool: StringPool, chunks: readonly { type: number; headerSize: number; start: number; end: number }[]): Map<number, string> {
  const names = new Map<number, string>();
  const name = (index: number) => text(bytes, pool, index) ?? `#${index}`;
  let element = '';
  for (const chunk of chunks) {
    const ext = chunk.start + chunk.headerSize;
    if (chunk.type === startElementType && ext + 20 <= chunk.end) {
      element = name(view.getUint32(ext + 4, true));
      const attributeStart = view.getUint16(ext + 8, true);
      const attributeSize = Math.max(view.getUint16(ext + 10, true), 20);
      const count = view.getUint16(ext + 12, true);
      for (let i = 0, at = ext + attributeStart; i < count && at + 20 <= chunk.end; i++, at += attributeSize) {
        const value = view.getUint32(at + 8, true);
        if (value !== none && !names.has(value)) names.set(value, `${element}@${name(view.getUint32(at + 4, true))}`);
      }
    } else if (chunk.type === cdataType && ext + 4 <= chunk.end) {
      const value = view.getUint32(ext, true);
      if (value !== none && !names.has(value)) names.set(value, `text in ${element}`);
    }
  }
  return names;
}
