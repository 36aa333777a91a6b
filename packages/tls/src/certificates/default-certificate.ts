import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { toPem } from './pem.js';

/** Traefik's subject for its generated certificate (`pkg/tls/generate`); tools look for it. */
export const DEFAULT_CERT_COMMON_NAME = 'TRAEFIK DEFAULT CERT';

export type GeneratedKeyType = 'ecdsa-p256' | 'rsa-2048';

export interface GeneratedCertificate {
  certPem: string;
  keyPem: string;
}

const ALGORITHMS = {
  // ECDSA P-256: ~10 ms to generate against ~250–450 ms for RSA-2048 (random prime search), and
  // cheaper signatures in every handshake that falls back to the default certificate.
  'ecdsa-p256': { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  'rsa-2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
} as const;

/**
 * The self-signed certificate served when no default certificate is configured, as Traefik's:
 * CN `TRAEFIK DEFAULT CERT`, one random DNS SAN `<32 hex>.<32 hex>.traefik.default`, valid one
 * year from now, server auth. Generated once at start-up (it is async: webcrypto).
 */
export async function generateDefaultCertificate(keyType: GeneratedKeyType = 'ecdsa-p256', now = Date.now()): Promise<GeneratedCertificate> {
  x509.cryptoProvider.set(webcrypto as never);
  const algorithm = ALGORITHMS[keyType];
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const z = randomBytes(32).toString('hex');
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/, '7'),
    name: `CN=${DEFAULT_CERT_COMMON_NAME}`,
    notBefore: new Date(now),
    notAfter: new Date(now + 365 * 24 * 3600 * 1000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: `${z.slice(0, 32)}.${z.slice(32)}.traefik.default` }]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem'), keyPem: toPem('PRIVATE KEY', pkcs8) };
}
