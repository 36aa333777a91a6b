import type { TLSSocket } from 'node:tls';
import type { HttpStep } from '@wharf/config';
import { certInfo, certPem, peerChain, queryEscape } from './cert-info.js';
import type { PassTLSClientCertOptions } from './schema.js';

export const CERT_HEADER = 'x-forwarded-tls-client-cert';
export const CERT_INFO_HEADER = 'x-forwarded-tls-client-cert-info';

/** Passes the client certificate (PEM and/or selected fields) to the service; client-sent copies are dropped. */
export function createPassTLSClientCert(options: PassTLSClientCertOptions): HttpStep {
  return (ex, next) => {
    delete ex.headers[CERT_HEADER];
    delete ex.headers[CERT_INFO_HEADER];
    const socket = ex.req.socket as TLSSocket;
    const leaf = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(true) : undefined;
    if (leaf?.raw) {
      const chain = peerChain(leaf);
      if (options.pem) ex.headers[CERT_HEADER] = queryEscape(chain.map(certPem).join(','));
      if (options.info) ex.headers[CERT_INFO_HEADER] = queryEscape(chain.map((c) => certInfo(c, options.info!)).join(','));
    }
    return next();
  };
}
