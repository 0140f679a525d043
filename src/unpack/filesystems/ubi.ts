/**
 * UBI images (Linux `drivers/mtd/ubi/ubi-media.h`; what `ubinize` writes and NAND dumps hold):
 * every physical erase block (PEB) starts with an erase-counter header, and a mapped PEB has
 * a volume-id header naming its volume and logical block (LEB). Each volume is rebuilt from
 * its LEBs in order and handed on as one child stream named after the volume table entry.
 *
 *   00000000: 5542 4923 01 000000 | 0000 0000 0000 0000 | 0000 0040 | 0000 0080 | 1234 5678 ... crc
 *             "UBI#", version 1, erase count (BE64), VID header offset, data offset, image sequence
 *   00000040: 5542 4921 01 01 00 00 | 7fff efff | 0000 0000 ... sqnum ... crc
 *             "UBI!", version, volume type (1 dynamic, 2 static), copy flag, compat, volume id, LEB number
 *
 * All headers are big-endian with a CRC-32 (`crc32(0xFFFFFFFF, …)`, crc32Ubi) over their first
 * 60 bytes. The layout volume (id 0x7FFFEFFF) holds the volume table: 172-byte records with
 * the volume names. When two PEBs claim the same LEB (an interrupted update), the higher
 * sequence number wins. Unmapped LEBs of a dynamic volume read as 0xFF, as UBI returns them.
 */
import { crc32Ubi } from '../codecs/checksums.js';
import { openWindow, type WindowReader } from '../file-window.js';
import { InputError, defineHandler, type Child, type OpenContext, type OpenInput } from '../types.js';

/** "UBI#" */
const ecMagic = Uint8Array.of(0x55, 0x42, 0x49, 0x23);
const vidMagic = 0x55424921;
const headerBytes = 64;
const layoutVolumeId = 0x7fffefff;
const vtblRecordBytes = 172;
const maxVolumes = 128;
/** PEB sizes tried when looking for the second erase-counter header (powers of two). */
const minPebBytes = 4096;
const maxPebBytes = 16 * 1024 * 1024;
/** PEBs read per image before the rest is left unread (a `limit` problem). */
export const maxUbiPebs = 1_000_000;

export interface EcHeader {
  readonly version: number;
  readonly vidHeaderOffset: number;
  readonly dataOffset: number;
  readonly imageSeq: number;
}

/** Parses an erase-counter header; a string says why it is not one. */
export function parseEcHeader(bytes: Uint8Array, at = 0): EcHeader | string {
  if (bytes.length < at + headerBytes || !ecMagic.every((byte, i) => bytes[at + i] === byte)) return 'no UBI erase-counter magic "UBI#"';
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, headerBytes);
  if (crc32Ubi(bytes.subarray(at, at + 60)) !== view.getUint32(60)) return 'UBI erase-counter header CRC mismatch';
  const header = { version: bytes[at + 4]!, vidHeaderOffset: view.getUint32(16), dataOffset: view.getUint32(20), imageSeq: view.getUint32(24) };
  if (header.version !== 1) return `UBI version ${header.version}`;
  if (header.vidHeaderOffset < headerBytes || header.dataOffset < header.vidHeaderOffset + headerBytes) return 'UBI header offsets out of order';
  return header;
}

export interface VidHeader {
  readonly volumeType: number;
  readonly copyFlag: number;
  readonly volumeId: number;
  readonly lnum: number;
  readonly dataSize: number;
  readonly usedEbs: number;
  readonly dataPad: number;
  readonly sqnum: bigint;
}

/** Parses a volume-id header; undefined for an erased (0xFF) one, a string when damaged. */
export function parseVidHeader(bytes: Uint8Array, at = 0): VidHeader | string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, headerBytes);
  if (view.getUint32(0) !== vidMagic) return bytes.subarray(at, at + headerBytes).every((byte) => byte === 0xff) ? undefined : 'no UBI volume-id magic "UBI!"';
  if (crc32Ubi(bytes.subarray(at, at + 60)) !== view.getUint32(60)) return 'UBI volume-id header CRC mismatch';
  return {
    volumeType: bytes[at + 5]!,
    copyFlag: bytes[at + 6]!,
    volumeId: view.getUint32(8),
    lnum: view.getUint32(12),
    dataSize: view.getUint32(20),
    usedEbs: view.getUint32(24),
    dataPad: view.getUint32(28),
    sqnum: view.getBigUint64(40),
  };
}

