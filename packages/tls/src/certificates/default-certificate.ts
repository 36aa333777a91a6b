import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { DER, derEncode, derEncodeOid } from './der.js';
import { toPem } from './pem.js';

/** Traefik's subject for its generated certificate (`pkg/tls/generate`); tools look for it. */
export const DEFAULT_CERT_COMMON_NAME = 'TRAEFIK DEFAULT CERT';

export type GeneratedKeyType = 'ecdsa-p256' | 'rsa-2048';

export interface GeneratedCertificate {
  certPem: string;
  keyPem: string;
}

const generate = promisify(generateKeyPair);
const seq = (...items: Buffer[]) => derEncode(DER.SEQUENCE, ...items);
const ext = (oid: string, critical: boolean, value: Buffer) =>
  seq(derEncodeOid(oid), ...(critical ? [derEncode(DER.BOOLEAN, Buffer.from([0xff]))] : []), derEncode(DER.OCTET_STRING, value));

const KEYS = {
  // ECDSA P-256: ~1 ms to generate against ~250–450 ms for RSA-2048 (random prime search), and
  // cheaper signatures in every handshake that falls back to the default certificate.
  'ecdsa-p256': { create: () => generate('ec', { namedCurve: 'P-256' }), signature: seq(derEncodeOid('1.2.840.10045.4.3.2')) },
  'rsa-2048': { create: () => generate('rsa', { modulusLength: 2048 }), signature: seq(derEncodeOid('1.2.840.113549.1.1.11'), derEncode(DER.NULL)) },
} as const;

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5), whole seconds. */
function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const utc = iso < '2050';
  return derEncode(utc ? DER.UTC_TIME : DER.GENERALIZED_TIME, Buffer.from(`${utc ? iso.slice(2) : iso}Z`, 'latin1'));
}

/**
 * A serial's INTEGER content from 16 random bytes: positive (top bit clear) and minimal (DER: no
 * leading zero byte unless the next byte needs it, else OpenSSL refuses the certificate with
 * "illegal padding"). Bit 0x40 of the first byte is set: 126 random bits, always 16 bytes.
 */
export function positiveSerial(random: Buffer): Buffer {
  const serial = Buffer.from(random.subarray(0, 16));
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return serial;
}

/** The to-be-signed part: v3, a positive random serial, self-issued, one DNS SAN, server auth. */
function tbsCertificate(publicKey: KeyObject, signature: Buffer, san: string, now: number): Buffer {
  const serial = positiveSerial(randomBytes(16));
  const name = seq(derEncode(DER.SET, seq(derEncodeOid('2.5.4.3'), derEncode(DER.PRINTABLE_STRING, Buffer.from(DEFAULT_CERT_COMMON_NAME, 'latin1')))));
  const extensions = seq(
    ext('2.5.29.19', true, seq()), // basicConstraints: not a CA
    // keyUsage: digitalSignature, keyEncipherment, keyAgreement (bits 0, 2, 4: 0b10101000, 3 unused)
    ext('2.5.29.15', true, derEncode(DER.BIT_STRING, Buffer.from([0x03, 0xa8]))),
    ext('2.5.29.37', false, seq(derEncodeOid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
    ext('2.5.29.17', false, seq(derEncode(0x82, Buffer.from(san, 'latin1')))), // subjectAltName: dNSName
  );
  return seq(
    derEncode(0xa0, derEncode(DER.INTEGER, Buffer.from([2]))),
    derEncode(DER.INTEGER, serial),
    signature,
    name,
    seq(time(now), time(now + 365 * 24 * 3600 * 1000)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    derEncode(0xa3, extensions),
  );
}

/**
 * The self-signed certificate served when no default certificate is configured, as Traefik's:
 * CN `TRAEFIK DEFAULT CERT`, one random DNS SAN `<32 hex>.<32 hex>.traefik.default`, valid one
 * year from now, server auth. Generated once at start-up with node:crypto alone (no ASN.1
 * library to load): the DER is written here, OpenSSL signs it.
 */
export async function generateDefaultCertificate(keyType: GeneratedKeyType = 'ecdsa-p256', now = Date.now()): Promise<GeneratedCertificate> {
  const { create, signature } = KEYS[keyType];
  const { publicKey, privateKey } = await create();
  const z = randomBytes(32).toString('hex');
  const tbs = tbsCertificate(publicKey, signature, `${z.slice(0, 32)}.${z.slice(32)}.traefik.default`, Math.floor(now / 1000) * 1000);
  const certificate = seq(tbs, signature, derEncode(DER.BIT_STRING, Buffer.from([0]), sign('sha256', tbs, privateKey)));
  return { certPem: toPem('CERTIFICATE', certificate), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
