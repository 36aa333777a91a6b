import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from '@wharf/test-daemons';

export const OPENSSL = findBinary('openssl', 'KV TLS');

export interface TestCerts {
  dir: string;
  ca: string;
  cert: string;
  key: string;
}

/** A throw-away CA and a server certificate for 127.0.0.1 / localhost (files in a temp dir). */
export function makeCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-kv-tls-'));
  const at = (name: string) => join(dir, name);
  const run = (args: string[]) => execFileSync(OPENSSL!, args, { cwd: dir, stdio: 'ignore' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=wharf test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(at('ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'ext']);
  return { dir, ca: at('ca.pem'), cert: at('server.pem'), key: at('server.key') };
}
