import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProject, downAll, type ComposeProject } from '../../src/compose.js';
import { ensureDocker } from '../../src/docker-available.js';
import { freePort } from '../../src/free-port.js';
import { httpGet, whoamiHostname } from '../../src/http-get.js';
import { buildImages } from '../../src/images.js';
import { REPO_ROOT } from '../../src/repo-paths.js';
import { waitFor } from '../../src/wait-for.js';

const docker = await ensureDocker();

describe.skipIf(!docker.available)('docker: the top-level docker-compose.yml', () => {
  let project: ComposeProject;
  let web: string;
  let api: string;
  beforeAll(async () => {
    const images = await buildImages(['whoami', 'wharf']);
    const [httpPort, apiPort] = [await freePort(), await freePort()];
    web = `http://127.0.0.1:${httpPort}`;
    api = `http://127.0.0.1:${apiPort}`;
    project = composeProject(REPO_ROOT, {
      scenario: 'composefile',
      files: ['docker-compose.yml', resolve(REPO_ROOT, 'e2e/docker/compose-file/override.yml')],
      env: {
        WHARF_IMAGE: images.wharf, WHARF_BASE_IMAGE: images.base, WHOAMI_IMAGE: images.whoami,
        WHARF_HTTP_PORT: String(httpPort), WHARF_API_PORT: String(apiPort),
      },
    });
    await project.run(['up', '-d', '--no-build'], { timeoutMs: 180_000 });
  });
  afterAll(async () => { await project?.down(); await downAll(); });

  it('serves the 3 whoami replicas on port 80 and the API on 8080', async () => {
    await waitFor(async () => (await fetch(`${api}/api/version`, { signal: AbortSignal.timeout(5000) })).ok, { timeoutMs: 60_000, description: 'API on 8080' }).catch(async (err: Error) => {
      const logs = await project.run(['logs', '--no-color', '--tail', '50', 'wharf'], { allowFailure: true });
      throw new Error(`${err.message}\n${logs.stdout}`);
    });
    const seen = new Set<string>();
    await waitFor(async () => {
      const res = await httpGet(`${web}/`);
      if (res.status === 200) seen.add(whoamiHostname(res.body) ?? '');
      return seen.size === 3;
    }, { timeoutMs: 30_000, intervalMs: 20, description: '3 replicas through port 80' });
    const service = (await (await fetch(`${api}/api/http/services/whoami@docker`, { signal: AbortSignal.timeout(5000) })).json()) as { loadBalancer: { servers: unknown[]; sticky?: unknown } };
    expect(service.loadBalancer.servers).toHaveLength(3);
    expect(service.loadBalancer.sticky).toEqual({ cookie: { name: 'MY_SERVICE_ADDRESS' } });
  });
});
