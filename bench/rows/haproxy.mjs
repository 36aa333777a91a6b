// HAProxy reference row: one thread, keep-alive to the same backends. `bindOptions` is appended to
// the frontend's bind line (edge-tls.mjs: `ssl crt … alpn h2,http/1.1`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocPort, startProcess } from '../lib/process.mjs';

export const haproxyRow = {
  name: 'haproxy',
  async start({ backends, bindOptions = '' }) {
    const port = allocPort();
    const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-haproxy-'));
    const servers = backends.map((b, i) => `  server s${i} 127.0.0.1:${b.port}`).join('\n');
    const cfg = `global
  nbthread 1
  maxconn 4000
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
  http-reuse always
  option forwardfor
frontend fe
  bind 127.0.0.1:${port}${bindOptions ? ` ${bindOptions}` : ''}
  default_backend be
backend be
  balance roundrobin
${servers}
`;
    const file = join(dir, 'haproxy.cfg');
    writeFileSync(file, cfg);
    const p = await startProcess('haproxy', ['-f', file, '-db'], { port });
    return { port, pid: p.pid, stop: p.stop };
  },
};
