import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDocker } from '../../src/docker-available.js';
import { httpGet } from '../../src/http-get.js';
import { diagnostics, startScenario, type ApiDiagnostic, type DockerScenario } from '../../src/scenario.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('docker: label typo and port-less container diagnostics', () => {
  let s: DockerScenario;
  beforeAll(async () => { s = await startScenario('diagnostics'); });
  afterAll(async () => { await s?.stop(); });

  it('the good service is unaffected', async () => {
    await waitFor(async () => (await httpGet(`${s.wharf.url('web')}/good`)).status === 200, { timeoutMs: 20_000, description: '/good' });
  });

  it('the typo and the missing port are diagnostics with suggestions', async () => {
    const found = await waitFor(async () => {
      const all = (await diagnostics(s.wharf)).filter((d) => d.source.includes(s.project.name));
      const typo = all.find((d) => d.code === 'WHARF_CONFIG_UNKNOWN_KEY');
      const noPort = all.find((d) => d.code === 'DOCKER_NO_PORT');
      return typo && noPort ? { typo, noPort } : undefined;
    }, { timeoutMs: 20_000, description: 'diagnostics in the API' }).catch((err: Error) => {
      throw new Error(`${err.message}\nwharf logs:\n${s.wharf.logs.slice(-3000)}`);
    });
    const typo: ApiDiagnostic = found.typo;
    expect(typo.key).toBe('traefik.http.services.typo.loadbalancer.server.prot');
    expect(typo.suggestion).toBe('loadbalancer.server.port');
    expect(typo.message).toMatch(/did you mean/);
    expect(found.noPort.suggestion).toMatch(/loadbalancer\.server\.port=<port>$/);
    expect((await httpGet(`${s.wharf.url('web')}/noport`)).status).toBe(404);
  });
});
