import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProject, downAll, type ComposeProject } from '../../src/compose.js';
import { ensureDocker } from '../../src/docker-available.js';
import { freePort } from '../../src/free-port.js';
import { buildImages } from '../../src/images.js';
import { runCommand } from '../../src/run-command.js';
import { waitFor } from '../../src/wait-for.js';
import { requestLoop } from '../../src/request-loop.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('dns: wharf in a container resolves whoami through Docker\'s 127.0.0.11 while it scales', () => {
  let project: ComposeProject;
  let web: string;
  let api: string;
  beforeAll(async () => {
    const images = await buildImages(['whoami', 'wharf']);
    const [httpPort, apiPort] = [await freePort(), await freePort()];
    web = `http://127.0.0.1:${httpPort}`;
    api = `http://127.0.0.1:${apiPort}`;
    project = composeProject(new URL('.', import.meta.url).pathname, {
      scenario: 'dns',
      env: { WHARF_IMAGE: images.wharf, WHOAMI_IMAGE: images.whoami, WHARF_HTTP_PORT: String(httpPort), WHARF_API_PORT: String(apiPort) },
    });
    await project.run(['up', '-d', '--no-build'], { timeoutMs: 180_000 });
  });
  afterAll(async () => { await project?.down(); await downAll(); });

  /** the whoami containers' addresses on the project network, as the engine sees them */
  const replicaURLs = async (): Promise<string[]> => {
    const ids = await project.ids('whoami');
    if (ids.length === 0) return [];
    const out = await runCommand('docker', ['inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', ...ids]);
    return out.stdout.split('\n').map((l) => l.trim()).filter(Boolean).map((ip) => `http://${ip}:80`).sort();
  };
  const servers = async (): Promise<string[]> => {
    const res = await fetch(`${api}/api/http/services/whoami@dns`, { signal: AbortSignal.timeout(5000) });
    if (res.status === 404) return [];
    const body = (await res.json()) as { loadBalancer?: { servers?: Array<{ url: string }> } };
    return (body.loadBalancer?.servers ?? []).map((s) => s.url).sort();
  };

  it('scale 3 → 5 → 2: the servers list follows the DNS answers and every replica answers', async () => {
    let load: ReturnType<typeof requestLoop> | undefined;
    try {
      for (const n of [3, 5, 2]) {
        if (n !== 3) await project.run(['up', '-d', '--no-recreate', '--scale', `whoami=${n}`]);
        const expected = await replicaURLs();
        expect(expected).toHaveLength(n);
        await waitFor(async () => JSON.stringify(await servers().catch(() => [])) === JSON.stringify(expected), {
          timeoutMs: 30_000, intervalMs: 100, description: `${n} servers from DNS`,
        }).catch(async (err: Error) => {
          const logs = await project.run(['logs', '--no-color', '--tail', '60', 'wharf'], { allowFailure: true });
          throw new Error(`${err.message}\nwharf has ${JSON.stringify(await servers().catch(() => []))}, expected ${JSON.stringify(expected)}\n${logs.stdout}`);
        });
        load ??= requestLoop(`${web}/`);
        load.resetHosts();
        await waitFor(() => load!.hosts.size === n, { timeoutMs: 10_000, description: `${n} replicas answer through wharf` });
        console.info(`[dns] ${n} replicas routed and answering`);
      }
    } finally {
      const result = await load?.stop();
      if (result) console.info(`[dns] ${result.total} requests, ${result.failures.length} failed`, result.failures.slice(0, 3));
    }
  });
});
