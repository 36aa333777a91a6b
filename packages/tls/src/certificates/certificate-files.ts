import type { TlsConfiguration } from '@wharf/config';
import { isInlinePem } from './file-or-content.js';

/**
 * Every file the TLS section reads (certificates, keys, default certificates, client CA files),
 * each once, inline PEM left out: what has to be watched so that replacing a certificate on disk
 * applies without touching the dynamic configuration.
 */
export function certificateFilesOf(tls: TlsConfiguration | undefined): string[] {
  const files = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '' && !isInlinePem(value)) files.add(value);
  };
  for (const c of tls?.certificates ?? []) {
    add(c.certFile);
    add(c.keyFile);
  }
  for (const store of Object.values(tls?.stores ?? {})) {
    add(store.defaultCertificate?.certFile);
    add(store.defaultCertificate?.keyFile);
  }
  for (const options of Object.values(tls?.options ?? {})) for (const ca of options.clientAuth?.caFiles ?? []) add(ca);
  return [...files].sort();
}
