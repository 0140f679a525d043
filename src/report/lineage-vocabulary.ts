/**
 * What a relabelled product keeps of its vendor in its bytes, each rule with the public
 * reference that ties it to that vendor (src/report/lineage-bytes.ts searches for them). A rule
 * is here only when a published analysis, vendor code or client library shows it; everything
 * else was left out, however often it is repeated on forums.
 *
 * - certificate: an X.509 certificate (PEM or DER) whose subject or issuer names the vendor in
 *   O, OU or CN. Vendors ship one self-signed certificate in every unit's firmware.
 * - web-ui: a resource path the vendor's web UI is known by.
 * - default-string: a default device name, web server banner or default address.
 */
import type { ReferenceJson } from './types.js';

export interface CertificateRule {
  readonly vendor: string;
  /** Tested against the O, OU and CN values of the subject and the issuer. */
  readonly organisation: RegExp;
  readonly reference: ReferenceJson;
}

export interface StringRule {
  readonly vendor: string;
  readonly kind: 'web-ui' | 'default-string';
  /** ASCII, matched byte for byte; an edge that is a letter or digit must not run on into another (`192.168.1.1080`). */
  readonly text: string;
  readonly what: string;
  readonly reference: ReferenceJson;
}

export const certificateRules: readonly CertificateRule[] = [
  {
    vendor: 'Dahua',
    organisation: /\bdahua(?:tech)?\b/i,
    reference: { title: 'Stratosphere Linux IPS: TLS log of a Dahua device at 192.168.1.108 (subject O=DAHUA, OU=DAHUATECH; issuer O=DahuaTech, CN=Product Root CA)', url: 'https://github.com/stratosphereips/StratosphereLinuxIPS/blob/781d8b8417deb5dfddaacd2b66994d15683714c7/modules/timeline/timeline.py' },
  },
  {
    vendor: 'Hikvision',
    organisation: /\bhikvision\b/i,
    reference: { title: 'Hikvision DS-KV6113-WPE1(C) security analysis: servercert.pem in the firmware, subject O=HIKVISION, CN=hikvision.com, shared by every unit', url: 'https://github.com/AndreiVladescu/Hikvision-Intercom-RE/blob/main/index.md' },
  },
];

const hikvisionBanners: ReferenceJson = { title: 'HikVision grabber: Hikvision DVRs are detected by the Server header DNVRS-Webs or DVRDVS-Webs', url: 'https://github.com/CCrashBandicot/IPCam/blob/fa7ed37e67682041c72db16fd77e731dd9ae039b/hikvision2.pl' };

export const stringRules: readonly StringRule[] = [
  {
    vendor: 'Dahua',
    kind: 'web-ui',
    text: '/RPC2_Login',
    what: 'web UI login endpoint',
    reference: { title: 'dahua-rpc (Node.js client of the Dahua web RPC API): global.login is posted to /RPC2_Login', url: 'https://github.com/ItsNotGoodName/dahua-rpc/blob/8e2c7211e2f537bb086edb1c313a6acf716f40d7/lib/rpcBase/Global.ts' },
  },
  {
    vendor: 'Dahua',
    kind: 'default-string',
    text: '192.168.1.108',
    what: 'default IP address',
    reference: { title: 'dahua-rpc README: a Dahua IPC-T5442TM-AS at its default address 192.168.1.108', url: 'https://github.com/ItsNotGoodName/dahua-rpc/blob/8e2c7211e2f537bb086edb1c313a6acf716f40d7/README.md' },
  },
  {
    vendor: 'Hikvision',
    kind: 'web-ui',
    text: 'http://www.hikvision.com/ver10/XMLSchema',
    what: 'XML namespace of the web UI and ISAPI documents',
    reference: { title: 'Hikvision IP camera backdoor exploit (ICSA-17-124-01): the User document of /Security/users uses xmlns http://www.hikvision.com/ver10/XMLSchema', url: 'https://github.com/CCrashBandicot/IPCam/blob/69aec0a39edeaf66176ae21f9ef83abc12027d0e/hikvision.py' },
  },
  {
    vendor: 'Hikvision',
    kind: 'default-string',
    text: 'DNVRS-Webs',
    what: 'web server banner',
    reference: hikvisionBanners,
  },
  {
    vendor: 'Hikvision',
    kind: 'default-string',
    text: 'DVRDVS-Webs',
    what: 'web server banner',
    reference: hikvisionBanners,
  },
  {
    vendor: 'Hikvision',
    kind: 'default-string',
    text: 'Embedded Net DVR',
    what: 'default device name',
    reference: { title: 'VideoSurveillanceSystem: a Hikvision DS-7816H-SNH DVR reports the device name "Embedded Net DVR"', url: 'https://github.com/haohedev/VideoSurveillanceSystem/blob/a7950531b1b03566e0e9fb6889670adb6881a24a/README.md' },
  },
];