export interface VolumeRecord {
  readonly id: number;
  readonly reservedPebs: number;
  readonly type: number;
  readonly name: Uint8Array;
}

/** The used records of a volume table (one LEB of the layout volume). */
export function parseVolumeTable(bytes: Uint8Array): VolumeRecord[] {
  const records: VolumeRecord[] = [];
  for (let id = 0; id < maxVolumes && (id + 1) * vtblRecordBytes <= bytes.length; id++) {
    const at = id * vtblRecordBytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, vtblRecordBytes);
    if (crc32Ubi(bytes.subarray(at, at + 168)) !== view.getUint32(168)) continue;
    const reservedPebs = view.getUint32(0);
    const nameLength = view.getUint16(14);
    if (reservedPebs === 0 || nameLength === 0 || nameLength > 127) continue;
    records.push({ id, reservedPebs, type: bytes[at + 12]!, name: new Uint8Array(bytes.subarray(at + 16, at + 16 + nameLength)) });
  }
  return records;
}

export const ubiHandler = defineHandler({
  id: 'ubi',
  kind: 'filesystem',
  doc: {
    name: 'UBI image',
    references: ['Linux drivers/mtd/ubi/ubi-media.h', 'http://www.linux-mtd.infradead.org/doc/ubi.html'],
    limitations: [
      'The PEB size is taken from the distance to the second erase-counter header (a power of two from 4 KiB to 16 MiB); a one-PEB image is read as one PEB.',
      'The data CRC of static volumes and of copied LEBs (copy_flag) is not checked; the higher sequence number wins.',
      'Fastmap and bad-block information are not used: every PEB is read.',
    ],
  },
  signatures: [{ magic: ecMagic, offset: 0 }],
  headLength: headerBytes,
  detect(head) {
    const header = parseEcHeader(head);
    return typeof header === 'string' ? { ok: false, reason: header } : { ok: true };
  },
  open: openUbi,
});

interface MappedLeb {
  readonly peb: number;
  readonly vid: VidHeader;
}

async function* openUbi(input: OpenInput, ctx: OpenContext): AsyncGenerator<Child> {
  const window = await input.file();
  const reader = await openWindow(window, 'ubi');
  try {
    const first = parseEcHeader(await reader.read(0, Math.min(headerBytes, reader.size)));
    if (typeof first === 'string') throw new InputError('corrupt', `ubi: ${first}`, 0);
    const pebBytes = await findPebSize(reader, first);
    const lebBytes = pebBytes - first.dataOffset;
    if (lebBytes <= 0) throw new InputError('corrupt', `ubi: data offset ${first.dataOffset} is beyond the ${pebBytes}-byte PEB`, 0);
    const volumes = new Map<number, Map<number, MappedLeb>>();
    let pebCount = 0;
    let badHeaders = 0;
    for (let peb = 0; (peb + 1) * pebBytes <= reader.size || (peb === 0 && reader.size >= first.dataOffset); peb++) {
      if (peb >= maxUbiPebs) {
        ctx.problem('limit', `ubi: more than ${maxUbiPebs} PEBs; the rest were not read`, peb * pebBytes);
        break;
      }
      const base = peb * pebBytes;
      const ec = parseEcHeader(await reader.read(base, headerBytes));
      if (typeof ec === 'string') {
        // An erased PEB (all 0xFF) is free; anything else ends the image.
        const head = await reader.read(base, headerBytes);
        if (head.every((byte) => byte === 0xff)) {
          pebCount = peb + 1;
          continue;
        }
        break;
      }
      pebCount = peb + 1;
      if (ec.imageSeq !== first.imageSeq) ctx.problem('corrupt', `ubi: PEB ${peb} belongs to another image (sequence ${ec.imageSeq}, not ${first.imageSeq})`, base);
      if (base + ec.vidHeaderOffset + headerBytes > reader.size) break;
      const vid = parseVidHeader(await reader.read(base + ec.vidHeaderOffset, headerBytes));
      if (vid === undefined) continue;
      if (typeof vid === 'string') {
        badHeaders++;
        continue;
      }
      const lebs = volumes.get(vid.volumeId) ?? new Map<number, MappedLeb>();
      const seen = lebs.get(vid.lnum);
      if (seen === undefined || vid.sqnum > seen.vid.sqnum) lebs.set(vid.lnum, { peb, vid });
      volumes.set(vid.volumeId, lebs);
    }
    if (badHeaders > 0) ctx.problem('corrupt', `ubi: ${badHeaders} PEBs with a damaged volume-id header were skipped`);
    await reportCut(reader, pebBytes, pebCount, first.imageSeq, volumes, ctx);
    ctx.setLength(Math.min(reader.size, pebCount * pebBytes));

    const layout = volumes.get(layoutVolumeId)?.get(0) ?? volumes.get(layoutVolumeId)?.get(1);
    const table = layout === undefined ? [] : parseVolumeTable(await reader.read(layout.peb * pebBytes + first.dataOffset, Math.min(lebBytes, maxVolumes * vtblRecordBytes)));
    if (layout === undefined) ctx.problem('corrupt', 'ubi: no layout volume (volume table): volumes are named by id');
    const names = new Map(table.map((record) => [record.id, record.name]));
    for (const [volumeId, lebs] of [...volumes].sort((a, b) => a[0] - b[0])) {
      if (volumeId === layoutVolumeId) continue;
      const name = names.get(volumeId) ?? new TextEncoder().encode(`volume-${volumeId}`);
      const firstLeb = lebs.get(0) ?? [...lebs.values()][0]!;
      yield {
        link: { format: 'ubi', path: name, offset: firstLeb.peb * pebBytes + first.dataOffset },
        stream: volumeStream(reader, lebs, pebBytes, first.dataOffset, lebBytes),
      };
    }
  } finally {
    await reader.close();
  }
}

