import { describe, expect, it } from 'vitest';
import { connectionTls, tlsCipherLabel, tlsVersionLabel } from './go-names.js';

describe("Traefik's tls_version / tls_cipher labels from Node's TLS socket", () => {
  it.each([
    ['TLSv1', '1.0'],
    ['TLSv1.1', '1.1'],
    ['TLSv1.2', '1.2'],
    ['TLSv1.3', '1.3'],
    ['SSLv3', 'unknown'],
    [null, 'unknown'],
  ])('getProtocol() %s → %s', (protocol, label) => {
    expect(tlsVersionLabel(protocol)).toBe(label);
  });

  it.each([
    [{ name: 'TLS_AES_128_GCM_SHA256', standardName: 'TLS_AES_128_GCM_SHA256' }, 'TLS_AES_128_GCM_SHA256'],
    [{ name: 'ECDHE-RSA-AES128-GCM-SHA256', standardName: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' }, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
    [{ name: 'ECDHE-RSA-CHACHA20-POLY1305', standardName: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256' }, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
    // a suite Go does not have (DHE), or no IANA name: Traefik says unknown
    [{ name: 'DHE-RSA-AES128-GCM-SHA256', standardName: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256' }, 'unknown'],
    [{ name: 'ECDHE-RSA-AES128-GCM-SHA256' }, 'unknown'],
    [undefined, 'unknown'],
  ])('getCipher() %o → %s', (cipher, label) => {
    expect(tlsCipherLabel(cipher)).toBe(label);
  });

  it('gives every connection with the same version and cipher the same frozen object', () => {
    const socket = { getProtocol: () => 'TLSv1.3', getCipher: () => ({ name: 'TLS_AES_256_GCM_SHA384', standardName: 'TLS_AES_256_GCM_SHA384' }) };
    const a = connectionTls(socket);
    expect(a).toEqual({ version: '1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
    expect(connectionTls({ ...socket })).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
