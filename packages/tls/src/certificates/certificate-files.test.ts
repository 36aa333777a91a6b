import { describe, expect, it } from 'vitest';
import { certificateFilesOf } from './certificate-files.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('certificateFilesOf', () => {
  it('lists certificate, key, default certificate and client CA paths once each, sorted, without inline PEM', () => {
    expect(
      certificateFilesOf({
        certificates: [{ certFile: '/c/b.crt', keyFile: '/c/b.key' }, { certFile: PEM, keyFile: PEM }, { certFile: '/c/b.crt', keyFile: '/c/b.key' }],
        stores: { default: { defaultCertificate: { certFile: '/c/d.crt', keyFile: '/c/d.key' } } },
        options: { mtls: { clientAuth: { caFiles: ['/c/ca.pem', PEM] } }, default: {} },
      }),
    ).toEqual(['/c/b.crt', '/c/b.key', '/c/ca.pem', '/c/d.crt', '/c/d.key']);
  });

  it('has nothing to watch without a TLS section or with empty values', () => {
    expect(certificateFilesOf(undefined)).toEqual([]);
    expect(certificateFilesOf({ certificates: [{ certFile: ' ', keyFile: '' }] })).toEqual([]);
  });
});
