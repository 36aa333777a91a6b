import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../../src/docker-available.js';
import { containerIP, serviceServers, startScenario, type DockerScenario } from '../../src/scenario.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('docker: HEALTHCHECK status drives membership', () => {
  let s: DockerScenario;
  beforeAll(async () => { s = await startScenario('health'); });
  afterAll(async () => { await s?.stop(); });

  it('an unhealthy container is excluded and comes back when healthy', async () => {
    const ids = await s.project.ids('whoami');
    const ips = await Promise.all(ids.map((id) => containerIP(id)));
    const all = ips.map((ip) => `http://${ip}:80`).sort();
    await waitFor(async () => (await serviceServers(s.wharf, 'whoami@docker')).join() === all.join(), {
      timeoutMs: 30_000, description: 'both replicas healthy and routed',
    });
    const sick = ips[0]!;
    // whoami answers POST /health with the status it will report from now on
    expect((await fetch(`http://${sick}/health`, { method: 'POST', body: '500', signal: AbortSignal.timeout(5000) })).status).toBe(500);
    await waitFor(async () => !(await serviceServers(s.wharf, 'whoami@docker')).includes(`http://${sick}:80`), {
      timeoutMs: 30_000, description: 'unhealthy replica excluded',
    });
    await waitFor(async () => (await serviceServers(s.wharf, 'whoami@docker')).join() === `http://${ips[1]}:80`, {
      timeoutMs: 30_000, description: 'only the healthy replica routed',
    });
    await fetch(`http://${sick}/health`, { method: 'POST', body: '200', signal: AbortSignal.timeout(5000) });
    await waitFor(async () => (await serviceServers(s.wharf, 'whoami@docker')).join() === all.join(), {
      timeoutMs: 30_000, description: 'recovered replica back',
    });
  });
});
