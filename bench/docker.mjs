#!/usr/bin/env node
// Docker provider benchmarks (entry point: `node bench/docker.mjs [--runs 7] [--json]`).
//  1. build-config: the pure `buildConfig` over 1,000 synthetic containers (target ≤ 200 ms).
//  2. event → route: `docker run` of a labelled container until the provider's snapshot routes
//     it (median of N start events; target ≤ 500 ms). Needs a Docker engine and the whoami
//     image from the e2e harness (`wharf-whoami:local`); skipped with a message otherwise.
// Requires `pnpm --filter '@wharf/provider-docker...' run build` (imports the built package).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const { buildConfig, createDockerProvider, DOCKER_PROVIDER_DEFAULTS } = await import('@wharf/provider-docker');

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } } });
const runs = Math.min(Math.max(Number(values.runs), 1), 50);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function syntheticContainers(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const project = `p${i % 50}`;
    const service = `svc${i % 200}`;
    out.push({
      id: `${i.toString(16).padStart(12, '0')}`,
      name: `${project}_${service}_${i}`,
      status: 'running',
      networkMode: `${project}_default`,
      networks: { [`${project}_default`]: { ipv4: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } },
      ports: [{ port: 80, protocol: 'tcp' }, { port: 443, protocol: 'tcp' }],
      compose: { project, service },
      labels: {
        'com.docker.compose.project': project,
        'com.docker.compose.service': service,
        'traefik.enable': 'true',
        [`traefik.http.routers.${service}-${project}.rule`]: `Host(\`${service}.${project}.test\`) && PathPrefix(\`/api\`)`,
        [`traefik.http.routers.${service}-${project}.middlewares`]: 'strip',
        'traefik.http.middlewares.strip.stripprefix.prefixes': '/api',
        [`traefik.http.services.${service}-${project}.loadbalancer.server.port`]: '80',
        [`traefik.http.services.${service}-${project}.loadbalancer.sticky.cookie.name`]: 'sid',
        [`traefik.http.services.${service}-${project}.loadbalancer.healthcheck.path`]: '/health',
      },
    });
  }
  return out;
}

function benchBuildConfig() {
  const containers = syntheticContainers(1000);
  buildConfig(containers, DOCKER_PROVIDER_DEFAULTS); // warm-up
  const times = [];
  let services = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const snapshot = buildConfig(containers, DOCKER_PROVIDER_DEFAULTS);
    times.push(performance.now() - t0);
    services = Object.keys(snapshot.config.http.services).length;
  }
  return { name: 'docker build-config 1000 containers', medianMs: round(median(times)), targetMs: 200, services };
}

function docker(args) {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

async function benchEventToRoute() {
  try { docker(['image', 'inspect', 'wharf-whoami:local']); } catch {
    return { name: 'docker event → route', skipped: 'no Docker engine or no wharf-whoami:local image (run the e2e image build first)' };
  }
  const tag = `wharfbench${randomBytes(3).toString('hex')}`;
  let latest = { config: { http: { routers: {} } } };
  let onSnapshot = () => {};
  const provider = createDockerProvider({ constraints: `Label(\`wharf.bench\`,\`${tag}\`)` }, { throttleMs: 50 });
  const ac = new AbortController();
  const running = provider.start((s) => { latest = s; onSnapshot(); }, ac.signal);
  const times = [];
  const names = [];
  try {
    for (let i = 0; i < runs; i++) {
      const name = `${tag}-${i}`;
      names.push(name);
      const routed = new Promise((resolve) => { onSnapshot = () => { if (latest.config.http.routers[name]) resolve(); }; });
      const t0 = performance.now();
      docker(['run', '-d', '--name', name, '-l', `wharf.bench=${tag}`, 'wharf-whoami:local']);
      const started = performance.now();
      await Promise.race([routed, new Promise((_, rej) => setTimeout(() => rej(new Error('not routed within 10 s')), 10_000))]);
      times.push(performance.now() - started);
      void t0;
    }
  } finally {
    ac.abort();
    await running;
    for (const n of names) { try { docker(['rm', '-f', n]); } catch { /* already gone */ } }
  }
  return { name: 'docker event → route (after `docker run` returns)', medianMs: round(median(times)), targetMs: 500, samples: times.map(round) };
}

const round = (x) => Math.round(x * 10) / 10;

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
}

/** The same through the whole wharf (aggregator throttle 100 ms, compile, swap, API). */
async function benchEventToRouteThroughWharf() {
  const { existsSync } = await import('node:fs');
  const { spawn } = await import('node:child_process');
  const bin = new URL('../apps/wharf/bin/wharf.mjs', import.meta.url);
  if (!existsSync(new URL('../apps/wharf/dist/main.js', import.meta.url))) return { name: 'wharf event → route', skipped: 'apps/wharf is not built' };
  try { docker(['image', 'inspect', 'wharf-whoami:local']); } catch { return { name: 'wharf event → route', skipped: 'no wharf-whoami:local image' }; }
  const tag = `wharfbench${randomBytes(3).toString('hex')}`;
  const [api, web] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [bin.pathname, '--api.insecure=true', `--entrypoints.traefik.address=127.0.0.1:${api}`,
    `--entrypoints.web.address=127.0.0.1:${web}`, '--providers.docker=true', '--providers.providersThrottleDuration=100ms',
    `--providers.docker.constraints=Label(\`wharf.bench\`,\`${tag}\`)`], { stdio: 'ignore' });
  const get = (path) => fetch(`http://127.0.0.1:${api}${path}`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
  const until = async (check, ms) => { const end = Date.now() + ms; while (Date.now() < end) { if (await check()) return true; await new Promise((r) => setTimeout(r, 10)); } return false; };
  const times = [];
  const names = [];
  try {
    if (!(await until(async () => (await get('/api/version')) === 200, 30_000))) return { name: 'wharf event → route', skipped: 'wharf did not start' };
    for (let i = 0; i < runs; i++) {
      const name = `${tag}-${i}`;
      names.push(name);
      docker(['run', '-d', '--name', name, '-l', `wharf.bench=${tag}`, 'wharf-whoami:local']);
      const started = performance.now();
      if (!(await until(async () => (await get(`/api/http/routers/${name}@docker`)) === 200, 10_000))) throw new Error(`${name} not routed within 10 s`);
      times.push(performance.now() - started);
    }
  } finally {
    child.kill('SIGTERM');
    for (const n of names) { try { docker(['rm', '-f', n]); } catch { /* already gone */ } }
  }
  return { name: 'wharf event → route (throttle 100 ms, seen in the API)', medianMs: round(median(times)), targetMs: 500, samples: times.map(round) };
}

const results = [benchBuildConfig(), await benchEventToRoute(), await benchEventToRouteThroughWharf()];
if (values.json) console.log(JSON.stringify(results, null, 2));
else {
  for (const r of results) {
    if (r.skipped) console.log(`${r.name}: skipped (${r.skipped})`);
    else console.log(`${r.name}: median ${r.medianMs} ms (target ≤ ${r.targetMs} ms)${r.medianMs <= r.targetMs ? '' : '  ✗ over target'}`);
  }
}
