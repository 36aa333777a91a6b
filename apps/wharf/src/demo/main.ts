import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import { formatStaticConfigError, loadStaticConfig } from '../static/index.js';
import { startWharf } from '../wharf.js';
import { demoDynamicConfig } from './demo-config.js';

/**
 * `npm start`: three local whoami backends, a watched demo file, wharf on :8000 with the
 * dashboard on :8080. Extra flags are passed through (e.g. `npm start -- --log.level=DEBUG`).
 */
async function main(): Promise<void> {
  const dir = resolve(process.env.WHARF_DEMO_DIR ?? '.wharf-demo');
  mkdirSync(dir, { recursive: true });
  const backends: WhoamiServer[] = [];
  for (let i = 1; i <= 3; i++) backends.push(await startWhoami({ host: '127.0.0.1', port: 0, name: `whoami-${i}` }));
  const file = join(dir, 'dynamic.yml');
  writeFileSync(file, demoDynamicConfig(backends.map((b) => b.url)));

  const web = process.env.WHARF_DEMO_WEB ?? ':8000';
  const api = process.env.WHARF_DEMO_API ?? ':8080';
  const argv = [
    `--entrypoints.web.address=${web}`,
    `--entrypoints.traefik.address=${api}`,
    '--api.insecure=true',
    '--ping=true',
    '--metrics.prometheus=true',
    `--providers.file.filename=${file}`,
    '--providers.providersThrottleDuration=200ms',
    '--log.level=INFO',
    ...process.argv.slice(2),
  ];
  let config;
  try {
    config = loadStaticConfig({ argv, env: {}, cwd: process.cwd() });
  } catch (err) {
    process.stderr.write(`${formatStaticConfigError(err)}\n`);
    process.exit(2);
  }
  const wharf = await startWharf(config);
  const webPort = wharf.addresses.web?.port;
  const apiPort = wharf.addresses.traefik?.port;
  process.stdout.write(
    [
      '',
      'wharf demo is up',
      `  traffic    http://localhost:${webPort}/          (balanced over ${backends.map((b) => b.name).join(', ')})`,
      `  sticky     http://localhost:${webPort}/sticky    (cookie wharf_demo pins one backend)`,
      `  dashboard  http://localhost:${apiPort}/dashboard/`,
      `  API        http://localhost:${apiPort}/api/http/routers`,
      `  live file  ${file}   (edit it: routes change without a restart)`,
      `  flip a backend's health: curl -X POST -d 500 ${backends[0]!.url}/health`,
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await wharf.close();
    await Promise.all(backends.map((b) => b.close()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
