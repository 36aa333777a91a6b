import { resolve } from 'node:path';
import { formatStaticConfigError } from '../static/index.js';
import { startDemo, type RunningDemo } from './start-demo.js';

/**
 * `npm start`: three local whoami backends and a TCP echo, a watched demo file, wharf on :8000
 * (HTTP), :8443 (HTTPS + HTTP/2), :9000 (TCP) with the dashboard on :8080. Extra flags are passed
 * through (e.g. `npm start -- --log.level=DEBUG`).
 */
async function main(): Promise<void> {
  const env = process.env;
  let demo: RunningDemo;
  try {
    demo = await startDemo(resolve(env.WHARF_DEMO_DIR ?? '.wharf-demo'), {
      web: env.WHARF_DEMO_WEB ?? ':8000',
      websecure: env.WHARF_DEMO_WEBSECURE ?? ':8443',
      tcp: env.WHARF_DEMO_TCP ?? ':9000',
      api: env.WHARF_DEMO_API ?? ':8080',
    }, process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${formatStaticConfigError(err)}\n`);
    process.exit(2);
  }
  const { addresses } = demo.wharf;
  const [web, websecure, tcp, api] = [addresses.web?.port, addresses.websecure?.port, addresses.tcp?.port, addresses.traefik?.port];
  process.stdout.write(
    [
      '',
      'wharf demo is up',
      `  traffic    http://localhost:${web}/          (balanced over ${demo.backends.map((b) => b.name).join(', ')})`,
      `  sticky     http://localhost:${web}/sticky    (cookie wharf_demo pins one backend)`,
      `  https      curl -k --http2 https://localhost:${websecure}/   (TLS + HTTP/2, the generated default certificate)`,
      `  tcp        nc localhost ${tcp}               (a TCP router to an echo server)`,
      `  dashboard  http://localhost:${api}/dashboard/`,
      `  API        http://localhost:${api}/api/http/routers`,
      `  live file  ${demo.file}   (edit it: routes change without a restart)`,
      `  flip a backend's health: curl -X POST -d 500 ${demo.backends[0]!.url}/health`,
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
