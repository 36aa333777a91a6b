// The certificate the HTTPS benchmarks terminate: ECDSA P-256, self-signed by openssl for the run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh `bench.test` certificate (SANs bench.test and 127.0.0.1) in a temp dir: `{ dir, certFile, keyFile }`. */
export function benchCertificate(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=bench.test',
    '-addext', 'subjectAltName=DNS:bench.test,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { dir, certFile, keyFile };
}
