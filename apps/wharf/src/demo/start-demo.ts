import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import { loadStaticConfig } from '../static/index.js';
import { startWharf, type RunningWharf } from '../wharf.js';
import { demoDynamicConfig } from './demo-config.js';

export interface DemoAddresses {
  web: string;
  websecure: string;
  tcp: string;
  api: string;
}

export interface RunningDemo {
  wharf: RunningWharf;
  backends: WhoamiServer[];
  file: string;
  close(): Promise<void>;
}

/** A TCP echo server on loopback: the backend of the demo's TCP router. */
async function startEcho(): Promise<{ server: Server; address: string }> {
  const server = createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, address: `127.0.0.1:${(server.address() as { port: number }).port}` };
}

/**
 * The embedded demo: three whoami backends and a TCP echo on loopback, the demo file written to
 * `dir`, wharf on it with HTTP, HTTPS (HTTP/2, the generated default certificate), a TCP
 * entrypoint and the dashboard. `argv` is appended (a user's extra flags win).
 */
export async function startDemo(dir: string, at: DemoAddresses, argv: string[] = []): Promise<RunningDemo> {
  mkdirSync(dir, { recursive: true });
  const backends: WhoamiServer[] = [];
  for (let i = 1; i <= 3; i++) backends.push(await startWhoami({ host: '127.0.0.1', port: 0, name: `whoami-${i}` }));
  const echo = await startEcho();
  const file = join(dir, 'dynamic.yml');
  writeFileSync(file, demoDynamicConfig(backends.map((b) => b.url), echo.address));
  const config = loadStaticConfig({
    argv: [
      `--entrypoints.web.address=${at.web}`,
      `--entrypoints.websecure.address=${at.websecure}`,
      `--entrypoints.tcp.address=${at.tcp}`,
      `--entrypoints.traefik.address=${at.api}`,
      '--api.insecure=true',
      '--ping=true',
      '--metrics.prometheus=true',
      `--providers.file.filename=${file}`,
      '--providers.providersThrottleDuration=200ms',
      '--log.level=INFO',
      ...argv,
    ],
    env: {},
    cwd: process.cwd(),
  });
  const wharf = await startWharf(config);
  return {
    wharf,
    backends,
    file,
    async close() {
      await wharf.close();
      await Promise.all(backends.map((b) => b.close()));
      await new Promise<void>((resolve) => echo.server.close(() => resolve()));
    },
  };
}
