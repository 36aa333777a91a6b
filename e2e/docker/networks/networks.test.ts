import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../../src/docker-available.js';
import { httpGet } from '../../src/http-get.js';
import { containerIP, diagnostics, serviceServers, startScenario, type DockerScenario } from '../../src/scenario.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('docker: network selection', () => {
  let s: DockerScenario;
  beforeAll(async () => { s = await startScenario('networks'); });
  afterAll(async () => { await s?.stop(); });

  it('traefik.docker.network selects that network\'s address', async () => {
    const [id] = await s.project.ids('right');
    const backIP = await containerIP(id!, `${s.project.name}_back`);
    await waitFor(async () => (await serviceServers(s.wharf, `right-${s.project.name}@docker`)).join() === `http://${backIP}:80`, {
      timeoutMs: 20_000, description: 'right service on the back network',
    });
    expect((await httpGet(`${s.wharf.url('web')}/right`)).status).toBe(200);
  });

  it('a network name without the project prefix: diagnostic naming the attached networks; the prefixed one is used', async () => {
    const [id] = await s.project.ids('wrong');
    const backIP = await containerIP(id!, `${s.project.name}_back`);
    const diag = await waitFor(async () => (await diagnostics(s.wharf)).find((d) => d.code === 'DOCKER_NETWORK_NOT_FOUND' && d.source.includes(s.project.name)), {
      timeoutMs: 20_000, description: 'network diagnostic',
    });
    expect(diag.message).toContain('network `back` is not attached');
    expect(diag.message).toContain(`\`${s.project.name}_back\``);
    expect(diag.message).toContain('did you forget the compose project prefix?');
    expect(await serviceServers(s.wharf, `wrong-${s.project.name}@docker`)).toEqual([`http://${backIP}:80`]);
  });
});
