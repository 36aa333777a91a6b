import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../../src/docker-available.js';
import { httpGet, whoamiHostname } from '../../src/http-get.js';
import { serviceServers, startScenario, type DockerScenario } from '../../src/scenario.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('docker: compose replicas with the seed labels', () => {
  let s: DockerScenario;
  beforeAll(async () => { s = await startScenario('replicas', { wharfArgs: ['--providers.docker.exposedbydefault=false'] }); });
  afterAll(async () => { await s?.stop(); });

  it('merges the 3 replicas into one service and all of them answer', async () => {
    const ids = await s.project.ids('whoami');
    expect(ids).toHaveLength(3);
    await waitFor(async () => (await serviceServers(s.wharf, 'whoami@docker')).length === 3, { timeoutMs: 20_000, description: '3 servers' });
    const seen = new Set<string>();
    await waitFor(async () => {
      const res = await httpGet(`${s.wharf.url('web')}/`);
      if (res.status === 200) seen.add(whoamiHostname(res.body) ?? '');
      return seen.size === 3;
    }, { timeoutMs: 30_000, intervalMs: 20, description: 'answers from 3 replicas' });
    expect([...seen].sort()).toEqual(ids.map((id) => id.slice(0, 12)).sort());
  });

  it('the MY_SERVICE_ADDRESS cookie pins one replica', async () => {
    const first = await httpGet(`${s.wharf.url('web')}/`);
    const setCookie = ([] as string[]).concat(first.headers['set-cookie'] ?? []);
    const cookie = setCookie.find((c) => c.startsWith('MY_SERVICE_ADDRESS='));
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/172\.|:80/);
    const pinned = whoamiHostname(first.body);
    for (let i = 0; i < 10; i++) {
      const res = await httpGet(`${s.wharf.url('web')}/`, { headers: { cookie: cookie!.split(';')[0]! } });
      expect(whoamiHostname(res.body)).toBe(pinned);
    }
  });
});
