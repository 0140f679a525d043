/**
 * Lineage from an input's bytes (issue 17, gap 1): certificates, web UI resource names and
 * default strings in the fixtures built by test/fixtures/build/lineage.sh, found in a second walk
 * (`visitObjects`), each placed (chain + offset) and referenced; the near misses of
 * clean-camera.squashfs yield nothing.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { byteLineageItems, lineageOf, ObjectLineage, readObject, visitObjects, type InputJson, type LineageItem } from '../../src/index.js';
import { forEachChunking } from '../helpers/chunkings.js';

const dir = 'test/fixtures/lineage';
const items = new Map<string, LineageItem[]>();
const summary = (item: LineageItem) => `${item.vendor} ${item.kind} ${item.place} @${item.offset}`;

beforeAll(async () => {
  for (const name of ['relabel-dahua.squashfs', 'relabel-hikvision.tar.gz', 'clean-camera.squashfs']) {
    const found = await byteLineageItems(`${dir}/${name}`, (input, open) => visitObjects(input, open));
    expect(found.error).toBeUndefined();
    items.set(name, found.items);
  }
}, 60_000);

/** The item's bytes, read back by chain: what a sceptic would check. */
async function bytesAt(input: string, item: LineageItem, length: number): Promise<string> {
  const chain = item.place.split('!/').slice(1);
  const read = await readObject(input, chain.map((path) => ({ format: 'squashfs', path, offset: 0 })), { byPlace: true });
  if (!('bytes' in read)) throw new Error(read.error);
  return read.bytes.subarray(item.offset!, item.offset! + length).toString('latin1');
}

describe('byteLineageItems', () => {
  it('finds the Dahua certificate as PEM and as DER, the web UI endpoint and the default address in a squashfs, each at its member and offset', () => {
    const input = `${dir}/relabel-dahua.squashfs`;
    expect(items.get('relabel-dahua.squashfs')!.map(summary)).toEqual([
      `Dahua default-string ${input}!/etc/network.conf @18`,
      `Dahua certificate ${input}!/etc/ssl/server.der @0`,
      `Dahua certificate ${input}!/etc/ssl/server.pem @0`,
      `Dahua web-ui ${input}!/web/js/login.js @44`,
    ]);
    const pem = items.get('relabel-dahua.squashfs')!.find((item) => item.place.endsWith('server.pem'))!;
    expect(pem.detail).toBe('PEM certificate, subject C=CN, O=Zhejiang Dahua Technology Co.\\,Ltd., CN=IPC');
    expect(pem.reference.url).toMatch(/^https:\/\/github\.com\/stratosphereips\//);
  });

  it('places each item where its bytes are', async () => {
    const input = `${dir}/relabel-dahua.squashfs`;
    const [address, , , endpoint] = items.get('relabel-dahua.squashfs')!;
    expect(await bytesAt(input, address!, 13)).toBe('192.168.1.108');
    expect(await bytesAt(input, endpoint!, 11)).toBe('/RPC2_Login');
  });

  it('finds the Hikvision certificate, web namespace, banner and device name in a tar.gz once each, as the member\'s (not also the tar stream\'s)', () => {
    const found = items.get('relabel-hikvision.tar.gz')!;
    expect(found.map((item) => `${item.kind} ${item.place.split('!/').slice(-1)[0]} ${item.detail}`)).toEqual([
      'default-string bin/webs web server banner "DNVRS-Webs"',
      'default-string etc/devicename default device name "Embedded Net DVR"',
      'certificate etc/https/servercert.der DER certificate, subject C=CN, ST=ZJ, L=HZ, O=HIKVISION, OU=HZ, CN=hikvision.com',
      'web-ui web/doc/xml/deviceInfo.xml XML namespace of the web UI and ISAPI documents "http://www.hikvision.com/ver10/XMLSchema"',
    ]);
    expect(found.every((item) => item.vendor === 'Hikvision' && item.reference.url.startsWith('https://github.com/'))).toBe(true);
  });

  it('finds nothing in the near misses: another organisation, longer addresses, other banners, longer names', () => {
    expect(items.get('clean-camera.squashfs')).toEqual([]);
  });

  it('says "derived from vendor X" with the confidence of independent kinds, bytes and report together', () => {
    const input = { path: `${dir}/relabel-hikvision.tar.gz`, layers: [] } as unknown as InputJson;
    expect(lineageOf({ inputs: [input], findings: [] }, input, items.get('relabel-hikvision.tar.gz')).map((entry) => entry.statement)).toEqual(['derived from vendor Hikvision (high: default strings, certificate, web UI resource names)']);
    expect(lineageOf({ inputs: [input], findings: [] }, input)).toEqual([]);
  });

  it('says why an input cannot be read', async () => {
    expect((await byteLineageItems(`${dir}/missing.bin`, (input, open) => visitObjects(input, open))).error).toMatch(/ENOENT/);
  });
});

describe('ObjectLineage', () => {
  it('finds an item split across chunks once, whatever the chunking (small object)', () => {
    const bytes = Buffer.from('xx ipaddr=192.168.1.108\n<a href="/RPC2_Login">', 'latin1');
    forEachChunking(bytes, (chunks, label) => {
      let found: LineageItem[] = [];
      const sink = new ObjectLineage('t', (items) => (found = items));
      for (const chunk of chunks) sink.bytes(chunk);
      sink.end([]);
      expect(found.map((item) => `${item.detail} @${item.offset}`), label).toEqual(['default IP address "192.168.1.108" @10', 'web UI login endpoint "/RPC2_Login" @33']);
    });
  });

  it('keeps one item per rule and object from a flood of one string, at its first offset', () => {
    const bytes = Buffer.from(' DNVRS-Webs'.repeat(10_000), 'latin1');
    let found: LineageItem[] = [];
    const sink = new ObjectLineage('t', (items) => (found = items));
    for (let at = 0; at < bytes.length; at += 4096) sink.bytes(bytes.subarray(at, at + 4096));
    sink.end([]);
    expect(found.map((item) => `${item.detail} @${item.offset}`)).toEqual(['web server banner "DNVRS-Webs" @1']);
  });

  it('finds a certificate that straddles the search window\'s boundary, and drops hits inside ranges a child owns', () => {
    const der = hikvisionDer();
    const padding = Buffer.alloc(32 * 1024 - 100, 0x41);
    const bytes = Buffer.concat([padding, der, Buffer.from(' Embedded Net DVR ')]);
    for (const size of [1000, 4096, 65536]) {
      let found: LineageItem[] = [];
      const sink = new ObjectLineage('t', (items) => (found = items));
      for (let at = 0; at < bytes.length; at += size) sink.bytes(bytes.subarray(at, at + size));
      sink.end([{ start: padding.length + der.length, end: bytes.length }]);
      expect(found.map((item) => `${item.kind} @${item.offset}`), `${size}-byte`).toEqual([`certificate @${padding.length}`]);
    }
  });
});

/** The Hikvision fixture certificate's DER bytes: the tar member's data, cut at its SEQUENCE length. */
function hikvisionDer(): Buffer {
  const tar = gunzipSync(readFileSync(`${dir}/relabel-hikvision.tar.gz`));
  const name = tar.indexOf('etc/https/servercert.der');
  const data = name - (name % 512) + 512;
  return tar.subarray(data, data + 4 + tar.readUInt16BE(data + 2));
}
