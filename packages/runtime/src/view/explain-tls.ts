import type { MatchCertificate, MatchTls } from '@wharf/config';
import type { LoadedCertificate } from '@wharf/tls';
import type { GenerationTls } from '../compile/generation-tls.js';

function certificateOf(c: LoadedCertificate, selectedBy: MatchCertificate['selectedBy']): MatchCertificate {
  return { id: c.id, subject: c.info?.commonName ?? '', sans: c.info?.sans ?? [], selectedBy };
}

/**
 * The handshake a connection would get, as the TLS listener does it: the option set (`options`,
 * or the entrypoint's SNI → option set table), then the certificate by SNI (exact SAN, one-label
 * wildcard SAN, else the default certificate, unless `sniStrict` refuses).
 */
export function explainHandshake(tls: GenerationTls, entryPoint: string, sni: string, options?: string): MatchTls {
  let name = options;
  if (name === undefined) {
    const choice = tls.optionsFor(entryPoint, sni === '' ? undefined : sni);
    if ('broken' in choice) return { sni, options: choice.broken, refused: `TLS options "${choice.broken}" are broken: the connection is closed` };
    name = choice.options;
  }
  const set = tls.compiled.options.get(name);
  if (set === undefined) return { sni, options: name, refused: `TLS options "${name}" do not exist: the connection is closed` };
  if (set.broken) return { sni, options: name, refused: `TLS options "${name}" are broken: the connection is closed` };
  const choice = tls.compiled.selectCertificate(set, sni === '' ? undefined : sni);
  if ('refused' in choice) return { sni, options: name, refused: `${choice.refused.code}: ${choice.refused.message}` };
  const bySni = sni !== '' && tls.compiled.certificates.store.match(sni) === choice.certificate;
  return { sni, options: name, certificate: certificateOf(choice.certificate, bySni ? 'sni' : 'default') };
}
