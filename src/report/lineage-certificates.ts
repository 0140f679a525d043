/**
 * X.509 certificates in a window of an object's bytes, PEM or DER, parsed by Node's
 * `crypto.X509Certificate` (which says nothing about trust: a vendor's self-signed certificate
 * is what lineage looks for). DER is found by its shape, `30 81|82 <len> 30 81|82 <len>` (a
 * certificate SEQUENCE holding the tbsCertificate SEQUENCE) whose outer length fits the window;
 * everything that does not parse is ignored. Pure functions; no I/O.
 */
import { X509Certificate } from 'node:crypto';

export interface FoundCertificate {
  /** Offset of the PEM header or the DER SEQUENCE in the searched buffer. */
  readonly start: number;
  readonly form: 'pem' | 'der';
  readonly subject: string;
  readonly issuer: string;
}

const pemBegin = Buffer.from('-----BEGIN CERTIFICATE-----');
const pemEnd = Buffer.from('-----END CERTIFICATE-----');
/** Certificates larger than this are not looked for (vendor device certificates are 0.3–2 KiB). */
export const maxCertificateBytes = 16 * 1024;

function parse(bytes: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(bytes);
  } catch {
    return undefined;
  }
}

/** Length of a DER SEQUENCE at `at` (header included), when its length has the 1- or 2-byte long form. */
function sequenceLength(buffer: Buffer, at: number): { readonly header: number; readonly total: number } | undefined {
  if (buffer[at] !== 0x30) return undefined;
  const form = buffer[at + 1];
  if (form === 0x81 && at + 2 < buffer.length) return { header: 3, total: 3 + buffer[at + 2]! };
  if (form === 0x82 && at + 3 < buffer.length) return { header: 4, total: 4 + buffer.readUInt16BE(at + 2) };
  return undefined;
}

function derAt(buffer: Buffer, at: number): X509Certificate | undefined {
  const outer = sequenceLength(buffer, at);
  if (outer === undefined || outer.total > maxCertificateBytes || at + outer.total > buffer.length) return undefined;
  const inner = sequenceLength(buffer, at + outer.header);
  if (inner === undefined || inner.total >= outer.total) return undefined;
  return parse(buffer.subarray(at, at + outer.total));
}

function pemAt(buffer: Buffer, at: number): X509Certificate | undefined {
  const end = buffer.indexOf(pemEnd, at + pemBegin.length);
  if (end < 0 || end - at > maxCertificateBytes) return undefined;
  return parse(buffer.subarray(at, end + pemEnd.length));
}

/** Every certificate that starts in [from, to) of `buffer` (it may end past `to`), in offset order. */
export function certificatesIn(buffer: Buffer, from: number, to: number): FoundCertificate[] {
  const found: FoundCertificate[] = [];
  for (let at = buffer.indexOf(pemBegin, from); at >= 0 && at < to; at = buffer.indexOf(pemBegin, at + 1)) {
    const certificate = pemAt(buffer, at);
    if (certificate !== undefined) found.push({ start: at, form: 'pem', subject: certificate.subject, issuer: certificate.issuer });
  }
  for (let at = buffer.indexOf(0x30, from); at >= 0 && at < to; at = buffer.indexOf(0x30, at + 1)) {
    const certificate = derAt(buffer, at);
    if (certificate !== undefined) found.push({ start: at, form: 'der', subject: certificate.subject, issuer: certificate.issuer });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The O, OU and CN values of a distinguished name as Node writes it (`O=Zhejiang Dahua Technology Co.\,Ltd.\nCN=IPC`). */
export function organisationValues(name: string): string[] {
  return name
    .split('\n')
    .map((line) => /^(O|OU|CN)=(.*)$/.exec(line)?.[2])
    .filter((value): value is string => value !== undefined)
    .map((value) => value.replace(/\\(.)/g, '$1'));
}