/**
 * What a cut image lacks: bytes after the last whole PEB that start another erase-counter
 * header of this image (a PEB cut short); one of the layout volume's two copies (UBI always
 * writes both, UBI_LAYOUT_VOLUME_EBS); LEBs a static volume says it uses (used_ebs).
 */
async function reportCut(reader: WindowReader, pebBytes: number, pebCount: number, imageSeq: number, volumes: ReadonlyMap<number, ReadonlyMap<number, MappedLeb>>, ctx: OpenContext): Promise<void> {
  const end = pebCount * pebBytes;
  if (end < reader.size && reader.size - end < pebBytes && reader.size - end >= headerBytes) {
    const tail = parseEcHeader(await reader.read(end, headerBytes));
    if (typeof tail !== 'string' && tail.imageSeq === imageSeq) ctx.problem('corrupt', `ubi: the image ends at byte ${reader.size}, ${reader.size - end} bytes into PEB ${pebCount} of ${pebBytes} bytes: cut short`, reader.size);
  }
  const layout = volumes.get(layoutVolumeId);
  if (layout !== undefined && layout.size < 2) ctx.problem('corrupt', `ubi: only one of the layout volume's two copies is present; the image ends at byte ${reader.size} and is cut short`, reader.size);
  for (const [volumeId, lebs] of volumes) {
    const sample = [...lebs.values()][0]!.vid;
    if (sample.volumeType === 2 && lebs.size < sample.usedEbs) ctx.problem('corrupt', `ubi: static volume ${volumeId} uses ${sample.usedEbs} LEBs, ${lebs.size} are present: the image is cut short`, reader.size);
  }
}

/** The PEB size: the first power-of-two offset holding a valid erase-counter header of the same image. */
async function findPebSize(reader: WindowReader, first: EcHeader): Promise<number> {
  for (let size = Math.max(minPebBytes, 2 ** Math.ceil(Math.log2(first.dataOffset + 1))); size <= maxPebBytes && size + headerBytes <= reader.size; size *= 2) {
    const header = parseEcHeader(await reader.read(size, headerBytes));
    if (typeof header !== 'string' && header.imageSeq === first.imageSeq) return size;
  }
  return reader.size;
}

/** A volume's LEBs 0..last mapped, in order; static volumes end at their data size. */
async function* volumeStream(reader: WindowReader, lebs: ReadonlyMap<number, MappedLeb>, pebBytes: number, dataOffset: number, lebBytes: number): AsyncGenerator<Uint8Array> {
  const last = Math.max(...lebs.keys());
  const erased = new Uint8Array(lebBytes).fill(0xff);
  for (let lnum = 0; lnum <= last; lnum++) {
    const leb = lebs.get(lnum);
    if (leb === undefined) {
      yield erased;
      continue;
    }
    const usable = lebBytes - leb.vid.dataPad;
    // Static volumes (type 2) state the bytes used in each LEB.
    const length = leb.vid.volumeType === 2 ? Math.min(leb.vid.dataSize, usable) : usable;
    yield await reader.read(leb.peb * pebBytes + dataOffset, Math.max(0, length));
  }
}
