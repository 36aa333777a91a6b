import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { WhoamiServer } from '@wharf/whoami';

/** A self-signed EC certificate for `host`, valid `days` (openssl from Debian), written into `dir`. */
function makeCertificate(dir: string, host: string, days: number): { certFile: string; keyFile: string } {
  const certFile = join(dir, `${host}.crt`);
  const keyFile = join(dir, `${host}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', String(days), '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`,
  ], { stdio: 'ignore', timeout: 10_000 });
  return { certFile, keyFile };
}

/**
 * The TLS and TCP half of the dashboard e2e config: an HTTPS router on `websecure` served by a
 * certificate expiring in 10 days (a warning badge), and a catch-all TCP router on `pg` to whoami
 * `a` (an HTTP server is as good a TCP backend as any).
 */
export function edgeConfig(dir: string, a: WhoamiServer): { http: string; top: string } {
  const cert = makeCertificate(dir, 'secure.localhost', 10);
  const address = new URL(a.url).host;
  const http = `    secure:
      rule: "Host(\`secure.localhost\`)"
      service: whoami
      entryPoints: [websecure]
      tls: {}
`;
  const top = `tls:
  certificates:
    - certFile: ${cert.certFile}
      keyFile: ${cert.keyFile}
tcp:
  routers:
    db:
      rule: "HostSNI(\`*\`)"
      service: db
      entryPoints: [pg]
  services:
    db:
      loadBalancer:
        servers:
          - address: "${address}"
`;
  return { http, top };
}
