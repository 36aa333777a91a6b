import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../../src/docker-available.js';
import { httpGet } from '../../src/http-get.js';
import { serviceServers, startScenario, type DockerScenario } from '../../src/scenario.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('docker: exposedByDefault=false and the default rule', () => {
  let s: DockerScenario;
  beforeAll(async () => { s = await startScenario('exposed', { wharfArgs: ['--providers.docker.exposedByDefault=false'] }); });
  afterAll(async () => { await s?.stop(); });

  it('routes Host(`whoami-<project>`) to the enabled container only', async () => {
    const host = `whoami-${s.project.name}`;
    const res = await waitFor(async () => {
      const r = await httpGet(`${s.wharf.url('web')}/`, { host });
      return r.status === 200 ? r : undefined;
    }, { timeoutMs: 20_000, description: `Host(${host})` });
    expect(res.body.toLowerCase()).toContain(`host: ${host}`.toLowerCase());
    expect(await serviceServers(s.wharf, `hidden-${s.project.name}@docker`)).toEqual([]);
    expect((await httpGet(`${s.wharf.url('web')}/`, { host: `hidden-${s.project.name}` })).status).toBe(404);
  });
});
