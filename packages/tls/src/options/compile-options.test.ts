import { constants } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileTlsOptions } from './compile-options.js';

const codes = (o: { issues: readonly { code: string }[] }) => o.issues.map((i) => i.code);

describe('compileTlsOptions: Go names → Node', () => {
  it('applies Traefik defaults: TLS 1.2 minimum, h2 + http/1.1 + acme-tls/1, no client auth', () => {
    const o = compileTlsOptions('default');
    expect(o.issues).toEqual([]);
    expect(o.broken).toBe(false);
    expect(o.context.minVersion).toBe('TLSv1.2');
    expect(o.context.maxVersion).toBeUndefined();
    // Go's default suites in Go's order, chosen by the server (go-cipher-order.ts)
    expect(o.context.ciphers).toBe(
      'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:' +
        'ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:' +
        'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256',
    );
    expect(o.context.secureOptions).toBe(constants.SSL_OP_CIPHER_SERVER_PREFERENCE | constants.SSL_OP_PRIORITIZE_CHACHA);
    expect(o.alpnProtocols).toEqual(['h2', 'http/1.1', 'acme-tls/1']);
    expect([o.clientAuthType, o.requestCert, o.rejectUnauthorized, o.sniStrict]).toEqual(['NoClientCert', false, false, false]);
  });

  it('maps versions, cipher suites, curves and session tickets', () => {
    const o = compileTlsOptions('modern@file', {
      minVersion: 'VersionTLS12',
      maxVersion: 'VersionTLS13',
      cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305', 'TLS_AES_128_GCM_SHA256', 'TLS_FALLBACK_SCSV'],
      curvePreferences: ['CurveP521', 'X25519', 'secp384r1'],
      disableSessionTickets: true,
      alpnProtocols: ['http/1.1'],
      sniStrict: true,
    });
    expect(o.issues).toEqual([]);
    expect(o.context).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', ecdhCurve: 'P-521:X25519:P-384', });
    expect(o.context.secureOptions! & constants.SSL_OP_NO_TICKET).toBe(constants.SSL_OP_NO_TICKET);
    // TLS 1.3 suites are not configurable (Go): Go's three are kept so TLS 1.3 stays on
    expect(o.context.ciphers).toBe('ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256');
    expect(o.alpnProtocols).toEqual(['http/1.1']);
    expect(o.sniStrict).toBe(true);
  });

  it('only TLS 1.3 suites listed: TLS 1.2 has no suite left, as in Go', () => {
    const o = compileTlsOptions('only13', { cipherSuites: ['TLS_AES_256_GCM_SHA384'] });
    expect(o.issues).toEqual([]);
    expect(o.context.minVersion).toBe('TLSv1.3');
  });

  it('reports unknown names on the option set with "did you mean"', () => {
    const o = compileTlsOptions('typos', {
      minVersion: 'VersionTLS2',
      cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265'],
      curvePreferences: ['CurveP255'],
      clientAuth: { clientAuthType: 'RequireAndVerifyClientCerts', caFiles: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] },
    });
    expect(o.broken).toBe(true);
    expect(codes(o)).toEqual(['WHARF_TLS_OPTIONS_UNKNOWN_NAME', 'WHARF_TLS_OPTIONS_UNKNOWN_NAME', 'WHARF_TLS_OPTIONS_UNKNOWN_NAME', 'WHARF_TLS_OPTIONS_INVALID', 'WHARF_TLS_OPTIONS_UNKNOWN_NAME']);
    const text = o.issues.map((i) => i.message).join('\n');
    expect(text).toContain('unknown minVersion "VersionTLS2": did you mean "VersionTLS12"?');
    expect(text).toContain('did you mean "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"?');
    expect(text).toContain('did you mean "CurveP256"?');
    expect(text).toContain('did you mean "RequireAndVerifyClientCert"?');
    expect(text).toContain('invalid certificate(s) in clientAuth.caFiles inline PEM');
  });

  it('refuses what this OpenSSL cannot do and contradictions', () => {
    expect(compileTlsOptions('rc4', { cipherSuites: ['TLS_RSA_WITH_RC4_128_SHA'] }).issues[0]?.message).toContain('not available in this OpenSSL');
    expect(codes(compileTlsOptions('minmax', { minVersion: 'VersionTLS13', maxVersion: 'VersionTLS12' }))).toEqual(['WHARF_TLS_OPTIONS_INVALID']);
    expect(compileTlsOptions('noca', { clientAuth: { clientAuthType: 'VerifyClientCertIfGiven' } }).issues[0]?.message).toContain('requires clientAuth.caFiles');
    expect(codes(compileTlsOptions('alpn', { alpnProtocols: [''] }))).toEqual(['WHARF_TLS_OPTIONS_INVALID']);
    expect(compileTlsOptions('ca', { clientAuth: { caFiles: ['/nope/ca.pem'] } }).issues[0]?.message).toContain('cannot read clientAuth.caFiles /nope/ca.pem: no such file');
  });

  it('accepts preferServerCipherSuites with a warning (deprecated, ineffective)', () => {
    const o = compileTlsOptions('old', { preferServerCipherSuites: true });
    expect(o.issues).toEqual([expect.objectContaining({ code: 'WHARF_TLS_OPTIONS_DEPRECATED', severity: 'warning' })]);
    expect(o.broken).toBe(false);
  });

  it('maps the client auth types that need no CA to Node (the others: tls-generation.test.ts)', () => {
    const table = (['NoClientCert', 'RequestClientCert', 'RequireAnyClientCert'] as const).map((t) => {
      const o = compileTlsOptions(t, { clientAuth: { clientAuthType: t } });
      return [t, o.requestCert, o.rejectUnauthorized, o.broken];
    });
    expect(table).toEqual([
      ['NoClientCert', false, false, false],
      ['RequestClientCert', true, false, false],
      ['RequireAnyClientCert', true, false, false],
    ]);
  });

  it('serves TLS 1.0 when asked, lowering OpenSSL 3 security level as Go would allow it', () => {
    const o = compileTlsOptions('legacy', { minVersion: 'VersionTLS10' });
    expect(o.issues).toEqual([]);
    expect(o.context.minVersion).toBe('TLSv1');
    expect(o.context.ciphers).toMatch(/@SECLEVEL=0$/);
  });
});
