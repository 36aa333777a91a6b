import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../../src/docker-available.js';
import { requestLoop } from '../../src/request-loop.js';
import { serviceServers, startScenario, type DockerScenario } from '../../src/scenario.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('docker: scaling follows events, stopping replicas drain first', () => {
  let s: DockerScenario;
  beforeAll(async () => { s = await startScenario('scale'); });
  afterAll(async () => { await s?.stop(); });

  const servers = () => serviceServers(s.wharf, 'whoami@docker');

  it('scale 3 → 5: new replicas are routed soon after they start', async () => {
    await waitFor(async () => (await servers()).length === 3, { timeoutMs: 20_000, description: '3 servers' });
    const router = (await (await fetch(`${s.wharf.apiURL}/api/http/routers/whoami@docker`, { signal: AbortSignal.timeout(5000) })).json()) as { middlewares?: string[]; status?: string };
    expect(router).toMatchObject({ status: 'enabled', middlewares: ['retry@docker'] });
    await s.project.run(['up', '-d', '--no-recreate', '--scale', 'whoami=5']);
    const started = Date.now();
    await waitFor(async () => (await servers()).length === 5, { timeoutMs: 15_000, intervalMs: 25, description: '5 servers' });
    console.info(`[scale] 5 servers visible ${Date.now() - started} ms after compose returned`);
  });

  it('scale 5 → 2 under steady load loses no request', async () => {
    const load = requestLoop(`${s.wharf.url('web')}/`);
    await new Promise((r) => setTimeout(r, 500));
    await s.project.run(['up', '-d', '--no-recreate', '--scale', 'whoami=2']);
    await waitFor(async () => (await servers()).length === 2, { timeoutMs: 15_000, description: '2 servers' });
    await new Promise((r) => setTimeout(r, 500));
    const { total, failures } = await load.stop();
    expect(total).toBeGreaterThan(10);
    if (failures.length > 0) console.error(`[scale] ${failures.length}/${total} failed; wharf log tail:\n${s.wharf.logs.slice(-4000)}`);
    expect(failures).toEqual([]);
  });
});
