// nginx reference row: one worker (no master), upstream keep-alive.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocPort, startProcess } from '../lib/process.mjs';

export const nginxRow = {
  name: 'nginx',
  async start({ backends }) {
    const port = allocPort();
    const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-nginx-'));
    const servers = backends.map((b) => `    server 127.0.0.1:${b.port};`).join('\n');
    const cfg = `master_process off;
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream be {
${servers}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://be;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;
    const file = join(dir, 'nginx.conf');
    writeFileSync(file, cfg);
    const p = await startProcess('nginx', ['-p', dir, '-c', file], { port });
    return { port, pid: p.pid, stop: p.stop };
  },
};
