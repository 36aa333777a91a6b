import { freePort } from '../../src/free-port.js';
import { runCommand } from '../../src/run-command.js';

/** wharf (the `wharf:local` image) running in a container, its entrypoint `web` and API published on loopback. */
export interface WharfContainer {
  name: string;
  url: string;
  apiURL: string;
  servers(service: string): Promise<string[]>;
  logs(): Promise<string>;
  remove(): Promise<void>;
}

/**
 * `docker run` of wharf with `flags`, on the default bridge (for the published ports), then
 * connected to `network`, where it reaches the backends by their container addresses.
 */
export async function runWharfContainer(image: string, name: string, network: string, flags: readonly string[]): Promise<WharfContainer> {
  const [web, api] = [await freePort(), await freePort()];
  await runCommand('docker', [
    'run', '-d', '--name', name, '-v', '/var/run/docker.sock:/var/run/docker.sock:ro',
    '-p', `127.0.0.1:${web}:80`, '-p', `127.0.0.1:${api}:8080`, image,
    '--api.insecure=true', '--entrypoints.web.address=:80', '--log.level=DEBUG', ...flags,
  ]);
  await runCommand('docker', ['network', 'connect', network, name]);
  const apiURL = `http://127.0.0.1:${api}`;
  return {
    name, url: `http://127.0.0.1:${web}`, apiURL,
    async servers(service) {
      const res = await fetch(`${apiURL}/api/http/services/${encodeURIComponent(service)}`, { signal: AbortSignal.timeout(5000) });
      if (res.status === 404) return [];
      const body = (await res.json()) as { loadBalancer?: { servers?: Array<{ url: string }> } };
      return (body.loadBalancer?.servers ?? []).map((s) => s.url).sort();
    },
    async logs() {
      const out = await runCommand('docker', ['logs', '--tail', '80', name], { allowFailure: true });
      return `${out.stdout}\n${out.stderr}`;
    },
    async remove() {
      await runCommand('docker', ['rm', '-f', name], { allowFailure: true });
    },
  };
}
