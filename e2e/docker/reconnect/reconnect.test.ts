import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../../src/docker-available.js';
import { restartDockerd } from '../../src/dockerd-restart.js';
import { httpGet } from '../../src/http-get.js';
import { serviceServers, startScenario, type DockerScenario } from '../../src/scenario.js';
import { startSocketProxy, type SocketProxy } from '../../src/socket-proxy.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();
// Restarting dockerd stops every container on the engine: CI (a dedicated machine) always does
// it; on a shared developer machine it runs only when asked.
const realRestart = process.env.CI === 'true' || process.env.WHARF_E2E_RESTART_DOCKERD === '1';

describe.skipIf(!docker.available)('docker: the engine goes away and comes back', () => {
  let s: DockerScenario;
  let proxy: SocketProxy;
  beforeAll(async () => {
    proxy = await startSocketProxy(join(await mkdtemp(join(tmpdir(), 'wharf-docker-')), 'docker.sock'));
    s = await startScenario('reconnect', { wharfArgs: [`--providers.docker.endpoint=${proxy.endpoint}`, '--log.level=INFO'] });
  });
  afterAll(async () => { await s?.stop(); await proxy?.close(); });

  const servers = () => serviceServers(s.wharf, 'whoami@docker');

  it('keeps routes while the engine is unreachable, resyncs and resumes events when it returns', async () => {
    await waitFor(async () => (await servers()).length === 1, { timeoutMs: 20_000, description: '1 server' });
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await httpGet(`${s.wharf.url('web')}/`)).status).toBe(200);
    expect(await servers()).toHaveLength(1);
    await s.project.run(['up', '-d', '--no-recreate', '--scale', 'whoami=2']);
    await proxy.restore();
    await waitFor(async () => (await servers()).length === 2, { timeoutMs: 30_000, description: 'resync after reconnect' });
    await s.project.run(['up', '-d', '--no-recreate', '--scale', 'whoami=3']);
    await waitFor(async () => (await servers()).length === 3, { timeoutMs: 15_000, description: 'events resumed' });
  });

  it.skipIf(!realRestart)('a real dockerd restart (in CI, or WHARF_E2E_RESTART_DOCKERD=1): routes kept, events resume', async () => {
    await restartDockerd();
    await waitFor(async () => (await httpGet(`${s.wharf.url('web')}/`)).status === 200, { timeoutMs: 60_000, description: 'route after restart' });
    // restart: always brings the 3 replicas back (maybe on new IPs): the provider resyncs first
    await waitFor(async () => (await servers()).length === 3, { timeoutMs: 90_000, description: 'resync after restart' }).catch((err: Error) => {
      throw new Error(`${err.message}\nwharf log:\n${s.wharf.logs.slice(-4000)}`);
    });
    await s.project.run(['up', '-d', '--no-recreate', '--scale', 'whoami=4']);
    await waitFor(async () => (await servers()).length === 4, { timeoutMs: 60_000, description: 'events after restart' });
  }, 300_000);
});
