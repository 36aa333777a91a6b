import { describe, expect, it } from 'vitest';
import { decodeTlsConfiguration } from './decode-tls.js';

describe('decodeTlsConfiguration', () => {
  it('decodes Traefik names, coercing label strings', () => {
    const { value, issues } = decodeTlsConfiguration({
      certificates: [{ certFile: '/a.crt', keyFile: '/a.key', stores: ['default'] }],
      options: {
        modern: {
          minVersion: 'VersionTLS13',
          sniStrict: 'true',
          cipherSuites: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
          clientAuth: { caFiles: ['/ca.pem'], clientAuthType: 'RequireAndVerifyClientCert' },
          alpnProtocols: ['http/1.1'],
          disableSessionTickets: true,
        },
        default: null,
      },
      Stores: { default: { defaultCertificate: { certFile: '/d.crt', keyFile: '/d.key' } } },
    });
    expect(issues).toEqual([]);
    expect(value).toEqual({
      certificates: [{ certFile: '/a.crt', keyFile: '/a.key', stores: ['default'] }],
      options: {
        modern: {
          minVersion: 'VersionTLS13',
          sniStrict: true,
          cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
          clientAuth: { caFiles: ['/ca.pem'], clientAuthType: 'RequireAndVerifyClientCert' },
          alpnProtocols: ['http/1.1'],
          disableSessionTickets: true,
        },
        default: {},
      },
      stores: { default: { defaultCertificate: { certFile: '/d.crt', keyFile: '/d.key' } } },
    });
  });

  it('drops only the element with a bad key, with a suggestion', () => {
    const { value, issues } = decodeTlsConfiguration(
      {
        certificates: [{ certFile: 'a', keyFile: 'b' }, { certFile: 'c' }],
        options: { good: { sniStrict: true }, bad: { minVerison: 'VersionTLS12' } },
        stores: { default: { defaultGeneratedCert: { resolver: 'le', domain: { main: 'a.com', sans: ['b.com'] } } } },
      },
      { path: 'tls' },
    );
    expect(value?.certificates).toEqual([{ certFile: 'a', keyFile: 'b' }]);
    expect(value?.options).toEqual({ good: { sniStrict: true } });
    expect(value?.stores?.default?.defaultGeneratedCert?.domain).toEqual({ main: 'a.com', sans: ['b.com'] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['WHARF_CONFIG_MISSING_KEY', 'tls.certificates[1].keyFile'],
      ['WHARF_CONFIG_UNKNOWN_KEY', 'tls.options.bad.minVerison'],
    ]);
    expect(issues[1]?.suggestion).toBe('minVersion');
  });

  it('rejects an unknown section key and a malformed section', () => {
    const unknown = decodeTlsConfiguration({ option: {} });
    expect(unknown.issues[0]).toMatchObject({ code: 'WHARF_CONFIG_UNKNOWN_KEY', suggestion: 'options' });
    expect(decodeTlsConfiguration(['x']).value).toBeUndefined();
  });
});
