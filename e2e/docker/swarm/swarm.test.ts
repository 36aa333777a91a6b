import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../src/compose.js';
import { ensureDocker } from '../../src/docker-available.js';
import { buildImages } from '../../src/images.js';
import { runCommand } from '../../src/run-command.js';
import { waitFor } from '../../src/wait-for.js';
import { requestLoop } from '../../src/request-loop.js';
import { runWharfContainer, type WharfContainer } from './wharf-container.js';

const docker = await ensureDocker();

async function swarmState(): Promise<string> {
  return (await runCommand('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout.trim();
}

describe.skipIf(!docker.available)('swarm: a stack deploy on a real single-node swarm, wharf in a container', () => {
  const id = uniqueName('swarm');
  const net = `${id}net`;
  const stack = id;
  let initialised = false;
  let dir: string | undefined;
  let wharf: WharfContainer | undefined;

  beforeAll(async () => {
    const images = await buildImages(['whoami', 'wharf']);
    if ((await swarmState()) !== 'active') {
      await runCommand('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1']);
      initialised = true;
    }
    await runCommand('docker', ['network', 'create', '--driver', 'overlay', '--attachable', net]);
    dir = await mkdtemp(join(tmpdir(), `${id}-`));
    const file = (await readFile(new URL('./stack.yml', import.meta.url), 'utf8'))
      .replaceAll('__NET__', net).replaceAll('__STACK__', stack).replaceAll('__WHOAMI__', images.whoami);
    await writeFile(join(dir, 'stack.yml'), file);
    await runCommand('docker', ['stack', 'deploy', '--resolve-image', 'never', '-c', join(dir, 'stack.yml'), stack]);
    wharf = await runWharfContainer(images.wharf, `${id}wharf`, net, [
      '--providers.swarm=true', '--providers.swarm.exposedbydefault=false', `--providers.swarm.network=${net}`,
      `--providers.swarm.constraints=Label(\`com.docker.stack.namespace\`,\`${stack}\`)`,
      '--providers.swarm.refreshseconds=30s', // the fallback only: events must do the work
    ]);
  });

  afterAll(async () => {
    if (wharf && process.env.WHARF_E2E_SWARM_LOGS === '1') console.info(await wharf.logs());
    await wharf?.remove();
    await runCommand('docker', ['stack', 'rm', stack], { allowFailure: true });
    // the stack's tasks leave the network a moment after `stack rm` returns
    await waitFor(async () => (await runCommand('docker', ['network', 'rm', net], { allowFailure: true })).code === 0, { timeoutMs: 30_000, description: `network ${net} removed` }).catch(() => undefined);
    if (initialised) await runCommand('docker', ['swarm', 'leave', '--force'], { allowFailure: true });
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const servers = () => wharf!.servers('whoami@swarm');
  const runningTasks = async () => (await runCommand('docker', [
    'service', 'ps', '--filter', 'desired-state=running', '--format', '{{.CurrentState}}', `${stack}_whoami`,
  ])).stdout.split('\n').filter((l) => l.startsWith('Running')).length;
  const scale = (n: number) => runCommand('docker', ['service', 'scale', '--detach', `${stack}_whoami=${n}`]);

  it('routes the 2 replicas of deploy.replicas; lbswarm gives the service VIP (API only: no IPVS here)', async () => {
    await waitFor(async () => (await servers().catch(() => [])).length === 2, { timeoutMs: 60_000, description: '2 swarm servers' }).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await wharf!.logs()}`);
    });
    const vips = await wharf!.servers('vip@swarm');
    const inspect = await runCommand('docker', ['service', 'inspect', '--format', '{{json .Endpoint.VirtualIPs}}', `${stack}_vip`]);
    const netId = (await runCommand('docker', ['network', 'inspect', '--format', '{{.Id}}', net])).stdout.trim();
    const vip = (JSON.parse(inspect.stdout) as Array<{ NetworkID: string; Addr: string }>).find((v) => v.NetworkID === netId)?.Addr.split('/')[0];
    expect(vip).toBeTruthy();
    expect(vips).toEqual([`http://${vip}:80`]);
  });

  it('scale 2 → 4 → 1 under a request loop: no failed request, every replica answers, changes routed in ≤ 2 s', async () => {
    const load = requestLoop(`${wharf!.url}/`);
    await waitFor(() => load.hosts.size === 2, { timeoutMs: 10_000, description: '2 replicas answer' });
    for (const n of [4, 1]) {
      await scale(n);
      // the engine's own view (tasks desired and currently running) and wharf's, polled side by side
      const [runningAt, routedAt] = await Promise.all([
        waitFor(async () => (await runningTasks()) === n && Date.now(), { timeoutMs: 30_000, intervalMs: 50, description: `${n} running tasks` }),
        waitFor(async () => (await servers()).length === n && Date.now(), { timeoutMs: 30_000, intervalMs: 50, description: `${n} servers` }),
      ]);
      console.info(`[swarm] ${n} servers routed ${routedAt - runningAt} ms after the engine reported ${n} running tasks`);
      expect(routedAt - runningAt).toBeLessThanOrEqual(2000);
      load.resetHosts();
      await waitFor(() => load.hosts.size === n, { timeoutMs: 10_000, description: `${n} replicas answer` });
    }
    const { total, failures } = await load.stop();
    expect(total).toBeGreaterThan(20);
    if (failures.length > 0) console.error(`[swarm] ${failures.length}/${total} failed\n${await wharf!.logs()}`);
    expect(failures).toEqual([]);
  });
});
